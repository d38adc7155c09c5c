"""The window's pages come from one registry (ui/pages.py): the rail, the page shortcuts, the
shortcut sheet and the saved state follow it, and the saved state names a page by its key
(an integer page from an older state.json or settings.json still opens the right page)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from mockloop.ui.pages import HISTORY, PAGES, PageSpec, check_registry
from mockloop.ui.shortcut_sheet import SHORTCUTS, shortcut_rows
from mockloop.ui.window_state import restore_state, save_state, saved_page

from .conftest import SharedModelServices
from .helpers import on_page, press

pytestmark = pytest.mark.gui

shown: list[str] = []


def _dummy(_ctx) -> QLabel:
    label = QLabel("a page only this test has")
    label.setObjectName("dummyPage")
    return label


DUMMY = PageSpec("dummy", "Dummy", "Ctrl+5", _dummy, on_show=lambda _w: shown.append("dummy"))
WITH_DUMMY = (*PAGES, DUMMY)


# -- the saved page ---------------------------------------------------------------------------


@pytest.mark.parametrize(("saved", "page"), [
    ({}, "practice"),
    ({"page": 0}, "practice"),
    ({"page": 1}, "debrief"),
    ({"page": 2}, "history"),  # written before the registry: an integer
    ({"page": 3}, "practice"),
    ({"page": -1}, "practice"),
    ({"page": True}, "practice"),
    ({"page": "2"}, "practice"),
    ({"page_key": "history"}, "history"),
    ({"page_key": "debrief", "page": 2}, "debrief"),  # the key wins
    ({"page_key": "gone", "page": 2}, "history"),  # an unknown key: the old number, if any
    ({"page_key": "gone"}, "practice"),
    ({"page_key": 2}, "practice"),
])
def test_the_saved_page_is_read_by_key_or_by_an_old_integer(saved, page):
    assert saved_page(saved) == page


def test_the_key_is_saved_with_the_old_integer_for_the_first_three_pages(qapp):
    window = QMainWindow()
    try:
        state = save_state(window, HISTORY)
        assert (state["page_key"], state["page"]) == ("history", 2)
        assert save_state(window, 0)["page_key"] == "practice"  # a position is accepted too
        state = save_state(window, "dummy", WITH_DUMMY)
        assert state["page_key"] == "dummy" and "page" not in state  # no old number for it
        assert restore_state(window, state, WITH_DUMMY) == "dummy"
        assert restore_state(window, state) == "practice"  # a registry without it
    finally:
        window.deleteLater()


def test_an_old_integer_page_in_state_json_opens_that_page(make_window, speech_model,
                                                          mockloop_home):
    (mockloop_home / "state.json").write_text(json.dumps(
        {"version": 1, "last_role": "swe", "last_round": "coding", "window": {"page": 2}}))
    services = SharedModelServices(speech_model)
    try:
        window = make_window(services)
        assert on_page(window, window.history) and window.current_page == "history"
        assert window.nav.button("history").isChecked()
    finally:
        services.close()


def test_an_old_integer_page_in_settings_json_opens_that_page(make_window, speech_model,
                                                             mockloop_home):
    # Before state.json existed, settings.json held the window's state.
    (mockloop_home / "settings.json").write_text(json.dumps(
        {"last_role": "swe", "last_round": "coding", "window": {"page": 2}}))
    services = SharedModelServices(speech_model)
    try:
        window = make_window(services)
        assert on_page(window, window.history)
        window.show_page("practice")
        saved = json.loads((mockloop_home / "state.json").read_text())
        assert (saved["window"]["page_key"], saved["window"]["page"]) == ("practice", 0)
    finally:
        services.close()


# -- one registry entry is one more page ------------------------------------------------------


def test_the_default_registry_builds_the_same_rail_keys_and_sheet(make_window, services):
    window = make_window(services)
    assert [b.text() for b in window.nav.buttons] == ["Practice", "Debrief", "History",
                                                      "Progress"]
    assert [b.toolTip() for b in window.nav.buttons] == ["Ctrl+1", "Ctrl+2", "Ctrl+3",
                                                         "Ctrl+4"]
    assert [window.pages.widget(i) for i in range(4)] == [
        window.practice, window.debrief, window.history, window.page_widgets["progress"]]
    assert ("Ctrl+1 / Ctrl+2 / Ctrl+3 / Ctrl+4",
            "Practice / Debrief / History / Progress") in SHORTCUTS
    assert set(window.page_shortcuts) == {"practice", "debrief", "history", "progress"}


def test_a_registered_page_gets_a_button_a_shortcut_a_sheet_row_and_is_remembered(
        make_window, speech_model, mockloop_home, qtbot):
    shown.clear()
    services = SharedModelServices(speech_model)
    try:
        window = make_window(services, pages=WITH_DUMMY)
        dummy = window.page_widgets["dummy"]
        assert window.pages.indexOf(dummy) == 4
        button = window.nav.button("dummy")
        assert (button.text(), button.toolTip()) == ("Dummy", "Ctrl+5")
        assert window.page_shortcuts["dummy"].key().toString() == "Ctrl+5"

        press(qtbot, window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
        assert on_page(window, dummy) and button.isChecked() and shown == ["dummy"]
        saved = json.loads((mockloop_home / "state.json").read_text())
        assert saved["window"]["page_key"] == "dummy"

        qtbot.mouseClick(window.nav.button("history"), Qt.MouseButton.LeftButton)
        assert on_page(window, window.history)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert on_page(window, dummy)

        window.show_shortcuts()
        sheet = window.shortcut_sheet
        qtbot.waitUntil(lambda: sheet.isVisible(), timeout=5000)
        text = sheet.table.text()
        assert "Ctrl+5" in text and "Progress / Dummy" in text
        sheet.reject()
        window.close()
    finally:
        services.close()

    again = SharedModelServices(speech_model)
    try:
        window = make_window(again, pages=WITH_DUMMY)
        assert on_page(window, window.page_widgets["dummy"])  # restored by its key
        window.close()
        plain = make_window(again)  # a registry without it: the first page
        assert on_page(plain, plain.practice)
    finally:
        again.close()


def test_shortcut_rows_follow_the_registry():
    rows = dict(shortcut_rows(WITH_DUMMY))
    assert rows["Ctrl+1 / Ctrl+2 / Ctrl+3 / Ctrl+4 / Ctrl+5"] == \
        "Practice / Debrief / History / Progress / Dummy"


def test_a_registry_the_window_cannot_use_is_refused():
    check_registry(WITH_DUMMY)
    with pytest.raises(ValueError, match="keys repeat"):
        check_registry((*PAGES, PageSpec("history", "Again", "Ctrl+9", _dummy)))
    with pytest.raises(ValueError, match="shortcuts repeat"):
        check_registry((*PAGES, PageSpec("other", "Other", "Ctrl+1", _dummy)))
    with pytest.raises(ValueError, match="needs the pages"):
        check_registry(PAGES[:2])
