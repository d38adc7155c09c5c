"""Esc cancels a round only after asking; the audio is kept and the round can be finished."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from mockloop.audio import wav_stream_factory

from .helpers import (
    answer_question,
    on_page,
    press,
    signal_rows,
    wait_for_debrief,
)

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ANSWER = ("We had a hard deadline of two weeks to launch the billing page. "
          "I decided to cut the export feature.")


def test_escape_asks_then_keeps_the_audio_as_interrupted(make_window, services, speak, qtbot):
    clip = speak(ANSWER)
    window = make_window(services, stream_factory=wav_stream_factory(clip, realtime=True))
    practice = window.practice
    practice.picker.select("swe", "story-90")
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(practice.clock.rec.isVisible, timeout=30_000)
    qtbot.waitUntil(lambda: practice.clock.track.elapsed_s > 2.0, timeout=15_000)

    # "Keep recording" changes nothing.
    press(qtbot, window, Qt.Key.Key_Escape)
    answer_question(qtbot, window, "Keep recording")
    assert practice.clock.rec.isVisible()
    assert practice.driver.state == "recording"

    qtbot.waitUntil(lambda: practice.clock.track.elapsed_s > 6.0, timeout=15_000)
    press(qtbot, window, Qt.Key.Key_Escape)
    answer_question(qtbot, window, "Cancel round")
    qtbot.waitUntil(lambda: practice.driver.state == "idle", timeout=20_000)
    assert not practice.clock.rec.isVisible()
    assert window.banner.isVisible() and "kept" in window.banner.text
    assert on_page(window, practice)  # no debrief for a cancelled round

    [row] = services.store.list_rounds()
    assert row.status == "interrupted"
    assert Path(row.audio_path).is_file()
    assert row.audio_s > 5.0

    # History shows it as interrupted, with Finish; finishing gives the debrief.
    window.show_page(2)
    history = window.history
    assert history.table.item(0, 5).text() == "Interrupted"
    history.table.selectRow(0)
    assert history.finish_button.isVisible() and history.finish_button.isEnabled()
    qtbot.mouseClick(history.finish_button, Qt.MouseButton.LeftButton)
    wait_for_debrief(qtbot, window)
    assert "deadline" in window.debrief.transcript.toPlainText().lower()  # what was said
    assert set(signal_rows(window)) == {"tradeoff", "constraint", "fallout", "ownership"}
    assert services.store.get(row.id).status == "complete"
