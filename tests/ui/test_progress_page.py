"""The Progress page (Ctrl+4), on histories made by the real analysis of dev answers: one chart
per signal of the role with its current rate, the role picker, the empty state, hovering."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from support.history import analysed, at, pick, seed

from mockloop.progress import role_signals, weighted_rate
from mockloop.transcript import Segment, Transcript, Word

from .helpers import on_page, press

pytestmark = pytest.mark.gui

SD, STORY, ML = "system-design", "story-90", "ml-design"


@pytest.fixture(scope="module")
def swe():
    return analysed("swe", (SD, STORY))


@pytest.fixture(scope="module")
def mle():
    return analysed("mle", (STORY, ML))


def _open_progress(qtbot, window):
    press(qtbot, window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.page_widgets["progress"]
    assert on_page(window, page) and window.nav.button("progress").isChecked()
    return page


def _hover(widget, pos: QPointF) -> None:
    """The mouse moving over `widget` to `pos` (offscreen, a move with no button is sent as
    the event the window system would deliver)."""
    event = QMouseEvent(QEvent.Type.MouseMove, pos, widget.mapToGlobal(pos),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _rate_shown(tile) -> int:
    return int(tile.value.text().split("%")[0])


def test_ctrl_4_shows_one_chart_per_signal_with_its_current_rate(make_window, services, swe,
                                                                 qtbot):
    # Three designs that miss caching, then three that land it; stories in between.
    early = pick(swe[SD], miss={"caching"}, n=3)
    late = pick(swe[SD], hit={"caching"}, n=3)
    assert early and late, "the dev set has no designs that land / miss caching"
    plan = [(0, early[0]), (1, swe[STORY][0]), (2, early[1]), (3, early[2]),
            (4, swe[STORY][1]), (5, late[0]), (6, late[1]), (7, late[2])]
    seed(services, plan)
    window = make_window(services)
    page = _open_progress(qtbot, window)
    expected = role_signals(services.rubric, "swe")
    assert set(page.tiles) == set(expected) and len(page.tiles) == len(expected)
    for sid in expected:
        # the rate worked out here from the answers' own analysis, in the order saved
        hits = [sid in a.hits for _, a in plan if sid in services.rubric.round(a.round).signals]
        tile = page.tiles[sid]
        assert tile.isVisible()
        assert len(tile.chart.points) == len(hits)
        if hits:
            assert _rate_shown(tile) == round(100 * weighted_rate(hits)), sid
            assert tile.chart.isVisible()
        else:
            assert tile.value.text() == "–" and "Not practised yet" in tile.words.text()
    caching = page.tiles["caching"]
    assert [p.mark for p in caching.chart.points] == [False] * 3 + [True] * 3
    assert "↑" in caching.value.text() and "rising" in caching.words.text()
    assert "Landed in 3 of your last 5" in caching.words.text()
    # practised signals come first
    order = [page.signal_grid.indexOf(page.tiles[s]) for s in page._order]
    assert order == sorted(order)
    assert all(page.tiles[s].chart.points for s in page._order[:len(
        [s for s in expected if page.tiles[s].chart.points])])

    # hovering the last point names its date and rate
    chart = caching.chart
    page.scroll.ensureWidgetVisible(chart)
    _hover(chart, chart.point_pos(len(chart.points) - 1))
    assert chart.hover == len(chart.points) - 1
    day = at(7).date()
    assert f"{day.day} {day:%b %Y}" in chart.hover_text
    assert chart.hover_text.endswith(f"{round(100 * weighted_rate([False] * 3 + [True] * 3))}%")
    _hover(chart, QPointF(1, 1))
    assert chart.hover == 0
    assert f"{at(0).date().day} {at(0).date():%b %Y}" in chart.hover_text

    # rounds per week: the eight rounds over two weeks
    assert [p.value for p in page.weeks_chart.points] == [7.0, 1.0]
    # typed answers have no timing: the delivery charts say so instead of a line
    for tile in page.delivery.values():
        assert not tile.chart.points and "typed answers have no timing" in tile.words.text()
    # the page scrolls vertically only
    assert page.scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_the_page_opens_on_the_role_last_practised_and_switching_role_changes_the_charts(
        make_window, services, swe, mle, qtbot):
    seed(services, [(0, swe[SD][0]), (1, swe[STORY][0])])
    seed(services, [(2, mle[ML][0]), (3, mle[ML][1]), (4, mle[STORY][0])])
    window = make_window(services)
    assert window.practice.picker.role_id == "swe"  # the picker's role is not what counts
    page = _open_progress(qtbot, window)
    assert page.role_id == "mle"
    assert set(page.tiles) == set(role_signals(services.rubric, "mle"))
    assert len(page.tiles["data_quality"].chart.points) == 2
    assert "caching" not in page.tiles
    assert "ML Engineer: 3 rounds" in page.subtitle.text()

    # the user picks Software Engineer in the role box
    box = page.role_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    while box.currentData() != "swe":
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert page.role_id == "swe"
    assert set(page.tiles) == set(role_signals(services.rubric, "swe"))
    assert "data_quality" not in page.tiles and len(page.tiles["caching"].chart.points) == 1
    hits = ["caching" in swe[SD][0].hits]
    assert _rate_shown(page.tiles["caching"]) == round(100 * weighted_rate(hits))
    assert "Software Engineer: 2 rounds" in page.subtitle.text()
    # the choice holds when the page is shown again
    window.show_page("practice")
    window.show_page("progress")
    assert page.role_id == "swe"


def _timed(text: str, wpm: float) -> Transcript:
    step = 60.0 / wpm
    words = tuple(Word(" " + w, 1.0 + k * step, 1.0 + k * step + 0.8 * step)
                  for k, w in enumerate(text.split()))
    return Transcript.from_segments([Segment(text, words[0].start, words[-1].end, words)],
                                    (words[-1].end or 0.0) + 1.0)


def test_timed_rounds_draw_time_used_and_pace(make_window, services, swe, qtbot):
    for day, (ans, wpm) in enumerate(zip(swe[STORY][:3], (110, 140, 170), strict=True)):
        report = services.build_report("swe", STORY, _timed(ans.report["transcript"]["text"],
                                                            wpm))
        services.store.add_completed(report.to_dict(), source="file", started_at=at(day))
    window = make_window(services)
    page = _open_progress(qtbot, window)
    pace = page.delivery["wpm"].chart.points
    assert len(pace) == 3 and pace[0].value < pace[1].value < pace[2].value
    used = page.delivery["time_used"]
    assert len(used.chart.points) == 3 and used.chart.reference == 1.0
    assert used.value.text() == f"{used.chart.points[-1].value * 100:.0f}%"
    assert "of the round's length" in used.words.text()
    assert len(page.delivery["fillers_per_minute"].chart.points) == 3


def test_an_empty_history_says_what_to_do(make_window, services, swe, qtbot):
    window = make_window(services)
    page = _open_progress(qtbot, window)
    assert page.empty_card.isVisible()
    assert "Practise a round to see your progress here" in page.empty.text()
    assert not page.signals_card.isVisible() and not page.delivery_card.isVisible()
    # a history for one role only: another role is still empty, and says so
    seed(services, [(0, swe[SD][0])])
    window.show_page("practice")
    window.show_page("progress")
    assert page.role_id == "swe" and page.signals_card.isVisible()
    assert not page.empty_card.isVisible()
    page.select_role("ai-engineer")
    assert page.empty_card.isVisible() and not page.signals_card.isVisible()
    assert "No rounds yet for AI Engineer" in page.empty.text()
