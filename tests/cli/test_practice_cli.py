"""`mockloop practice --headless` through the real audio path, and rounds that die mid-recording.

Speech from espeak-ng goes into the PulseAudio virtual microphone at real-time pace and is
recorded by the real recorder (sounddevice/PortAudio), exactly as from a physical microphone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from support.speech import wer

from .helpers import mockloop

pytestmark = [pytest.mark.slow, pytest.mark.audio]

STORY = (
    "I decided to ship the smaller model because the latency budget was one hundred "
    "milliseconds. We gave up some accuracy to keep the page fast. "
    "As a result, the page stayed fast and sales went up in the first month."
)


def _spawn(home, *args):
    env = dict(os.environ, MOCKLOOP_HOME=str(home), HF_HUB_OFFLINE="1")
    return subprocess.Popen(
        [sys.executable, "-m", "mockloop", *map(str, args)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_recording(proc, timeout=60.0) -> list[str]:
    """Read stderr until the round says it is recording."""
    lines = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Recording"):
            return lines
    raise AssertionError("practice never started recording: " + "".join(lines))


def test_headless_practice_records_transcribes_and_saves(vmic, speak, mockloop_home):
    wav = speak(STORY, "story.wav")
    proc = _spawn(
        mockloop_home,
        "practice",
        "--role",
        "swe",
        "--round",
        "story-90",
        "--headless",
        "--duration",
        "16",
        "--json",
    )
    _wait_for_recording(proc)
    vmic.feed(wav).wait()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    import json

    data = json.loads(out)
    assert wer(STORY, data["transcript"]["text"]) <= 0.2
    hits = {s["id"] for s in data["signals"] if s["hit"]}
    assert {"constraint", "tradeoff", "ownership", "fallout"} <= hits
    assert data["recording"]["dropped_frames"] == 0
    assert os.path.exists(data["recording"]["path"])
    assert data["timings"]["report_latency_s"] >= 0
    rows = mockloop("history", "--json", home=mockloop_home).json()
    assert rows[0]["status"] == "complete" and rows[0]["audio_s"] >= 14


def test_killed_round_is_found_interrupted_and_can_be_finished(vmic, speak, mockloop_home):
    # About 24 s of speech: the process is killed 20 s into the round, while it is speaking.
    long_story = " ".join([STORY] * 2)
    wav = speak(long_story, "long.wav")
    proc = _spawn(
        mockloop_home, "practice", "--role", "swe", "--round", "story-90", "--headless", "--json"
    )
    _wait_for_recording(proc)
    started = time.monotonic()
    feeding = vmic.feed(wav)
    time.sleep(max(0.0, 20.0 - (time.monotonic() - started)))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    feeding.wait()

    run = mockloop("history", "--json", home=mockloop_home)
    assert run.code == 0, run.err
    rows = run.json()
    assert len(rows) == 1
    row = rows[0]
    assert row["status"] == "interrupted"
    assert row["audio_s"] >= 19.0

    fin = mockloop("finish", row["id"], "--json", home=mockloop_home)
    assert fin.code == 0, fin.err
    data = fin.json()
    assert mockloop("history", "--json", home=mockloop_home).json()[0]["status"] == "complete"
    said = data["transcript"]["text"].lower()
    assert "latency budget" in said and "smaller model" in said
