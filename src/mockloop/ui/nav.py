"""The left rail: app name, the three pages, settings, and the speech model's state."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

PAGES = (("Practice", "Ctrl+1"), ("Debrief", "Ctrl+2"), ("History", "Ctrl+3"))


class NavRail(QFrame):
    page_chosen = Signal(int)
    settings_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nav")
        self.setFixedWidth(196)
        brand = QLabel("mockloop")
        brand.setObjectName("brand")
        tagline = QLabel("Mock interview coach")
        tagline.setObjectName("brandTag")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        col = QVBoxLayout(self)
        col.setContentsMargins(14, 22, 14, 16)
        col.setSpacing(4)
        col.addWidget(brand)
        col.addWidget(tagline)
        col.addSpacing(22)
        self.buttons: list[QPushButton] = []
        for i, (name, keys) in enumerate(PAGES):
            b = QPushButton(name)
            b.setObjectName("navButton")
            b.setCheckable(True)
            b.setToolTip(keys)
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
        self.group.idClicked.connect(self.page_chosen)
        self.settings_button.clicked.connect(self.settings_clicked)

    def set_current(self, index: int) -> None:
        self.buttons[index].setChecked(True)

    def set_model_state(self, text: str, state: str) -> None:
        self.model_state.setText(f"●  {text}")
        self.model_state.setProperty("state", state)
        self.model_state.style().unpolish(self.model_state)
        self.model_state.style().polish(self.model_state)
