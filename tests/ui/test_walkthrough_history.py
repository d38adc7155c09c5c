"""History as a new user meets it: search hits readable, sortable columns, plain empty states."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from .helpers import answer_question

pytestmark = pytest.mark.gui

MATCH_COLUMN = 6


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def search(qtbot, history, text: str) -> None:
    history.search.clear()
    qtbot.keyClicks(history.search, text)
    qtbot.waitUntil(lambda: text in history.count.text(), timeout=5000)


def test_a_search_hit_is_drawn_once_and_its_sentence_is_one_hover_away(make_window, services,
                                                                       qtbot):
    services.analyze_text("swe", "story-90", "We had a hard deadline. I decided to cut the "
                          "giraffe feature so the launch could happen.", prompt_id=None)
    window = make_window(services)
    window.show_page(2)
    history = window.history
    search(qtbot, history, "giraffe")
    assert history.table.rowCount() == 1
    item = history.table.item(0, MATCH_COLUMN)
    # The hit is drawn by the table's delegate from the marked snippet (the matched words in
    # bold); the cell's plain text is what a screen reader gets, and is not painted under it.
    from mockloop.store.search import SNIPPET_MARKS

    snippet = history.table.snippet_at(0)
    assert snippet is not None and f"{SNIPPET_MARKS[0]}giraffe" in snippet.lower()
    assert "giraffe" in item.text().lower() and SNIPPET_MARKS[0] not in item.text()
    # Hovering tells the matched sentence, not only the prompt.
    assert "giraffe" in item.toolTip().lower()


def test_headers_sort_and_round_names_fit_at_1024(make_window, services, qtbot):
    for rnd in ("story-90", "failure-followup", "system-design"):
        services.analyze_text("swe", rnd, "We chose a cache over a queue because of latency.")
    window = make_window(services)
    window.resize(1024, 700)
    window.show_page(2)
    settle()
    table = window.history.table
    titles = [table.item(r, 1).text() for r in range(table.rowCount())]
    header = table.horizontalHeader()
    # Round names are not cut at 1024 px: each fits its cell (on one line, or wrapped).
    metrics = table.fontMetrics()
    for r, title in enumerate(titles):
        room = QRect(0, 0, header.sectionSize(1) - 16, 10_000)
        needed = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, title)
        assert needed.width() <= room.width() and needed.height() <= table.rowHeight(r), title
    # Clicking a header sorts by it; clicking again reverses.
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2))
    settle()
    first = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert first in (sorted(titles), sorted(titles, reverse=True))
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2))
    settle()
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == first[::-1]
    # The ids still follow their rows (open / delete act on the right round).
    table.selectRow(0)
    assert services.store.get(window.history.table.selected_id()).round in (
        "story-90", "failure-followup", "system-design")


def test_no_match_is_said_where_the_rows_would_be(make_window, services, qtbot):
    services.analyze_text("swe", "story-90", "We chose a cache.")
    window = make_window(services)
    window.resize(1024, 700)
    window.show_page(2)
    history = window.history
    search(qtbot, history, "zebra")
    settle()
    assert history.empty.isVisible()
    below_filters = history.search.mapTo(history, QPoint(0, history.search.height())).y()
    empty_top = history.empty.mapTo(history, QPoint(0, 0)).y()
    assert empty_top - below_filters < 120  # right under the search, not at the bottom


def test_the_delete_question_names_the_round(make_window, services, qtbot):
    services.analyze_text("swe", "failure-followup", "The cache could serve stale prices.")
    window = make_window(services)
    window.show_page(2)
    history = window.history
    history.table.selectRow(0)
    qtbot.mouseClick(history.delete_button, Qt.MouseButton.LeftButton)
    boxes: list[QMessageBox] = []
    qtbot.waitUntil(lambda: bool(boxes.extend(
        b for b in window.findChildren(QMessageBox) if b.isVisible()) or boxes), timeout=5000)
    text = boxes[0].text()
    assert "reject this design" in text
    answer_question(qtbot, window, "Keep it")
