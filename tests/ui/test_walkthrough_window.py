"""Round life cycle as a new user meets it: deleted rounds, interrupted rounds, settings."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from mockloop import paths

from .helpers import answer_question, on_page, press, wait_for_debrief

pytestmark = pytest.mark.gui

ANSWER = ("We had a hard deadline of two weeks to launch the billing page. "
          "I decided to cut the export feature.")


def _crashed_round(clip) -> None:
    """What a crash leaves behind: a round begun by a process that died, its audio on disk."""
    audio = paths.recordings_dir() / "crashed.wav"
    shutil.copy(clip, audio)
    subprocess.run([sys.executable, "-c", (
        "from pathlib import Path; from mockloop.store import Store; s = Store(); "
        "s.begin_round(role='swe', round_id='story-90', prompt_id='story-90/launch-cut', "
        f"prompt_text='Tell me about a launch.', audio_path=Path({str(audio)!r})); s.close()")],
        check=True)


def test_a_deleted_round_leaves_the_debrief(make_window, services, qtbot):
    rid = services.analyze_text("swe", "story-90", ANSWER).id
    window = make_window(services)
    window.open_round(rid)
    assert window.debrief.content.isVisible()
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    window.history.table.selectRow(0)
    qtbot.mouseClick(window.history.delete_button, Qt.MouseButton.LeftButton)
    answer_question(qtbot, window, "Delete")
    qtbot.waitUntil(lambda: window.history.table.rowCount() == 0, timeout=5000)
    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert on_page(window, window.debrief)
    assert not window.debrief.content.isVisible()
    assert not window.debrief.retake_button.isVisible()
    assert "deleted" in window.debrief.meta.text()


def test_a_recording_gone_from_disk_is_said_without_its_path_and_stays_on_its_page(
        make_window, services, speak, tmp_path, qtbot):
    clip = tmp_path / "kept.wav"
    shutil.copy(speak(ANSWER), clip)
    report = services.analyze_audio("swe", "story-90", clip)
    window = make_window(services, player_factory=lambda path: pytest.fail("nothing to play"))
    window.open_round(report.id)
    clip.unlink()  # removed behind the app's back
    qtbot.mouseClick(window.debrief.player_bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert str(tmp_path) not in window.banner.text
    assert "no longer" in window.banner.text
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert not window.banner.isVisible()  # it does not follow the user to History


@pytest.mark.slow
def test_a_finished_interrupted_round_says_its_number_and_where_it_was_cut(make_window, services,
                                                                         speak, qtbot):
    _crashed_round(speak(ANSWER))
    window = make_window(services)
    window.start_up()
    qtbot.waitUntil(window.banner.isVisible, timeout=20_000)
    qtbot.mouseClick(window.banner.action, Qt.MouseButton.LeftButton)
    # The wait says what it is doing.
    assert "Transcribing round #" in window.history.progress_text.text()
    wait_for_debrief(qtbot, window)
    [row] = services.store.list_rounds()
    meta = window.debrief.meta.text().replace("\u00a0", " ")  # parts kept whole
    assert f"round #{row.id}" in meta
    assert "cut short at 0:0" in meta


def test_an_interrupted_round_recovered_by_the_command_line_is_still_pointed_out(
        make_window, services, speak, qtbot):
    _crashed_round(speak(ANSWER))
    # A command-line call ran first after the crash and recovered it without a word.
    subprocess.run([sys.executable, "-m", "mockloop", "history"], check=True,
                   capture_output=True)
    [row] = services.store.list_rounds()
    assert row.status == "interrupted"
    window = make_window(services)
    window.start_up()
    qtbot.waitUntil(window.banner.isVisible, timeout=20_000)
    assert "not finished" in window.banner.text
    assert window.banner.action.text() == "Finish now"


def test_a_bad_model_folder_is_explained_in_full_and_plain_words(make_window, services, tmp_path,
                                                                 qtbot):
    window = make_window(services)
    press(qtbot, window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.settings_dialog
    box = dialog.findChild(QDialogButtonBox)
    buttons = [box.button(QDialogButtonBox.StandardButton.Save),
               box.button(QDialogButtonBox.StandardButton.Cancel)]
    assert all(b.icon().isNull() for b in buttons)  # plain text buttons, like the rest
    dialog.model_edit.setText(str(tmp_path / "a" / "rather" / "long" / "path" / "to" / "a" /
                                  "folder" / "that" / "does" / "not" / "exist" / "at" / "all"))
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    error = dialog.model_error
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert "--model" not in error.text() and "CTranslate2" not in error.text()
    # Every line of it shows: the label is as tall as its wrapped text.
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()), timeout=5000)
    dialog.reject()
