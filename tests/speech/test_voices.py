"""The test-speech kit (tests/support/voices.py): voices, conditions, filled pauses. No model."""

from __future__ import annotations

import numpy as np
import pytest
from support import voices

TEXT = "We put a cache in front of the database and invalidate it on every write."


@pytest.mark.parametrize("voice", voices.VOICES)
def test_every_voice_speaks_16k_mono(voice, tmp_path):
    if not voices.have_voice(voice):
        pytest.skip(voices.missing_reason(voice))
    audio = voices.read(voices.speak(TEXT, tmp_path / "a.wav", voice=voice))
    assert 2.5 < audio.size / voices.SAMPLE_RATE < 8
    assert 0.05 < np.abs(audio).max() <= 1.0


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    if not voices.have_voice("espeak"):
        pytest.skip(voices.missing_reason("espeak"))
    path = tmp_path_factory.mktemp("v") / "clean.wav"
    return voices.speak(TEXT, path, voice="espeak")


def _band_share(audio: np.ndarray, lo: float, hi: float) -> float:
    power = np.abs(np.fft.rfft(audio)) ** 2
    f = np.fft.rfftfreq(audio.size, 1 / voices.SAMPLE_RATE)
    return float(power[(f >= lo) & (f < hi)].sum() / power.sum())


def test_conditions_do_what_they_say(clean, tmp_path):
    base = voices.read(clean)
    out = {c: voices.read(voices.apply_condition(clean, tmp_path / f"{c}.wav", c))
           for c in voices.CONDITIONS}
    assert np.array_equal(out["clean"], base) or np.abs(out["clean"] - base).max() < 1e-3
    assert out["fast"].size == pytest.approx(base.size / voices.FAST_TEMPO, rel=0.05)
    assert _band_share(out["phone"], 3800, 8000) < 1e-3 < _band_share(base, 3800, 8000)
    assert _band_share(out["phone"], 0, 200) < 0.02
    noise = out["noise"][: base.size] - base
    snr = 20 * np.log10(voices.speech_level(base) / np.sqrt(np.mean(noise**2)))
    assert snr == pytest.approx(voices.NOISE_SNR_DB, abs=0.5)
    # reverb: the tail of each word rings on into the pauses
    assert out["reverb"].size >= base.size
    assert np.abs(out["reverb"]).max() <= 1.0


def test_noise_is_repeatable_and_seeded(clean, tmp_path):
    a = voices.read(voices.apply_condition(clean, tmp_path / "a.wav", "noise", seed=1))
    b = voices.read(voices.apply_condition(clean, tmp_path / "b.wav", "noise", seed=1))
    c = voices.read(voices.apply_condition(clean, tmp_path / "c.wav", "noise", seed=2))
    assert np.array_equal(a, b) and not np.array_equal(a, c)


@pytest.mark.parametrize("kind", ["uh", "um", "mm"])
def test_a_filled_pause_is_a_steady_hum_with_falling_pitch(kind):
    hum = voices.filled_pause(0.6, kind)
    assert hum.size == int(0.6 * voices.SAMPLE_RATE)
    assert _band_share(hum, 60, 1500) > 0.8  # a low voiced sound, no hiss

    def pitch(x):
        spec = np.fft.rfft(x)
        spec[np.fft.rfftfreq(x.size, 1 / voices.SAMPLE_RATE) > 300] = 0  # the fundamental
        x = np.fft.irfft(spec, x.size)
        ac = np.correlate(x, x, "full")[x.size - 1:]
        lo, hi = voices.SAMPLE_RATE // 300, voices.SAMPLE_RATE // 70
        return voices.SAMPLE_RATE / (lo + int(np.argmax(ac[lo:hi])))

    n = hum.size // 4
    assert pitch(hum[:n]) > pitch(hum[-n:])


def test_wer_normalises_case_punctuation_and_numbers():
    assert voices.wer("We had 25 users, Mostly.", "we had twenty five users mostly") == 0
    assert voices.wer("a b c d", "a x c") == 0.5


def test_speech_fixture_is_backed_by_the_kit(speak):
    path = speak("Hello there.", "hi.wav", rate=8000)
    import soundfile as sf

    assert sf.info(str(path)).samplerate == 8000
