"""The short break between the rounds of a full loop: what is next, and a button to go on."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mockloop.rubric.model import Round
from mockloop.ui.fmt import mmss


class BreakCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setProperty("accent", "break")
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setObjectName("muted")
        self.go_button = QPushButton("Start next round  (Space)")
        self.go_button.setObjectName("primary")
        self.end_button = QPushButton("End the loop")
        row = QHBoxLayout()
        row.addWidget(self.go_button)
        row.addWidget(self.end_button)
        row.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(10)
        col.addWidget(self.title)
        col.addWidget(self.body)
        col.addLayout(row)
        self.hide()

    def show_next(self, step_label: str, rnd: Round, done_text: str) -> None:
        self.title.setText(f"Take a breath. Next: {rnd.title}")
        self.body.setText(f"{done_text}  {step_label} · {mmss(rnd.length_s)}. Read the prompt "
                          "below, gather your thoughts, and start when ready.")
        self.show()
