"""The rail shows one current page: the keyboard focus moves with the page change instead of
staying on the page the user left (which looked selected too)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def marked(window) -> set[str]:
    """The rail's items that look chosen: filled (current) or ringed (keyboard focus)."""
    return {b.text() for b in window.nav.buttons if b.isChecked() or b.hasFocus()}


def test_after_a_round_opens_its_debrief_only_debrief_is_marked_on_the_rail(
        make_window, services, qtbot):
    rid = services.analyze_text("swe", "story-90", "We cut the export to ship on time.").id
    window = make_window(services)
    window.resize(1024, 700)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.mouseClick(window.nav.button("practice"), Qt.MouseButton.LeftButton)
    window.nav.button("practice").setFocus(Qt.FocusReason.TabFocusReason)  # as after Tab
    settle()
    assert marked(window) == {"Practice"}
    window.open_round(rid)  # what a finished round does
    settle()
    assert marked(window) == {"Debrief"}
    # Focus in a page is left where it is: the rail takes it only from itself.
    window.debrief.retake_button.setFocus(Qt.FocusReason.TabFocusReason)
    window.show_page("history")
    settle()
    assert marked(window) == {"History"}
