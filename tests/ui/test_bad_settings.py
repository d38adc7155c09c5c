"""A hand-edited settings.json with wrong values, or one that cannot be written: the window
still opens, says so in one plain banner, and uses the defaults for what was wrong."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from .conftest import SharedModelServices
from .helpers import press

pytestmark = pytest.mark.gui


def test_window_opens_with_wrong_types_in_settings(make_window, speech_model, mockloop_home,
                                                   qtbot):
    (mockloop_home / "settings.json").write_text(json.dumps(
        {"overtime_s": "abc", "model_dir": 5, "last_role": "mle", "last_round": "ml-design",
         "window": {"size": [10**12, 5], "page": True}}))
    services = SharedModelServices(speech_model)
    try:
        window = make_window(services)
        assert window.isVisible() and window.width() >= 320  # not a 0x0 or huge window
        # The good fields still count, the bad ones are their defaults.
        assert window.practice.picker.role_id == "mle"
        assert window.practice.picker.round_id == "ml-design"
        rnd = services.rubric.round("ml-design")
        assert window.practice.clock.hard_stop_s == rnd.length_s + rnd.overtime_s
        assert services.model_dir is None  # the built-in model, not the number 5
        # One plain banner names what was wrong and what is used instead.
        assert window.banner.isVisible() and window.banner.kind == "warning"
        text = window.banner.text
        assert "overtime_s" in text and "model_dir" in text
        assert text.count("settings.json") == 1  # the file is named once, not per field
        assert "built-in speech model" in text
        assert "Traceback" not in text and "TypeError" not in text
        # The settings dialog shows the defaults it will save.
        press(qtbot, window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
        dialog = window.settings_dialog
        assert dialog.overtime_s is None and dialog.model_edit.text() == ""
        dialog.reject()
    finally:
        services.close()


def test_settings_that_cannot_be_saved_are_said_plainly(make_window, speech_model,
                                                        mockloop_home, qtbot):
    (mockloop_home / "settings.json").mkdir()  # something in the way of the file
    services = SharedModelServices(speech_model)
    try:
        window = make_window(services)
        assert window.isVisible()
        assert window.banner.isVisible()
        assert "could not be saved" in window.banner.text
        assert "IsADirectoryError" not in window.banner.text
        # Choosing another round still works; the message is not repeated on every change.
        window.banner.hide()
        window.practice.picker.select("swe", "coding")
        assert window.practice.picker.round_id == "coding"
        assert not window.banner.isVisible()
    finally:
        services.close()
