"""History: filters, delete only after a yes, and rounds cut short are offered for finishing."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from mockloop import paths

from .helpers import answer_question, on_page, signal_rows, wait_for_debrief

pytestmark = pytest.mark.gui


def test_filters_and_delete_after_asking(make_window, services, qtbot):
    services.analyze_text("swe", "system-design",
                          "I would cache reads for five minutes and invalidate on every write.")
    services.analyze_text("mle", "ml-design", "We retrain weekly and compare against a holdout.")
    window = make_window(services)
    window.show_page(2)
    history = window.history
    assert history.table.rowCount() == 2
    history.role_box.setCurrentIndex(history.role_box.findData("mle"))
    assert history.table.rowCount() == 1
    assert history.table.item(0, 1).text() == services.rubric.round("ml-design").title
    history.role_box.setCurrentIndex(0)
    history.round_box.setCurrentIndex(history.round_box.findData("system-design"))
    assert history.table.rowCount() == 1
    history.round_box.setCurrentIndex(0)

    history.table.selectRow(0)
    qtbot.mouseClick(history.delete_button, Qt.MouseButton.LeftButton)
    answer_question(qtbot, window, "Keep it")
    assert history.table.rowCount() == 2
    qtbot.mouseClick(history.delete_button, Qt.MouseButton.LeftButton)
    answer_question(qtbot, window, "Delete")
    qtbot.waitUntil(lambda: history.table.rowCount() == 1, timeout=5000)
    assert len(services.store.list_rounds()) == 1


@pytest.mark.slow
def test_round_cut_short_last_time_is_offered_and_finished(make_window, services, speak, qtbot):
    # What a crash leaves behind: a round begun, its audio on disk, never completed.
    clip = speak("We had a hard deadline of two weeks to launch the billing page. "
                 "I decided to cut the export feature.")
    audio = paths.recordings_dir() / "crashed.wav"
    shutil.copy(clip, audio)
    # Begun by another process that then died (its pid is gone), as after a crash.
    subprocess.run([sys.executable, "-c", (
        "from pathlib import Path; from mockloop.store import Store; s = Store(); "
        "s.begin_round(role='swe', round_id='story-90', prompt_id='story-90/launch-cut', "
        f"prompt_text='Tell me about a launch.', audio_path=Path({str(audio)!r})); s.close()")],
        check=True)
    window = make_window(services)
    window.start_up()
    qtbot.waitUntil(window.banner.isVisible, timeout=20_000)
    assert "cut short" in window.banner.text
    qtbot.mouseClick(window.banner.action, Qt.MouseButton.LeftButton)
    assert on_page(window, window.history)
    wait_for_debrief(qtbot, window)
    said = window.debrief.transcript.toPlainText()
    assert signal_rows(window)["constraint"].hit, said
    [row] = services.store.list_rounds()
    assert row.status == "complete"
