"""Recording one round: microphone -> queue -> writer thread -> crash-safe WAV and live listeners.

The PortAudio callback only copies each block into a queue. A writer thread converts it to
16 kHz mono, appends it to the WAV file, updates the level meter and hands it to every
subscriber (the live transcriber). A device that fails mid-round or a full disk ends the
recording with a plain message and leaves everything recorded so far playable on disk.
"""

from __future__ import annotations

import functools
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from mockloop.audio.devices import resolve_device, sounddevice
from mockloop.audio.levels import FLOOR_DBFS, levels
from mockloop.audio.resample import StreamResampler, to_mono
from mockloop.audio.wavfile import WavWriter
from mockloop.errors import AudioError, DeviceError, UserError

if TYPE_CHECKING:
    import ctypes

log = logging.getLogger(__name__)

_STOP = object()
_LOST = object()
_TICK_S = 0.25
# PulseAudio can take over a second to deliver the first block of a fresh stream.
_FIRST_BLOCK_GRACE_S = 5.0
_INPUT_LATENCY_S = 0.2
# The writer wakes at least every _TICK_S. A gap this long between two of its wake-ups means
# the process itself was not running (Ctrl-Z then `fg`, a debugger, a frozen machine): the
# silence is ours, not the device's, so the device gets a fresh grace period.
_PAUSE_S = 1.0


class _QuietCStderr:
    """While a real input stream is open, C code's stdio `stderr` goes to /dev/null.

    PortAudio's ALSA backend prints raw `Expression '…' failed in 'src/hostapi/alsa/…'` lines
    from its own thread the moment a device dies, before the recorder can know (so quieting
    only the closing would be too late); the user gets one plain sentence instead. Python's
    own output (sys.stderr, logging, tracebacks, faulthandler) writes to fd 2 and is not
    touched; only C libraries' fprintf(stderr) is (PortAudio, ALSA, PulseAudio, Qt warnings,
    and a Python fatal-error message), and only during a round. glibc only: there `stderr`
    is an ordinary variable (as sounddevice used to do it); elsewhere this does nothing.
    Nested users (two recorders) are counted; the /dev/null FILE is opened once, never
    closed, so a thread still holding it never writes to a freed FILE.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._saved: int | None = None
        self._devnull: int | None = None
        # libc's `stderr` (a FILE *), or None where this is not possible
        self._var: ctypes.c_void_p | None = None

    def _setup(self) -> bool:
        if self._var is not None:
            return True
        import platform
        import sys

        if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
            return False
        try:
            import ctypes

            libc = ctypes.CDLL(None)
            libc.fopen.restype = ctypes.c_void_p
            libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
            devnull = libc.fopen(os.devnull.encode(), b"w")
            if not devnull:
                return False
            self._var, self._devnull = ctypes.c_void_p.in_dll(libc, "stderr"), devnull
            return True
        except (OSError, AttributeError, ValueError):
            return False

    def __enter__(self) -> None:
        with self._lock:
            if self._users == 0 and self._setup():
                var = self._var
                assert var is not None  # _setup() found it
                self._saved = var.value
                var.value = self._devnull
            self._users += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0 and self._saved is not None:
                assert self._var is not None  # _saved was read from it
                self._var.value = self._saved
                self._saved = None


_quiet_c_stderr = _QuietCStderr()


@dataclass(frozen=True)
class RecordingResult:
    path: Path
    duration_s: float
    dropped_frames: int
    overflows: int
    error: str | None
    device_samplerate: int = 16000


class Recorder:
    """Records from an input stream into a crash-safe 16-bit mono WAV file.

    `stream_factory` takes sounddevice.InputStream's keyword arguments (samplerate, blocksize,
    device, channels, dtype, callback, finished_callback); the default is
    sounddevice.InputStream. `on_error(message)` is called once, from the writer thread,
    when the device or the disk fails mid-round (after the file has been closed).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        device: str | int | None = None,
        samplerate: int = 16000,
        blocksize: int = 800,
        stream_factory: Callable[..., object] | None = None,
        on_error: Callable[[str], None] | None = None,
        stall_timeout_s: float = 3.0,
        queue_seconds: float = 30.0,
    ) -> None:
        self.path = Path(path)
        self.device = device
        self.samplerate = samplerate
        self.blocksize = blocksize
        self.on_error = on_error
        self._factory = stream_factory
        self._stall_timeout_s = stall_timeout_s
        # Bounded so a stuck disk cannot eat all memory; a full queue counts dropped frames.
        self._queue: queue.Queue = queue.Queue(maxsize=max(8, int(queue_seconds * 20)))
        self._stream = None
        self._stream_lock = threading.Lock()
        self._quiet = False  # this recorder holds _quiet_c_stderr
        self._writer: WavWriter | None = None
        self._resampler: StreamResampler | None = None
        self._thread: threading.Thread | None = None
        self._subscribers: list[queue.Queue] = []
        self._sub_lock = threading.Lock()
        self._stopping = threading.Event()
        self._lost = threading.Event()
        self._finished = threading.Event()
        self._device_rate = samplerate
        self._frames = 0
        self._dropped_device_frames = 0
        self._overflows = 0
        self._level = (FLOOR_DBFS, FLOOR_DBFS)
        self._error: str | None = None

    # -- public state -------------------------------------------------------------------

    @property
    def elapsed_s(self) -> float:
        """Seconds of audio recorded so far."""
        return self._frames / self.samplerate

    @property
    def is_recording(self) -> bool:
        return self._thread is not None and not self._finished.is_set()

    @property
    def error(self) -> str | None:
        return self._error

    def level(self) -> tuple[float, float]:
        """(rms_dbfs, peak_dbfs) of the latest ~50 ms."""
        return self._level

    def subscribe(self) -> queue.Queue:
        """A queue receiving every later 16 kHz mono float32 block, then None at the end."""
        q: queue.Queue = queue.Queue()
        with self._sub_lock:
            if self._finished.is_set():
                q.put(None)
            else:
                self._subscribers.append(q)
        return q

    # -- start / stop -------------------------------------------------------------------

    def _open_stream(self):
        factory = self._factory
        if factory is None:
            sd = sounddevice()
            dev = resolve_device(self.device)
            if dev is None:
                raise DeviceError(
                    "No microphone was found: connect one and check that the system can see it."
                )
            # A roomy device buffer rides out a busy machine without input overflow.
            factory = functools.partial(sd.InputStream, latency=_INPUT_LATENCY_S)
            device, label = dev.index, f"'{dev.name}'"
            default_rate: int | None = int(dev.default_samplerate)
            max_channels = dev.max_input_channels
        else:
            device, label, default_rate, max_channels = self.device, "the microphone", None, 2
        # Ask for 16 kHz mono; a device that refuses gets its own rate (then its channels).
        attempts = [(self.samplerate, 1)]
        if default_rate != self.samplerate:
            attempts.append((default_rate, 1))
        if max_channels > 1:
            attempts.append((default_rate, 2))
        last: Exception | None = None
        for rate, channels in attempts:
            block = round(self.blocksize * rate / self.samplerate) if rate else 0
            try:
                return factory(
                    samplerate=rate,
                    blocksize=block,
                    device=device,
                    channels=channels,
                    dtype="float32",
                    callback=self._callback,
                    finished_callback=self._stream_finished,
                )
            # PortAudioError, ValueError, or whatever an injected stream raises on refusal.
            except Exception as exc:
                log.info("opening %s at %s Hz x%d failed: %s", label, rate, channels, exc)
                last = exc
        log.info("could not open %s: %s", label, last)
        raise DeviceError(
            f"Could not open {label} for recording: it may be unplugged, switched off or in use "
            "by another program."
        ) from last

    def start(self) -> None:
        """Open the device and begin recording; DeviceError/StorageError with a plain message."""
        if self._thread is not None:
            raise RuntimeError("a Recorder records once; make a new one")
        if self._factory is None:  # a real device: no raw PortAudio lines on the terminal
            _quiet_c_stderr.__enter__()
            self._quiet = True
        try:
            stream = self._open_stream()
        except BaseException:
            self._end_quiet()
            raise
        self._device_rate = int(stream.samplerate)
        if self._device_rate != self.samplerate:
            self._resampler = StreamResampler(self._device_rate, self.samplerate)
        try:
            self._writer = WavWriter(self.path, self.samplerate)
        except UserError:
            stream.close()
            self._end_quiet()
            raise
        self._stream = stream
        self._thread = threading.Thread(target=self._run, name="recorder-writer", daemon=True)
        self._thread.start()
        try:
            stream.start()
        except Exception as exc:
            self._stopping.set()
            self._queue.put(_STOP)
            self._thread.join()
            self._close_stream()
            self.path.unlink(missing_ok=True)
            log.info("starting the input stream failed: %s", exc)
            raise DeviceError(
                "Could not start recording from the microphone: it may be unplugged, switched "
                "off or in use by another program."
            ) from exc

    def stop(self) -> RecordingResult:
        """Stop recording, finish the file and return what was recorded."""
        if self._thread is None:
            raise RuntimeError("stop() before start()")
        self._stopping.set()
        if self._thread is threading.current_thread():
            return self.result()  # called from on_error: the writer has already finished
        self._close_stream()
        while self._thread.is_alive():
            try:
                self._queue.put(_STOP, timeout=_TICK_S)
                break
            except queue.Full:
                continue
        self._thread.join()
        return self.result()

    def result(self) -> RecordingResult:
        dropped = round(self._dropped_device_frames * self.samplerate / self._device_rate)
        return RecordingResult(
            self.path, self.elapsed_s, dropped, self._overflows, self._error, self._device_rate
        )

    def _close_stream(self) -> None:
        with self._stream_lock:
            stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            stream.stop()
            stream.close()
        # A vanished device may fail to stop; the audio is already safe on disk.
        except Exception as exc:
            log.info("closing the input stream failed: %s", exc)
        finally:
            self._end_quiet()

    def _end_quiet(self) -> None:
        with self._stream_lock:
            quiet, self._quiet = self._quiet, False
        if quiet:
            _quiet_c_stderr.__exit__()

    # -- audio thread -------------------------------------------------------------------

    def _callback(self, indata: np.ndarray, frames: int, time_info: object, status: object) -> None:
        # Runs on PortAudio's thread: copy and enqueue, nothing else.
        if getattr(status, "input_overflow", False):
            self._overflows += 1
        try:
            self._queue.put_nowait(indata.copy())
        except queue.Full:
            self._dropped_device_frames += frames

    def _stream_finished(self) -> None:
        if not self._stopping.is_set():
            self._lost.set()
            try:
                self._queue.put_nowait(_LOST)
            except queue.Full:
                pass  # the writer also checks the event when the queue runs dry

    # -- writer thread ------------------------------------------------------------------

    def _run(self) -> None:
        last_block = last_tick = time.monotonic()
        got_any = False
        try:
            while True:
                try:
                    item = self._queue.get(timeout=_TICK_S)
                except queue.Empty:
                    item = None
                now = time.monotonic()
                if now - last_tick > _PAUSE_S:
                    log.info("recorder: the process was paused for %.1f s", now - last_tick)
                    last_block = now
                last_tick = now
                if item is _STOP:
                    self._consume(None)
                    break
                if isinstance(item, np.ndarray):
                    self._consume(item)
                    last_block, got_any = time.monotonic(), True
                    continue
                if self._stopping.is_set():
                    continue
                lost = self._device_lost(item, now - last_block, got_any)
                if lost:
                    self._fail(DeviceError(lost), drain=True)
                    break
        except UserError as exc:  # the disk is full or unwritable
            self._fail(exc, drain=False)
        except Exception as exc:  # a bug must not leave the file open or listeners waiting
            log.exception("recorder writer failed")
            self._fail(
                AudioError(f"Recording stopped because of an internal error ({exc})."), drain=False
            )
        finally:
            if self._writer is not None:
                self._writer.close()
            self._finished.set()
            with self._sub_lock:
                subscribers, self._subscribers = self._subscribers, []
            for q in subscribers:
                q.put(None)
            if self._error is not None and self.on_error is not None:
                try:
                    self.on_error(self._error)
                except Exception:
                    log.exception("on_error callback failed")

    def _device_lost(self, item: object, idle_s: float, got_any: bool) -> str | None:
        """Why the device counts as gone (finished early, inactive, or silent), or None."""
        stream = self._stream
        finished = item is _LOST or self._lost.is_set()
        if not finished and stream is not None and not getattr(stream, "active", True):
            finished = True
        if finished:
            return "The microphone stopped working mid-round (was it unplugged?)"
        if not got_any and idle_s > max(_FIRST_BLOCK_GRACE_S, self._stall_timeout_s):
            return "The microphone sent no sound at all (is it in use by another program?)"
        if got_any and idle_s > self._stall_timeout_s:
            return "The microphone stopped sending sound mid-round"
        return None

    def _consume(self, block: np.ndarray | None) -> None:
        """Convert, write and fan out one block; None flushes the resampler at the end."""
        if block is None:
            if self._resampler is None:
                return
            mono = self._resampler.flush()
        else:
            mono = to_mono(block)
            if self._resampler is not None:
                mono = self._resampler.process(mono)
        if mono.size == 0:
            return
        assert self._writer is not None  # start() opens it before the writer thread runs
        self._writer.write(mono)
        self._frames += mono.size
        self._level = levels(mono[-self.samplerate // 20 :])
        with self._sub_lock:
            for q in self._subscribers:
                q.put(mono)

    def _fail(self, exc: UserError, *, drain: bool) -> None:
        self._stopping.set()
        if drain:  # keep whatever the device delivered before it went away
            try:
                while True:
                    item = self._queue.get_nowait()
                    if isinstance(item, np.ndarray):
                        self._consume(item)
            except queue.Empty:
                self._consume(None)
            except UserError as disk:
                exc = disk
        self._close_stream()
        if self._writer is not None:
            self._writer.close()
        message = str(exc)
        if isinstance(exc, DeviceError):
            message += f"; the first {self.elapsed_s:.1f} s were saved."
        self._error = message
        # Info, not warning: the caller tells the user (on_error, result().error), once.
        log.info("recording stopped: %s", message)
