"""Where the words went: one stacked bar (product / model / system) with the expected lens."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from mockloop.ui import palette

ORDER = ("product", "model", "system")


class LensBar(QWidget):
    """A stacked share bar; the expected lens's segment gets an outline and a caret."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shares = {k: 0.0 for k in ORDER}
        self.expected: str | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(30)

    def sizeHint(self) -> QSize:
        return QSize(360, 30)

    def set_shares(self, shares: dict[str, float], expected: str | None) -> None:
        self.shares = {k: float(shares.get(k) or 0.0) for k in ORDER}
        self.expected = expected
        self.setAccessibleDescription(", ".join(f"{k} {round(100 * v)}%"
                                                for k, v in self.shares.items()))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(1, 8, self.width() - 2, 18)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(palette.TRACK)
        p.drawRoundedRect(r, 4, 4)
        x = r.left()
        total = sum(self.shares.values())
        for lens in ORDER:
            share = self.shares[lens] / total if total else 0.0
            w = r.width() * share
            seg = QRectF(x, r.top(), w, r.height())
            if w > 0:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(palette.LENS[lens])
                p.drawRect(seg)
            if lens == self.expected and total:
                # The caret marks the expected lens even when it got no words at all (but
                # not when nothing went to any lens: there is no bar to point into). It is
                # kept whole inside the widget, never clipped at an edge.
                mid = min(max(x + w / 2, 6.0), self.width() - 6.0)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(palette.INK)
                p.drawPolygon([QPointF(mid - 5, 0), QPointF(mid + 5, 0), QPointF(mid, 6)])
                if w > 0:
                    p.setPen(QPen(palette.INK, 2))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawRect(seg.adjusted(1, 1, -1, -1))
            x += w
        p.end()
