"""The line a take of a three-framings drill gets in its debrief: which take it is, and "Show
the drill side by side", which opens the drill's three takes compared (on the Practice page).
Which drill a round belongs to comes from mockloop.history_list.drill_take."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from mockloop.errors import UserError
from mockloop.history_list import DrillTake, drill_take


class DrillLink(QFrame):
    drill_requested = Signal(int)  # the drill's first take's history id

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("card")
        self.take: DrillTake | None = None
        self.text = QLabel()
        self.text.setObjectName("muted")
        self.text.setWordWrap(True)
        self.button = QPushButton("Show the drill side by side")
        self.button.setToolTip("The three takes of this story, compared: where each one's "
                               "words went and what it hit")
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 12, 20, 12)
        row.setSpacing(12)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.button.clicked.connect(self.open_drill)
        self.hide()

    def show_for(self, history_id: int | None) -> None:
        """Shown for a saved take of a drill; hidden for any other round."""
        self.take = None
        if history_id is not None:
            try:
                self.take = drill_take(self.services.store.get(history_id))
            except UserError:  # the round is gone: no link
                self.take = None
        if self.take is not None:
            t = self.take
            first = "it starts" if t.number == 1 else f"round #{t.first_id} starts it"
            self.text.setText(f"Three framings drill · {t.step}. One story told as a "
                              f"product, a model and a system risk; {first}.")
        self.setVisible(self.take is not None)

    def open_drill(self) -> None:
        if self.take is not None:
            self.drill_requested.emit(self.take.first_id)
