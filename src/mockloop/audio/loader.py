"""Loading any common audio file as 16 kHz mono float32, with one plain error per failure."""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

from mockloop.audio.riff import RiffError, read_wav_layout
from mockloop.errors import AudioError

SAMPLE_RATE = 16000
MAX_DURATION_S = 3 * 3600.0


def _check_file(path: Path) -> None:
    """Raise AudioError for a file that is missing, not a file, empty, or a cut-off WAV."""
    if not path.exists():
        raise AudioError(f"The audio file {path} does not exist.")
    if path.is_dir():
        raise AudioError(f"{path} is a folder, not an audio file.")
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            layout = read_wav_layout(f) if size else None
    except RiffError as exc:
        raise AudioError(f"The audio file {path.name} is damaged: {exc}.") from exc
    except OSError as exc:
        raise AudioError(f"The audio file {path} cannot be read: {exc.strerror or exc}.") from exc
    if size == 0:
        raise AudioError(f"The audio file {path.name} is empty.")
    if layout is not None and layout.missing_bytes >= max(1, layout.block_align):
        # PyAV would quietly decode what is there; a cut-off file is worth telling the user.
        promised = layout.seconds(layout.declared_data_bytes)
        present = layout.seconds(layout.available_data_bytes)
        raise AudioError(
            f"The audio file {path.name} is cut off: its header promises {promised:.1f} s "
            f"of audio but only {present:.1f} s is there."
        )


def _clock(seconds: float) -> str:
    """h:mm:ss, rounded up: a file just over the limit never reads as exactly the limit."""
    total = math.ceil(seconds)
    return f"{total // 3600}:{total // 60 % 60:02d}:{total % 60:02d}"


def _too_long(path: Path, seconds: float) -> AudioError:
    return AudioError(
        f"The audio file {path.name} lasts {_clock(seconds)} (h:mm:ss); "
        f"the limit is {MAX_DURATION_S / 3600:.0f} hours."
    )


def _open(path: Path):
    import av

    try:
        container = av.open(str(path), metadata_errors="ignore")
    except (av.error.FFmpegError, UnicodeDecodeError) as exc:
        raise AudioError(f"{path.name} is not an audio file this app can read.") from exc
    if not container.streams.audio:
        container.close()
        raise AudioError(f"{path.name} has no sound in it (no audio stream).")
    return container


def _declared_seconds(container) -> float | None:
    stream = container.streams.audio[0]
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000
    return None


def audio_duration(path: str | os.PathLike[str]) -> float:
    """Seconds of audio in the file, from its header when possible (decodes otherwise)."""
    path = Path(path)
    _check_file(path)
    with _open(path) as container:
        seconds = _declared_seconds(container)
    if seconds is None:
        seconds = len(load_audio(path)) / SAMPLE_RATE
    return seconds


def load_audio(path: str | os.PathLike[str]) -> np.ndarray:
    """The whole file as float32 mono samples at 16 kHz; AudioError naming the file if not."""
    import av

    path = Path(path)
    _check_file(path)
    with _open(path) as container:
        declared = _declared_seconds(container)
        if declared is not None and declared > MAX_DURATION_S:
            raise _too_long(path, declared)
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        limit = int((MAX_DURATION_S + 1) * SAMPLE_RATE)
        chunks: list[np.ndarray] = []
        total = 0
        try:
            for packet in container.demux(stream):
                try:
                    frames = packet.decode()
                except av.error.InvalidDataError:
                    continue  # a damaged packet costs a few ms of audio, not the whole file
                for frame in frames:
                    for out in resampler.resample(frame):
                        chunk = out.to_ndarray().reshape(-1)
                        chunks.append(chunk)
                        total += len(chunk)
                if total > limit:
                    raise _too_long(path, total / SAMPLE_RATE)
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
        except av.error.FFmpegError as exc:
            raise AudioError(f"The audio file {path.name} could not be decoded: {exc}.") from exc
    audio = (
        np.concatenate(chunks).astype(np.float32, copy=False) if chunks else np.zeros(0, np.float32)
    )
    if audio.size == 0:
        raise AudioError(f"The audio file {path.name} contains no audio.")
    return audio
