"""The practice page passes one RoundRequest from the picker to the driver (and LiveRound);
a retake arrives as a request; the full loop is planned from the request."""

from __future__ import annotations

import pytest

from mockloop.session import RoundRequest
from mockloop.ui.practice.loop import LoopPlan

from .helpers import on_page

pytestmark = pytest.mark.gui


def test_start_hands_the_driver_the_pickers_request(make_window, services, monkeypatch):
    window = make_window(services)
    practice = window.practice
    prompt = services.rubric.round("ml-design").prompts[1].id
    practice.picker.select("mle", "ml-design", prompt)
    started: list[RoundRequest] = []
    monkeypatch.setattr(practice.driver, "start", started.append)
    practice.start()
    assert started == [RoundRequest("mle", "ml-design", prompt, device=practice.mic.device)]
    assert started[0].follows is None
    assert practice.picker.request() == RoundRequest("mle", "ml-design", prompt)


def test_a_retake_selects_the_request_and_opens_practice(make_window, services):
    window = make_window(services)
    window.show_page("history")
    window.debrief.retake_requested.emit("swe", "coding", "coding/rate-limiter")
    assert on_page(window, window.practice)
    assert window.practice.picker.request() == RoundRequest("swe", "coding",
                                                            "coding/rate-limiter")


def test_a_loop_is_planned_from_a_request():
    rounds = ("story-90", "coding", "system-design")
    plan = LoopPlan.starting_at("swe", rounds, RoundRequest("swe", "coding"))
    assert plan == LoopPlan("swe", rounds, 1)
    assert plan.covers(RoundRequest("swe", "coding", "coding/rate-limiter"))
    assert not plan.covers(RoundRequest("mle", "coding"))
    assert not plan.advanced().covers(RoundRequest("swe", "coding"))
    assert LoopPlan.starting_at("swe", rounds, RoundRequest("swe", "ml-design")) is None
