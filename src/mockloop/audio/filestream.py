"""An input stream fed from an audio file, with sounddevice.InputStream's callback contract.

Tests, benchmarks and the headless command use it in place of a microphone: it plays the
file into the recorder at real-time pace (or as fast as possible), then quiet-room silence,
and can simulate what a real device does: refuse a rate, overflow, or vanish mid-round.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Self

import numpy as np

from mockloop.audio.resample import resample, to_mono


class StreamOpenError(Exception):
    """The simulated device refuses the requested settings (like PortAudioError on open)."""


@dataclass
class StreamStatus:
    """Mirror of sounddevice.CallbackFlags for the fields the recorder reads."""

    input_overflow: bool = False
    input_underflow: bool = False
    output_overflow: bool = False
    output_underflow: bool = False
    priming_output: bool = False

    def __bool__(self) -> bool:
        return self.input_overflow or self.input_underflow

    def __str__(self) -> str:
        return "input overflow" if self.input_overflow else ""


def _read_native(path: Path) -> tuple[np.ndarray, int]:
    """(frames, channels) float32 samples at the file's own rate when soundfile can read it."""
    import soundfile

    try:
        data, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
        return data, int(rate)
    except (soundfile.LibsndfileError, RuntimeError, TypeError):
        from mockloop.audio.loader import SAMPLE_RATE, load_audio

        return load_audio(path).reshape(-1, 1), SAMPLE_RATE


class FileInputStream:
    """Delivers `data` to `callback` in blocks from a worker thread, like a PortAudio stream."""

    def __init__(
        self,
        data: np.ndarray,
        native_rate: int,
        *,
        realtime: bool = True,
        fail_after_s: float | None = None,
        native_rate_only: bool = False,
        overflow_at_s: Sequence[float] = (),
        samplerate: float | None = None,
        blocksize: int | None = None,
        device: object = None,
        channels: int | None = None,
        dtype: str | None = None,
        callback: Callable | None = None,
        finished_callback: Callable[[], None] | None = None,
        **_ignored: object,
    ) -> None:
        if callback is None:
            raise TypeError("FileInputStream needs a callback (no blocking reads)")
        rate = int(samplerate or native_rate)
        if rate != native_rate and native_rate_only:
            raise StreamOpenError(
                f"Invalid sample rate {rate} (this device only does {native_rate})"
            )
        channels = int(channels or data.shape[1])
        if channels == 1 and data.shape[1] != 1:
            data = to_mono(data).reshape(-1, 1)
        if rate != native_rate:
            data = np.stack(
                [resample(data[:, c], native_rate, rate) for c in range(data.shape[1])], axis=1
            )
        if channels != data.shape[1]:
            data = np.repeat(data[:, :1], channels, axis=1)
        self.device = device
        self.samplerate = float(rate)
        self.blocksize = int(blocksize or round(rate * 0.05))
        self.channels = channels
        self.dtype = dtype or "float32"
        self.latency = 0.0
        self._data = data.astype(np.float32, copy=False)
        self._realtime = realtime
        self._fail_frames = None if fail_after_s is None else int(fail_after_s * rate)
        self._overflow_frames = sorted(int(t * rate) for t in overflow_at_s)
        self._callback = callback
        self._finished_callback = finished_callback
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.closed = False
        self.frames_delivered = 0

    @property
    def active(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def stopped(self) -> bool:
        return not self.active

    def start(self) -> None:
        if self.closed:
            raise RuntimeError("stream is closed")
        if self.active:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="file-input-stream", daemon=True)
        self._thread.start()

    def _block(self, start: int) -> np.ndarray:
        block = self._data[start : start + self.blocksize]
        if len(block) < self.blocksize:  # past the end of the file: a quiet room
            pad = np.zeros((self.blocksize - len(block), self.channels), np.float32)
            block = np.concatenate([block, pad])
        if self.dtype == "int16":
            return np.rint(np.clip(block, -1, 1) * 32767).astype(np.int16)
        return block

    def _run(self) -> None:
        paced = self._realtime
        t0, origin = time.monotonic(), 0
        try:
            while not self._stop.is_set():
                start = self.frames_delivered
                if self._fail_frames is not None and start >= self._fail_frames:
                    return  # the device vanished: the stream just ends, as PortAudio's does
                if not paced and start >= len(self._data):
                    # Fast mode covers the file only; the silence after it runs at real pace.
                    paced, t0, origin = True, time.monotonic(), start
                if paced:
                    due = t0 + (start + self.blocksize - origin) / self.samplerate
                    if self._stop.wait(max(0.0, due - time.monotonic())):
                        return
                end = start + self.blocksize
                status = StreamStatus(any(start <= f < end for f in self._overflow_frames))
                now = time.monotonic()
                info = SimpleNamespace(
                    inputBufferAdcTime=now, currentTime=now, outputBufferDacTime=0.0
                )
                try:
                    self._callback(self._block(start), self.blocksize, info, status)
                except Exception as exc:
                    if type(exc).__name__ in ("CallbackStop", "CallbackAbort"):
                        return
                    raise
                self.frames_delivered = end
        finally:
            if self._finished_callback is not None:
                self._finished_callback()

    def stop(self, ignore_errors: bool = True) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    abort = stop

    def close(self, ignore_errors: bool = True) -> None:
        self.stop()
        self.closed = True

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FileStreamFactory:
    """Opens a FileInputStream on one file's samples, taking sounddevice.InputStream's keyword
    arguments (what the recorder passes); `samplerate` is the "device default rate"."""

    def __init__(
        self,
        data: np.ndarray,
        samplerate: int,
        *,
        realtime: bool,
        fail_after_s: float | None,
        native_rate_only: bool,
        overflow_at_s: Sequence[float],
    ) -> None:
        self._data = data
        self.samplerate = samplerate  # for callers that want to know
        self._realtime = realtime
        self._fail_after_s = fail_after_s
        self._native_rate_only = native_rate_only
        self._overflow_at_s = overflow_at_s

    def __call__(
        self,
        *,
        samplerate: float | None = None,
        blocksize: int | None = None,
        device: object = None,
        channels: int | None = None,
        dtype: str | None = None,
        callback: Callable | None = None,
        finished_callback: Callable[[], None] | None = None,
        **ignored: object,
    ) -> FileInputStream:
        return FileInputStream(
            self._data,
            self.samplerate,
            realtime=self._realtime,
            fail_after_s=self._fail_after_s,
            native_rate_only=self._native_rate_only,
            overflow_at_s=self._overflow_at_s,
            samplerate=samplerate,
            blocksize=blocksize,
            device=device,
            channels=channels,
            dtype=dtype,
            callback=callback,
            finished_callback=finished_callback,
            **ignored,
        )


def wav_stream_factory(
    path: str | os.PathLike[str],
    realtime: bool = True,
    fail_after_s: float | None = None,
    *,
    native_rate_only: bool = False,
    overflow_at_s: Sequence[float] = (),
) -> FileStreamFactory:
    """A stream factory for `Recorder(stream_factory=...)` playing `path` as the microphone.

    realtime=False delivers the file as fast as the consumer takes it (silence after the end
    is still paced). fail_after_s ends the stream early as an unplugged device does;
    native_rate_only refuses any rate but the file's; overflow_at_s flags input overflow.
    """
    data, rate = _read_native(Path(path))
    return FileStreamFactory(
        data,
        rate,
        realtime=realtime,
        fail_after_s=fail_after_s,
        native_rate_only=native_rate_only,
        overflow_at_s=overflow_at_s,
    )
