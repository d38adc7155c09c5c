"""One loaded speech model for all asr tests (loading it per test would waste seconds)."""

from __future__ import annotations

import pytest

from mockloop.asr import SpeechModel


@pytest.fixture(scope="session")
def model() -> SpeechModel:
    m = SpeechModel(cpu_threads=2).load()
    m.warm_up()
    return m
