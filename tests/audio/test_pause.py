"""A round survives the process being paused (Ctrl-Z then `fg`, a debugger, a frozen VM).

While the process is stopped, nothing of it runs; when it goes on, the clock has jumped by
the pause. That gap is ours, not the microphone's: recording must carry on, and only a
device that really stopped delivering ends the round.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from support.waiting import wait_for

from mockloop.audio import Recorder
from mockloop.audio import recorder as recorder_module

BEFORE = "I decided to ship the smaller model because the latency budget was tight."
AFTER = "As a result, the page stayed fast and sales went up in the first month."
ROUND_S = 26.0
PAUSE_S = 4.0


@pytest.mark.slow
@pytest.mark.audio
def test_practice_round_paused_and_resumed_records_on(vmic, speak, mockloop_home):
    before, after = speak(BEFORE, "before.wav"), speak(AFTER, "after.wav")
    env = dict(os.environ, MOCKLOOP_HOME=str(mockloop_home), HF_HUB_OFFLINE="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mockloop", "practice", "--role", "swe", "--round", "story-90",
         "--headless", "--duration", str(ROUND_S), "--json"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        lines.append(line)
        if not line or line.startswith("Recording"):
            break
    assert lines[-1].startswith("Recording"), "".join(lines)
    vmic.feed(before).wait()
    # Ctrl-Z, then `fg`: only mockloop stood still.
    proc.send_signal(signal.SIGSTOP)
    time.sleep(PAUSE_S)
    proc.send_signal(signal.SIGCONT)
    time.sleep(1.0)
    # The whole machine stood still (a frozen VM, a debugger stopping everything): the sound
    # server, too, goes on a moment after mockloop does. The test's own daemon is stopped.
    server = vmic._proc.pid
    os.kill(server, signal.SIGSTOP)
    proc.send_signal(signal.SIGSTOP)
    time.sleep(PAUSE_S)
    proc.send_signal(signal.SIGCONT)
    time.sleep(1.0)
    os.kill(server, signal.SIGCONT)
    vmic.feed(after, pad_before_s=0.5).wait()
    out, err = proc.communicate(timeout=180)
    err = "".join(lines) + err
    assert proc.returncode == 0, err
    data = json.loads(out)
    assert "stopped sending sound" not in err
    assert not any("microphone" in note for note in data.get("notes", [])), data["notes"]
    # The round's clock ran on through the pauses; everything but the pauses was recorded.
    assert data["recording"]["duration_s"] >= ROUND_S - 2 * PAUSE_S - 2.5, data["recording"]
    said = data["transcript"]["text"].lower()
    assert "latency budget" in said  # before the pauses
    assert "page stayed fast" in said and "sales went up" in said  # after them


class _Clock:
    """time.monotonic as the recorder sees it, with a jump standing for a process pause."""

    def __init__(self) -> None:
        self.offset = 0.0

    def monotonic(self) -> float:
        return time.monotonic() + self.offset


class _SteadyStream:
    """Delivers 50 ms blocks of quiet noise until told to hold still."""

    samplerate, active = 16000.0, True

    def __init__(self, callback, finished_callback, blocksize, **kw) -> None:
        self._callback, self._blocksize = callback, blocksize or 800
        self.hold = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.delivered = 0

    def _run(self) -> None:
        rng = np.random.default_rng(0)
        while not self._stop.wait(self._blocksize / self.samplerate):
            if self.hold.is_set():
                continue
            block = (rng.standard_normal((self._blocksize, 1)) * 0.01).astype(np.float32)
            self._callback(block, self._blocksize, None, None)
            self.delivered += 1

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        self._stop.set()


@pytest.fixture
def clock(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(recorder_module, "time", clock)
    return clock


def _recorder(tmp_path, streams: list, failed: threading.Event) -> Recorder:
    def factory(**kw):
        streams.append(_SteadyStream(**kw))
        return streams[-1]

    return Recorder(
        tmp_path / "round.wav",
        stream_factory=factory,
        stall_timeout_s=1.0,
        on_error=lambda message: failed.set(),
    )


def test_a_pause_of_the_whole_process_does_not_end_the_round(tmp_path, clock):
    streams: list[_SteadyStream] = []
    failed = threading.Event()
    rec = _recorder(tmp_path, streams, failed)
    rec.start()
    wait_for(lambda: rec.elapsed_s >= 0.5)
    # As after SIGSTOP/SIGCONT: the clock jumped by 5 s and no block came in the meantime;
    # the device delivers again a moment after the process runs again.
    streams[0].hold.set()
    clock.offset += 5.0
    time.sleep(0.4)
    streams[0].hold.clear()
    at_resume = rec.elapsed_s
    wait_for(lambda: rec.elapsed_s >= at_resume + 1.0 or failed.is_set())
    assert rec.error is None
    # The round goes on after the pause; a device that then really goes quiet still ends it.
    streams[0].hold.set()
    assert failed.wait(15)
    result = rec.stop()
    assert "stopped sending sound" in result.error
    assert result.duration_s >= at_resume + 1.0  # the audio after the pause was kept
