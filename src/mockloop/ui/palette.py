"""The app's few colours, for widgets that paint themselves (the style sheet mirrors them).

The constants are QColor objects that `use_dark(True/False)` updates in place, so widgets
that imported them paint in the current theme without re-importing anything.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

LIGHT_VALUES = {
    "INK": "#1d2430",  # main text
    "MUTED": "#5d6678",  # secondary text (AA on white and on the page grey)
    "LINE": "#e3e7ee",  # borders, empty tracks
    "TRACK": "#eef1f5",
    "ACCENT": "#3d5afe",
    "GREEN": "#2f9e62",
    "AMBER": "#e8a317",
    "RED": "#d64541",
    "OVER": "#9b2c2c",
    "IDLE": "#c5ccd6",
    "SPOKEN": "#ffe7a3",  # the word being played
}
DARK_VALUES = {
    "INK": "#e6e9ef",
    "MUTED": "#a3abba",
    "LINE": "#343b48",
    "TRACK": "#2a303b",
    "ACCENT": "#8c9eff",
    "GREEN": "#3fbf7a",
    "AMBER": "#f0b429",
    "RED": "#f06a66",
    "OVER": "#d9534f",
    "IDLE": "#4a5262",
    "SPOKEN": "#6b5310",
}

INK = QColor(LIGHT_VALUES["INK"])
MUTED = QColor(LIGHT_VALUES["MUTED"])
LINE = QColor(LIGHT_VALUES["LINE"])
TRACK = QColor(LIGHT_VALUES["TRACK"])
ACCENT = QColor(LIGHT_VALUES["ACCENT"])
GREEN = QColor(LIGHT_VALUES["GREEN"])
AMBER = QColor(LIGHT_VALUES["AMBER"])
RED = QColor(LIGHT_VALUES["RED"])
OVER = QColor(LIGHT_VALUES["OVER"])
IDLE = QColor(LIGHT_VALUES["IDLE"])
SPOKEN = QColor(LIGHT_VALUES["SPOKEN"])

LENS = {"product": QColor("#7c5cd6"), "model": QColor("#2f8fd8"), "system": QColor("#1f9e8f")}

LIGHT = {"green": GREEN, "amber": AMBER, "red": RED, "over": OVER, "idle": IDLE}

dark = False


def use_dark(on: bool) -> None:
    """Switch the painted colours to the dark (or light) theme, in place."""
    global dark
    dark = on
    values = DARK_VALUES if on else LIGHT_VALUES
    for name, value in values.items():
        globals()[name].setRgba(QColor(value).rgba())
