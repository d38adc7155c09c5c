"""A plain message strip across the top of the window (errors, notices), with one action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    """Hidden until `show_message`; `kind` is "error", "warning" or "info" (styled by QSS)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.kind = "info"
        self.page: int | None = None  # the page this message belongs to; None: any page
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setObjectName("bannerText")
        self.action = QPushButton()
        self.action.setObjectName("bannerAction")
        self.close_button = QPushButton("Dismiss")
        self.close_button.setObjectName("bannerClose")
        self.close_button.setToolTip("Hide this message")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 10, 10)
        row.setSpacing(10)
        row.addWidget(self.label, 1)
        row.addWidget(self.action)
        row.addWidget(self.close_button)
        self.close_button.clicked.connect(self.hide)
        self.action.clicked.connect(self._on_action)
        self._callback: Callable[[], None] | None = None
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text()

    def show_message(self, text: str, kind: str = "error", *, action: str | None = None,
                     on_action: Callable[[], None] | None = None,
                     page: int | None = None) -> None:
        self.kind = kind
        self.page = page
        self.setProperty("kind", kind)
        # Re-polish so the [kind="..."] rules of the style sheet apply to the new value.
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self._callback = on_action
        self.action.setVisible(bool(action and on_action))
        self.action.setText(action or "")
        self.show()

    def _on_action(self) -> None:
        callback = self._callback
        self.hide()
        if callback is not None:
            callback()
