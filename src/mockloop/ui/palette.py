"""The app's few colours, for widgets that paint themselves (the style sheet mirrors them)."""

from __future__ import annotations

from PySide6.QtGui import QColor

INK = QColor("#1d2430")  # main text
MUTED = QColor("#667085")  # secondary text
LINE = QColor("#e3e7ee")  # borders, empty tracks
TRACK = QColor("#eef1f5")
ACCENT = QColor("#3d5afe")
GREEN = QColor("#2f9e62")
AMBER = QColor("#e8a317")
RED = QColor("#d64541")
OVER = QColor("#9b2c2c")

LENS = {"product": QColor("#7c5cd6"), "model": QColor("#2f8fd8"), "system": QColor("#1f9e8f")}

LIGHT = {"green": GREEN, "amber": AMBER, "red": RED, "over": OVER, "idle": QColor("#c5ccd6")}
