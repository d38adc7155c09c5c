"""Playing a recording back through the default (or chosen) output device."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from mockloop.audio.devices import sounddevice
from mockloop.audio.loader import SAMPLE_RATE, load_audio
from mockloop.audio.resample import resample
from mockloop.errors import DeviceError

if TYPE_CHECKING:
    from sounddevice import OutputStream

# A generous buffer: a busy machine must not make the playback stutter, and a fifth of a
# second before the sound starts goes unnoticed (position_s accounts for it).
_LATENCY_S = 0.2


class Player:
    """Plays one audio file; position and state are safe to read from any thread.

    `on_finished()` is called from a short-lived worker thread when playback reaches the end
    (not after pause() or stop()). If the output device vanishes, playback stops and
    `error` says so.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        device: int | str | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.device = device
        self.on_finished = on_finished
        self.error: str | None = None
        self._audio = load_audio(self.path)
        self._data = self._audio
        self._rate = SAMPLE_RATE
        self._pos = 0
        self._sd: ModuleType | None = None  # sounddevice, once a stream was opened
        self._stream: OutputStream | None = None
        self._ended = threading.Event()
        self._lock = threading.Lock()

    @property
    def duration_s(self) -> float:
        return len(self._audio) / SAMPLE_RATE

    @property
    def position_s(self) -> float:
        """Seconds into the file of what is being heard now."""
        return min(max(self._heard(), 0), len(self._data)) / self._rate

    def _heard(self) -> int:
        stream = self._stream
        if stream is None or not self.is_playing:
            return self._pos
        # Frames handed over stay in the device's buffer for `latency` seconds.
        return self._pos - int(float(stream.latency or 0.0) * self._rate)

    @property
    def is_playing(self) -> bool:
        stream = self._stream
        return stream is not None and bool(stream.active) and not self._ended.is_set()

    def _open(self) -> OutputStream:
        sd = self._sd = sounddevice()
        try:
            info = sd.query_devices(self.device, kind="output")
        except (sd.PortAudioError, ValueError) as exc:
            raise DeviceError("No speaker or headphones were found to play the recording.") from exc
        last: Exception | None = None
        # 16 kHz first; a device that refuses it plays at its own rate from a resampled copy.
        for rate in dict.fromkeys([SAMPLE_RATE, int(info["default_samplerate"])]):
            try:
                stream = sd.OutputStream(
                    samplerate=rate,
                    channels=1,
                    dtype="float32",
                    device=info["index"],
                    latency=_LATENCY_S,
                    callback=self._callback,
                    finished_callback=self._stream_finished,
                )
            except (sd.PortAudioError, ValueError) as exc:
                last = exc
                continue
            if rate != self._rate:
                self._pos = round(self._pos * rate / self._rate)
                self._data = resample(self._audio, SAMPLE_RATE, rate)
                self._rate = rate
            return stream
        raise DeviceError(f"Could not open '{info['name']}' to play the recording ({last}).")

    def play(self, from_s: float | None = 0.0) -> None:
        """Start playing at `from_s` seconds (None resumes where pause() left off)."""
        with self._lock:
            self._close()
            if from_s is not None:
                self._pos = int(min(max(from_s, 0.0), self.duration_s) * self._rate)
            if self._pos >= len(self._data):
                self._pos = 0
            self.error = None
            self._ended.clear()
            stream = self._open()
            self._stream = stream
            stream.start()

    def pause(self) -> None:
        """Stop the sound and keep the position for play(None)."""
        with self._lock:
            self._close()

    def stop(self) -> None:
        """Stop the sound and go back to the start."""
        with self._lock:
            self._close()
            self._pos = 0

    def close(self) -> None:
        self.stop()

    def _close(self) -> None:
        stream = self._stream
        if stream is None:
            return
        heard = self._heard()  # what the device had not played yet was not heard
        self._ended.set()  # so the finished callback of a stream we stop stays quiet
        self._stream = None
        stream.stop()
        stream.close()
        self._pos = max(0, min(heard, self._pos))

    def _callback(
        self, outdata: np.ndarray, frames: int, time_info: object, status: object
    ) -> None:
        chunk = self._data[self._pos : self._pos + frames]
        n = len(chunk)
        outdata[:n, 0] = chunk
        outdata[n:] = 0
        self._pos += n
        if n < frames:
            assert self._sd is not None  # _open() set it before making this stream
            raise self._sd.CallbackStop

    def _stream_finished(self) -> None:
        if self._ended.is_set():
            return
        self._ended.set()
        if self._pos < len(self._data):
            self.error = "The speaker or headphones stopped working during playback."
            return
        if self.on_finished is not None:
            threading.Thread(target=self.on_finished, name="player-finished", daemon=True).start()
