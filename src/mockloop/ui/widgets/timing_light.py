"""The speech-contest timing light: one round lamp, green -> amber -> red -> over."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from mockloop.ui import palette


class TimingLight(QWidget):
    """A lamp whose colour is one of palette.LIGHT's keys; `state` is what tests read."""

    def __init__(self, parent: QWidget | None = None, diameter: int = 44) -> None:
        super().__init__(parent)
        self._diameter = diameter
        self.state = "idle"
        self.plan = ""  # what the colours mean for this round (the card sets it)
        self.setFixedSize(QSize(diameter + 8, diameter + 8))
        self.setAccessibleName("Timing light")

    def set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            now = {"green": "Now: plenty of time.", "amber": "Now: start wrapping up.",
                   "red": "Now: finish now.", "over": "Now: over time.",
                   "idle": ""}.get(state, "")
            self.setToolTip(" ".join(t for t in (now, self.plan) if t))
            self.setAccessibleDescription(now)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = palette.LIGHT.get(self.state, palette.LIGHT["idle"])
        r = QRectF(4, 4, self._diameter, self._diameter)
        halo = QColor(colour)
        halo.setAlpha(50 if self.state != "idle" else 0)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(halo)
        p.drawEllipse(r.adjusted(-4, -4, 4, 4))
        p.setBrush(colour)
        p.drawEllipse(r)
        p.end()
