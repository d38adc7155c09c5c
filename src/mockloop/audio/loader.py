"""Loading any common audio file as 16 kHz mono float32, with one plain error per failure.

Besides files, a pipe works too (`mockloop analyze <(sox ... -t wav -)`, a named FIFO): it is
read into a temporary file first, and one with nothing writing to it is refused after
PIPE_WAIT_S instead of waiting forever. A PCM WAV whose header claims less audio than the file
holds (a recorder that died before fixing it) is read to its real end, with a logged note.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import os
import select
import stat
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mockloop.audio.riff import RiffError, WavLayout, read_wav_layout, stale_size
from mockloop.errors import AudioError, shown_name

log = logging.getLogger("mockloop")

SAMPLE_RATE = 16000
MAX_DURATION_S = 3 * 3600.0
PIPE_WAIT_S = 3.0  # how long a pipe may stay silent before it counts as having no writer
# More than 3 hours of 48 kHz stereo 16-bit WAV (2.1 GB): the most a pipe is copied for.
MAX_PIPE_BYTES = 3 * 1024**3


@dataclass(frozen=True)
class _Source:
    path: Path  # what is read: the file itself, or the temporary copy of a pipe
    name: str  # how messages name it: "answer.wav", or "/dev/fd/63" for a pipe
    what: str  # how a sentence starts with it: "The audio file answer.wav"
    layout: WavLayout | None = None
    real_data_bytes: int | None = None  # set when a stale WAV header is read past


@contextlib.contextmanager
def _source(path: Path) -> Iterator[_Source]:
    """The file to read, checked: missing, folder, device, empty, cut off or damaged are
    AudioErrors; a pipe is copied to a temporary file that is gone when the block ends."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise AudioError(f"The audio file {shown_name(path)} does not exist.") from None
    except OSError as exc:
        raise AudioError(
            f"The audio file {shown_name(path)} cannot be read: {exc.strerror or exc}."
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise AudioError(f"{shown_name(path)} is a folder, not an audio file.")
    if stat.S_ISREG(st.st_mode):
        name = shown_name(path.name)
        yield _checked(path, name, f"The audio file {name}")
        return
    if not stat.S_ISFIFO(st.st_mode):
        raise AudioError(f"{shown_name(path)} is a device, not an audio file.")
    name = shown_name(path)  # "/dev/fd/63" says more than "63"
    what = f"The audio from {name}"
    with tempfile.TemporaryDirectory(prefix="mockloop-pipe-") as tmp:
        copy = Path(tmp) / "audio"
        _copy_pipe(path, copy, what)
        yield _checked(copy, name, what)


def _copy_pipe(path: Path, dest: Path, what: str) -> None:
    # O_NONBLOCK: opening a FIFO nobody writes to would otherwise block forever.
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise AudioError(f"{what} cannot be read: {exc.strerror or exc}.") from None
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        if not poller.poll(PIPE_WAIT_S * 1000):
            raise AudioError(
                f"Nothing was written to the pipe {shown_name(path)} in {PIPE_WAIT_S:.0f} s, "
                "so there is no audio to read."
            )
        os.set_blocking(fd, True)
        total = 0
        with open(dest, "wb") as out:
            while chunk := os.read(fd, 1 << 20):
                total += len(chunk)
                if total > MAX_PIPE_BYTES:
                    raise AudioError(
                        f"{what} is over {MAX_PIPE_BYTES // 1024**3} GB, more than "
                        f"{MAX_DURATION_S / 3600:.0f} hours of sound; the limit is "
                        f"{MAX_DURATION_S / 3600:.0f} hours."
                    )
                out.write(chunk)
    except OSError as exc:
        raise AudioError(f"{what} cannot be read: {exc.strerror or exc}.") from None
    finally:
        os.close(fd)


def _checked(path: Path, name: str, what: str) -> _Source:
    """Raise AudioError for a file that is empty or a cut-off WAV; note a stale WAV header."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            layout = read_wav_layout(f) if size else None
            real = stale_size(f, layout) if layout is not None else None
    except RiffError as exc:
        raise AudioError(f"{what} is damaged: {exc}.") from exc
    except OSError as exc:
        raise AudioError(f"{what} cannot be read: {exc.strerror or exc}.") from exc
    if size == 0:
        raise AudioError(f"{what} is empty.")
    if layout is not None and layout.missing_bytes >= max(1, layout.block_align):
        # PyAV would quietly decode what is there; a cut-off file is worth telling the user.
        promised = layout.seconds(layout.declared_data_bytes)
        present = layout.seconds(layout.available_data_bytes)
        raise AudioError(
            f"{what} is cut off: its header promises {promised:.1f} s "
            f"of audio but only {present:.1f} s is there."
        )
    if layout is not None and real is not None:  # real is only found in a layout
        log.warning(
            "%s says %.1f s in its header but holds %.1f s of audio (a recording that was "
            "not closed properly?); all of it is used.",
            what,
            layout.seconds(layout.declared_data_bytes), layout.seconds(real),
        )
    return _Source(path, name, what, layout, real)


class _PatchedWav(io.RawIOBase):
    """A WAV file read with its RIFF and data sizes replaced by the real ones."""

    def __init__(self, path: Path, layout: WavLayout, data_bytes: int) -> None:
        self._f = open(path, "rb")  # noqa: SIM115 - closed with this object
        self._patches = (
            (4, struct.pack("<I", min(0xFFFFFFFF, layout.data_offset - 8 + data_bytes))),
            (layout.data_offset - 4, struct.pack("<I", min(0xFFFFFFFF, data_bytes))),
        )

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._f.seek(offset, whence)

    def tell(self) -> int:
        return self._f.tell()

    def readinto(self, buf) -> int:
        start = self._f.tell()
        n = self._f.readinto(buf)
        for at, data in self._patches:
            lo, hi = max(at, start), min(at + len(data), start + n)
            if lo < hi:
                buf[lo - start:hi - start] = data[lo - at:hi - at]
        return n

    def close(self) -> None:
        self._f.close()
        super().close()


def _clock(seconds: float) -> str:
    """h:mm:ss, rounded up: a file just over the limit never reads as exactly the limit."""
    total = math.ceil(seconds)
    return f"{total // 3600}:{total // 60 % 60:02d}:{total % 60:02d}"


def _too_long(src: _Source, seconds: float) -> AudioError:
    return AudioError(
        f"{src.what} lasts {_clock(seconds)} (h:mm:ss); "
        f"the limit is {MAX_DURATION_S / 3600:.0f} hours."
    )


@contextlib.contextmanager
def _open(src: _Source):
    import av

    raw = (_PatchedWav(src.path, src.layout, src.real_data_bytes)
           if src.layout is not None and src.real_data_bytes is not None else None)
    name = src.name
    try:
        try:
            container = av.open(raw if raw is not None else str(src.path),
                                metadata_errors="ignore")
        except (av.error.FFmpegError, UnicodeDecodeError) as exc:
            raise AudioError(f"{name} is not an audio file this app can read.") from exc
        try:
            if not container.streams.audio:
                raise AudioError(f"{name} has no sound in it (no audio stream).")
            yield container
        finally:
            container.close()
    finally:
        if raw is not None:
            raw.close()


def _declared_seconds(container) -> float | None:
    stream = container.streams.audio[0]
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000
    return None


def audio_duration(path: str | os.PathLike[str]) -> float:
    """Seconds of audio in the file, from its header when possible (decodes otherwise)."""
    path = Path(path)
    with _source(path) as src:
        if src.layout is not None and src.real_data_bytes is not None:
            return src.layout.seconds(src.real_data_bytes)
        with _open(src) as container:
            seconds = _declared_seconds(container)
        if seconds is None:
            seconds = len(_decode(src)) / SAMPLE_RATE
    return seconds


def load_audio(path: str | os.PathLike[str]) -> np.ndarray:
    """The whole file as float32 mono samples at 16 kHz; AudioError naming the file if not."""
    with _source(Path(path)) as src:
        return _decode(src)


def _decode(src: _Source) -> np.ndarray:
    import av

    with _open(src) as container:
        declared = _declared_seconds(container)
        if declared is not None and declared > MAX_DURATION_S:
            raise _too_long(src, declared)
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        limit = int((MAX_DURATION_S + 1) * SAMPLE_RATE)
        chunks: list[np.ndarray] = []
        total = 0
        try:
            for packet in container.demux(stream):
                try:
                    frames = packet.decode()
                except av.error.InvalidDataError:
                    continue  # a damaged packet costs a few ms of audio, not the whole file
                for frame in frames:
                    for out in resampler.resample(frame):
                        chunk = out.to_ndarray().reshape(-1)
                        chunks.append(chunk)
                        total += len(chunk)
                if total > limit:
                    raise _too_long(src, total / SAMPLE_RATE)
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
        except av.error.FFmpegError as exc:
            raise AudioError(f"{src.what} could not be decoded (it may be damaged).") from exc
    audio = (
        np.concatenate(chunks).astype(np.float32, copy=False) if chunks else np.zeros(0, np.float32)
    )
    if audio.size == 0:
        raise AudioError(f"{src.what} contains no audio.")
    return audio
