"""The round's time as a track: elapsed fill, amber/red zones, checkpoints, overtime tail.

A checkpoint whose signals have all been heard (live signals) gets a tick before its label."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from mockloop.ui import palette
from mockloop.ui.fmt import mmss


@dataclass(frozen=True)
class Mark:
    at_s: float
    label: str
    signals: tuple[str, ...] = ()  # the signal ids this checkpoint checks


TICK = "✓ "


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
        self.heard: frozenset[str] = frozenset()  # signal ids heard so far
        self.elapsed_s = 0.0
        self.colour = palette.GREEN
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Room for three rows of labels (more when they need it): close checkpoints stack
        # instead of overlapping.
        self._fit_height()

    def sizeHint(self) -> QSize:
        return QSize(480, self.height())

    def set_round(self, length_s: float, amber_at_s: float, red_at_s: float,
                  hard_stop_s: float, marks: tuple[Mark, ...]) -> None:
        self.length_s, self.amber_at_s, self.red_at_s = length_s, amber_at_s, red_at_s
        self.hard_stop_s = max(hard_stop_s, length_s)
        self.marks = marks
        self.heard = frozenset()
        self.elapsed_s = 0.0
        # Every checkpoint in full (a label too long for a narrow track is shortened).
        self.setToolTip("\n".join(f"{mmss(m.at_s)} {m.label}" for m in marks))
        self._fit_height()
        self.update()

    def set_heard(self, signal_ids: frozenset[str]) -> None:
        """Tick the checkpoints whose signals are all among `signal_ids` (empty: no ticks)."""
        heard = frozenset(signal_ids)
        if heard != self.heard:
            self.heard = heard
            self.update()

    def ticked(self, mark: Mark) -> bool:
        return bool(mark.signals) and all(s in self.heard for s in mark.signals)

    def label_of(self, mark: Mark) -> str:
        """The text drawn under a mark ("✓ 0:30 Shaping constraint" once it is heard)."""
        return f"{TICK if self.ticked(mark) else ''}{mmss(mark.at_s)} {mark.label}"

    def set_elapsed(self, elapsed_s: float, colour: QColor) -> None:
        self.elapsed_s = elapsed_s
        self.colour = colour
        self.update()

    def _x(self, r: QRectF, t: float) -> float:
        return r.left() + r.width() * max(0.0, min(1.0, t / self.hard_stop_s))

    def _bar(self) -> QRectF:
        return QRectF(1, 4, self.width() - 2, self.BAR)

    def _small_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        return small

    def _placed(self, metrics: QFontMetrics) -> list[tuple[Mark, float, float, int]]:
        """Each mark with its label's left edge, width and row (the first row where it does
        not collide with an earlier label), in time order."""
        r = self._bar()
        marks = list(self.marks)
        if not any(abs(m.at_s - self.length_s) < 0.5 for m in marks):
            marks.append(Mark(self.length_s, "end of round"))
        rows: list[float] = []  # right edge of the last label on each row
        placed = []
        for mark in sorted(marks, key=lambda m: m.at_s):
            x = self._x(r, mark.at_s)
            # Measured with the tick either way, so a tick never moves a label to another row.
            # A label wider than the track is shortened (see `shown_labels`), never pushed
            # out past the left edge.
            w = min(float(metrics.horizontalAdvance(TICK + f"{mmss(mark.at_s)} {mark.label}")),
                    max(1.0, self.width() - 2.0))
            left = max(0.0, min(x - w / 2, self.width() - w))
            row = next((i for i, edge in enumerate(rows) if left > edge + 10), len(rows))
            if row == len(rows):
                rows.append(0.0)
            rows[row] = left + w
            placed.append((mark, left, w, row))
        return placed

    def shown_labels(self, metrics: QFontMetrics | None = None
                     ) -> list[tuple[Mark, str, QRectF]]:
        """What each label says as drawn and where: inside the widget, the time always first
        (a label too long for the track ends in "…" instead of losing its start)."""
        metrics = metrics or QFontMetrics(self._small_font())
        top0 = self._bar().bottom() + 6
        out = []
        for mark, left, w, row in self._placed(metrics):
            text = self.label_of(mark)
            if metrics.horizontalAdvance(text) > w:
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(w))
            top = top0 + row * (metrics.height() + 2)
            out.append((mark, text, QRectF(left, top, w, metrics.height() + 2)))
        return out

    def _fit_height(self) -> None:
        """Three rows of labels, or as many as this width needs (none is cut off)."""
        rows = 1 + max((row for *_, row in self._placed(QFontMetrics(self._small_font()))),
                       default=0)
        height = self.BAR + 12 + max(3, rows) * (self.fontMetrics().height() + 2)
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self._bar()
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
        p.setFont(self._small_font())
        metrics = p.fontMetrics()
        for mark, text, rect in self.shown_labels(metrics):
            x = self._x(r, mark.at_s)
            passed = self.elapsed_s >= mark.at_s
            p.setPen(QPen(palette.INK if passed else palette.MUTED, 2))
            p.drawLine(int(x), int(r.top() - 3), int(x), int(r.bottom() + 3))
            p.setPen(palette.INK if passed or self.ticked(mark) else palette.MUTED)
            p.drawText(rect.adjusted(0, 0, 2, 0), Qt.AlignmentFlag.AlignLeft, text)
        p.end()
