"""Changing the user's settings from the window: replace the value on Services, then save it.

Preferences (microphone, model, overtime) are written to settings.json at once. What the
window remembers (last role and round, size, page, text size) only changes in memory here;
it is written to state.json when the window changes page or closes (`save_window_state`), and
by a change of `window` itself (closing, a new text size).
"""

from __future__ import annotations

import logging

from mockloop.errors import UserError
from mockloop.session import Services
from mockloop.settings import STATE_FIELDS, check_writable, save_settings, save_state

log = logging.getLogger("mockloop.ui")


def update_settings(services: Services, **changes) -> str | None:
    """Apply and persist. A settings file that cannot be written is never fatal: the change
    still applies for this run, and the plain sentence saying so is returned (None if saved)
    for the window to show."""
    services.settings = services.settings.with_(**changes)
    try:
        if any(name not in STATE_FIELDS for name in changes):
            save_settings(services.settings)
        if "window" in changes:
            save_state(services.settings)
        elif not getattr(services, "_settings_checked", False):
            # Nothing is written for a new round choice, but whether the settings can be
            # saved at all is said at once, the first time (a folder in the way, a
            # read-only disk), not only when the window closes.
            services._settings_checked = True
            check_writable()
    except UserError as exc:
        log.warning(exc.message)
        return exc.message
    return None


def save_window_state(services: Services, window, page: int) -> str | None:
    """Remember the window (size, page, last role and round, text size) in state.json."""
    from mockloop.ui.style import Theme
    from mockloop.ui.window_state import save_state as window_state

    state = kept_window_state(services) | window_state(window, page)
    state["text_scale"] = Theme.scale
    return update_settings(services, window=state)


# The keys the window's layout writes afresh each time ("page" only for the first pages).
_WINDOW_KEYS = ("geometry", "state", "page_key", "size", "page", "text_scale")


def kept_window_state(services: Services) -> dict:
    """What else the window remembers in its state (which transcript marks are shown, ...):
    kept as it is when the layout is saved."""
    return {k: v for k, v in (services.settings.window or {}).items() if k not in _WINDOW_KEYS}
