"""Small helpers for driving the window the way a user does (keys, buttons, dialogs)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from mockloop.audio import audio_duration, wav_stream_factory
from mockloop.ui.main_window import MainWindow

REPORT_TIMEOUT_MS = 90_000  # stop -> transcribe the tail -> analyse, on two busy cores


def press(qtbot, window: MainWindow, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as the user makes it: to whatever has focus in the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def answer_question(qtbot, parent, button_text: str) -> None:
    """Press a button of the confirmation box that is open over `parent`."""
    box: list[QMessageBox] = []

    def found() -> bool:
        box[:] = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
        return bool(box)

    qtbot.waitUntil(found, timeout=5000)
    buttons = [b for b in box[0].findChildren(QPushButton) if b.text() == button_text]
    assert buttons, f"no '{button_text}' button in: {box[0].text()}"
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)


def on_page(window: MainWindow, page) -> bool:
    return window.pages.currentWidget() is page


def signal_rows(window: MainWindow) -> dict:
    return {row.signal_id: row for row in window.debrief.checklist.rows}


def wait_for_debrief(qtbot, window: MainWindow) -> None:
    """Wait until the debrief page shows; fail at once, with its text, if an error shows."""
    def settled() -> bool:
        return on_page(window, window.debrief) or (
            window.banner.isVisible() and window.banner.kind == "error")

    qtbot.waitUntil(settled, timeout=REPORT_TIMEOUT_MS)
    assert on_page(window, window.debrief), f"no debrief; the window says: {window.banner.text}"


def record_take(qtbot, window: MainWindow, clip, *, realtime: bool = False,
                slack_ms: int = 30_000) -> None:
    """One take from the Practice page with the WAV file `clip` as the microphone, as a user
    makes it: Space, speak, Space, then wait for the debrief."""
    practice = window.practice
    practice.driver.stream_factory = wav_stream_factory(clip, realtime=realtime)
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(practice.clock.rec.isVisible, timeout=30_000)
    spoken = audio_duration(clip)
    qtbot.waitUntil(lambda: practice.clock.track.elapsed_s > spoken + 0.5,
                    timeout=int(spoken * 1000) + slack_ms)
    press(qtbot, window, Qt.Key.Key_Space)
    wait_for_debrief(qtbot, window)
