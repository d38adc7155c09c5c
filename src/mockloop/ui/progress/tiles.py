"""One chart with its name, where it stands now and a sentence about it (a signal's hit rate,
or a delivery measure). The words come from mockloop.progress; the tile only shows them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mockloop.ui.progress.chart import Chart, Point


class ChartTile(QFrame):
    def __init__(self, title: str, chart: Chart, *, key: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signalRow")  # the checklist's row look: a soft rounded box
        self.key = key
        self.title = QLabel(title)
        self.title.setObjectName("signalName")
        self.title.setWordWrap(True)
        self.value = QLabel()
        self.value.setObjectName("sectionTitle")
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.words = QLabel()
        self.words.setObjectName("muted")
        self.words.setWordWrap(True)
        self.chart = chart
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.title, 1, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.value, 0, Qt.AlignmentFlag.AlignTop)
        col = QVBoxLayout(self)
        col.setContentsMargins(14, 12, 14, 12)
        col.setSpacing(6)
        col.addLayout(head)
        col.addWidget(self.chart)
        col.addWidget(self.words)
        col.addStretch(1)  # a taller neighbour in the row: the extra room goes below

    def show_series(self, value: str, words: str, points: Sequence[Point],
                    empty_text: str = "No data yet", tooltip: str = "") -> None:
        self.value.setText(value)
        self.words.setText(words)
        self.chart.set_points(points, empty_text)
        self.setToolTip(tooltip)
        self.chart.setToolTip("")  # the chart's own hover names a point
