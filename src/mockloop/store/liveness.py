"""Is a round still being recorded? (Finds rounds left by a crash, and protects live ones.)

The recording process holds an exclusive lock (flock) on a small file beside its WAV for the
whole round: the kernel drops it the moment that process dies, however it dies, and any other
process can test it, even one in another PID namespace. Rounds saved before the lock existed
(or on a system without flock) fall back to the process id, checked against the moment the
process started so that a reused id is not taken for the recorder.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

try:  # POSIX only; elsewhere the process id is all there is
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"
# /proc's start time has clock-tick resolution and the row is written a moment after the
# process started; a process that started later than this after the row cannot be its recorder.
_START_SLACK_S = 2.0


def lock_path(audio_path: str | os.PathLike[str]) -> Path:
    """The lock file that stands beside a recording while it is being made."""
    audio = Path(audio_path)
    return audio.with_name(audio.name + LOCK_SUFFIX)


class RecordingLock:
    """Held by the process recording a round, from before its history row exists until it ends."""

    def __init__(self, audio_path: str | os.PathLike[str]) -> None:
        self.path = lock_path(audio_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        """Remove the lock file, then let go (so nobody can see an unheld lock of a live round)."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def lock_held(audio_path: str | os.PathLike[str] | None) -> bool | None:
    """True while some process holds the round's lock, False when its lock is stale,
    None when there is no lock file to ask (an older round, or no flock on this system)."""
    if audio_path is None or fcntl is None:
        return None
    try:
        fd = os.open(lock_path(audio_path), os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return None
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def recorder_alive(
    pid: int | None, started_at: str | None, audio_path: str | os.PathLike[str] | None
) -> bool:
    """Whether the process that began this round is still recording it."""
    held = lock_held(audio_path)
    if held is not None:
        return held
    if pid is None or not pid_alive(pid):
        return False
    began = process_started(pid)
    round_began = _parse_time(started_at)
    if began is None or round_began is None:
        return True  # cannot tell: never take a live round for a dead one
    return began <= round_began + _START_SLACK_S


def process_started(pid: int) -> float | None:
    """When the process `pid` started (seconds since the epoch), where /proc can tell."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        # The command name (field 2) may hold spaces and parentheses: split after the last ')'.
        fields = stat[stat.rindex(")") + 2 :].split()
        ticks = int(fields[19])  # field 22 of the whole line: start time in clock ticks
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _parse_time(stamp: str | None) -> float | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp).timestamp()
    except ValueError:
        return None


def pid_alive(pid: int) -> bool:
    """True when a process with this id exists on this machine."""
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        # Signal 0 checks existence without touching the process.
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists but belongs to someone else
    except OverflowError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:
    # os.kill on Windows would terminate the process, so ask the kernel instead.
    import ctypes

    still_active, query_limited_information = 259, 0x1000
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and (
            code.value == still_active
        )
    finally:
        kernel32.CloseHandle(handle)
