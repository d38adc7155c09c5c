"""Filled pauses the recogniser did not write: a steady voiced hum between words.

A person's "um"/"uh" is a hummed vowel held for 0.3-0.8 s at a slowly falling pitch, with a
spectrum that hardly changes; the vowels of words change every 100 ms or so. Whisper often
writes such a hum as a short word ("I'm", "on", "eh", a vocabulary term) or not at all.

`find_hums()` finds runs of voiced, spectrally steady 20 ms frames lasting at least
`MIN_HUM_S`; `unheard()` keeps those where the transcript has no hesitation word, so the app
can say "at least N fillers" (Transcript.extra["fillers"]). The text itself is never changed.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from mockloop.asr.audio_input import SAMPLE_RATE

FRAME = SAMPLE_RATE // 50          # 20 ms
MIN_HUM_S = 0.3                    # shorter steady stretches are ordinary long vowels
MAX_HUM_S = 1.5
MIN_VOICING = 0.6                  # normalised autocorrelation at the pitch period
PITCH_HZ = (70.0, 300.0)
MAX_FLUX = 0.35                    # mean change of the log band energies between frames (x10 dB)
# Spelling variants of a hesitation (the analysis counts um/uh/er/erm/hmm; a hum heard as "eh"
# or "ah" standing alone is one too).
HESITATIONS = {"um", "umm", "ummm", "uhm", "uh", "uhh", "uhhh", "er", "err", "erm", "hmm", "hm",
               "hmmm", "mm", "mmm", "eh", "ah"}
_BANDS = np.array([0, 150, 300, 500, 750, 1000, 1400, 1900, 2500, 3300, 4300, 8000])


def _frames(audio: np.ndarray) -> np.ndarray:
    n = audio.size // FRAME
    return audio[: n * FRAME].reshape(n, FRAME).astype(np.float64)


def _voicing(frames: np.ndarray) -> np.ndarray:
    """Per frame: the highest normalised autocorrelation at a pitch lag (two frames wide)."""
    lo, hi = int(SAMPLE_RATE / PITCH_HZ[1]), int(SAMPLE_RATE / PITCH_HZ[0])
    wide = np.concatenate([frames, np.roll(frames, -1, axis=0)], axis=1)  # 40 ms windows
    wide = wide - wide.mean(axis=1, keepdims=True)
    n = wide.shape[1]
    spec = np.fft.rfft(wide, n=2 * n, axis=1)
    freqs = np.fft.rfftfreq(2 * n, 1 / SAMPLE_RATE)
    spec[:, (freqs < 60) | (freqs > 900)] = 0  # the fundamental and first harmonics only
    ac = np.fft.irfft(np.abs(spec) ** 2, axis=1)[:, : hi + 1]
    lags = np.arange(lo, hi + 1)
    unbiased = ac[:, lo:hi + 1] * (n / (n - lags))  # fewer samples overlap at longer lags
    return unbiased.max(axis=1) / np.maximum(ac[:, 0], 1e-12)


def _band_energies(frames: np.ndarray) -> np.ndarray:
    window = np.hanning(FRAME)
    power = np.abs(np.fft.rfft(frames * window, axis=1)) ** 2
    freqs = np.fft.rfftfreq(FRAME, 1 / SAMPLE_RATE)
    idx = np.digitize(freqs, _BANDS) - 1
    bands = np.stack([power[:, idx == b].sum(axis=1) for b in range(len(_BANDS) - 1)], axis=1)
    return np.log10(bands + 1e-10)


def find_hums(audio: np.ndarray, *, offset_s: float = 0.0) -> list[tuple[float, float]]:
    """(start, end) seconds of steady voiced stretches of MIN_HUM_S..MAX_HUM_S in `audio`."""
    frames = _frames(np.asarray(audio, dtype=np.float32))
    if frames.shape[0] < 3:
        return []
    energy = (frames**2).mean(axis=1)
    loud = energy > max(energy.max() * 10 ** (-3.5), 1e-7)  # within 35 dB of the loudest
    voiced = _voicing(frames) > MIN_VOICING
    bands = _band_energies(frames)
    flux = np.abs(np.diff(bands, axis=0)).mean(axis=1)
    steady = np.concatenate([[False], flux < MAX_FLUX])
    ok = loud & voiced & steady
    runs, start = [], None
    for i, flag in enumerate([*ok.tolist(), False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            length = (i - start) * FRAME / SAMPLE_RATE
            if MIN_HUM_S <= length <= MAX_HUM_S:
                runs.append((round(offset_s + start * FRAME / SAMPLE_RATE, 3),
                             round(offset_s + i * FRAME / SAMPLE_RATE, 3)))
            start = None
    return runs


def is_hesitation(word: str) -> bool:
    return word.strip(" .,!?;:-\u2014").lower() in HESITATIONS


def unheard(hums: Iterable[tuple[float, float]], words: Iterable) -> list[tuple[float, float]]:
    """The hums that no hesitation word of the transcript overlaps."""
    heard = [(w.start, w.end) for w in words
             if is_hesitation(w.word) and w.start is not None and w.end is not None]
    return [(s, e) for s, e in hums
            if not any(ws < e + 0.1 and we > s - 0.1 for ws, we in heard)]


def filler_counts(words: Iterable, hums: Iterable[tuple[float, float]]) -> dict:
    """The "fillers" entry of Transcript.extra: hesitations written, hums not written, and the
    lower bound the report can give ("at least N")."""
    words = list(words)
    heard = sum(is_hesitation(w.word) for w in words)
    missed = unheard(hums, words)
    return {"heard": heard, "unheard_hums": len(missed), "at_least": heard + len(missed),
            "unheard_at_s": [s for s, _ in missed]}
