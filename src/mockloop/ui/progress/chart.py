"""Small self-painted charts for the Progress page: a sparkline-style line, and weekly bars.

Why not Qt Charts: it is not in PySide6-Essentials (what mockloop installs) but in
PySide6-Addons, whose wheel for PySide6 6.11.3 is a 175 MB download and 439 MB unpacked
(QtCharts itself is about 5 MB of it; the rest is 3D, WebEngine, multimedia, ...). These charts
are a line and a few dots in a box a few dozen pixels high: about two hundred lines of
QPainter, like the other painted widgets (widgets/lens_bar.py, widgets/round_track.py). They
read ui/palette.py when they paint, so they follow the light/dark theme as it changes, and
they cost nothing to build for a history of thousands of rounds (one path per chart, a
point per attempt).

Hovering shows the nearest point's date and value (a tooltip, and a guide line and ring on
the chart); `point_at(x)` and `hover_text` say the same to tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from mockloop.ui import palette


class Point(NamedTuple):  # a tuple: thousands are made per refresh, cheaply
    label: str  # what hovering says before the value, given to the chart's `describe`
    value: float
    mark: bool | None = None  # a hit (True) or miss (False) dot under the line; None: none


def _percent(v: float) -> str:
    return f"{v * 100:.0f}%"


class Chart(QWidget):
    """One series, as a line ("line") or as bars ("bars"). The y range is `y_min`..`y_max`
    (the series' own maximum, with a little headroom, when `y_max` is None); `reference`
    draws a dashed line at that value (e.g. 100% of the round's length)."""

    PAD_X = 6
    PAD_Y = 6

    def __init__(self, *, height: int = 56, kind: str = "line",
                 fmt: Callable[[float], str] = _percent, y_min: float = 0.0,
                 y_max: float | None = 1.0, reference: float | None = None,
                 colour: QColor | None = None,
                 describe: Callable[[str], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.fmt = fmt
        # A point's label as hovering shows it: worked out for the hovered point only, so
        # thousands of points cost nothing to hand over.
        self.describe = describe or (lambda label: label)
        self.y_min, self.y_max = y_min, y_max
        self.reference = reference
        self.colour = colour  # None: the accent colour of the theme in use
        self.points: tuple[Point, ...] = ()
        self._max = 1.0
        self._line: tuple[tuple, list[QPointF]] | None = None  # (geometry, polyline) cache
        self.hover: int | None = None
        self.empty_text = "No data yet"
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(height)
        self.setMinimumWidth(120)

    def sizeHint(self) -> QSize:
        return QSize(260, self.height())

    def set_points(self, points: Sequence[Point], empty_text: str = "No data yet") -> None:
        self.points = tuple(points)
        self.empty_text = empty_text
        self.hover = None
        self._max = max((p.value for p in self.points), default=1.0)
        self._line = None
        if self.points:
            last = self.points[-1]
            self.setAccessibleDescription(f"{len(self.points)} points; latest "
                                          f"{self.describe(last.label)}: {self.fmt(last.value)}")
        else:
            self.setAccessibleDescription(empty_text)
        self.update()

    # -- geometry ---------------------------------------------------------------------------

    def _plot(self) -> QRectF:
        return QRectF(self.PAD_X, self.PAD_Y, max(1.0, self.width() - 2 * self.PAD_X),
                      max(1.0, self.height() - 2 * self.PAD_Y))

    def _top(self) -> float:
        if self.y_max is not None:
            return self.y_max
        top = self._max
        if self.reference is not None:
            top = max(top, self.reference)
        return top * 1.1 if top > self.y_min else self.y_min + 1.0

    def _x(self, i: int) -> float:
        r = self._plot()
        n = len(self.points)
        if self.kind == "bars":
            return r.left() + r.width() * (i + 0.5) / max(1, n)
        if n <= 1:
            return r.center().x()
        return r.left() + r.width() * i / (n - 1)

    def _y(self, v: float) -> float:
        r = self._plot()
        top = self._top()
        span = top - self.y_min or 1.0
        share = max(0.0, min(1.0, (v - self.y_min) / span))
        return r.bottom() - r.height() * share

    def point_at(self, x: float) -> int | None:
        """The index of the point nearest to `x` (widget pixels), or None with no points."""
        if not self.points:
            return None
        return min(range(len(self.points)), key=lambda i: abs(self._x(i) - x))

    def point_pos(self, i: int) -> QPointF:
        """Where point `i` is drawn (for tests that hover it)."""
        return QPointF(self._x(i), self._y(self.points[i].value))

    @property
    def hover_text(self) -> str:
        if self.hover is None or self.hover >= len(self.points):
            return ""
        p = self.points[self.hover]
        return f"{self.describe(p.label)}: {self.fmt(p.value)}"

    # -- hovering ---------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self.point_at(event.position().x())
        if i != self.hover:
            self.hover = i
            self.update()
        if i is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.hover_text, self)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.hover = None
        QToolTip.hideText()
        self.update()
        super().leaveEvent(event)

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self._plot()
        colour = QColor(self.colour or palette.ACCENT)
        # the frame of the plot: a baseline, and the reference (dashed)
        p.setPen(QPen(palette.LINE, 1))
        p.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))
        if self.reference is not None:
            pen = QPen(palette.MUTED, 1, Qt.PenStyle.DashLine)
            p.setPen(pen)
            y = self._y(self.reference)
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
        if not self.points:
            small = QFont(self.font())
            small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.9))
            p.setFont(small)
            p.setPen(palette.MUTED)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            p.end()
            return
        if self.kind == "bars":
            self._paint_bars(p, r, colour)
        else:
            self._paint_line(p, r, colour)
        if self.hover is not None and self.hover < len(self.points):
            x = self._x(self.hover)
            p.setPen(QPen(palette.MUTED, 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()))
            if self.kind == "line":
                p.setPen(QPen(palette.INK, 2))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawEllipse(self.point_pos(self.hover), 4.5, 4.5)
        p.end()

    def _polyline(self, r: QRectF) -> list[QPointF]:
        """The line's vertices: one per point, or, with more points than pixels, the last
        point of each pixel column (the rates drawn are smooth), first and last kept."""
        key = (r.width(), r.height(), self._top(), self.y_min)
        if self._line is not None and self._line[0] == key:
            return self._line[1]
        n = len(self.points)
        left, width, bottom, height = r.left(), r.width(), r.bottom(), r.height()
        top = self._top()
        span = (top - self.y_min) or 1.0
        y_min = self.y_min
        out: list[QPointF] = []
        last_col = None
        for i, pt in enumerate(self.points):
            x = left + width * i / (n - 1) if n > 1 else r.center().x()
            col = int(x)
            if col == last_col and i != n - 1:
                continue
            if col == last_col:
                out.pop()
            last_col = col
            share = (pt.value - y_min) / span
            share = 0.0 if share < 0 else 1.0 if share > 1 else share
            out.append(QPointF(x, bottom - height * share))
        self._line = (key, out)
        return out

    def _paint_line(self, p: QPainter, r: QRectF, colour: QColor) -> None:
        n = len(self.points)
        vertices = self._polyline(r)
        path = QPainterPath()
        path.moveTo(vertices[0])
        for v in vertices[1:]:
            path.lineTo(v)
        fill = QPainterPath(path)
        fill.lineTo(QPointF(vertices[-1].x(), r.bottom()))
        fill.lineTo(QPointF(vertices[0].x(), r.bottom()))
        fill.closeSubpath()
        soft = QColor(colour)
        soft.setAlpha(40)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(soft)
        p.drawPath(fill)
        p.setPen(QPen(colour, 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        # hit / miss ticks along the bottom edge, while they still have room to be seen
        if n <= r.width() / 3:
            for i, pt in enumerate(self.points):
                if pt.mark is None:
                    continue
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(palette.GREEN if pt.mark else palette.IDLE)
                p.drawRect(QRectF(self._x(i) - 1.5, r.bottom() + 2, 3, 3))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(vertices[-1], 3.5, 3.5)  # where it stands now

    def _paint_bars(self, p: QPainter, r: QRectF, colour: QColor) -> None:
        n = len(self.points)
        step = r.width() / max(1, n)
        w = max(1.0, min(28.0, step * 0.7))
        p.setPen(Qt.PenStyle.NoPen)
        for i, pt in enumerate(self.points):
            top = self._y(pt.value)
            p.setBrush(colour if i == self.hover or self.hover is None else palette.IDLE)
            p.drawRect(QRectF(self._x(i) - w / 2, top, w, max(0.0, r.bottom() - top)))
