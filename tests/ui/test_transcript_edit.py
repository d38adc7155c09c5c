"""The transcript is the user's: correct a word or a sentence in the debrief, and the checklist,
lens and evidence are scored again at once; the correction is saved, marked and undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mockloop.transcript import Segment, Transcript, Word

from .helpers import on_page, signal_rows

pytestmark = pytest.mark.gui

CASH = "We keep a catch of prices with a ttl of five minutes so stale prices are fine."
SENTENCES = ("So first we shard the users by region. Then we add a catch in front of it, "
             "and reads stay fast.")


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def timed_round(services, text: str, round_id: str = "system-design") -> int:
    """A saved round with word timings, as a recording gives (word k at 1 + k/2 s)."""
    words = tuple(Word(" " + w, 1.0 + k * 0.5, 1.4 + k * 0.5) for k, w in
                  enumerate(text.split()))
    transcript = Transcript.from_segments([Segment(text, words[0].start, words[-1].end, words)],
                                          words[-1].end + 2.0)
    report = services.build_report("swe", round_id, transcript)
    return services._save_new(report, source="file", audio_path=None).id


def shown_words(view) -> list[str]:
    return [str(w["word"]).strip() for w in view._all]


def double_click(qtbot, view, word: str) -> None:
    i = shown_words(view).index(word)
    shown = view._shown(i)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      pos=view.word_rect(shown).center())
    qtbot.waitUntil(lambda: view.editor is not None and view.editor.isVisible(), timeout=3000)


def type_and(qtbot, view, text: str, key: Qt.Key) -> None:
    field = view.editor.field
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, key)
    settle()


@pytest.mark.parametrize("timed", [False, True], ids=["typed", "recorded"])
def test_correcting_a_word_rescores_the_debrief_and_is_saved(make_window, services, qtbot,
                                                             timed):
    if timed:
        rid = timed_round(services, CASH)
    else:
        rid = services.analyze_text("swe", "system-design", CASH).id
    window = make_window(services)
    window.open_round(rid)
    settle()
    view = window.debrief.transcript
    assert not signal_rows(window)["caching"].hit
    old_lens = window.debrief.lens.isVisible()
    assert window.debrief.edit_hint.isVisible()

    double_click(qtbot, view, "catch")
    assert view.editor.field.text() == "catch"
    type_and(qtbot, view, "cache", Qt.Key.Key_Return)

    assert not view.editor.isVisible()
    assert "cache" in shown_words(view) and "catch" not in shown_words(view)
    row = signal_rows(window)["caching"]
    assert row.hit  # the checklist changed at once
    assert "a cache of prices" in view.toPlainText()
    assert view.corrected_words() == [shown_words(view).index("cache")]  # underlined
    assert window.debrief.lens.isVisible() or not old_lens
    assert window.debrief.edited_bar.isVisible()
    assert "1 correction" in window.debrief.edited_note.text()
    # Saved with the round: the history says so, and the original is kept.
    saved = services.store.report(rid)
    assert saved["edited"] and saved["transcript_original"]["text"] == CASH
    assert services.store.get(rid).edited
    window.show_page(2)
    settle()
    table = window.history.table
    assert table.select_id(rid)
    status = table.item(table.currentRow(), 5).text()
    assert "edited" in status
    # Opened again, it shows the corrected debrief.
    window.open_round(rid)
    settle()
    assert signal_rows(window)["caching"].hit and window.debrief.edited_bar.isVisible()


def test_escape_cancels_and_nothing_changes(make_window, services, qtbot):
    rid = timed_round(services, CASH)
    window = make_window(services)
    window.open_round(rid)
    settle()
    view = window.debrief.transcript
    double_click(qtbot, view, "catch")
    type_and(qtbot, view, "cache", Qt.Key.Key_Escape)
    assert not view.editor.isVisible()
    assert "catch" in shown_words(view)
    assert not signal_rows(window)["caching"].hit
    assert not services.store.get(rid).edited
    assert not window.debrief.edited_bar.isVisible()


def test_a_corrected_word_keeps_its_time_so_replay_still_follows(make_window, services, qtbot):
    rid = timed_round(services, CASH)
    window = make_window(services)
    window.open_round(rid)
    settle()
    view = window.debrief.transcript
    i = shown_words(view).index("catch")
    start = view.words[i]["start"]
    double_click(qtbot, view, "catch")
    type_and(qtbot, view, "cache layer", Qt.Key.Key_Return)
    assert shown_words(view)[i:i + 2] == ["cache", "layer"]
    view.highlight_at(start + 0.05)  # the player reaches where "catch" was said
    assert view.current == i
    assert view.toPlainText()[view._spans[i][0]:][:5] == "cache"
    view.highlight_at(view.words[i + 1]["start"] + 0.01)
    assert view.current == i + 1


def test_tab_widens_to_the_sentence_and_unchanged_words_keep_their_times(make_window, services,
                                                                         qtbot):
    rid = timed_round(services, SENTENCES)
    window = make_window(services)
    window.open_round(rid)
    settle()
    view = window.debrief.transcript
    before = {w["word"].strip(): (w["start"], w["end"]) for w in view.words}
    double_click(qtbot, view, "catch")
    qtbot.keyClick(view.editor.field, Qt.Key.Key_Tab)
    sentence = view.editor.field.text()
    assert sentence.startswith("Then we add a catch") and "So first" not in sentence
    type_and(qtbot, view, "Then we add a cache with a TTL in front of it, and reads stay fast.",
             Qt.Key.Key_Return)
    after = {w["word"].strip(): (w["start"], w["end"]) for w in view.words}
    for kept in ("Then", "add", "front", "stay", "region."):
        assert after[kept] == before[kept]
    # The changed run ("cache with a TTL" for "catch") shares the time "catch" was said in.
    assert after["cache"][0] == before["catch"][0]
    assert before["catch"][0] <= after["TTL"][0] <= after["TTL"][1] <= before["catch"][1]
    assert signal_rows(window)["caching"].hit


def test_undo_and_restore_the_original(make_window, services, qtbot):
    rid = timed_round(services, CASH)
    window = make_window(services)
    window.open_round(rid)
    settle()
    view = window.debrief.transcript
    double_click(qtbot, view, "catch")
    type_and(qtbot, view, "cache", Qt.Key.Key_Return)
    double_click(qtbot, view, "five")
    type_and(qtbot, view, "ten", Qt.Key.Key_Return)
    assert "2 corrections" in window.debrief.edited_note.text()

    qtbot.mouseClick(window.debrief.undo_button, Qt.MouseButton.LeftButton)
    settle()
    assert "five" in shown_words(view) and "cache" in shown_words(view)
    assert "1 correction" in window.debrief.edited_note.text()

    qtbot.mouseClick(window.debrief.revert_button, Qt.MouseButton.LeftButton)
    settle()
    assert "catch" in shown_words(view)
    assert not signal_rows(window)["caching"].hit
    assert not window.debrief.edited_bar.isVisible()
    assert not services.store.get(rid).edited
    assert on_page(window, window.debrief)


def test_selected_words_and_enter_edit_that_stretch(make_window, services, qtbot):
    rid = services.analyze_text("swe", "system-design", CASH).id
    window = make_window(services)
    window.open_round(rid)
    settle()
    view = window.debrief.transcript
    words = shown_words(view)
    a, b = words.index("catch"), words.index("prices")
    cursor = view.textCursor()
    cursor.setPosition(view._spans[a][0] + 1)
    cursor.setPosition(view._spans[b][0] + 2, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.editor.isVisible() and view.editor.field.text() == "catch of prices"
    type_and(qtbot, view, "cache of prices", Qt.Key.Key_Return)
    assert signal_rows(window)["caching"].hit
