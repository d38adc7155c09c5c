"""A history made by the real analysis of real answers (tests/devset/dev.jsonl, typed), saved
at chosen dates; each answer is analysed once per test session. The helpers live in
tests/support/history.py (the GUI tests of the Progress page use them too)."""

from __future__ import annotations

import pytest
from support.history import DAY0, DEV, Answer, analysed, at, pick, seed

__all__ = ["DAY0", "DEV", "ROUNDS", "Answer", "answers", "at", "pick", "seed"]

ROUNDS = ("system-design", "story-90")


@pytest.fixture(scope="session")
def answers() -> dict[str, list[Answer]]:
    """Every swe system-design and story-90 dev answer, analysed as typed text."""
    return analysed("swe", ROUNDS)
