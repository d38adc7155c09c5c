"""A whole round through the real window: speech in, debrief out, found again in history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mockloop.audio import audio_duration, wav_stream_factory

from .helpers import on_page, press, signal_rows, wait_for_debrief

pytestmark = [pytest.mark.gui, pytest.mark.slow]

# Says the constraint, the tradeoff and the speaker's own decision; never says how it turned out.
ANSWER = ("We had a hard deadline of two weeks to launch the billing page. "
          "I decided to cut the export feature. "
          "We chose a nightly batch job over live sync, and we accepted stale numbers.")


def test_spoken_round_is_scored_then_found_in_history(make_window, services, speak, qtbot):
    clip = speak(ANSWER)
    window = make_window(services, stream_factory=wav_stream_factory(clip, realtime=True))
    practice = window.practice
    practice.picker.select("swe", "story-90", "story-90/launch-cut")
    assert "leave out" in practice.prompt_card.prompt.text()

    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(practice.clock.rec.isVisible, timeout=30_000)
    assert practice.clock.stop_button.isVisible()
    assert not practice.picker.role_box.isEnabled()  # no changing the question mid-answer
    qtbot.waitUntil(lambda: practice.mic.meter.rms_db > -45, timeout=10_000)  # the meter moves
    # Let the whole answer play into the microphone, then stop with Space.
    spoken = audio_duration(clip)
    qtbot.waitUntil(lambda: practice.clock.track.elapsed_s > spoken + 0.5,
                    timeout=int(spoken * 1000) + 20_000)
    assert practice.clock.light.state == "green"
    # The live transcript shows what was said so far (it is cut at pauses, so allow a moment).
    qtbot.waitUntil(lambda: "deadline" in practice.clock.partial.text().lower(), timeout=20_000)
    press(qtbot, window, Qt.Key.Key_Space)

    wait_for_debrief(qtbot, window)
    rows = signal_rows(window)
    assert set(rows) == {"tradeoff", "constraint", "fallout", "ownership"}
    for hit in ("constraint", "ownership", "tradeoff"):
        assert rows[hit].hit, f"{hit} should be hit"
        assert rows[hit].play_button is not None  # the moment it was said, to hear again
    assert "deadline" in rows["constraint"].detail.text().lower()
    assert "export" in rows["ownership"].detail.text().lower()
    assert not rows["fallout"].hit
    # The miss teaches with an example written for this role and round (the saved report's).
    [saved] = services.store.list_rounds()
    fallout = next(s for s in services.store.report(saved.id)["signals"] if s["id"] == "fallout")
    assert fallout["try"] and rows["fallout"].detail.text().startswith(f"Try: {fallout['try']}")
    assert "3 of 4" in window.debrief.checklist.score.text()
    assert "billing" in window.debrief.transcript.toPlainText().lower()
    assert window.debrief.delivery.values["time"].startswith("0:1")  # ~12 s used of 1:30

    # History: the round is there, newest first, and found by a word said in it.
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    history = window.history
    assert on_page(window, history)
    assert history.table.rowCount() == 1
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert history.search.hasFocus()
    qtbot.keyClicks(history.search, "export")
    qtbot.waitUntil(lambda: "export" in history.count.text(), timeout=5000)
    assert history.table.rowCount() == 1
    history.search.clear()
    qtbot.keyClicks(history.search, "giraffe")
    qtbot.waitUntil(lambda: "giraffe" in history.count.text(), timeout=5000)
    assert history.table.rowCount() == 0
    assert history.empty.isVisible()
    history.search.clear()
    qtbot.keyClicks(history.search, "export")
    qtbot.waitUntil(lambda: history.table.rowCount() == 1, timeout=5000)

    # Opening it again shows the same debrief, rendered from the saved report.
    history.table.selectRow(0)
    qtbot.mouseClick(history.open_button, Qt.MouseButton.LeftButton)
    assert on_page(window, window.debrief)
    again = signal_rows(window)
    assert {k: r.hit for k, r in again.items()} == {k: r.hit for k, r in rows.items()}
    assert window.debrief.playback.available  # its recording is there to play
