"""The microphone check warns about a silent or clipping input, and stays quiet otherwise."""

from __future__ import annotations

import numpy as np

from mockloop.audio import check_input, levels, load_audio


def test_speech_at_a_normal_level_passes(speak):
    assert check_input(load_audio(speak("Testing my microphone, one two three."))) is None


def test_muted_or_nearly_silent_input_is_flagged():
    hiss = np.random.default_rng(0).normal(0, 10 ** (-70 / 20), 16000).astype(np.float32)
    for samples in (np.zeros(16000, np.float32), hiss):
        warning = check_input(samples)
        assert warning is not None and "silent" in warning


def test_clipping_input_is_flagged(speak):
    speech = load_audio(speak("Testing my microphone, one two three."))
    overdriven = np.clip(speech * 8, -1, 1)
    warning = check_input(overdriven)
    assert warning is not None and "clips" in warning


def test_levels_in_dbfs():
    t = np.arange(16000) / 16000
    rms, peak = levels(0.5 * np.sin(2 * np.pi * 440 * t))
    assert round(rms, 1) == -9.0 and round(peak, 1) == -6.0
    assert levels(np.zeros(10)) == (-120.0, -120.0)
