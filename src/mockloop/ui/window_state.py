"""Window size and state, kept in Settings.window as plain JSON (base64 of Qt's blobs).

The page shown is kept by its registry key ("page_key", see ui/pages.py). Files written
before the registry hold only an integer "page" (0 Practice, 1 Debrief, 2 History); that is
still read, and still written next to the key for the pages that had a number, so an older
mockloop reading a newer state.json opens on the same page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow

from mockloop.ui.pages import DEBRIEF, HISTORY, PAGES, PRACTICE, PageSpec

DEFAULT_SIZE = (1180, 800)
SIZE_RANGE = (320, 16384)  # a saved size outside this is hand-edited nonsense: use the default
# What an integer "page" meant when it was written (fixed: not the registry's order).
LEGACY_PAGE_KEYS = (PRACTICE, DEBRIEF, HISTORY)


def page_key(page: str | int, pages: Sequence[PageSpec] = PAGES) -> str:
    """The key of `page`, given as a key or as its position in `pages`."""
    if isinstance(page, str):
        if any(p.key == page for p in pages):
            return page
        raise KeyError(page)
    return pages[page].key


def save_state(window: QMainWindow, page: str | int,
               pages: Sequence[PageSpec] = PAGES) -> dict:
    key = page if isinstance(page, str) else pages[page].key
    state = {
        "geometry": bytes(window.saveGeometry().toBase64()).decode("ascii"),
        "state": bytes(window.saveState().toBase64()).decode("ascii"),
        "page_key": key,
        "size": [window.width(), window.height()],
    }
    if key in LEGACY_PAGE_KEYS:
        state["page"] = LEGACY_PAGE_KEYS.index(key)
    return state


def saved_page(saved: dict, pages: Sequence[PageSpec] = PAGES) -> str:
    """The key of the page `saved` names (by key, or by an old integer); else the first."""
    keys = [p.key for p in pages]
    key = saved.get("page_key") if isinstance(saved, dict) else None
    if isinstance(key, str) and key in keys:
        return key
    old = saved.get("page") if isinstance(saved, dict) else None
    if type(old) is int and 0 <= old < len(LEGACY_PAGE_KEYS) and \
            LEGACY_PAGE_KEYS[old] in keys:
        return LEGACY_PAGE_KEYS[old]
    return keys[0]


def _size(value) -> tuple[int, int] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    lo, hi = SIZE_RANGE
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
               and lo <= v <= hi for v in value):
        return None
    return int(value[0]), int(value[1])


def restore_state(window: QMainWindow, saved: dict,
                  pages: Sequence[PageSpec] = PAGES) -> str:
    """Restore what `save_state` kept; returns the key of the page to show. Bad data is
    ignored."""
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
    return saved_page(saved, pages)
