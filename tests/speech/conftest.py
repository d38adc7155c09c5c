"""One loaded speech model for the tests of speech as people sound."""

from __future__ import annotations

import pytest

from mockloop.asr import SpeechModel


@pytest.fixture(scope="session")
def model() -> SpeechModel:
    m = SpeechModel(cpu_threads=2).load()
    m.warm_up()
    return m
