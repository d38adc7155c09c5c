"""Delivery: time against target, pace, fillers, hedges, long pauses, I/we, checkpoints.

The rows (and their hovers) are mockloop.debrief_lines', which the Markdown export shares."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from mockloop.analysis.results import Delivery
from mockloop.debrief_lines import delivery_rows, rows_of
from mockloop.report import RoundReport


def delivery_lines(d: dict, first_word_s: float | None = None) -> list[tuple[str, str, str]]:
    """(key, label, value) rows of a report's "delivery" dictionary (for tests and scripts
    that hold only that; the card itself reads a RoundReport)."""
    return [(r.key, r.label, r.value) for r in rows_of(Delivery.from_dict(d), first_word_s)]


class DeliveryCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        title = QLabel("Delivery")
        title.setObjectName("sectionTitle")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(12)
        col.addWidget(title)
        col.addLayout(self.grid)
        self.values: dict[str, str] = {}

    def show_delivery(self, report: RoundReport) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # gone now, not when the event loop next deletes it
                widget.setParent(None)
                widget.deleteLater()
        self.values = {}
        for i, row in enumerate(delivery_rows(report)):
            name = QLabel(row.label)
            name.setObjectName("fieldLabel")
            text = QLabel(row.value)
            text.setWordWrap(True)
            text.setObjectName("deliveryValue")
            text.setProperty("key", row.key)
            name.setToolTip(row.tooltip)
            text.setToolTip(row.tooltip)
            self.grid.addWidget(name, i, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(text, i, 1)
            self.values[row.key] = row.value if row.key != "checkpoint" else \
                self.values.get(row.key, "") + row.value + "\n"
