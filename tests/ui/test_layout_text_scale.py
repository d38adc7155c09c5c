"""Larger text (Ctrl+plus) at 1024x700: every page reflows inside the window, nothing scrolls
sideways and nothing is cut at the right edge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea

from mockloop.ui.style import Theme, apply_theme

from .helpers import press

pytestmark = pytest.mark.gui

ANSWER = ("We had two weeks to launch the billing page. I decided to cut the export feature, "
          "and we chose a nightly batch job over live sync. We accepted stale numbers for a day. "
          "Revenue reporting went out on time and the export followed a month later.")


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def overflow(page) -> int:
    """How far the page would scroll sideways (or how much wider than the window it needs)."""
    scroll = page.findChild(QScrollArea)
    if scroll is not None and scroll.parent() is page:
        return scroll.horizontalScrollBar().maximum()
    return max(0, page.minimumSizeHint().width() - page.width())


@pytest.fixture
def reset_scale(qapp):
    yield
    apply_theme(qapp, dark=Theme.dark, scale=1.0)


@pytest.mark.parametrize("scale", [1.0, 1.15, 1.3])
def test_no_page_scrolls_sideways_with_larger_text_at_1024(make_window, services, qtbot, qapp,
                                                           reset_scale, scale):
    for _ in range(3):
        services.analyze_text("swe", "story-90", ANSWER)
    rid = services.analyze_text("swe", "story-90", ANSWER).id
    window = make_window(services)
    window.resize(1024, 700)
    steps = {1.0: 0, 1.15: 1, 1.3: 2}[scale]
    for _ in range(steps):  # Ctrl+plus, as the user makes it
        press(qtbot, window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert Theme.scale == scale
    window.open_round(rid)
    settle()
    wide = {}
    for key in ("practice", "debrief", "history", "progress"):
        window.show_page(key)
        settle()
        page = window.pages.currentWidget()
        wide[key] = overflow(page)
    assert wide == {k: 0 for k in wide}, f"sideways scroll (px) at text scale {scale}: {wide}"
    # The rail's tagline is not cut: it fits, or wraps onto a second line.
    tag = window.nav.findChild(QLabel, "brandTag")
    assert tag.wordWrap() or tag.sizeHint().width() <= tag.width()
