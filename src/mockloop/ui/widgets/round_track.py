"""The round's time as a track: elapsed fill, amber/red zones, checkpoints, overtime tail."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from mockloop.ui import palette
from mockloop.ui.fmt import mmss


@dataclass(frozen=True)
class Mark:
    at_s: float
    label: str


class RoundTrack(QWidget):
    """Set the plan with `set_round`, then feed `set_elapsed` while recording."""

    BAR = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.length_s = 90.0
        self.amber_at_s = 60.0
        self.red_at_s = 75.0
        self.hard_stop_s = 105.0
        self.marks: tuple[Mark, ...] = ()
        self.elapsed_s = 0.0
        self.colour = palette.GREEN
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Room for three rows of labels: close checkpoints stack instead of overlapping.
        self.setFixedHeight(self.BAR + 12 + 3 * (self.fontMetrics().height() + 2))

    def sizeHint(self) -> QSize:
        return QSize(480, self.height())

    def set_round(self, length_s: float, amber_at_s: float, red_at_s: float,
                  hard_stop_s: float, marks: tuple[Mark, ...]) -> None:
        self.length_s, self.amber_at_s, self.red_at_s = length_s, amber_at_s, red_at_s
        self.hard_stop_s = max(hard_stop_s, length_s)
        self.marks = marks
        self.elapsed_s = 0.0
        self.update()

    def set_elapsed(self, elapsed_s: float, colour: QColor) -> None:
        self.elapsed_s = elapsed_s
        self.colour = colour
        self.update()

    def _x(self, r: QRectF, t: float) -> float:
        return r.left() + r.width() * max(0.0, min(1.0, t / self.hard_stop_s))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(1, 4, self.width() - 2, self.BAR)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(palette.TRACK)
        p.drawRoundedRect(r, 5, 5)
        # Faint zones show where the light changes, so the user can plan the ending.
        for start, end, colour in ((self.amber_at_s, self.red_at_s, palette.AMBER),
                                   (self.red_at_s, self.length_s, palette.RED),
                                   (self.length_s, self.hard_stop_s, palette.OVER)):
            if end > start:
                zone = QColor(colour)
                zone.setAlpha(45)
                p.setBrush(zone)
                p.drawRect(QRectF(self._x(r, start), r.top(), self._x(r, end) - self._x(r, start),
                                  r.height()))
        if self.elapsed_s > 0:
            p.setBrush(self.colour)
            p.drawRoundedRect(QRectF(r.left(), r.top(), max(r.height(),
                                     self._x(r, self.elapsed_s) - r.left()), r.height()), 5, 5)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        p.setFont(small)
        metrics = p.fontMetrics()
        marks = list(self.marks)
        if not any(abs(m.at_s - self.length_s) < 0.5 for m in marks):
            marks.append(Mark(self.length_s, "time"))
        # Labels go on the first row where they do not collide with an earlier one.
        rows: list[float] = []  # right edge of the last label on each row
        for mark in sorted(marks, key=lambda m: m.at_s):
            x = self._x(r, mark.at_s)
            passed = self.elapsed_s >= mark.at_s
            p.setPen(QPen(palette.INK if passed else palette.MUTED, 2))
            p.drawLine(int(x), int(r.top() - 3), int(x), int(r.bottom() + 3))
            text = f"{mmss(mark.at_s)} {mark.label}"
            w = metrics.horizontalAdvance(text)
            left = min(max(0.0, x - w / 2), self.width() - w)
            row = next((i for i, edge in enumerate(rows) if left > edge + 10), len(rows))
            if row == len(rows):
                rows.append(0.0)
            rows[row] = left + w
            top = r.bottom() + 6 + row * (metrics.height() + 2)
            p.setPen(palette.INK if passed else palette.MUTED)
            p.drawText(QRectF(left, top, w + 2, metrics.height() + 2),
                       Qt.AlignmentFlag.AlignLeft, text)
        p.end()
