"""Nothing leaves the machine and nothing is left behind outside the data folder.

`mockloop analyze` (real speech model) and `mockloop practice --headless` (real microphone
path through the PulseAudio virtual mic) run under strace with HOME pointed at an empty
folder. The command gets no privacy variables from the test (ORT_DISABLE_TELEMETRY and
friends are removed from its environment), so it is mockloop itself that must keep
onnxruntime, which faster-whisper uses for voice-activity detection, from writing a device
id under ~/.cache/Microsoft/ and from looking up mobile.events.data.microsoft.com.

Allowed: the data folder (MOCKLOOP_HOME), the command's own temp folder (TMPDIR), the sound
server's runtime folder and its unix socket, and /dev (null, POSIX semaphores in /dev/shm).
Python byte-code caches are turned off for the command (PYTHONDONTWRITEBYTECODE): writing
.pyc files next to the sources is the development checkout's doing, not the app's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow]

STORY = (
    "I decided to ship the smaller model because the latency budget was one hundred "
    "milliseconds, and the page stayed fast."
)
# What a user may have set, or the test run itself: the command must not depend on any of it.
PRIVACY_VARS = (
    "ORT_DISABLE_TELEMETRY",
    "HF_HUB_OFFLINE",
    "HF_HUB_DISABLE_TELEMETRY",
    "DO_NOT_TRACK",
    "XDG_CACHE_HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_STATE_HOME",
)
SYSCALLS = (
    "socket,connect,sendto,sendmsg,sendmmsg,"
    "open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,symlink,symlinkat"
)
_MAKES = ("mkdir", "mkdirat", "rename", "renameat", "renameat2", "link", "linkat", "symlink")
_MAKES += ("symlinkat",)
_WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")


def _strace() -> str:
    path = shutil.which("strace")
    if path is None:
        pytest.skip("strace is needed (Debian: apt install strace; scripts/bootstrap.sh does)")
    return path


def _env(tmp_path: Path, home: Path, extra: dict[str, str] | None = None) -> tuple[dict, Path]:
    env = {k: v for k, v in os.environ.items() if k not in PRIVACY_VARS}
    user_home = tmp_path / "user"
    user_home.mkdir()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env.update(
        HOME=str(user_home),
        MOCKLOOP_HOME=str(home),
        TMPDIR=str(tmp),
        PYTHONDONTWRITEBYTECODE="1",
        **(extra or {}),
    )
    return env, user_home


def _traced(tmp_path: Path, env: dict, *args: str) -> subprocess.Popen:
    log = tmp_path / "strace.log"
    cmd = [_strace(), "-f", "-qq", "-y", "-s", "200", "-e", f"trace={SYSCALLS}", "-o", str(log)]
    return subprocess.Popen(
        [*cmd, sys.executable, "-m", "mockloop", *args],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _calls(log: Path) -> list[str]:
    """One line per system call (strace's split `unfinished`/`resumed` lines joined)."""
    pending: dict[str, str] = {}
    calls = []
    for line in log.read_text(errors="replace").splitlines():
        pid, _, rest = line.partition(" ")
        rest = rest.strip()
        if rest.endswith("<unfinished ...>"):
            pending[pid] = rest[: -len("<unfinished ...>")]
            continue
        m = re.match(r"<\.\.\. \w+ resumed>(.*)", rest)
        if m:
            rest = pending.pop(pid, "") + m.group(1)
        calls.append(rest)
    return calls


def _network(calls: list[str], sound_server: str | None = None) -> list[str]:
    """Calls that reach out: any internet socket, any unix socket but the sound servers'."""
    allowed = (sound_server,) if sound_server else ()
    # PortAudio's JACK host API looks for a local JACK server there (a unix socket).
    allowed += ("/dev/shm/jack",)
    bad = []
    for call in calls:
        if call.startswith("socket(") and ("AF_INET" in call or "AF_NETLINK" in call):
            bad.append(call)
        elif call.startswith(("connect(", "sendto(", "sendmsg(", "sendmmsg(")):
            if "AF_INET" in call:
                bad.append(call)
            for path in re.findall(r'sun_path="([^"]*)"', call):
                if not path.startswith(allowed):
                    bad.append(call)  # e.g. /var/run/nscd/socket: a host name being looked up
    return bad


def _written(calls: list[str], cwd: Path) -> list[tuple[str, str]]:
    """(path, call) for every file or folder the command created or opened for writing."""
    out = []
    for call in calls:
        name = call.split("(", 1)[0]
        result = call.rsplit("=", 1)[-1].strip()
        if result.startswith("-1") or result.startswith("?"):
            continue
        if name in ("open", "openat", "creat"):
            flags = call.split(",")[2 if name == "openat" else 1] if name != "creat" else "O_CREAT"
            if not any(f in flags for f in _WRITE_FLAGS):
                continue
        elif name not in _MAKES:
            continue
        # -y shows a directory fd as 9</its/path>; the path argument is the last quoted
        # string before the flags (the target, for rename/link).
        paths = re.findall(r'(?:(\d+|AT_FDCWD)(?:<([^>]*)>)?, )?"([^"]*)"', call)
        if not paths:
            continue
        _, base, path = paths[-1]
        if not path.startswith("/"):
            path = os.path.join(base or str(cwd), path)
        out.append((os.path.normpath(path), call))
    return out


def _problems(tmp_path: Path, user_home: Path, allowed: list, sound_server=None) -> list[str]:
    """Everything that reached out or was left outside the allowed folders, as readable lines."""
    calls = _calls(tmp_path / "strace.log")
    assert calls, "strace recorded nothing"
    problems = [f"network: {call}" for call in _network(calls, sound_server)]
    if (user_home / ".cache" / "Microsoft").exists():
        problems.append("onnxruntime kept a device id and an event queue in ~/.cache/Microsoft")
    problems += [f"in HOME: {p.relative_to(user_home)}" for p in sorted(user_home.rglob("*"))]
    roots = [str(p) for p in allowed] + ["/dev/null", "/dev/shm"]
    problems += [
        f"written outside the data and temp folders: {call}"
        for path, call in _written(calls, tmp_path)
        if not any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)
    ]
    return problems


def test_analyze_stays_offline_and_inside_its_data_folder(speak, mockloop_home, tmp_path):
    wav = speak(STORY, "story.wav")
    env, user_home = _env(tmp_path, mockloop_home)
    proc = _traced(
        tmp_path, env, "analyze", "--role", "swe", "--round", "story-90", "--json", str(wav)
    )
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-3000:]
    assert "latency budget" in out  # it really transcribed (VAD and model ran)
    problems = _problems(tmp_path, user_home, [mockloop_home, tmp_path / "tmp"])
    assert problems == [], "\n".join(problems)


@pytest.mark.audio
def test_practice_stays_offline_and_inside_its_data_folder(vmic, speak, mockloop_home, tmp_path):
    wav = speak(STORY, "story.wav")
    env, user_home = _env(tmp_path, mockloop_home, vmic.env)
    # onnxruntime tried its upload about ten seconds after being imported: a 12-second round
    # keeps the process alive past that (a 4-second one ended before it, hiding the lookup).
    proc = _traced(
        tmp_path,
        env,
        "practice",
        "--role",
        "swe",
        "--round",
        "story-90",
        "--headless",
        "--duration",
        "12",
        "--json",
    )
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Recording"):
            vmic.feed(wav)
            break
    out, err = proc.communicate(timeout=300)
    err = "".join(lines) + err
    assert proc.returncode == 0, err[-3000:]
    assert '"transcript"' in out, err[-3000:]
    allowed = [mockloop_home, tmp_path / "tmp", vmic.root]
    problems = _problems(tmp_path, user_home, allowed, str(vmic.socket))
    assert problems == [], "\n".join(problems)
