"""Forty-five rounds back to back in one process: no memory growth, no leaked threads or files.

Thirty live rounds go through the real recorder (stream injected from a spoken WAV), the live
transcriber on the one loaded model, the analysis and the history, as in one long app session;
their answers cycle through three lengths (about 4, 9 and 15 s). Between them, fifteen whole
files are analysed (`Services.analyze_audio`, as `mockloop analyze FILE` and the app's "Analyse
a file" do), so both paths share the model, the store and the allocator for the whole run.
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

ROUNDS = 30  # live rounds; every second one is followed by a whole-file analysis
# Resident memory settles in steps over the first rounds (allocator pools and model caches
# reach the high-water mark of the longest clip); a leak keeps growing. So the peak of the
# last third of the run is compared with the peak of the middle third.
GROWTH_BOUND_MB = 20

SHORT = "I would write the simplest version first and add a test for the empty input."
MEDIUM = (
    "I would write the simplest version first and add a test for the empty input. Then I "
    "would check the time complexity, which is linear in the number of items."
)
LONG = (
    "I would start with the simplest version that works, then add a test for the empty input "
    "and one for a very long input. After that I would look at the time complexity, which is "
    "linear in the number of items, and the memory, which stays constant."
)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_many_rounds_of_mixed_lengths_live_and_from_files_in_one_process(speak, mockloop_home):
    clips = []
    for name, text in (("short.wav", SHORT), ("medium.wav", MEDIUM), ("long.wav", LONG)):
        wav = speak(text, name)
        clips.append((wav, audio_duration(wav), wav_stream_factory(wav, realtime=False)))
    lengths = [round(length) for _, length, _ in clips]
    assert lengths[0] < lengths[1] < lengths[2], lengths
    services = Services()
    services.speech_model()
    threads0, fds0 = threading.active_count(), _open_fds()
    rss = []
    files = 0
    for i in range(ROUNDS):
        wav, length, factory = clips[i % len(clips)]
        live = LiveRound(services, "swe", "coding", stream_factory=factory)
        live.start()
        deadline = time.monotonic() + 60
        while live.elapsed_s < length + 0.3 and time.monotonic() < deadline:
            time.sleep(0.05)
        report = live.stop()
        assert "test" in report.transcript.text.lower(), (i, report.transcript.text)
        assert abs(report.transcript.duration_s - length) < 1.5, (i, length, report.to_dict())
        if i % 2:
            # A whole file, in a different length from the live round just before it.
            wav, length, _ = clips[(i + 1) % len(clips)]
            report = services.analyze_audio("swe", "coding", wav)
            assert "test" in report.transcript.text.lower(), (i, report.transcript.text)
            assert abs(report.transcript.duration_s - length) < 0.1
            files += 1
        rss.append(_rss_mb())
    services.store.close()
    third = ROUNDS // 3
    growth = max(rss[-third:]) - max(rss[third:-third])
    assert growth < GROWTH_BOUND_MB, f"memory grew {growth:.0f} MB in the last third: {rss}"
    deadline = time.monotonic() + 5
    while threading.active_count() > threads0 and time.monotonic() < deadline:
        time.sleep(0.05)  # worker threads finish their last lines after stop() returns
    assert threading.active_count() <= threads0, [t.name for t in threading.enumerate()]
    assert _open_fds() <= fds0 + 2  # the closed store may leave nothing behind
    from mockloop.store import Store

    with Store() as store:
        rows = store.list_rounds(limit=1000)
        assert len(rows) == ROUNDS + files and all(r.status == "complete" for r in rows)
        assert store.integrity_ok()
