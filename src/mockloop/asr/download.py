"""`mockloop models download NAME`: the app's only network path, explicit and user-started.

The download itself is faster-whisper's own (faster_whisper.utils.download_model ->
huggingface_hub.snapshot_download, which honours HF_ENDPOINT), run in a child process so that:

- HF_HUB_OFFLINE=1, which mockloop sets for the whole app, is lifted for that call only;
- Cancel (the window's button, Ctrl+C) ends it at once, whatever the library is doing;
- nothing the library prints reaches the user (its log goes to a file in the data folder).

Files arrive in a temporary folder inside the data folder (DATA/.downloads/NAME). A connection
that drops is resumed by huggingface_hub itself within a try (a Range request, a few times);
it discards a partial file when the try fails, so the child keeps one of its own
(DATA/.downloads/NAME/.resume/FILE.part, written as the bytes arrive) and hands it back to the
library's own http_get as `resume_size` on the next try, which then asks only for the rest.

Only when every file has the size and checksum the server's metadata gives (sha256 for
model.bin, the git blob id for the small files) and model.bin loads with CTranslate2 is the
folder renamed to DATA/models/NAME, where the catalog looks. A failed or cancelled download
never leaves a folder there, and the built-in model is never touched.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mockloop import paths
from mockloop.child import child_command
from mockloop.errors import ModelError, UserError

log = logging.getLogger(__name__)

# The names offered for download, and their faster-whisper repos (as in faster_whisper.utils).
DOWNLOADS = {
    "base.en": "Systran/faster-whisper-base.en",
    "small.en": "Systran/faster-whisper-small.en",
    "distil-small.en": "Systran/faster-distil-whisper-small.en",
}
# What faster-whisper's download_model fetches (its allow_patterns).
ALLOW = ("config.json", "preprocessor_config.json", "model.bin", "tokenizer.json", "vocabulary.*")

OFFLINE = "Could not reach the model server; check the connection and try again."

Progress = Callable[[int, int], None]  # (bytes so far, bytes in all; 0 while not known)


class DownloadCancelled(UserError):
    """The user stopped the download; what arrived is kept for the next try."""


@dataclass(frozen=True)
class FileInfo:
    size: int
    sha256: str | None  # LFS files
    blob_id: str | None  # git's sha1 of "blob <size>\0" + content


def models_root() -> Path:
    """DATA/models: where downloaded models are kept (one folder per model)."""
    return paths.data_dir() / "models"


def downloads_root() -> Path:
    """DATA/.downloads: downloads in progress (never looked at by the catalog)."""
    return paths.data_dir() / ".downloads"


def target_dir(name: str) -> Path:
    return models_root() / name


def _repo(name: str) -> str:
    if name not in DOWNLOADS:
        raise UserError(f"There is no model '{name}' to download; choose one of "
                        f"{', '.join(DOWNLOADS)}.")
    return DOWNLOADS[name]


# -- checking what arrived ---------------------------------------------------------------------

def _hash(path: Path, algo: str, prefix: bytes = b"") -> str:
    h = hashlib.new(algo)
    h.update(prefix)
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def verify_files(folder: Path, manifest: dict[str, FileInfo]) -> list[str]:
    """The names of files in `folder` that are missing or differ from the server's metadata."""
    bad = []
    for name, info in manifest.items():
        path = folder / name
        try:
            size = path.stat().st_size
        except OSError:
            bad.append(name)
            continue
        if size != info.size:
            bad.append(name)
        elif info.sha256:
            if _hash(path, "sha256") != info.sha256.lower():
                bad.append(name)
        elif info.blob_id and _hash(path, "sha1", b"blob %d\0" % size) != info.blob_id.lower():
            bad.append(name)
    return bad


def _loads(folder: Path) -> bool:
    """model.bin loads with CTranslate2 (the last check before the model is offered)."""
    try:
        import ctranslate2

        model = ctranslate2.models.Whisper(str(folder), device="cpu", compute_type="int8",
                                           intra_threads=1)
        del model
        return True
    except Exception as exc:
        log.info("the downloaded model in %s does not load: %s", folder, exc)
        return False


def _bytes_on_disk(folder: Path) -> int:
    """What has arrived so far: finished files plus huggingface_hub's .incomplete ones."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for f in files:
            if f.endswith(".part") or any(fnmatch.fnmatch(f, p) for p in ALLOW):
                try:
                    total += os.path.getsize(os.path.join(root, f))
                except OSError:
                    pass
    return total


# -- the download ------------------------------------------------------------------------------

def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["HF_HUB_OFFLINE"] = "0"  # lifted for this one call, in this one process
    env.pop("TRANSFORMERS_OFFLINE", None)
    env["HF_HUB_DISABLE_TELEMETRY"] = "1"
    env["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
    # Plain HTTP (Range requests), which the resume below and the stand-in hub of the tests
    # both rely on, rather than the Xet chunk protocol.
    env["HF_HUB_DISABLE_XET"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def download(name: str, *, progress: Progress | None = None,
             cancel: threading.Event | None = None, poll_s: float = 0.2) -> Path:
    """Download model `name` (see DOWNLOADS) and return its folder under DATA/models.

    A model already downloaded is returned at once. UserError with one plain sentence when the
    server cannot be reached, the connection drops (the next call resumes), the files do not
    match, or `cancel` was set (DownloadCancelled); KeyboardInterrupt ends the child first.
    """
    repo = _repo(name)
    final = target_dir(name)
    if final.is_dir():
        from mockloop.asr.model_dir import locate_model

        try:
            return locate_model(final)
        except ModelError:
            shutil.rmtree(final, ignore_errors=True)  # not ours to trust: fetch it again
    work = downloads_root() / name
    work.mkdir(parents=True, exist_ok=True)
    log_path = downloads_root() / f"{name}.log"
    manifest: dict[str, FileInfo] | None = None
    outcome: dict = {}
    with open(log_path, "ab") as log_file:
        proc = subprocess.Popen(
            child_command("mockloop.asr.download", repo, str(work)),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log_file,
            env=_child_env(),
        )
    stdout = proc.stdout
    assert stdout is not None  # stdout=PIPE
    lines: list[bytes] = []  # one JSON message per line, as the child wrote it
    reader = threading.Thread(target=lambda: lines.extend(stdout), daemon=True)
    reader.start()
    total = 0
    try:
        while True:
            done = proc.poll() is not None
            while lines:
                msg = _message(lines.pop(0))
                if "manifest" in msg:
                    manifest = {k: FileInfo(**v) for k, v in msg["manifest"].items()}
                    total = sum(f.size for f in manifest.values())
                else:
                    outcome.update(msg)
            if progress is not None:
                progress(min(_bytes_on_disk(work), total) if total else _bytes_on_disk(work),
                         total)
            if done:
                reader.join(timeout=5)
                if not lines:
                    break
                continue
            if cancel is not None and cancel.is_set():
                _end(proc)
                raise DownloadCancelled(
                    f"The download of {name} was cancelled; start it again to continue where "
                    "it stopped.")
            time.sleep(poll_s)
    except KeyboardInterrupt:
        _end(proc)
        raise
    if proc.returncode != 0 or "done" not in outcome or manifest is None:
        if not any((work / ".resume").glob("*.part")) and not any(
                (work / f).is_file() for f in (manifest or {})):
            shutil.rmtree(work, ignore_errors=True)  # nothing arrived: nothing to keep
        raise ModelError(_failure_sentence(name, outcome.get("error"), total))
    return _finish(name, work, final, manifest)


def _finish(name: str, work: Path, final: Path, manifest: dict[str, FileInfo]) -> Path:
    """Check the files, then rename the folder into place (or remove what is wrong)."""
    bad = verify_files(work, manifest)
    if bad:
        for f in bad:
            (work / f).unlink(missing_ok=True)
        shutil.rmtree(work / ".resume", ignore_errors=True)
        log.warning("downloaded %s: %s differ from the server's metadata", name, ", ".join(bad))
        raise ModelError(f"The downloaded {name} model did not match the server's checksums, so "
                         "it was removed; run the download again.")
    if not _loads(work):
        shutil.rmtree(work, ignore_errors=True)
        raise ModelError(f"The downloaded {name} model does not load, so it was removed; run the "
                         "download again.")
    for extra in (".cache", ".resume"):  # huggingface_hub's bookkeeping, and ours
        shutil.rmtree(work / extra, ignore_errors=True)
    final.parent.mkdir(parents=True, exist_ok=True)
    if final.exists():
        shutil.rmtree(final)
    os.replace(work, final)
    (downloads_root() / f"{name}.log").unlink(missing_ok=True)
    from mockloop.asr.model_dir import locate_model

    return locate_model(final)


def _end(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _message(line: str | bytes) -> dict:
    try:
        msg = json.loads(line)
        return msg if isinstance(msg, dict) else {}
    except ValueError:
        return {}


def _failure_sentence(name: str, kind: str | None, total: int) -> str:
    if kind == "offline":
        return OFFLINE
    if kind == "notfound":
        return f"The model server has no {name} model."
    if kind == "disk":
        mb = f" (it needs {total / 1e6:.0f} MB)" if total else ""
        return f"There is not enough free disk space for the {name} model{mb}."
    if kind == "dropped":
        return (f"The connection dropped before {name} finished downloading; run the download "
                "again to continue where it stopped.")
    return f"The download of {name} failed; try again later."


# -- the child process ---------------------------------------------------------------------------

def _emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def _kind(exc: BaseException) -> str:
    """What went wrong, in the words the parent turns into a sentence."""
    import errno

    from huggingface_hub.errors import (
        HfHubHTTPError,
        LocalEntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, (RepositoryNotFoundError, RevisionNotFoundError)):
            return "notfound"
        if isinstance(seen, OSError) and seen.errno == errno.ENOSPC:
            return "disk"
        # huggingface_hub's HTTP client (httpx, or httpx2 in newer releases), by class name
        names = {c.__name__ for c in type(seen).__mro__}
        if names & {"ConnectError", "ConnectTimeout", "ProxyError"}:
            return "offline" if not _started[0] else "dropped"
        if names & {"RemoteProtocolError", "ReadError", "TimeoutException", "NetworkError"}:
            return "dropped"
        if isinstance(seen, HfHubHTTPError):
            return "dropped" if _started[0] else "offline"
        if isinstance(seen, LocalEntryNotFoundError) and not _started[0]:
            return "offline"
        if isinstance(seen, OSError) and "Consistency check failed" in str(seen):
            return "dropped"
        seen = seen.__cause__ or seen.__context__
    return "dropped" if _started[0] else "other"


_started = [False]  # the manifest arrived: the server was reached


def _keep_partial_files(resume_dir: Path) -> None:
    """Make huggingface_hub's http_get resume across tries, not only within one.

    Each first call for a URL writes into DATA/.downloads/NAME/.resume/<hash>.part instead of
    the library's throw-away temporary file (opened for appending: what an earlier try got is
    kept and the library sends `Range: bytes=N-` for the rest, which it already does for its
    own retries); when the file is complete it is copied into the library's file, which the
    library then checks and moves into place. A failed, cancelled or killed try leaves the
    .part file for the next one.
    """
    import huggingface_hub.file_download as fd

    original = fd.http_get
    resume_dir.mkdir(parents=True, exist_ok=True)

    def http_get(url, temp_file, *args, resume_size=0, **kwargs):
        if getattr(temp_file, "_mockloop_part", False) or resume_size:
            return original(url, temp_file, *args, resume_size=resume_size, **kwargs)
        part = resume_dir / (hashlib.sha1(url.encode()).hexdigest()[:16] + ".part")
        with open(part, "ab") as fh:
            fh._mockloop_part = True
            have = fh.tell()
            expected = kwargs.get("expected_size")
            if expected is not None and have > expected:  # not the same file: start again
                fh.truncate(0)
                have = 0
            original(url, fh, *args, resume_size=have, **kwargs)
        with open(part, "rb") as src:
            shutil.copyfileobj(src, temp_file, 1 << 20)
        part.unlink()

    fd.http_get = http_get


def _child(repo: str, out: str) -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    try:
        from faster_whisper.utils import download_model
        from huggingface_hub import HfApi

        info = HfApi().model_info(repo, files_metadata=True)
        manifest = {}
        for s in info.siblings or []:
            if any(fnmatch.fnmatch(s.rfilename, p) for p in ALLOW) and "/" not in s.rfilename:
                lfs = getattr(s, "lfs", None)
                manifest[s.rfilename] = {"size": int(s.size or 0),
                                         "sha256": lfs.sha256 if lfs else None,
                                         "blob_id": getattr(s, "blob_id", None)}
        _started[0] = True
        _emit({"manifest": manifest})
        _keep_partial_files(Path(out) / ".resume")
        download_model(repo, output_dir=out, revision=info.sha)
    except KeyboardInterrupt:
        return 130
    except BaseException as exc:
        logging.exception("download of %s failed", repo)
        _emit({"error": _kind(exc)})
        return 1
    _emit({"done": out})
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], sys.argv[2]))
