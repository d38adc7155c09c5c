"""The Settings dialog's model list: pick, speed, download with progress and Cancel."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from mockloop.asr.catalog import SPEED_FILE, _stamp
from mockloop.asr.download import models_root
from mockloop.paths import data_dir
from mockloop.settings import Settings
from mockloop.ui.settings_dialog import SettingsDialog

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _dialog(qtbot, settings=None) -> SettingsDialog:
    d = SettingsDialog(settings or Settings(), devices=[], data_dir=str(data_dir()))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.model_list.topLevelItemCount() > 0, timeout=10000)
    return d


def _rows(d) -> dict[str, list[str]]:
    out = {}
    for i in range(d.model_list.topLevelItemCount()):
        item = d.model_list.topLevelItem(i)
        out[item.text(0)] = [item.text(c) for c in range(5)]
    return out


def _seed_speed(path, rtf: float) -> None:
    """A measurement as measure_speed stores it (timing a model for real takes seconds)."""
    speed = {"rtf": rtf, "piece_s": 5.0, "decode_s": rtf * 5, "load_s": 1.0, "cores": 2,
             "audio": "your recording", "measured_at": "2026-01-01T00:00:00",
             "stamp": _stamp(path)}
    (data_dir() / SPEED_FILE).write_text(json.dumps({str(path): speed}))


def test_download_from_the_dialog_then_pick_a_model_too_slow_for_live(hub, qtbot):
    d = _dialog(qtbot)
    assert list(_rows(d)) == ["tiny.en"]
    assert _rows(d)["tiny.en"][1:4] == ["78 MB", "not measured", "-"]
    d.download_box.setCurrentIndex(d.download_box.findData("base.en"))
    qtbot.mouseClick(d.download_button, Qt.MouseButton.LeftButton)
    assert d.progress.isVisible() and d.cancel_button.isVisible()
    assert not d.download_button.isEnabled()
    qtbot.waitUntil(lambda: "base.en" in _rows(d), timeout=60000)
    assert not d.progress.isVisible()
    path = models_root() / "base.en"
    assert d.model_edit.text() == str(path.resolve())  # the new model is the choice
    _seed_speed(path.resolve(), 0.9)
    d.load_models()
    qtbot.waitUntil(lambda: _rows(d)["base.en"][2] == "0.90 s/s", timeout=10000)
    assert _rows(d)["base.en"][3] == "no"
    assert "used after Stop; the live text stays on the built-in model" in d.model_note.text()
    d.model_list.setCurrentItem(d.model_list.topLevelItem(0))  # back to tiny.en
    assert d.model_edit.text() == ""
    d.accept()
    assert d.choice.model_dir is None


def test_cancel_in_the_dialog_leaves_no_model(hub, qtbot):
    hub.delay_s = 0.02
    d = _dialog(qtbot)
    qtbot.mouseClick(d.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.progress.value() > 0, timeout=30000)
    assert " MB (" in d.progress.format()
    qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not d.progress.isVisible(), timeout=15000)
    assert "cancelled" in d.model_note.text()
    assert d.download_button.isEnabled()
    assert not (models_root() / d.download_box.currentData()).exists()
    assert list(_rows(d)) == ["tiny.en"]
