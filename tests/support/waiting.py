"""Waiting in tests for something the app does on another thread."""

from __future__ import annotations

import time


def wait_for(condition, timeout: float = 15.0) -> None:
    """Poll `condition` until it is true; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.02)
