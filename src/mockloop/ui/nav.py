"""The left rail: app name, one button per registered page, settings, and the speech
model's state."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from mockloop.ui.pages import PAGES, PageSpec


class NavRail(QFrame):
    page_chosen = Signal(str)  # the page's registry key
    settings_clicked = Signal()

    def __init__(self, pages: Sequence[PageSpec] = PAGES,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nav")
        self.setFixedWidth(196)
        brand = QLabel("mockloop")
        brand.setObjectName("brand")
        tagline = QLabel("Mock interview coach")
        tagline.setObjectName("brandTag")
        tagline.setWordWrap(True)  # larger text: two lines, not cut at the rail's edge
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        col = QVBoxLayout(self)
        col.setContentsMargins(14, 22, 14, 16)
        col.setSpacing(4)
        col.addWidget(brand)
        col.addWidget(tagline)
        col.addSpacing(22)
        self.keys = [page.key for page in pages]
        self.buttons: list[QPushButton] = []
        for i, page in enumerate(pages):
            b = QPushButton(page.title)
            b.setObjectName("navButton")
            b.setCheckable(True)
            b.setToolTip(page.shortcut)
            self.group.addButton(b, i)
            self.buttons.append(b)
            col.addWidget(b)
        col.addStretch(1)
        self.settings_button = QPushButton("Settings")
        self.settings_button.setObjectName("navButton")
        self.settings_button.setToolTip("Ctrl+,")
        col.addWidget(self.settings_button)
        col.addSpacing(10)
        self.model_state = QLabel()
        self.model_state.setObjectName("modelState")
        self.model_state.setWordWrap(True)
        col.addWidget(self.model_state)
        self.group.idClicked.connect(lambda i: self.page_chosen.emit(self.keys[i]))
        self.settings_button.clicked.connect(self.settings_clicked)

    def button(self, key: str) -> QPushButton:
        return self.buttons[self.keys.index(key)]

    def set_current(self, key: str) -> None:
        """Mark `key` current. If the keyboard focus is on another of the rail's pages, it
        moves here too, so one item looks chosen, not the one left as well."""
        button = self.button(key)
        button.setChecked(True)
        focused = next((b for b in self.buttons if b.hasFocus()), None)
        if focused is not None and focused is not button:
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_model_state(self, text: str, state: str) -> None:
        self.model_state.setText(f"●  {text}")
        self.model_state.setProperty("state", state)
        self.model_state.style().unpolish(self.model_state)
        self.model_state.style().polish(self.model_state)
