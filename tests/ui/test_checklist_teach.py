"""The debrief checklist teaches on a miss: the sentence that named the signal without doing it,
a Try written for this role and round, and what the signal means and why, a hover or click away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mockloop.rubric import get_coaching

from .helpers import signal_rows

pytestmark = pytest.mark.gui

LEAKY = ("I'd train a gradient boosted model on last year of payments. "
         "We need to be careful about leakage with this kind of data. "
         "Then I'd look at precision and recall on a test set.")


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_a_named_but_not_done_miss_shows_its_sentence_and_a_role_specific_try(
        make_window, services, qtbot):
    report = services.analyze_text("mle", "ml-design", LEAKY)
    window = make_window(services)
    window.open_round(report.id)
    settle()
    row = signal_rows(window)["label_leakage"]
    assert not row.hit
    assert row.named is not None and row.named.isVisible()
    assert row.named.text() == ("You said “leakage” but not how you would keep it out. "
                                "“We need to be careful about leakage with this kind of data.”")
    options = [t.text for t in get_coaching().get("label_leakage").examples("ml-design", "mle")]
    assert row.detail.text().removeprefix("Try: ") in options
    # A miss that was never named has no such line.
    assert signal_rows(window)["retraining"].named is None


def test_meaning_and_why_are_one_hover_or_one_click_away(make_window, services, qtbot):
    report = services.analyze_text("mle", "ml-design", LEAKY)
    window = make_window(services)
    window.open_round(report.id)
    settle()
    row = signal_rows(window)["label_leakage"]
    coach = get_coaching().get("label_leakage")
    assert coach.meaning in row.name.toolTip() and coach.why["mle"] in row.name.toolTip()
    assert not row.about.isVisible()
    qtbot.mouseClick(row.about_button, Qt.MouseButton.LeftButton)
    settle()
    assert row.about.isVisible()
    assert coach.meaning in row.about.text() and coach.why["mle"] in row.about.text()
    assert row.about_button.text() == "Hide"  # the chip that opened it closes it
    qtbot.mouseClick(row.about_button, Qt.MouseButton.LeftButton)
    settle()
    assert not row.about.isVisible() and row.about_button.text() == "Why?"


def test_a_software_engineers_failure_followup_never_shows_an_ai_try(make_window, services,
                                                                     qtbot):
    report = services.analyze_text("swe", "failure-followup",
                                   "Honestly the design is fine, I would not change much.")
    window = make_window(services)
    window.open_round(report.id)
    settle()
    rows = signal_rows(window)
    assert set(rows) == {"failure_mode", "rejection_criterion", "monitoring", "fallback"}
    for sid, row in rows.items():
        text = row.detail.text()
        assert text.startswith("Try: ")
        swe = [t.text for t in get_coaching().get(sid).examples("failure-followup", "swe")]
        assert text.removeprefix("Try: ") in swe
        assert "retrieval" not in text.lower() and "model" not in text.lower()
