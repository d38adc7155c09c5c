"""Changing the user's settings from the window: replace the value on Services, then save it."""

from __future__ import annotations

import logging

from mockloop.session import Services
from mockloop.settings import save_settings

log = logging.getLogger("mockloop.ui")


def update_settings(services: Services, **changes) -> None:
    """Apply and persist; a settings file that cannot be written is logged, never fatal."""
    services.settings = services.settings.with_(**changes)
    try:
        save_settings(services.settings)
    except OSError:
        log.warning("could not save settings", exc_info=True)
