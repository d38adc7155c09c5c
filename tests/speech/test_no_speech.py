"""With the VAD threshold at 0.3 (for phone-band and noisy speech), noise still gives no words."""

from __future__ import annotations

import numpy as np
import pytest

from mockloop.asr import DecodeSettings

pytestmark = pytest.mark.slow
SR = 16000


def _signal(kind: str, level: float, seconds: float = 6.0) -> np.ndarray:
    from support.voices import pink_noise

    n = int(seconds * SR)
    t = np.arange(n) / SR
    rng = np.random.default_rng(3)
    if kind == "white":
        return (level * rng.standard_normal(n)).astype(np.float32)
    if kind == "pink":
        return (level * pink_noise(n, seed=3)).astype(np.float32)
    if kind == "hum50":  # mains hum with its harmonics
        return (level * (np.sin(2 * np.pi * 50 * t) + 0.5 * np.sin(2 * np.pi * 100 * t)
                         + 0.25 * np.sin(2 * np.pi * 150 * t))).astype(np.float32)
    return np.zeros(n, np.float32)


def test_the_threshold_is_the_tuned_one():
    assert DecodeSettings().vad_threshold == 0.3


@pytest.mark.parametrize("kind,level", [("silence", 0.0), ("white", 0.01), ("white", 0.1),
                                        ("pink", 0.02), ("pink", 0.2), ("hum50", 0.05),
                                        ("hum50", 0.3)])
def test_noise_gives_no_words(model, kind, level):
    tr = model.transcribe(_signal(kind, level))
    assert tr.no_speech and tr.text == "", tr.text
