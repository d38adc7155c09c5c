"""At the bottom of a debrief: what to practise next, as one line with a button.

The same suggestion as the Practice page's card (mockloop.next_round, for the debrief's role,
worked out when the debrief is shown, so it counts the round just done); "Practise this"
asks the window to select it in Practice and start it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from mockloop.next_round import Suggestion
from mockloop.session import Services
from mockloop.ui.practice.next_card import request_of, suggestion_for, what_of


class NextLine(QFrame):
    practise_requested = Signal(object)  # the RoundRequest to select and start

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setProperty("accent", "break")
        self.services = services
        self.suggestion: Suggestion | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton("Practise this")
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 12, 20, 12)
        row.setSpacing(14)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.button.clicked.connect(self._practise)
        self.hide()

    def show_for(self, role_id: str) -> None:
        """The suggestion for `role_id` now (hidden when there is none)."""
        s = suggestion_for(self.services, role_id)
        self.suggestion = s
        if s is None:
            self.hide()
            return
        self.text.setText(f"<b>Next:</b> {_esc(what_of(s))}. "
                          f"<span style='color:{_muted()}'>{_esc(s.why)}</span>")
        self.text.setToolTip(s.prompt_text)
        self.show()

    def _practise(self) -> None:
        if self.suggestion is not None:
            self.practise_requested.emit(request_of(self.suggestion))


def _esc(text: str) -> str:
    import html

    return html.escape(text)


def _muted() -> str:
    from mockloop.ui import palette

    return palette.MUTED.name()
