"""RoundRequest: what the user asked to practise, passed whole to LiveRound (Qt-free)."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from mockloop.audio import WavWriter, wav_stream_factory
from mockloop.errors import NotFoundError
from mockloop.session import LiveRound, RoundRequest, Services


def _tone_wav(path: Path, seconds: float = 2.0) -> Path:
    import numpy as np

    t = np.arange(int(16000 * seconds)) / 16000
    writer = WavWriter(path, 16000)
    writer.write((0.2 * np.sin(2 * np.pi * 220 * t)).astype("float32"))
    writer.close()
    return path


def test_a_request_is_frozen_with_plain_defaults():
    request = RoundRequest("swe", "coding")
    assert (request.prompt_id, request.device, request.follows) == (None, None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.round_id = "story-90"  # type: ignore[misc]
    assert RoundRequest("swe", "coding", "coding/rate-limiter", device=3) == \
        RoundRequest("swe", "coding", prompt_id="coding/rate-limiter", device=3)
    assert dataclasses.replace(request, follows=12).follows == 12


def test_from_request_builds_the_same_round_as_the_ids():
    services = Services()
    try:
        request = RoundRequest("swe", "coding", "coding/rate-limiter", device="Virtual mic")
        live = LiveRound.from_request(services, request)
        by_ids = LiveRound(services, "swe", "coding", prompt_id="coding/rate-limiter",
                           device="Virtual mic")
        for attr in ("role", "round", "prompt", "device", "hard_stop_s"):
            assert getattr(live, attr) == getattr(by_ids, attr), attr
        assert live.request is request and by_ids.request is None
        assert live.history_id is None  # nothing started: no row, no recording
    finally:
        services.close()


def test_a_request_without_prompt_or_device_uses_the_first_prompt_and_the_settings_device():
    services = Services()
    try:
        services.settings = services.settings.with_(input_device="From settings")
        live = LiveRound.from_request(services, RoundRequest("swe", "coding"))
        assert live.prompt == services.rubric.round("coding").prompts[0]
        assert live.device == "From settings"
    finally:
        services.close()


def test_an_unknown_round_in_a_request_is_refused_plainly():
    services = Services()
    try:
        with pytest.raises(NotFoundError, match="Unknown round"):
            LiveRound.from_request(services, RoundRequest("swe", "no-such-round"))
    finally:
        services.close()


def test_the_requested_round_is_what_the_history_row_records(tmp_path):
    services = Services()
    clip = _tone_wav(tmp_path / "tone.wav")
    request = RoundRequest("mle", "ml-design", None, follows=None)
    live = LiveRound.from_request(services, request, live_transcription=False,
                                  stream_factory=wav_stream_factory(clip, realtime=True))
    try:
        live.start()
        deadline = time.monotonic() + 20
        while live.elapsed_s < 0.3 and time.monotonic() < deadline:
            time.sleep(0.05)
        live.cancel()
        row = services.store.get(live.history_id)
        first = services.rubric.round("ml-design").prompts[0]
        assert (row.role, row.round, row.prompt_id) == ("mle", "ml-design", first.id)
        assert row.status == "interrupted"
    finally:
        services.close()


def test_a_follow_up_request_saves_a_linked_round_with_its_own_question(tmp_path):
    services = Services()
    try:
        design = services.analyze_text(
            "swe", "system-design", "I would put a cache in front of Postgres for prices.")
        question = "You put a cache in front of Postgres: how do you keep it from serving " \
                   "stale prices?"
        request = RoundRequest("swe", "failure-followup", follows=design.id, kind="followup",
                               prompt_text=question)
        live = LiveRound.from_request(
            services, request, live_transcription=False,
            stream_factory=wav_stream_factory(_tone_wav(tmp_path / "tone.wav"), realtime=True))
        live.start()
        deadline = time.monotonic() + 20
        while live.elapsed_s < 0.3 and time.monotonic() < deadline:
            time.sleep(0.05)
        report = live.stop()
        row = services.store.get(live.history_id)
        assert (row.follows, row.kind, row.prompt_text) == (design.id, "followup", question)
        assert report.prompt_text == question
        assert services.store.get(design.id).follows is None

        typed = services.analyze_text("swe", "failure-followup", "I would reject it if stale "
                                      "prices reached checkout.", follows=design.id,
                                      kind="followup", prompt_text=question)
        assert services.store.get(typed.id).follows == design.id
        assert typed.to_dict()["prompt"]["text"] == question
    finally:
        services.close()
