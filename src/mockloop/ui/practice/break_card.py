"""The card between two takes: a full loop's break before its next round, and the framings
drill's step before its next take. Both say what is next, optionally how the last take went,
and offer a primary button to go on beside one to end the series."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mockloop.rubric.model import Round
from mockloop.ui.fmt import mmss


class BetweenTakesCard(QFrame):
    """Title, a line on the last take (hidden until used), a muted body, Go and End."""

    def __init__(self, go_text: str, end_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setProperty("accent", "break")
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.last = QLabel()  # how the previous take went
        self.last.setObjectName("muted")
        self.last.setWordWrap(True)
        self.last.hide()
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setObjectName("muted")
        self.go_button = QPushButton(go_text)
        self.go_button.setObjectName("primary")
        self.end_button = QPushButton(end_text)
        row = QHBoxLayout()
        row.addWidget(self.go_button)
        row.addWidget(self.end_button)
        row.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(10)
        col.addWidget(self.title)
        col.addWidget(self.last)
        col.addWidget(self.body)
        col.addLayout(row)
        self.hide()

    def show_last(self, text: str, *, good: bool) -> None:
        """The line on the last take, in the good or the warning tone ("" hides it)."""
        self.last.setText(text)
        self.last.setProperty("tone", "good" if good else "warning")
        self.last.style().polish(self.last)
        self.last.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        self.go_button.setEnabled(not busy)
        self.end_button.setEnabled(not busy)


class BreakCard(BetweenTakesCard):
    """The short break between the rounds of a full loop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Start next round  (Space)", "End the loop", parent)

    def show_next(self, step_label: str, rnd: Round, done_text: str) -> None:
        self.title.setText(f"Take a breath. Next: {rnd.title}")
        self.body.setText(f"{done_text}  {step_label} · {mmss(rnd.length_s)}. Read the prompt "
                          "below, gather your thoughts, and start when ready.")
        self.show()
