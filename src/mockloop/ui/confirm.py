"""Questions that need a yes before something is lost. Non-blocking: the answer arrives later.

The box is window-modal and opened with `open()`, so the event loop (timers, workers) keeps
running while it is up, and tests can find it and press a button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask(parent: QWidget, title: str, text: str, yes: str, on_yes: Callable[[], None], *,
        no: str = "Keep going", detail: str | None = None,
        on_no: Callable[[], None] | None = None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setObjectName("confirm")
    if detail:
        box.setInformativeText(detail)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)

    def answered(button) -> None:
        if button is yes_button:
            on_yes()
        elif on_no is not None:
            on_no()

    box.buttonClicked.connect(answered)
    box.open()
    return box
