"""The themes: the style sheet shipped under resources/ui/ (light), the dark one built from it
by a colour map, the text scale, and the base font.

The dark theme follows the system's colour scheme unless told otherwise; the text scale
(Ctrl+plus / Ctrl+minus) multiplies every point size in the sheet and the base font.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from mockloop.ui import palette

PREFERRED_FONTS = ("Inter", "Noto Sans", "Segoe UI", "Cantarell", "DejaVu Sans")
BASE_POINT_SIZE = 10.0
SCALES = (0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)

# Each light colour of style.qss and what it becomes in the dark theme.
DARK = {
    # surfaces
    "#ffffff": "#1f242d", "#f5f6f8": "#161a20", "#fafbfc": "#232933", "#fbfcfd": "#1b2028",
    "#f0f2f6": "#2a303b", "#f4f6f9": "#2a303b", "#eceff4": "#303745", "#eef1f5": "#2a303b",
    "#e3e7ee": "#343b48", "#d5dae2": "#3c4453", "#c3cad5": "#4a5263", "#b9c1cd": "#566074",
    "#cfd5de": "#4a5262", "#eaeeff": "#2b3566", "#eef2ff": "#232b4a", "#d4dcff": "#34407a",
    "#eef1ff": "#263057", "#dbe1ff": "#34407a", "#e0e6ff": "#2f3a6b", "#f7f8ff": "#222a45",
    "#c9d3ff": "#3b4790", "#fdeeee": "#3a2224", "#f3c9c7": "#6b3534", "#fff6e0": "#3a3020",
    "#f2dfa8": "#6b5a2a", "#f3faf6": "#1d2e26", "#dcefe4": "#2d4a3b",
    # text
    "#1d2430": "#e6e9ef", "#141a24": "#f2f4f7", "#303848": "#d5dae3", "#475067": "#c0c7d4",
    "#59627a": "#b4bccb", "#5d6678": "#a3abba", "#6b7385": "#a3abba", "#a4acb9": "#6b7383",
    "#2c44d8": "#aab6ff", "#b3302c": "#ff8a85", "#8a5f00": "#f0b429", "#a8480d": "#ffa366",
    "#9b2c2c": "#ff7b7b", "#8a5200": "#ffc266", "#1f7a4a": "#5fd394", "#3347d6": "#9aaaff",
    # fills behind white text keep their strength; a few get a touch lighter
    "#3d5afe": "#3d5afe", "#3450ea": "#4d68ff", "#aab6fb": "#3a4680", "#c0392b": "#c0392b",
    "#eba8a6": "#6b3b3a", "#d9b4b3": "#6b4a4a", "#23804f": "#23804f",
}
DARK_SURFACES = ("#1f242d", "#161a20")
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
POINTS = re.compile(r"(\d+(?:\.\d+)?)pt\b")


def style_sheet() -> str:
    """The QSS text, or "" if the file is missing (the app still works, only plainer)."""
    try:
        ui = files("mockloop.resources").joinpath("ui")
        qss = ui.joinpath("style.qss").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return ""
    # Images next to the sheet (url(ui/...)) by their whole path, wherever the app runs from.
    folder = Path(str(ui)).as_posix()
    return qss.replace("url(ui/", f"url({folder}/")


def themed_sheet(qss: str, *, dark: bool = False, scale: float = 1.0) -> str:
    """The sheet in the dark colours and/or with every point size scaled."""
    if dark:
        qss = HEX.sub(lambda m: DARK.get(m.group(0).lower(), m.group(0)), qss)
    if scale != 1.0:
        qss = POINTS.sub(lambda m: f"{float(m.group(1)) * scale:.2f}pt", qss)
    return qss


def system_prefers_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    try:
        return app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    except AttributeError:  # Qt before 6.5
        return False


class Theme:
    """What is applied now; `apply_theme` keeps it for the window (text scale keys)."""

    dark = False
    scale = 1.0


def apply_theme(app: QApplication, *, dark: bool | None = None, scale: float | None = None) -> None:
    """Fusion, the preferred font, the sheet. `dark=None` follows the system."""
    app.setStyle("Fusion")  # the same look on every platform; QSS builds on top of it
    Theme.dark = system_prefers_dark() if dark is None else dark
    if scale is not None:
        Theme.scale = max(SCALES[0], min(SCALES[-1], float(scale)))
    palette.use_dark(Theme.dark)
    families = set(QFontDatabase.families())
    font = QFont(app.font())
    for name in PREFERRED_FONTS:
        if name in families:
            font = QFont(name)
            break
    font.setPointSizeF(BASE_POINT_SIZE * Theme.scale)
    app.setFont(font)
    app.setStyleSheet(themed_sheet(style_sheet(), dark=Theme.dark, scale=Theme.scale))


def step_scale(current: float, steps: int) -> float:
    """The next text scale up (steps=1) or down (-1); 0 resets to 100%."""
    if steps == 0:
        return 1.0
    nearest = min(range(len(SCALES)), key=lambda i: abs(SCALES[i] - current))
    return SCALES[max(0, min(len(SCALES) - 1, nearest + steps))]
