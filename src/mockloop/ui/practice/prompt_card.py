"""The question, in large type, with the round's name, length and what it listens for."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from mockloop.rubric.model import Prompt, Role, Round
from mockloop.ui.fmt import lens_name, mmss


class PromptCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.kicker = QLabel()
        self.kicker.setObjectName("kicker")
        self.kicker.setWordWrap(True)
        self.prompt = QLabel()
        self.prompt.setObjectName("promptText")
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(self.prompt.textInteractionFlags())
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.summary.setWordWrap(True)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(10)
        col.addWidget(self.kicker)
        col.addWidget(self.prompt)
        col.addWidget(self.summary)

    def show_round(self, role: Role, rnd: Round, prompt: Prompt, loop_step: str = "") -> None:
        lens = rnd.lens_for(role)
        parts = [rnd.title.upper(), mmss(rnd.length_s)]
        if lens:
            parts.append(f"{lens_name(lens)} lens")
        if loop_step:
            parts.insert(0, loop_step.upper())
        self.kicker.setText("  ·  ".join(parts))
        self.prompt.setText(prompt.text)
        self.summary.setText(rnd.summary)
        self.summary.setVisible(bool(rnd.summary))
