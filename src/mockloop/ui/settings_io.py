"""Changing the user's settings from the window: replace the value on Services, then save it."""

from __future__ import annotations

import logging

from mockloop.errors import UserError
from mockloop.session import Services
from mockloop.settings import save_settings

log = logging.getLogger("mockloop.ui")


def update_settings(services: Services, **changes) -> str | None:
    """Apply and persist. A settings file that cannot be written is never fatal: the change
    still applies for this run, and the plain sentence saying so is returned (None if saved)
    for the window to show."""
    services.settings = services.settings.with_(**changes)
    try:
        save_settings(services.settings)
    except UserError as exc:
        log.warning(exc.message)
        return exc.message
    return None
