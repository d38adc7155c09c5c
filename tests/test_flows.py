"""mockloop.flows' shared pieces: the report's "recording" value and the hard-stop rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockloop.audio.recorder import RecordingResult
from mockloop.flows import Recording, hard_stop_s, record_until_stop, should_stop
from mockloop.rubric import get_rubric
from mockloop.settings import Settings


def test_a_live_recording_reads_as_reports_always_had_it():
    result = RecordingResult(Path("/r/a.wav"), 61.5, 3, 1, None)
    got = Recording.from_result(Path("/r/a.wav"), result).to_dict()
    assert got == {"path": "/r/a.wav", "dropped_frames": 3, "overflows": 1, "duration_s": 61.5}
    assert list(got) == ["path", "dropped_frames", "overflows", "duration_s"]


@pytest.mark.parametrize("audio_s", [27.18, None])
def test_a_cut_short_recording_reads_as_reports_always_had_it(audio_s):
    got = Recording.cut_short("/r/b.wav", audio_s).to_dict()
    assert got == {"path": "/r/b.wav", "dropped_frames": None, "duration_s": audio_s,
                   "interrupted_at_s": audio_s}
    assert list(got) == ["path", "dropped_frames", "duration_s", "interrupted_at_s"]


def test_the_hard_stop_is_the_length_and_the_overtime_or_the_duration_asked():
    story = get_rubric().round("story-90")
    assert hard_stop_s(story, Settings()) == story.length_s + story.overtime_s
    assert hard_stop_s(story, Settings(overtime_s=30)) == story.length_s + 30
    assert hard_stop_s(story, Settings(overtime_s=0)) == story.length_s
    assert hard_stop_s(story, Settings(overtime_s=30), duration=12) == 12
    at = story.length_s + story.overtime_s
    assert not should_stop(at - 0.01, story, Settings())
    assert should_stop(at, story, Settings())


class _Live:
    def __init__(self, error_at: float | None = None) -> None:
        self.round = get_rubric().round("story-90")
        self.services = type("S", (), {"settings": Settings(overtime_s=5)})()
        self.t, self.error_at = 0.0, error_at

    @property
    def elapsed_s(self) -> float:
        return self.t

    @property
    def error(self) -> str | None:
        return "gone" if self.error_at is not None and self.t >= self.error_at else None


def _tick(live: _Live):
    def sleep(_s: float) -> None:
        live.t += 0.5
    return sleep


def test_the_headless_wait_ends_at_the_hard_stop():
    live = _Live()
    record_until_stop(live, sleep=_tick(live))  # type: ignore[arg-type]
    assert live.t == live.round.length_s + 5


def test_the_headless_wait_ends_when_the_microphone_fails():
    live = _Live(error_at=10.0)
    record_until_stop(live, sleep=_tick(live))  # type: ignore[arg-type]
    assert live.t == 10.0
