"""A chosen model measured too slow for live speech: the live text stays quick on the built-in
model and the chosen one transcribes the whole answer after Stop."""

from __future__ import annotations

import shutil
import time

import pytest

from mockloop import paths
from mockloop.asr import catalog
from mockloop.audio import audio_duration, wav_stream_factory
from mockloop.session import LiveRound, Services

pytestmark = pytest.mark.slow


def _slow_copy_of_the_builtin(tmp_path, rtf: float):
    chosen = tmp_path / "my-bigger-model"
    shutil.copytree(paths.default_model_dir(), chosen)
    real = catalog._usable(chosen)
    catalog._save_speed(real, catalog.Speed(rtf=rtf, piece_s=5.0, decode_s=5.0 * rtf, load_s=1.0,
                                            cores=2, audio="a test signal",
                                            measured_at="2026-12-04T00:00:00+00:00"))
    return chosen


def _round(services: Services, clip) -> LiveRound:
    live = LiveRound(services, "swe", "coding", stream_factory=wav_stream_factory(clip))
    live.start()
    length = audio_duration(clip)
    deadline = time.monotonic() + 60
    while live.elapsed_s < length + 0.3 and time.monotonic() < deadline:
        time.sleep(0.05)
    return live


def test_a_model_too_slow_for_live_is_used_after_stop(mockloop_home, tmp_path, speak):
    clip = speak("I would write the simplest version first and add a test for the empty input.")
    services = Services(model_dir=_slow_copy_of_the_builtin(tmp_path, rtf=0.9))
    try:
        assert services.live_too_slow
        live = _round(services, clip)
        assert live.transcriber.model is not services.speech_model()
        report = live.stop()
    finally:
        services.close()
    assert "test" in report.transcript.text.lower()
    assert any("too slow to keep up live" in n for n in report.notes)


def test_a_model_that_keeps_up_transcribes_live(mockloop_home, tmp_path, speak):
    clip = speak("I would write the simplest version first and add a test for the empty input.")
    services = Services(model_dir=_slow_copy_of_the_builtin(tmp_path, rtf=0.2))
    try:
        assert not services.live_too_slow
        live = _round(services, clip)
        assert live.transcriber.model is services.speech_model()
        report = live.stop()
    finally:
        services.close()
    assert not any("too slow" in n for n in report.notes)
