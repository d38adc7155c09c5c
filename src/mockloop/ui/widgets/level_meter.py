"""A horizontal input level meter: RMS as a bar, the recent peak as a tick, clipping in red."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from mockloop.ui import palette

FLOOR_DB = -60.0  # the left edge of the meter
CLIP_DB = -1.0  # a peak at or above this is treated as clipping


def _fraction(db: float) -> float:
    return max(0.0, min(1.0, (db - FLOOR_DB) / -FLOOR_DB))


class LevelMeter(QWidget):
    """Shows the latest (rms, peak) in dBFS; call `set_level` about 20 times a second."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rms_db = -120.0
        self.peak_db = -120.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Input level")

    def sizeHint(self) -> QSize:
        return QSize(220, 10)

    def set_level(self, rms_db: float, peak_db: float) -> None:
        # Peaks fall back slowly so a short burst stays visible for a moment.
        self.rms_db = rms_db
        self.peak_db = max(peak_db, self.peak_db - 1.5)
        self.update()

    def reset(self) -> None:
        self.rms_db = self.peak_db = -120.0
        self.update()

    @property
    def clipping(self) -> bool:
        return self.peak_db >= CLIP_DB

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = r.height() / 2
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(palette.TRACK)
        p.drawRoundedRect(r, radius, radius)
        level = _fraction(self.rms_db)
        if level > 0:
            colour = palette.GREEN if self.rms_db < -12 else palette.AMBER
            if self.clipping:
                colour = palette.RED
            p.setBrush(colour)
            p.drawRoundedRect(QRectF(r.left(), r.top(), max(r.height(), r.width() * level),
                                     r.height()), radius, radius)
        peak = _fraction(self.peak_db)
        if peak > 0:
            x = r.left() + r.width() * peak
            p.setBrush(palette.RED if self.clipping else palette.INK)
            p.drawRect(QRectF(min(x, r.right() - 2), r.top(), 2, r.height()))
        p.end()
