"""Crash-safe 16-bit mono WAV recording: data on disk as it arrives, header kept current.

Samples go straight to the file (no user-space buffer), so a killed process loses only
what had not reached us yet; the header sizes are rewritten and fsynced about every
0.5 s, and `recover_wav` fixes a header left stale by a process that died.
"""

from __future__ import annotations

import errno
import os
import struct
import time
from pathlib import Path
from typing import Self

import numpy as np

from mockloop.audio.riff import RiffError, read_wav_layout
from mockloop.audio.riff import trailing_chunk as _trailing_chunk
from mockloop.errors import AudioError, StorageError

HEADER_BYTES = 44
_NO_ROOM = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class DiskFullError(StorageError):
    """Writing the recording failed for lack of room; `kept_s` seconds are safe on disk."""

    def __init__(self, message: str, kept_s: float) -> None:
        super().__init__(message)
        self.kept_s = kept_s


def _header(samplerate: int, data_bytes: int) -> bytes:
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + data_bytes,
        b"WAVE",
        b"fmt ",
        16,
        1,
        1,
        samplerate,
        samplerate * 2,
        2,
        16,
        b"data",
        data_bytes,
    )


def to_pcm16(samples: np.ndarray) -> bytes:
    """Float samples in [-1, 1] (or int16) as little-endian 16-bit PCM bytes."""
    if samples.dtype == np.int16:
        return samples.astype("<i2", copy=False).tobytes()
    scaled = np.rint(np.clip(samples, -1.0, 1.0) * 32767.0)
    return scaled.astype("<i2").tobytes()


class WavWriter:
    """Appends mono 16-bit samples to a WAV file so that it survives the process dying."""

    def __init__(
        self, path: str | os.PathLike[str], samplerate: int = 16000, *, sync_interval_s: float = 0.5
    ) -> None:
        self.path = Path(path)
        self.samplerate = samplerate
        self.sync_interval_s = sync_interval_s
        self._data_bytes = 0
        self._synced_bytes = -1
        try:
            # 0600: a recording of the user's voice is theirs alone, whatever the umask.
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            self._fd: int | None = fd
            self._write_all(fd, _header(samplerate, 0))
        except OSError as exc:
            raise StorageError(
                f"Cannot create the recording file {self.path}: {exc.strerror or exc}."
            ) from exc
        self._last_sync = time.monotonic()

    @property
    def frames(self) -> int:
        return self._data_bytes // 2

    @property
    def duration_s(self) -> float:
        return self.frames / self.samplerate

    @property
    def closed(self) -> bool:
        return self._fd is None

    @staticmethod
    def _write_all(fd: int, data: bytes) -> int:
        view = memoryview(data)
        done = 0
        while done < len(view):
            done += os.write(fd, view[done:])
        return done

    def write(self, samples: np.ndarray) -> None:
        """Append samples (float32 in [-1, 1] or int16); raises DiskFullError/StorageError."""
        if self._fd is None:
            raise ValueError("write to a closed WavWriter")
        data = to_pcm16(np.asarray(samples).reshape(-1))
        try:
            self._write_all(self._fd, data)
        except OSError as exc:
            self._fail(exc)
        self._data_bytes += len(data)
        if time.monotonic() - self._last_sync >= self.sync_interval_s:
            self.sync()

    def _fail(self, exc: OSError) -> None:
        """Keep the whole samples that reached the disk, make the file valid, then report."""
        fd = self._fd
        assert fd is not None  # write() calls this with the file open
        kept_bytes = self._data_bytes
        try:
            kept_bytes = os.fstat(fd).st_size - HEADER_BYTES
            kept_bytes -= kept_bytes % 2
            os.ftruncate(fd, HEADER_BYTES + kept_bytes)
            self._data_bytes = kept_bytes
            self.sync()
        except OSError:
            pass  # the header stays stale; recover_wav can still repair the file later
        finally:
            os.close(fd)
            self._fd = None
        kept = kept_bytes / 2 / self.samplerate
        if exc.errno in _NO_ROOM:
            raise DiskFullError(
                f"The disk has no room left for the recording; the first {kept:.1f} s "
                f"were kept in {self.path.name}.",
                kept,
            ) from exc
        raise StorageError(
            f"Writing the recording {self.path.name} failed ({exc.strerror or exc}); "
            f"the first {kept:.1f} s were kept."
        ) from exc

    def sync(self) -> None:
        """Make the header describe everything written so far and push it to the disk."""
        if self._fd is None:
            return
        if self._synced_bytes != self._data_bytes:
            os.pwrite(self._fd, struct.pack("<I", 36 + self._data_bytes), 4)
            os.pwrite(self._fd, struct.pack("<I", self._data_bytes), 40)
            self._synced_bytes = self._data_bytes
        os.fsync(self._fd)
        self._last_sync = time.monotonic()

    def close(self) -> None:
        if self._fd is None:
            return
        try:
            self.sync()
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def recover_wav(path: str | os.PathLike[str]) -> float:
    """Fix the header of a WAV file left by a process that died; return its seconds of audio."""
    path = Path(path)
    try:
        with open(path, "r+b") as f:
            try:
                layout = read_wav_layout(f)
            except RiffError as exc:
                raise AudioError(f"The recording {path.name} cannot be recovered: {exc}.") from exc
            if layout is None or layout.block_align <= 0:
                raise AudioError(
                    f"The recording {path.name} is not a WAV file, so it cannot be recovered."
                )
            if (
                layout.size_known
                and layout.declared_data_bytes <= layout.available_data_bytes
                and _trailing_chunk(f, layout)
            ):
                return layout.seconds(layout.declared_data_bytes)
            good = layout.available_data_bytes
            good -= good % layout.block_align
            if layout.data_offset + good != layout.file_bytes:
                f.truncate(layout.data_offset + good)
            if good != layout.declared_data_bytes:
                f.seek(4)
                f.write(struct.pack("<I", layout.data_offset - 8 + good))
                f.seek(layout.data_offset - 4)
                f.write(struct.pack("<I", good))
                f.flush()
                os.fsync(f.fileno())
            return layout.seconds(good)
    except FileNotFoundError as exc:
        raise AudioError(f"The recording {path} does not exist.") from exc
    except OSError as exc:
        raise StorageError(f"Cannot repair the recording {path}: {exc.strerror or exc}.") from exc
