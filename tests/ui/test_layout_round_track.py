"""The round track's checkpoint labels stay inside the track, the time first, at 1024x700."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from mockloop.ui.fmt import mmss

pytestmark = pytest.mark.gui


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


@pytest.mark.parametrize("size", [(1024, 700), (800, 600)])
def test_every_rounds_checkpoint_labels_stay_inside_the_track(make_window, services, qtbot,
                                                              size):
    window = make_window(services)
    window.resize(*size)
    track = window.practice.clock.track
    checked = 0
    for round_id in services.rubric.rounds:
        window.practice.picker.select(round_id=round_id)
        settle()
        for mark, text, rect in track.shown_labels():
            assert rect.left() >= 0 and rect.right() <= track.width(), (
                f"{round_id}: '{text}' drawn at {rect.left():.0f}..{rect.right():.0f}, "
                f"the track is 0..{track.width()}")
            assert text.startswith(mmss(mark.at_s)), f"{round_id}: '{text}' lost its time"
            checked += 1
    assert checked


def test_a_round_without_a_checkpoint_at_its_end_says_where_it_ends(make_window, services):
    window = make_window(services)
    window.resize(1280, 860)
    track = window.practice.clock.track
    window.practice.picker.select(round_id="failure-followup")
    settle()
    labels = [text for _, text, _ in track.shown_labels()]
    assert labels[-1] == f"{mmss(services.rubric.round('failure-followup').length_s)} end of round"
