"""Fifty rounds back to back in one process: no memory growth, no leaked threads or files.

Each round goes through the real recorder (stream injected from a spoken WAV), the live
transcriber on the one loaded model, the analysis and the history, as in one long app session.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from mockloop.audio import audio_duration, wav_stream_factory
from mockloop.session import LiveRound, Services

pytestmark = pytest.mark.slow

ROUNDS = 50
# Resident memory may settle during the first rounds (allocator pools, model caches); after
# that, 50 rounds must not add more than this.
GROWTH_BOUND_MB = 40


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_fifty_rounds_in_one_process(speak, mockloop_home):
    wav = speak(
        "I would write the simplest version first and add a test for the empty input.", "short.wav"
    )
    length = audio_duration(wav)
    services = Services()
    services.speech_model()
    factory = wav_stream_factory(wav, realtime=False)
    threads0, fds0 = threading.active_count(), _open_fds()
    rss = []
    for i in range(ROUNDS):
        live = LiveRound(services, "swe", "coding", stream_factory=factory)
        live.start()
        deadline = time.monotonic() + 30
        while live.elapsed_s < length + 0.3 and time.monotonic() < deadline:
            time.sleep(0.05)
        report = live.stop()
        assert "test" in report.transcript.text.lower(), (i, report.transcript.text)
        rss.append(_rss_mb())
    services.store.close()
    settle = 5
    growth = max(rss[settle:]) - rss[settle]
    assert growth < GROWTH_BOUND_MB, f"memory grew {growth:.0f} MB over {ROUNDS} rounds: {rss}"
    deadline = time.monotonic() + 5
    while threading.active_count() > threads0 and time.monotonic() < deadline:
        time.sleep(0.05)  # worker threads finish their last lines after stop() returns
    assert threading.active_count() <= threads0, [t.name for t in threading.enumerate()]
    assert _open_fds() <= fds0 + 2  # the closed store may leave nothing behind
    from mockloop.store import Store

    with Store() as store:
        rows = store.list_rounds()
        assert len(rows) == ROUNDS and all(r.status == "complete" for r in rows)
        assert store.integrity_ok()
