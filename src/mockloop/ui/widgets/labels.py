"""The one way the cards make a label: text, a style-sheet name, wrapped by default."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def label(text: str = "", name: str = "", *, wrap: bool = True) -> QLabel:
    """A QLabel with `text`, styled by object name `name` (style.qss), word-wrapped."""
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget
