"""Settings: a broken model folder is refused plainly; choices and window size persist."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from mockloop.settings import load_settings

from .conftest import SharedModelServices
from .helpers import press

pytestmark = pytest.mark.gui


def _save(qtbot, dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_settings_are_kept_across_restarts(make_window, services, speech_model, tmp_path,
                                           mockloop_home, qtbot):
    window = make_window(services)
    press(qtbot, window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.data_edit.text() == str(mockloop_home)
    assert dialog.data_edit.isReadOnly()

    # A folder that is not a speech model: a plain message, the dialog stays, nothing changes.
    broken = tmp_path / "not-a-model"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"nope")
    dialog.model_edit.setText(str(broken))
    dialog.overtime.setCurrentIndex(dialog.overtime.findData(30.0))  # "30 s"
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.model_error.isVisible()
    assert "current model is kept" in dialog.model_error.text()
    assert load_settings().model_dir is None

    # Back to the built-in model and save: the allowance applies and is written down.
    dialog.model_edit.clear()
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=5000)
    assert load_settings().overtime_s == 30.0
    assert load_settings().model_dir is None
    window.practice.picker.select("swe", "story-90")
    assert window.practice.clock.hard_stop_s == 90 + 30  # the round now stops 30 s late

    # Window size is remembered when it closes, and restored by the next start.
    window.resize(770, 590)
    window.show_page(2)
    window.close()
    saved = load_settings()
    assert saved.window.get("page") == 2
    again = make_window(SharedModelServices(speech_model))
    assert (again.width(), again.height()) == (770, 590)
    assert again.pages.currentWidget() is again.history
    press(qtbot, again, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert again.settings_dialog.overtime_s == 30
    again.settings_dialog.reject()
    again.services.close()
