"""A virtual sound card for tests: a private PulseAudio daemon with pipes for mic and speaker.

Anything written into the microphone pipe comes out of sounddevice's default input device
(PortAudio ALSA -> pulse plugin), so the real recording path runs with real audio and no
hardware. A pump thread keeps that pipe fed at real-time pace (silence between feeds),
because the pipe source delivers nothing at all while nobody writes to it. The default
output is a pipe sink clocked by the system clock (the null sink plays in 2-second lumps);
a reader thread collects what was played, for `played()`.
"""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from pathlib import Path

import numpy as np
import pytest

RATE = 16000
_CHUNK = 320  # 20 ms
_LEAD_S = 0.06  # stay this far ahead of real time so scheduling hiccups do not starve pulse


class FeedHandle:
    """One piece of audio queued into the virtual microphone."""

    def __init__(self, samples: np.ndarray, realtime: bool) -> None:
        self.samples = samples
        self.realtime = realtime
        self.offset = 0
        self.duration_s = len(samples) / RATE
        self._done = threading.Event()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the last sample (and the padding after it) went into the pipe."""
        if timeout is None:
            timeout = self.duration_s * 3 + 10
        if not self._done.wait(timeout):
            raise TimeoutError(
                f"the virtual microphone did not play {self.duration_s:.1f} s "
                f"of audio within {timeout:.0f} s"
            )


class VirtualMic:
    """A PulseAudio daemon in `root` with a pipe source and a pipe sink as the defaults."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.pipe = self.root / "mic.pipe"
        self.speaker_pipe = self.root / "speaker.pipe"
        self._played = bytearray()
        self._reader: threading.Thread | None = None
        self.socket = self.root / "native"
        self.log = self.root / "pulse.log"
        self._proc: subprocess.Popen | None = None
        self._pending: deque[FeedHandle] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._pump: threading.Thread | None = None

    @property
    def env(self) -> dict[str, str]:
        """Environment that points libpulse (and so PortAudio's ALSA pulse plugin) here."""
        return {
            "XDG_RUNTIME_DIR": str(self.root),
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_COOKIE": str(self.root / "cookie"),
            "PULSE_CLIENTCONFIG": str(self.root / "client.conf"),
        }

    def start(self, timeout: float = 15.0) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)
        (self.root / "client.conf").write_text("autospawn = no\n")
        config = self.root / "default.pa"
        config.write_text(
            f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket}\n"
            f"load-module module-pipe-sink sink_name=out file={self.speaker_pipe} "
            f"format=s16le rate={RATE} channels=1 use_system_clock_for_timing=yes\n"
            f"load-module module-pipe-source source_name=vmic file={self.pipe} "
            f"format=s16le rate={RATE} channels=1\n"
            "set-default-source vmic\n"
            "set-default-sink out\n"
        )
        # HOME too, so the daemon keeps its state here and not in the real home folder.
        env = {**os.environ, **self.env, "HOME": str(self.root)}
        self._proc = subprocess.Popen(
            [
                "pulseaudio",
                "-n",
                "-F",
                str(config),
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--use-pid-file=no",
                f"--log-target=file:{self.log}",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while not (self.socket.exists() and self.pipe.exists() and self.speaker_pipe.exists()):
            if self._proc.poll() is not None or time.monotonic() > deadline:
                log = self.log.read_text() if self.log.exists() else ""
                self.stop()
                raise RuntimeError(f"PulseAudio did not start:\n{log[-2000:]}")
            time.sleep(0.05)
        self._stop.clear()
        self._pump = threading.Thread(target=self._run_pump, name="vmic-pump", daemon=True)
        self._pump.start()
        self._reader = threading.Thread(target=self._run_reader, name="vmic-speaker", daemon=True)
        self._reader.start()

    def played(self) -> np.ndarray:
        """Everything played to the default output since start or clear_played(), at 16 kHz."""
        with self._lock:
            data = bytes(self._played)
        return np.frombuffer(data[: len(data) // 2 * 2], "<i2").astype(np.float32) / 32768

    def clear_played(self) -> None:
        with self._lock:
            self._played.clear()

    def _run_reader(self) -> None:
        try:
            fd = os.open(self.speaker_pipe, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            return
        try:
            while not self._stop.is_set():
                if not select.select([fd], [], [], 0.1)[0]:
                    continue
                try:
                    data = os.read(fd, 65536)
                except BlockingIOError:
                    continue
                if not data:  # no writer: the daemon has not opened the pipe yet, or died
                    if self._proc is None or self._proc.poll() is not None:
                        return
                    self._stop.wait(0.05)
                    continue
                with self._lock:
                    self._played.extend(data)
        finally:
            os.close(fd)

    def feed(
        self,
        source: str | os.PathLike[str] | np.ndarray,
        realtime: bool = True,
        *,
        pad_before_s: float = 0.0,
        pad_after_s: float = 0.3,
    ) -> FeedHandle:
        """Queue audio (a file, or float32 samples at 16 kHz) to be 'spoken' into the mic.

        Start recording first: like words spoken in an empty room, real-time audio that
        nobody records is gone. realtime=False pushes it as fast as PulseAudio reads (and
        waits for a reader). Silence is added before and after, so the tail reaches a
        recorder before wait() returns.
        """
        if isinstance(source, np.ndarray):
            samples = np.asarray(source, dtype=np.float32).reshape(-1)
        else:
            from mockloop.audio import load_audio

            samples = load_audio(source)
        pcm = np.rint(np.clip(samples, -1, 1) * 32767).astype("<i2")
        pcm = np.concatenate(
            [
                np.zeros(int(pad_before_s * RATE), "<i2"),
                pcm,
                np.zeros(int(pad_after_s * RATE), "<i2"),
            ]
        )
        handle = FeedHandle(pcm, realtime)
        with self._lock:
            self._pending.append(handle)
        return handle

    def _next_chunk(self) -> tuple[bytes, FeedHandle | None, bool]:
        with self._lock:
            if not self._pending:
                return bytes(2 * _CHUNK), None, True
            h = self._pending[0]
            n = _CHUNK if h.realtime else 16 * _CHUNK
            data = h.samples[h.offset : h.offset + n].tobytes()
            h.offset += n
            if h.offset >= len(h.samples):
                self._pending.popleft()
                return data, h, h.realtime
            return data, None, h.realtime

    def _write(self, fd: int, data: bytes, must: bool) -> None:
        """Write `data`; when the pipe is full, drop it unless `must` (then wait for room)."""
        view = memoryview(data)
        while view and not self._stop.is_set():
            try:
                view = view[os.write(fd, view) :]
            except BlockingIOError:
                if not must:
                    return  # nobody is recording: the words go by unheard, as in a real room
                select.select([], [fd], [], 0.1)

    def _run_pump(self) -> None:
        try:
            fd = os.open(self.pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return
        try:
            # PulseAudio stops reading while nobody records; a small pipe keeps the backlog of
            # stale audio a recorder gets on connecting to about a tenth of a second.
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 4096)
        except OSError:
            pass
        written = 0
        t0 = time.monotonic()
        try:
            while not self._stop.is_set():
                data, finished, paced = self._next_chunk()
                self._write(fd, data, must=not paced)
                written += len(data) // 2
                if finished is not None:
                    finished._done.set()
                if not paced:
                    t0 = time.monotonic() - written / RATE  # resume real time from here
                    continue
                ahead = t0 + written / RATE - _LEAD_S - time.monotonic()
                if ahead > 0:
                    self._stop.wait(ahead)
                elif ahead < -0.5:
                    t0 = time.monotonic() - written / RATE  # we were starved: do not burst
        except OSError:
            pass  # the daemon went away (kill()): nothing reads the pipe any more
        finally:
            os.close(fd)
            with self._lock:
                for h in self._pending:
                    h._done.set()
                self._pending.clear()

    def _stop_pump(self) -> None:
        self._stop.set()
        for thread in (self._pump, self._reader):
            if thread is not None:
                thread.join(timeout=5)
        self._pump = self._reader = None

    def kill(self) -> None:
        """SIGKILL the daemon: for PortAudio, the microphone is yanked out."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(signal.SIGKILL)
            self._proc.wait()
        self._stop_pump()

    def stop(self) -> None:
        self._stop_pump()
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None


def have_pulseaudio() -> bool:
    return bool(shutil.which("pulseaudio"))


def reinit_portaudio() -> None:
    """PortAudio reads the device list once: make it look again (only if already loaded)."""
    sd = sys.modules.get("sounddevice")
    if sd is not None:
        sd._terminate()
        sd._initialize()


@pytest.fixture
def make_vmic():
    """make_vmic() -> a started private VirtualMic (not the default device); stopped after."""
    if not have_pulseaudio():
        pytest.skip(
            "pulseaudio is not installed (Debian: apt install pulseaudio "
            "pulseaudio-utils libasound2-plugins)"
        )
    mics: list[VirtualMic] = []

    def _make() -> VirtualMic:
        mic = VirtualMic(Path(tempfile.mkdtemp(prefix="mockloop-vmic-")))
        mic.start()
        mics.append(mic)
        return mic

    yield _make
    for mic in mics:
        mic.stop()
        shutil.rmtree(mic.root, ignore_errors=True)


@pytest.fixture(scope="session")
def vmic():
    """The session's virtual microphone, made the default input of this process (and of
    subprocesses it starts): vmic.feed(path_or_samples).wait()."""
    if not have_pulseaudio():
        pytest.skip(
            "pulseaudio is not installed (Debian: apt install pulseaudio "
            "pulseaudio-utils libasound2-plugins)"
        )
    # A short path: unix socket paths are limited to about 100 bytes.
    mic = VirtualMic(Path(tempfile.mkdtemp(prefix="mockloop-vmic-")))
    mic.start()
    saved = {k: os.environ.get(k) for k in mic.env}
    os.environ.update(mic.env)
    reinit_portaudio()
    try:
        yield mic
    finally:
        mic.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        reinit_portaudio()
        shutil.rmtree(mic.root, ignore_errors=True)


def align(reference: np.ndarray, recorded: np.ndarray) -> tuple[int, float]:
    """(lag, correlation): where `reference` best sits inside `recorded`, and how well.

    Correlation is the normalised dot product at that lag (1.0 = identical up to gain).
    """
    ref = np.asarray(reference, np.float64)
    rec = np.asarray(recorded, np.float64)
    n = 1 << int(np.ceil(np.log2(len(ref) + len(rec))))
    xc = np.fft.irfft(np.fft.rfft(rec, n) * np.conj(np.fft.rfft(ref, n)), n)
    lag = int(np.argmax(xc[: len(rec)]))
    seg = rec[lag : lag + len(ref)]
    part = ref[: len(seg)]
    denom = np.linalg.norm(part) * np.linalg.norm(seg)
    return lag, float(np.dot(part, seg) / denom) if denom else 0.0


# -- more than one microphone (additive: tests/audio/test_device_names.py) ----------------------

class ExtraSource:
    """A second pipe source on a VirtualMic's daemon, fed by its own real-time pump."""

    def __init__(self, mic: VirtualMic, name: str, description: str) -> None:
        self.mic = mic
        self.name = name
        self.pipe = mic.root / f"{name}.pipe"
        self._pending: deque[FeedHandle] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        mic.pactl("load-module", "module-pipe-source", f"source_name={name}",
                  f"file={self.pipe}", "format=s16le", f"rate={RATE}", "channels=1",
                  f"source_properties='device.description=\"{description}\"'")
        self._thread = threading.Thread(target=self._run, name=f"vmic-{name}", daemon=True)
        self._thread.start()

    def feed(self, samples: np.ndarray, *, pad_after_s: float = 0.3) -> FeedHandle:
        pcm = np.rint(np.clip(np.asarray(samples, np.float32), -1, 1) * 32767).astype("<i2")
        pcm = np.concatenate([pcm, np.zeros(int(pad_after_s * RATE), "<i2")])
        handle = FeedHandle(pcm, True)
        with self._lock:
            self._pending.append(handle)
        return handle

    def _run(self) -> None:
        deadline = time.monotonic() + 10
        while not self.pipe.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        try:
            fd = os.open(self.pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return
        try:
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 4096)
        except OSError:
            pass
        written, t0 = 0, time.monotonic()
        try:
            while not self._stop.is_set():
                with self._lock:
                    h = self._pending[0] if self._pending else None
                    if h is None:
                        data = bytes(2 * _CHUNK)
                    else:
                        data = h.samples[h.offset:h.offset + _CHUNK].tobytes()
                        h.offset += _CHUNK
                        if h.offset >= len(h.samples):
                            self._pending.popleft()
                            h._done.set()
                try:
                    os.write(fd, data)
                except BlockingIOError:
                    pass  # nobody records from this source: the sound goes by unheard
                written += len(data) // 2
                ahead = t0 + written / RATE - _LEAD_S - time.monotonic()
                if ahead > 0:
                    self._stop.wait(ahead)
                elif ahead < -0.5:
                    t0 = time.monotonic() - written / RATE
        except OSError:
            pass
        finally:
            os.close(fd)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _pactl(self: VirtualMic, *args: str) -> str:
    """Run pactl against this daemon (not the user's sound server)."""
    out = subprocess.run(["pactl", *args], env={**os.environ, **self.env, "HOME": str(self.root)},
                         capture_output=True, text=True, timeout=10, check=True)
    return out.stdout


def _add_source(self: VirtualMic, name: str, description: str) -> ExtraSource:
    extra = ExtraSource(self, name, description)
    self._extras = [*getattr(self, "_extras", []), extra]
    return extra


_plain_stop = VirtualMic.stop


def _stop_with_extras(self: VirtualMic) -> None:
    for extra in getattr(self, "_extras", []):
        extra.stop()
    _plain_stop(self)


VirtualMic.pactl = _pactl
VirtualMic.add_source = _add_source
VirtualMic.stop = _stop_with_extras
