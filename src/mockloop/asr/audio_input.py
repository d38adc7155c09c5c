"""Turning what callers hand the recogniser (a file or samples) into 16 kHz mono float32."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mockloop.errors import AudioError

SAMPLE_RATE = 16000  # what Whisper expects


def load_file(path: str | Path) -> np.ndarray:
    """Decode any common audio file to 16 kHz mono float32 (AudioError if unreadable)."""
    try:  # the audio package owns file reading once it exists
        from mockloop.audio import load_audio
    except ImportError:
        pass
    else:
        return as_samples(load_audio(path))
    path = Path(path)
    if not path.is_file():
        raise AudioError(f"The audio file {path} does not exist.")
    from faster_whisper import decode_audio

    try:
        samples = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many kinds; the user only needs to know it failed
        raise AudioError(f"The file {path.name} could not be read as audio.") from exc
    if samples.size == 0:
        raise AudioError(f"The file {path.name} holds no audio.")
    return samples


def as_samples(audio: np.ndarray) -> np.ndarray:
    """16 kHz samples as float32 mono: (frames, channels) arrays, as soundfile and sounddevice
    give them, are averaged over channels; integer samples are scaled to [-1, 1]."""
    arr = np.asarray(audio)
    if np.issubdtype(arr.dtype, np.integer):
        arr = arr.astype(np.float32) / float(np.iinfo(arr.dtype).max)
    arr = arr.astype(np.float32, copy=False)
    if arr.ndim == 2:
        arr = arr.mean(axis=1)
    elif arr.ndim != 1:
        raise AudioError("The audio has an unexpected shape and cannot be transcribed.")
    return np.ascontiguousarray(arr, dtype=np.float32)
