"""A power cut early in a round keeps the round, and a full disk still shows the history.

The power cut is simulated at the block level: the data folder lives on an ext4 file system in
a loop-mounted image; copying the image file mid-round captures exactly what had reached the
"disk" (what the kernel still held in its page cache is lost, as in a real power cut). The
copy is then mounted on its own (the journal replays, as after a reboot) and mockloop is asked
for its history there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli.helpers import mockloop
from store_reports import build_report

from mockloop.store import Store

RECORD_CHILD = """
import sys, time
from mockloop.audio import wav_stream_factory
from mockloop.session import LiveRound, Services
services = Services()
live = LiveRound(services, "swe", "story-90", live_transcription=False,
                 stream_factory=wav_stream_factory(sys.argv[1], realtime=True))
live.start()
while True:
    print("elapsed", live.elapsed_s, flush=True)
    time.sleep(0.2)
"""


def _run(*cmd: str | Path) -> None:
    subprocess.run([str(c) for c in cmd], check=True, capture_output=True, timeout=60)


@pytest.fixture
def loop_fs(tmp_path):
    """mount(image) -> a mounted folder; every mount is undone after the test."""
    if os.geteuid() != 0 or not shutil.which("mkfs.ext4"):
        pytest.skip("the power-cut simulation needs root and mkfs.ext4 (e2fsprogs)")
    mounted: list[Path] = []

    def mount(image: Path) -> Path:
        where = tmp_path / f"mnt{len(mounted)}"
        where.mkdir()
        proc = subprocess.run(["mount", "-o", "loop", str(image), str(where)],
                              capture_output=True, text=True, timeout=60)
        if proc.returncode != 0:
            pytest.skip(f"loop devices cannot be mounted here: {proc.stderr.strip()}")
        mounted.append(where)
        return where

    yield mount
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=60)


@pytest.mark.slow
def test_a_power_cut_in_the_first_seconds_of_a_round_keeps_the_round(loop_fs, tmp_path, speak):
    clip = speak("We had two weeks to ship, so I cut the export feature and kept the billing "
                 "page. We gave up the export to make the deadline. " * 3)
    image = tmp_path / "disk.img"
    _run("truncate", "-s", "64M", image)
    _run("mkfs.ext4", "-q", image)
    home = loop_fs(image) / "home"
    env = dict(os.environ, MOCKLOOP_HOME=str(home), HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
    child = subprocess.Popen([sys.executable, "-c", RECORD_CHILD, str(clip)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        elapsed = 0.0
        deadline = time.monotonic() + 60
        while elapsed < 3.0 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            elapsed = float(line.split()[1])
        assert elapsed >= 3.0, child.stderr.read()[-2000:]
        # The power goes: whatever is on the block device now is all that survives.
        snapshot = tmp_path / "after-the-cut.img"
        shutil.copyfile(image, snapshot)
    finally:
        child.kill()
        child.wait()

    rebooted = loop_fs(snapshot) / "home"
    run = mockloop("history", "--json", home=rebooted)

    assert run.code == 0, run.err
    rounds = run.json()
    assert len(rounds) == 1, f"the round is gone from the history: {rounds}"
    [found] = rounds
    assert found["status"] == "interrupted"
    assert found["audio_s"] >= 1.0, found  # the fsynced audio is there to finish
    assert Path(found["audio_path"]).exists()


@pytest.mark.slow
def test_a_full_disk_still_lists_and_searches_the_history(loop_fs, tmp_path, monkeypatch):
    image = tmp_path / "small.img"
    _run("truncate", "-s", "8M", image)
    _run("mkfs.ext4", "-q", "-m", "0", image)
    home = loop_fs(image) / "home"
    home.mkdir()
    monkeypatch.setenv("MOCKLOOP_HOME", str(home))
    with Store() as store:
        for text in ("We split the data by time to avoid label leakage.",
                     "I would retrain weekly and compare against the live model."):
            store.add_completed(build_report(text), source="text")
    # Fill the disk to the last block.
    fd = os.open(home.parent / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    for size in (1 << 16, 512, 1):
        try:
            while True:
                os.write(fd, b"\0" * size)
        except OSError:
            pass
    os.close(fd)

    listed = mockloop("history", "--json", home=home)
    found = mockloop("history", "--search", "leakage", home=home)
    shown = mockloop("show", "1", "--json", home=home)
    saved = mockloop("analyze", "--role", "mle", "--round", "ml-design", "--text", "-",
                     stdin="We retrain when drift shows up.", home=home)

    assert listed.code == 0, listed.err
    assert [r["id"] for r in listed.json()] == [2, 1]
    assert "disk is full" in listed.err and "read-only" in listed.err
    assert found.code == 0 and "leakage" in found.out
    assert shown.code == 0 and json.loads(shown.out)["role"] == "mle"
    assert saved.code == 2 and "disk is full" in saved.err
    assert "Traceback" not in saved.err + listed.err
