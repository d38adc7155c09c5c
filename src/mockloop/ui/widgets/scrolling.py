"""A page whose body scrolls when the window is too short for it (never sideways)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QBoxLayout, QFrame, QScrollArea, QVBoxLayout, QWidget

NARROW_PX = 900  # a page narrower than this stacks its side-by-side columns


def fill_with_scrolling(page: QWidget, body: QWidget) -> QScrollArea:
    """Make `body` the whole of `page`, inside a frameless scroll area; returns the area.

    The body always takes the viewport's width: narrow windows reflow (labels wrap, columns
    stack) instead of scrolling sideways."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return scroll


def refit(widget: QWidget) -> None:
    """Lay a page out again for its current width (after the text size changed, which does
    not resize it): the same as a resize to the size it has."""
    QApplication.sendEvent(widget, QResizeEvent(widget.size(), widget.size()))


def reflow(layout: QBoxLayout, width: int, narrow_px: int = NARROW_PX) -> None:
    """Side by side when there is room, one above the other when narrow. `narrow_px` is for
    text at its normal size: larger text (Ctrl+plus) needs that much more room."""
    from mockloop.ui.style import Theme  # (style imports nothing of the widgets)

    direction = (QBoxLayout.Direction.TopToBottom if width < narrow_px * max(1.0, Theme.scale)
                 else QBoxLayout.Direction.LeftToRight)
    if layout.direction() != direction:
        layout.setDirection(direction)
