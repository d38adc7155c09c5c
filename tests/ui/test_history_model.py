"""The History page on a history made by the real analysis of real answers (tests/devset, via
tests/support/history.py; the drill's takes from tests/support/drill_story.py): what each row
says (mockloop.history_list), sorting by every column, a search hit drawn readably, drill takes
marked and leading to their side-by-side view, and a refresh that shows a new round without
re-reading when nothing changed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from support import drill_story
from support.history import analysed, at, seed

from mockloop import drills, history_list
from mockloop.store.search import SNIPPET_MARKS
from mockloop.ui import palette
from mockloop.ui.style import apply_theme

from .helpers import on_page, press

pytestmark = pytest.mark.gui

WHEN, ROUND, ROLE, SIGNALS, LENGTH, STATUS, MATCH = range(7)
ROUNDS = ("system-design", "story-90", "failure-followup")


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture(scope="module")
def answers():
    return analysed("swe", ROUNDS)


def run_drill(services, role="ai-engineer", prompt_id="story-90/launch-cut") -> list[int]:
    """The three takes saved the way the Practice page saves them (typed, real analysis)."""
    plan = drills.DrillPlan.start(services.rubric, role, prompt_id)
    for text in (drill_story.PRODUCT, drill_story.MODEL, drill_story.SYSTEM):
        req = plan.request()
        report = services.analyze_text(req.role_id, req.round_id, text,
                                       prompt_id=req.prompt_id, prompt_text=req.prompt_text,
                                       follows=req.follows, kind=req.kind)
        assert report.id is not None
        plan = plan.advanced(report.id)
    return list(plan.take_ids)


@pytest.fixture
def history(services, answers):
    """~40 swe rounds over 40 days (every round kind of the loop), a design round's follow-up
    and a drill of three takes: their ids."""
    plan = []
    for day in range(40):
        pool = answers[ROUNDS[day % len(ROUNDS)]]
        plan.append((day, pool[day % len(pool)]))
    ids = seed(services, plan)
    design = next(i for i in ids if services.store.get(i).round == "system-design")
    follow_ans = answers["failure-followup"][0]
    follow = services.store.add_completed(
        follow_ans.report, prompt_text="What failure would make you reject this design?",
        source="text", started_at=at(41), follows=design, kind="followup")
    return {"rounds": ids, "design": design, "followup": follow,
            "drill": run_drill(services)}


def open_history(make_window, services, size=(1280, 860)):
    window = make_window(services)
    window.resize(*size)
    window.show_page("history")
    settle()
    return window


def rows_by_id(table) -> dict[int, int]:
    return {table.item(r, 0).data(Qt.ItemDataRole.UserRole): r for r in range(table.rowCount())}


# -- what a row says (Qt-free) -----------------------------------------------------------------


def test_snippet_parts_and_plain_text():
    o, c = SNIPPET_MARKS
    snippet = f"we put a {o}cache{c} in front,\n and the {o}cache{c} expires"
    assert history_list.plain(snippet) == "we put a cache in front, and the cache expires"
    assert history_list.snippet_parts(snippet) == [
        ("we put a ", False), ("cache", True), (" in front, and the ", False),
        ("cache", True), (" expires", False)]
    assert history_list.snippet_parts(None) == []


def test_a_row_says_status_link_and_drill_from_the_store(services, history):
    store, rubric = services.store, services.rubric
    follow = history_list.line(store.get(history["followup"]), rubric)
    assert follow.link == f"↳ follow-up to round #{history['design']}"
    assert follow.round_text.endswith(follow.link) and follow.drill is None
    first, second, third = (history_list.line(store.get(i), rubric) for i in history["drill"])
    assert [t.link for t in (first, second, third)] == [
        "Three framings · product risk", "Three framings · model risk",
        "Three framings · system risk"]
    assert {t.drill.first_id for t in (first, second, third)} == {history["drill"][0]}
    assert third.drill.step == "Take 3 of 3 · System risk"
    plain_round = history_list.line(store.get(history["rounds"][0]), rubric)
    assert plain_round.link is None and plain_round.drill is None
    assert plain_round.status_text == "Complete"
    row = store.get(history["rounds"][0])
    assert plain_round.signals == f"{row.hits} / {row.scored}"
    # A later take whose first take was deleted leads to no drill.
    store.delete(history["drill"][0])
    orphan = history_list.line(store.get(history["drill"][1]), rubric)
    assert orphan.drill is None and orphan.link is None


# -- the table in the window -------------------------------------------------------------------


def test_every_column_sorts_both_ways_and_ids_follow_their_rows(make_window, services, history,
                                                                 qtbot):
    window = open_history(make_window, services)
    page, table = window.history, window.history.table
    store, rubric = services.store, services.rubric
    rows = {r.id: r for r in store.list_rounds()}
    assert table.rowCount() == len(rows) == 40 + 1 + 3
    assert "newest first" in page.count.text()
    # What the user expects each column to sort by, from the store (not from the table).
    expected = {
        WHEN: lambda r: (r.started_at, r.id),
        ROUND: lambda r: table.item(table.row_of(r.id), ROUND).text().lower(),
        ROLE: lambda r: rubric.role(r.role).name.lower(),
        SIGNALS: lambda r: r.hits / r.scored if r.scored else -1.0,
        LENGTH: lambda r: r.duration_s or r.audio_s or 0.0,
        STATUS: lambda r: table.item(table.row_of(r.id), STATUS).text(),
        MATCH: lambda r: " ".join((r.prompt_text or "").split()).lower(),
    }
    header = table.horizontalHeader()
    assert not table.isColumnHidden(MATCH)  # 1280 px: the prompt column shows
    for column, key in expected.items():
        orders = []
        for _click in range(2):
            x = header.sectionViewportPosition(column) + 10
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                             pos=QPoint(x, header.height() // 2))
            settle()
            assert header.sortIndicatorSection() == column
            keys = [key(rows[i]) for i in table.ids()]
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            assert keys == sorted(keys, reverse=descending), (column, descending)
            orders.append(descending)
            # The row's id is the round shown in it (open and delete act on the right one).
            table.selectRow(0)
            shown = table.item(0, ROUND).text().split("\n")[0]
            assert rubric.round(store.get(table.selected_id()).round).title == shown
        assert orders[0] != orders[1], column  # the second click reverses
    # The subtitle says how the rounds are sorted.
    assert "first" in page.count.text() or "A to Z" in page.count.text() or \
        "Z to A" in page.count.text()


def _ink_extreme(image: QImage, dark: bool) -> float:
    """The lightness of the strongest text pixel: the darkest in light, the lightest in dark."""
    values = [QColor(image.pixel(x, y)).lightnessF()
              for y in range(image.height()) for x in range(image.width())]
    return max(values) if dark else min(values)


@pytest.mark.parametrize("dark", [False, True])
def test_a_search_hit_shows_its_matched_word_in_ink_even_at_1024(make_window, services, history,
                                                                  qapp, dark):
    store = services.store
    # A word from the end of a real answer: its snippet ends at the match, which must still
    # be drawn in a narrow window (the words before it give way).
    target = store.get(history["rounds"][0])
    words = [w.strip(".,;:!?\"'()").lower() for w in (store.report(target.id) or {})
             .get("transcript", {}).get("text", "").split()]
    word = next(w for w in reversed(words) if len(w) >= 6 and w.isalpha())
    window = open_history(make_window, services, (1024, 700))
    apply_theme(qapp, dark=dark)
    try:
        page, table = window.history, window.history.table
        page.search.setText(word)
        page.refresh()
        settle()
        assert f"matching “{word}”" in page.count.text()
        row = rows_by_id(table)[target.id]
        assert not table.isColumnHidden(MATCH)
        snippet = table.snippet_at(row)
        assert snippet is not None and SNIPPET_MARKS[0] in snippet
        table.scrollTo(table.model().index(row, MATCH))
        settle()
        hit = table.viewport().grab(table.visualRect(table.model().index(row, MATCH)))
        muted = table.viewport().grab(table.visualRect(table.model().index(row, WHEN)))
        ink = palette.INK.lightnessF()
        soft = palette.MUTED.lightnessF()
        middle = (ink + soft) / 2
        hit_l = _ink_extreme(hit.toImage(), dark)
        muted_l = _ink_extreme(muted.toImage(), dark)
        # The matched word is drawn in the ink colour; the other cells' text is muted.
        if dark:
            assert hit_l > middle and muted_l < middle, (hit_l, muted_l, middle)
        else:
            assert hit_l < middle and muted_l > middle, (hit_l, muted_l, middle)
        # Hovering the hit tells the matched sentence and the prompt.
        tip = table.item(row, MATCH).toolTip()
        assert word in tip.lower() and "Prompt:" in tip
    finally:
        apply_theme(qapp, dark=False)


def test_a_drill_take_is_marked_and_opens_the_drill_side_by_side(make_window, services,
                                                                  history, qtbot):
    window = open_history(make_window, services, (1024, 700))
    page, table = window.history, window.history.table
    first, second, third = history["drill"]
    at_row = rows_by_id(table)
    names = {i: table.item(at_row[i], ROUND).text() for i in history["drill"]}
    assert names[first].split("\n") == [services.rubric.round("story-90").title,
                                       "Three framings · product risk"]
    assert names[second].endswith("Three framings · model risk")
    assert names[third].endswith("Three framings · system risk")
    # A round of its own offers no drill.
    table.select_id(history["rounds"][0])
    assert not page.drill_button.isVisible()
    # The model-risk take: its drill, the three takes side by side, on the Practice page.
    table.select_id(second)
    assert page.drill_button.isVisible() and page.drill_button.text() == \
        "Show the drill side by side"
    qtbot.mouseClick(page.drill_button, Qt.MouseButton.LeftButton)
    practice = window.practice
    assert on_page(window, practice)
    view = practice.drill_view
    assert view.isVisible() and not practice.clock.isVisible()
    assert [c.take.history_id for c in view.columns_widgets] == [first, second, third]
    assert view.headline.text().endswith("landed on their lens.") or "framings" in \
        view.headline.text()
    # "Run the drill again" would tell the same story, for the drill's role.
    assert (practice.picker.role_id, practice.picker.round_id, practice.picker.prompt_id) == (
        "ai-engineer", "story-90", "story-90/launch-cut")
    press(qtbot, window, Qt.Key.Key_Space)
    assert not practice.busy  # Space starts nothing over the side-by-side view
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert not view.isVisible() and practice.clock.isVisible()

    # From a take's debrief: the way back into the side-by-side view.
    window.open_round(third)
    link = window.debrief.drill_link
    assert link.isVisible() and "Take 3 of 3 · System risk" in link.text.text()
    qtbot.mouseClick(link.button, Qt.MouseButton.LeftButton)
    assert on_page(window, practice) and view.isVisible()
    assert view.columns_widgets[2].take.history_id == third
    window.open_round(history["design"])
    assert not window.debrief.drill_link.isVisible()


def test_refresh_shows_a_new_round_keeps_the_selection_and_skips_reading_when_unchanged(
        make_window, services, history, answers, monkeypatch):
    window = open_history(make_window, services)
    page, table = window.history, window.history.table
    before = table.rowCount()
    chosen = history["followup"]
    assert table.select_id(chosen)
    reads = []
    listing = services.store.list_rounds
    monkeypatch.setattr(services.store, "list_rounds",
                        lambda **kw: reads.append(kw) or listing(**kw))
    # Nothing written: showing the page again reads nothing, and shows the same.
    window.show_page("debrief")
    window.show_page("history")
    assert reads == [] and table.rowCount() == before
    # A new round (as after a debrief): it is read, shown first, and the selection kept.
    new = services.analyze_text("swe", "system-design", answers["system-design"][1].report[
        "transcript"]["text"]).id
    window.show_page("debrief")
    window.show_page("history")
    settle()
    assert len(reads) == 1
    assert table.rowCount() == before + 1 and table.ids()[0] == new
    assert table.selected_id() == chosen
    assert f"{before + 1} rounds" in page.count.text()


def test_enter_and_double_click_open_the_round_once(make_window, services, history, qtbot):
    window = open_history(make_window, services)
    table = window.history.table
    opened: list[int] = []
    window.history.open_requested.connect(opened.append)
    table.setFocus()
    table.selectRow(0)
    press(qtbot, window, Qt.Key.Key_Down)
    second = table.selected_id()
    assert second == table.ids()[1]
    press(qtbot, window, Qt.Key.Key_Return)
    assert opened == [second] and on_page(window, window.debrief)
    assert window.debrief.report.id == second
    window.show_page("history")
    settle()
    rect = table.visualRect(table.model().index(2, ROLE))
    # A double-click as the mouse makes it: a click, then the second press.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [second, table.ids()[2]]  # once, not twice
    assert window.debrief.report.id == table.ids()[2]
