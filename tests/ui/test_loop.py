"""Full-loop practice: the role's rounds in order, a break screen between them.

Also the plainest failure a user meets: a round with no speech at all says so.
"""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt

from mockloop.audio import wav_stream_factory

from .helpers import on_page, press, wait_for_debrief

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def silence(path, seconds: float = 3.0):
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(path), "trim", "0.0",
                    str(seconds)], check=True, capture_output=True)
    return path


def test_full_loop_stays_on_a_round_with_no_speech(make_window, services, tmp_path, qtbot):
    window = make_window(services,
                         stream_factory=wav_stream_factory(silence(tmp_path / "quiet.wav")))
    practice = window.practice
    practice.picker.select("mle")
    practice.picker.loop_check.setChecked(True)
    loop = services.rubric.role("mle").loop
    assert practice.picker.round_id == loop[0]
    assert practice.prompt_card.kicker.text().startswith(f"ROUND 1 OF {len(loop)}")

    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(practice.clock.rec.isVisible, timeout=30_000)
    qtbot.waitUntil(lambda: practice.clock.track.elapsed_s > 1.5, timeout=10_000)
    press(qtbot, window, Qt.Key.Key_Space)
    wait_for_debrief(qtbot, window)

    debrief = window.debrief
    assert debrief.no_speech.isVisible()  # said plainly, not a page of misses
    # A take with no speech is no loop round: the loop stays where it was (the loop going on
    # after a take with speech: tests/ui/test_loop_scorecard.py).
    assert not debrief.next_button.isVisible()
    press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert on_page(window, practice)
    assert practice.picker.round_id == loop[0]
    assert practice.prompt_card.kicker.text().startswith(f"ROUND 1 OF {len(loop)}")

    practice.next_round()  # nothing to go on to yet
    assert not practice.break_card.isVisible()
    practice.end_loop()
    assert not practice.picker.full_loop


def test_retake_goes_back_to_the_same_prompt(make_window, services, tmp_path, qtbot):
    window = make_window(services,
                         stream_factory=wav_stream_factory(silence(tmp_path / "quiet.wav")))
    practice = window.practice
    practice.picker.select("swe", "coding", "coding/top-k-errors")
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(practice.clock.rec.isVisible, timeout=30_000)
    press(qtbot, window, Qt.Key.Key_Space)
    wait_for_debrief(qtbot, window)
    assert not window.debrief.next_button.isVisible()  # not in a loop
    practice.picker.select(round_id="story-90")  # wandered off meanwhile
    press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert on_page(window, practice)
    assert (practice.picker.round_id, practice.picker.prompt_id) == ("coding",
                                                                      "coding/top-k-errors")
