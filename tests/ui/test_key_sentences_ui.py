"""The debrief's Key sentences card, in the real window on rounds made by the real analysis of
real (espeak) speech: a saved sentence said with a misheard word shows as said at its moment
and plays from there; one not said shows as not said; words selected in the transcript are
saved as a key sentence and are still there when the window is opened again."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from mockloop import key_sentences as ks
from mockloop.ui.fmt import mmss
from mockloop.ui.key_sentences_dialog import KeySentencesDialog

from .helpers import press
from .test_walkthrough_keys import FakePlayer

pytestmark = [pytest.mark.gui, pytest.mark.slow]

BEFORE = "We had two weeks and one engineer, so we kept the scope small."
SAID = "A better model is not the same as a more reliable product."
AFTER = "So we added a fallback path and measured how often it fired."
NOT_SAID = "We put a cache in front of the ranking service."


@pytest.fixture
def spoken_round(services, speak):
    """A round from real speech, transcribed by the real model (tiny.en hears "better"
    wrong in this voice) and analysed."""
    clip = speak(f"{BEFORE} In the end, {SAID} {AFTER}")
    return services.analyze_audio("ai-engineer", "ai-design", clip)


def _dialog(window) -> KeySentencesDialog:
    found = [d for d in window.findChildren(KeySentencesDialog) if d.isVisible()]
    assert found, "the key sentences dialog did not open"
    return found[0]


def test_a_saved_sentence_shows_said_at_its_moment_and_one_not_said_shows_not_said(
        make_window, services, spoken_round, qtbot):
    ks.add(SAID)
    ks.add(NOT_SAID, role="ai-engineer")
    ks.add("Latency budgets are set per request path.", role="swe")  # not this role's
    window = make_window(services, player_factory=FakePlayer)
    window.open_round(spoken_round.id)
    card = window.debrief.key_sentences
    assert card.isVisible()
    assert [r.number for r in card.rows] == [1, 2]
    assert card.score.text() == "1 of 2 said"

    said = card.row(1)
    words = spoken_round.transcript.words
    small = next(w for w in words if "small" in w.word.lower())
    assert said.said and said.start_s is not None and said.start_s >= small.end
    assert "product" in said.detail.text().lower()
    assert said.play_button is not None and said.play_button.text().endswith(mmss(said.start_s))

    missed = card.row(2)
    assert not missed.said and missed.play_button is None
    assert missed.detail.text() == "Not said in this round."

    # The chip plays from that moment: the player starts there, the transcript follows.
    qtbot.mouseClick(said.play_button, Qt.MouseButton.LeftButton)
    playback = window.debrief.playback
    assert playback.is_playing and playback.player.position_s == said.start_s
    view = window.debrief.transcript
    assert view.current >= 0 and view._starts[view.current] == said.start_s
    playback.stop()


def _select(view, first: int, last: int) -> None:
    """Select shown words first..last in the transcript, as a drag would."""
    cursor = QTextCursor(view.document())
    start, _n = view._spans[first]
    end_pos, length = view._spans[last]
    cursor.setPosition(start)
    cursor.setPosition(end_pos + length, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_words_selected_in_the_transcript_are_saved_and_still_there_after_a_restart(
        make_window, services, spoken_round, qtbot, mockloop_home):
    window = make_window(services, player_factory=FakePlayer)
    window.open_round(spoken_round.id)
    card = window.debrief.key_sentences
    assert card.rows == [] and card.empty.isVisible()  # nothing saved yet: how to start
    view = window.debrief.transcript
    shown = [w["word"].strip() for w in view.words]
    first = next(i for i, w in enumerate(shown) if w.lower().startswith("fallback") or
                 w.lower() == "fall") - 3  # "we added a fallback path"
    last = first + 5
    _select(view, first, last)
    wanted = " ".join(shown[first:last + 1]).strip(" ,;:")

    # Right-click on the selection: "Save as a key sentence…" opens the list with the words.
    menu = window.debrief.key_sentences.context_menu(view.word_rect(first).center())
    [action] = [a for a in menu.actions() if a.objectName() == "saveKeySentence"]
    assert "Ctrl+K" in action.text()
    action.trigger()
    dialog = _dialog(window)
    assert dialog.edit.text() == wanted
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    saved = json.loads((mockloop_home / "key-sentences.json").read_text(encoding="utf-8"))
    assert [s["text"] for s in saved["sentences"]] == [wanted]
    assert dialog.list.topLevelItemCount() == 1
    dialog.reject()
    menu.deleteLater()
    # The card shows it at once, said (these are the transcript's own words).
    assert [r.said for r in card.rows] == [True]

    # Ctrl+K does the same from the keyboard; the same words again are refused, said plainly.
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(window)
    assert dialog.edit.text() == wanted
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "saved already" in dialog.error.text()
    dialog.reject()

    window.close()
    again = make_window(services, player_factory=FakePlayer)
    again.open_round(spoken_round.id)
    rows = again.debrief.key_sentences.rows
    assert [(r.said, r.text.text()) for r in rows] == [(True, f"“{wanted}”")]


def test_the_list_is_managed_from_settings_and_the_card_follows(make_window, services,
                                                                spoken_round, qtbot):
    ks.add(NOT_SAID)
    window = make_window(services, player_factory=FakePlayer)
    window.open_round(spoken_round.id)
    card = window.debrief.key_sentences
    assert [r.said for r in card.rows] == [False]
    window.open_settings()
    settings = window.settings_dialog
    qtbot.mouseClick(settings.key_sentences_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(settings)
    assert dialog.role.findText("AI Engineer") > 0  # the roles by name
    # Edit the saved sentence into the one this round said (with the recogniser's error).
    dialog.list.topLevelItem(0).setSelected(True)
    assert dialog.save_button.isEnabled()
    dialog.edit.setText(SAID)
    dialog.role.setCurrentIndex(dialog.role.findText("AI Engineer"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert ks.load().sentences == (ks.KeySentence(SAID.strip(), "ai-engineer"),)
    assert [r.said for r in card.rows] == [True]  # the debrief behind follows at once
    # A sentence too short to find is refused with a reason, and nothing is saved.
    dialog.start_new("the model")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.error.isVisible() and "too short" in dialog.error.text()
    assert len(ks.load().sentences) == 1
    dialog.list.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert ks.load().sentences == ()
    assert card.rows == [] and card.empty.isVisible()
    dialog.reject()
    settings.reject()
    QApplication.processEvents()
