"""The clock: the timing light follows the round's plan and the round stops by itself."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from mockloop.audio import wav_stream_factory
from mockloop.rubric import get_rubric
from mockloop.ui.practice.clock_card import ClockCard

from .conftest import SharedModelServices
from .helpers import press, wait_for_debrief

pytestmark = pytest.mark.gui


def test_light_turns_amber_then_red_and_counts_overtime(qtbot):
    story = get_rubric().round("story-90")
    clock = ClockCard()
    qtbot.addWidget(clock)
    clock.show_round(story, story.length_s + story.overtime_s)
    seen = {}
    for t in (10, story.amber_at_s + 1, story.red_at_s + 1, story.length_s + 5):
        clock.show_elapsed(t)
        seen[t] = (clock.light.state, clock.remaining.text())
    assert seen[10] == ("green", "1:20")
    assert seen[story.amber_at_s + 1][0] == "amber"
    assert seen[story.red_at_s + 1][0] == "red"
    assert seen[story.length_s + 5] == ("over", "+0:05")
    assert "stops by itself" in clock.elapsed.text()


@pytest.mark.slow
def test_round_stops_itself_after_the_overtime_allowance(make_window, speech_model, speak,
                                                         qtbot, request):
    # A real round, made short so the test does not wait 105 s: injected through Services.
    rubric = get_rubric()
    short = replace(rubric.round("story-90"), length_s=6.0, amber_at_s=3.0, red_at_s=4.5,
                    overtime_s=1.5, checkpoints=())
    services = SharedModelServices(speech_model,
                                   rubric=replace(rubric, rounds={**rubric.rounds,
                                                                  "story-90": short}))
    request.addfinalizer(services.close)
    clip = speak("I decided to ship the smaller version first.")
    window = make_window(services, stream_factory=wav_stream_factory(clip, realtime=True))
    window.practice.picker.select("swe", "story-90")
    press(qtbot, window, Qt.Key.Key_Space)
    light = window.practice.clock.light
    qtbot.waitUntil(lambda: light.state == "amber", timeout=30_000)
    qtbot.waitUntil(lambda: light.state in ("red", "over"), timeout=10_000)
    # Nobody presses Stop: the debrief arrives on its own.
    wait_for_debrief(qtbot, window)
    # It ran into the overtime allowance (6 s + 1.5 s) and stopped there by itself.
    used = window.debrief.delivery.values["time"]
    assert used.split(" of ")[0] in ("0:07", "0:08"), used
