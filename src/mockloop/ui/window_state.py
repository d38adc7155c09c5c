"""Window size and state, kept in Settings.window as plain JSON (base64 of Qt's blobs)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow


def save_state(window: QMainWindow, page: int) -> dict:
    return {
        "geometry": bytes(window.saveGeometry().toBase64()).decode("ascii"),
        "state": bytes(window.saveState().toBase64()).decode("ascii"),
        "page": page,
        "size": [window.width(), window.height()],
    }


def restore_state(window: QMainWindow, saved: dict) -> int:
    """Restore what `save_state` kept; returns the page to show. Bad data is ignored."""
    restored = False
    try:
        geometry = saved.get("geometry")
        if geometry:
            restored = window.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        state = saved.get("state")
        if state:
            window.restoreState(QByteArray.fromBase64(state.encode("ascii")))
        size = saved.get("size")
        if not restored and isinstance(size, list) and len(size) == 2:
            window.resize(int(size[0]), int(size[1]))
            restored = True
    except (AttributeError, TypeError, ValueError):
        restored = False
    if not restored:
        window.resize(1180, 800)
    page = saved.get("page", 0) if isinstance(saved, dict) else 0
    return page if page in (0, 1, 2) else 0
