"""The debrief as a new user meets it: where it opens, how it fits, what its cards say."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea

pytestmark = pytest.mark.gui

LONG_ANSWER = " ".join([
    "We had a hard deadline of two weeks to launch the billing page.",
    "I decided to cut the export feature, and we chose a nightly batch job over live sync.",
    "We accepted stale numbers for a day.",
] * 12)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def scroll_of(page) -> QScrollArea:
    return page.findChild(QScrollArea)


def test_a_new_debrief_opens_at_its_top(make_window, services, qtbot):
    long_round = services.analyze_text("swe", "story-90", LONG_ANSWER).id
    silent = services.analyze_text("swe", "story-90", "").id
    window = make_window(services)
    window.resize(1024, 700)
    window.open_round(long_round)
    settle()
    bar = scroll_of(window.debrief).verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())  # the user read down to the transcript
    window.open_round(silent)
    settle()
    assert bar.value() == 0
    # The "No speech was found" banner is in view without scrolling.
    viewport = scroll_of(window.debrief).viewport()
    top = window.debrief.no_speech.mapTo(viewport, QPoint(0, 0)).y()
    assert window.debrief.no_speech.isVisible() and 0 <= top < viewport.height()


@pytest.mark.parametrize("size", [(1024, 700), (700, 500)])
def test_a_long_round_title_wraps_and_nothing_scrolls_sideways(make_window, services, qtbot,
                                                               size):
    rid = services.analyze_text("swe", "failure-followup",
                                "The cache could serve stale prices; we would fall back.").id
    window = make_window(services)
    window.resize(*size)
    window.open_round(rid)
    settle()
    assert (window.width(), window.height()) == size  # the window can be that small
    scroll = scroll_of(window.debrief)
    assert scroll.horizontalScrollBar().maximum() == 0
    assert scroll.widget().width() <= scroll.viewport().width()  # nothing cut off at the right
    retake = window.debrief.retake_button
    right = retake.mapTo(scroll.viewport(), QPoint(retake.width(), 0)).x()
    assert right <= scroll.viewport().width()
    for page in (window.practice, window.history):
        window.pages.setCurrentWidget(page)
        settle()
        area = scroll_of(page)
        if area is not None:
            assert area.horizontalScrollBar().maximum() == 0, type(page).__name__
            assert area.widget().width() <= area.viewport().width(), type(page).__name__
        assert page.width() <= window.pages.width()


def _dark_columns(image, rows: int) -> list[int]:
    xs = []
    for x in range(image.width()):
        for y in range(rows):
            if QColor(image.pixel(x, y)).lightness() < 90:
                xs.append(x)
                break
    return xs


def test_the_lens_caret_is_drawn_whole_when_no_words_went_to_a_lens(make_window, services,
                                                                    qtbot):
    # An answer with no product, model or system words, for a round that listens for product.
    rid = services.analyze_text("ai-engineer", "story-90", "I decided. I did it.").id
    window = make_window(services)
    window.open_round(rid)
    settle()
    image = window.debrief.lens.bar.grab().toImage()
    ink = _dark_columns(image, 7)
    # Either no caret at all, or a whole one (about 10 px wide), never a clipped half.
    assert not ink or (min(ink) > 0 and max(ink) - min(ink) >= 7)


def test_a_round_without_a_lens_shows_no_empty_lens_card(make_window, services, qtbot):
    rid = services.analyze_text("swe", "comp-anchor",
                                "My base is around 180 and I would want equity.").id
    window = make_window(services)
    window.open_round(rid)
    settle()
    assert not window.debrief.lens.isVisible()  # not "0% / 0% / 0%"


def test_a_silent_lead_in_is_when_speech_started_not_a_long_pause(make_window, services, speak,
                                                                 tmp_path, qtbot):
    clip = speak("We had a hard deadline, so I decided to cut the export feature.")
    padded = tmp_path / "lead-in.wav"
    subprocess.run(["sox", str(clip), str(padded), "pad", "6.4", "0"], check=True)
    report = services.analyze_audio("swe", "story-90", padded)
    window = make_window(services)
    window.open_round(report.id)
    values = window.debrief.delivery.values
    assert "0:00" not in values["pauses"]
    assert values["start"].startswith("at 0:0")


def test_the_transcript_shows_every_line_and_lets_the_page_scroll(make_window, services, qtbot):
    rid = services.analyze_text("swe", "story-90", LONG_ANSWER).id
    window = make_window(services)
    window.resize(1024, 700)
    window.open_round(rid)
    settle()
    transcript = window.debrief.transcript
    # The whole text is laid out in the box: no inner scrolling, so no line is cut off.
    assert transcript.verticalScrollBar().maximum() == 0
    assert transcript.viewport().height() >= transcript.document().size().height() - 1
    page_bar = scroll_of(window.debrief).verticalScrollBar()
    page_bar.setValue(page_bar.maximum() // 2)
    before = page_bar.value()
    viewport = transcript.viewport()
    centre = QPointF(viewport.width() / 2, min(40, viewport.height() / 2))
    wheel = QWheelEvent(centre, viewport.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    settle()
    assert page_bar.value() > before  # the wheel over the transcript scrolls the page

