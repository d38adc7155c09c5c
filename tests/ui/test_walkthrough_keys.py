"""Explanations, keyboard and accessibility: hovers say what things mean, every shortcut is
listed, Space replays, text scales and is remembered, a dark theme, AA contrast."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from mockloop.settings import load_settings
from mockloop.ui import palette
from mockloop.ui.fmt import mmss
from mockloop.ui.style import Theme, apply_theme

from .helpers import press, signal_rows

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def theme_reset(qapp):
    yield
    apply_theme(qapp, dark=False, scale=1.0)


class FakePlayer:
    """A player that only keeps time: no sound device needed."""

    def __init__(self, path: str) -> None:
        self.duration_s = 10.0
        self.position_s = 0.0
        self.is_playing = False
        self.error = None

    def play(self, seconds: float) -> None:
        self.position_s, self.is_playing = seconds, True

    def pause(self) -> None:
        self.is_playing = False

    def stop(self) -> None:
        self.is_playing = False

    def close(self) -> None:
        self.is_playing = False


def test_each_signal_and_the_timing_light_explain_themselves(make_window, services, qtbot):
    rid = services.analyze_text("swe", "story-90", "We had a hard deadline of two weeks.").id
    window = make_window(services)
    clock = window.practice.clock
    rnd = services.rubric.round("story-90")
    tip = clock.light.toolTip() or clock.track.toolTip()
    # This round's own times: when amber and red come, and when it stops by itself.
    assert "amber" in tip.lower() and mmss(rnd.amber_at_s) in tip and mmss(rnd.red_at_s) in tip
    window.open_round(rid)
    rows = signal_rows(window)
    saved = {s["id"]: s for s in services.store.report(rid)["signals"]}
    for sid, row in rows.items():
        # Each signal's name and its one-line meaning, one hover away.
        assert services.rubric.signal(sid).name in row.toolTip()
        assert saved[sid]["meaning"] and saved[sid]["meaning"] in row.toolTip()
    lines = window.debrief.delivery.findChildren(QLabel, "fieldLabel")
    assert lines and all(label.toolTip() for label in lines)  # pace, fillers, I/we… explained


def test_every_shortcut_is_listed_on_f1(make_window, services, qtbot):
    window = make_window(services)
    press(qtbot, window, Qt.Key.Key_F1)
    sheet = window.shortcut_sheet
    qtbot.waitUntil(lambda: sheet is not None and sheet.isVisible(), timeout=5000)
    text = sheet.table.text()
    for keys in ("Space", "Esc", "Ctrl+1", "Ctrl+R", "Ctrl+F", "Ctrl+,", "Ctrl+Q", "Ctrl+plus"):
        assert keys in text
    sheet.reject()


def test_space_pauses_and_resumes_replay_on_the_debrief(make_window, services, speak, qtbot):
    report = services.analyze_audio("swe", "story-90", speak("We chose a cache."))
    window = make_window(services, player_factory=FakePlayer)
    window.open_round(report.id)
    playback = window.debrief.playback
    qtbot.mouseClick(window.debrief.player_bar.button, Qt.MouseButton.LeftButton)
    assert playback.is_playing
    press(qtbot, window, Qt.Key.Key_Space)
    assert not playback.is_playing
    assert window.practice.driver.state == "idle"  # Space did not start a round instead
    press(qtbot, window, Qt.Key.Key_Space)
    assert playback.is_playing
    playback.stop()


def test_text_scales_with_ctrl_plus_and_is_remembered(make_window, services, qtbot,
                                                      theme_reset):
    window = make_window(services)
    before = QApplication.font().pointSizeF()
    press(qtbot, window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() > before
    assert Theme.scale > 1.0
    window.close()
    assert load_settings().window.get("text_scale") == Theme.scale
    press_minus = Theme.scale
    apply_theme(QApplication.instance(), dark=False, scale=1.0)
    again = make_window(services)  # a new start picks the size up again
    assert Theme.scale == press_minus
    press(qtbot, again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert Theme.scale == 1.0


def test_ctrl_q_quits(make_window, services, qtbot):
    window = make_window(services)
    press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_the_dark_theme_paints_dark(make_window, services, qtbot, theme_reset):
    apply_theme(QApplication.instance(), dark=True)
    window = make_window(services)
    image = window.grab().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() - 20)
    assert centre.lightness() < 80
    assert palette.INK.lightness() > 180  # painted text is light on dark


def test_text_colours_pass_wcag_aa_in_both_themes():
    spec = importlib.util.spec_from_file_location("contrast_check",
                                                  ROOT / "scripts" / "contrast_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, (qss, surfaces) in module.themes().items():
        assert module.pairs(qss, surfaces), name
        assert module.failures(qss, surfaces) == [], name
