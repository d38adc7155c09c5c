"""Window size and state, kept in Settings.window as plain JSON (base64 of Qt's blobs)."""

from __future__ import annotations

import math

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow

DEFAULT_SIZE = (1180, 800)
SIZE_RANGE = (320, 16384)  # a saved size outside this is hand-edited nonsense: use the default


def save_state(window: QMainWindow, page: int) -> dict:
    return {
        "geometry": bytes(window.saveGeometry().toBase64()).decode("ascii"),
        "state": bytes(window.saveState().toBase64()).decode("ascii"),
        "page": page,
        "size": [window.width(), window.height()],
    }


def _size(value) -> tuple[int, int] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    lo, hi = SIZE_RANGE
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
               and lo <= v <= hi for v in value):
        return None
    return int(value[0]), int(value[1])


def restore_state(window: QMainWindow, saved: dict) -> int:
    """Restore what `save_state` kept; returns the page to show. Bad data is ignored."""
    if not isinstance(saved, dict):
        saved = {}
    restored = False
    try:
        geometry = saved.get("geometry")
        if isinstance(geometry, str) and geometry:
            restored = window.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        state = saved.get("state")
        if isinstance(state, str) and state:
            window.restoreState(QByteArray.fromBase64(state.encode("ascii")))
    except (AttributeError, TypeError, ValueError, OverflowError, UnicodeError):
        restored = False
    size = _size(saved.get("size"))
    if not restored and size is not None:
        window.resize(*size)
        restored = True
    if not restored:
        window.resize(*DEFAULT_SIZE)
    page = saved.get("page", 0)
    return page if type(page) is int and page in (0, 1, 2) else 0
