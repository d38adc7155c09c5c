"""Signal levels in dBFS and the microphone check (silent or clipping input)."""

from __future__ import annotations

import math

import numpy as np

FLOOR_DBFS = -120.0
SILENT_PEAK_DBFS = -50.0
CLIP_LEVEL = 0.99
# Speech peaks touch full scale now and then; a steady share of clipped samples is the problem.
CLIP_SHARE = 0.001


def to_dbfs(value: float) -> float:
    return FLOOR_DBFS if value <= 1e-6 else max(FLOOR_DBFS, 20.0 * math.log10(value))


def levels(samples: np.ndarray) -> tuple[float, float]:
    """(rms_dbfs, peak_dbfs) of float samples in [-1, 1]."""
    x = np.asarray(samples, dtype=np.float32).reshape(-1)
    if x.size == 0:
        return FLOOR_DBFS, FLOOR_DBFS
    rms = float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))
    return to_dbfs(rms), to_dbfs(float(np.max(np.abs(x))))


def check_input(samples: np.ndarray) -> str | None:
    """A warning for the user when the microphone sounds silent or clips, else None."""
    x = np.asarray(samples, dtype=np.float32).reshape(-1)
    _rms, peak = levels(x)
    if peak < SILENT_PEAK_DBFS:
        return (
            "The microphone seems silent: check that it is not muted and that the right "
            "input is selected."
        )
    if np.count_nonzero(np.abs(x) >= CLIP_LEVEL) > max(2, CLIP_SHARE * x.size):
        return "The microphone is too loud and clips: lower its input gain or move back a little."
    return None
