"""Recordings, transcripts and settings are private to the user who made them.

With the usual umask (022) everything mockloop creates would be readable by every local
user; the data folder and recordings/ must be 0700 and every file in them 0600. A data folder
left open by an older version is closed on the next start.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli.helpers import mockloop

STORY = "I decided to ship the smaller model because the latency budget was tight."


@pytest.fixture(autouse=True)
def usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _open_to_others(home: Path) -> list[str]:
    """Everything under `home` (itself included) that another local user could read."""
    found = []
    for path in [home, *sorted(home.rglob("*"))]:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            continue
        if stat.S_IMODE(mode) & 0o077:
            found.append(f"{path.relative_to(home.parent)} {stat.S_IMODE(mode):o}")
    return found


def _practice(home: Path, vmic, wav: Path) -> None:
    env = dict(os.environ, MOCKLOOP_HOME=str(home), HF_HUB_OFFLINE="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mockloop", "practice", "--role", "swe", "--round", "story-90",
         "--headless", "--duration", "4", "--json"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line or line.startswith("Recording"):
            break
    vmic.feed(wav)
    _out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err


@pytest.mark.slow
@pytest.mark.audio
def test_rounds_recordings_and_history_are_private(vmic, speak, mockloop_home):
    home = mockloop_home / "data"  # made by mockloop itself, as on a first start
    wav = speak(STORY, "story.wav")
    run = mockloop("analyze", "--role", "swe", "--round", "story-90", "--json", wav, home=home)
    assert run.code == 0, run.err
    _practice(home, vmic, wav)
    names = {p.name for p in home.rglob("*")}
    assert {"history.db", "recordings"} <= names
    assert any(name.endswith(".wav") for name in names)
    left_open = _open_to_others(home)
    assert not left_open, "readable by other users: " + ", ".join(left_open)


def test_a_data_folder_left_open_is_closed_on_start(mockloop_home):
    # What an older mockloop left behind: folders 0755, the database 0644.
    assert mockloop("history", "--json", home=mockloop_home).code == 0
    recordings = mockloop_home / "recordings"
    recordings.mkdir(exist_ok=True)
    for path in [mockloop_home, recordings]:
        path.chmod(0o755)
    for path in mockloop_home.iterdir():
        if path.is_file():
            path.chmod(0o644)
    assert _open_to_others(mockloop_home)
    run = mockloop("history", "--json", home=mockloop_home)
    assert run.code == 0, run.err
    left_open = _open_to_others(mockloop_home)
    assert not left_open, "readable by other users: " + ", ".join(left_open)


def test_the_crash_log_is_private(mockloop_home):
    # An unexpected error's traceback goes to mockloop.log: it can quote transcripts.
    code = ("import sys; from mockloop import cli\n"
            "try:\n    raise RuntimeError('boom')\nexcept RuntimeError:\n"
            "    print(cli._log_crash())\n")
    env = dict(os.environ, MOCKLOOP_HOME=str(mockloop_home))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.strip()
    log = Path(out)
    assert log.exists() and "boom" in log.read_text()
    assert stat.S_IMODE(log.stat().st_mode) & 0o077 == 0
