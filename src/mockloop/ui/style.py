"""The light theme: the style sheet shipped under resources/ui/, plus the base font."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

PREFERRED_FONTS = ("Inter", "Noto Sans", "Segoe UI", "Cantarell", "DejaVu Sans")


def style_sheet() -> str:
    """The QSS text, or "" if the file is missing (the app still works, only plainer)."""
    try:
        return files("mockloop.resources").joinpath("ui", "style.qss").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return ""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")  # the same look on every platform; QSS builds on top of it
    families = set(QFontDatabase.families())
    for name in PREFERRED_FONTS:
        if name in families:
            font = QFont(name)
            font.setPointSizeF(10.0)
            app.setFont(font)
            break
    app.setStyleSheet(style_sheet())
