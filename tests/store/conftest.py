"""Fixtures for the history store tests: a store in the test's own home."""

from __future__ import annotations

import pytest

from mockloop.store import Store


@pytest.fixture
def store(mockloop_home):
    with Store() as opened:
        yield opened
