"""Where to cut a stream of audio into pieces that end in pauses.

The rule only looks at audio up to the cut it picks, so a recording cut while it grows (live)
and the same recording cut at once (a file) get the same pieces, and so the same transcript.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from mockloop.asr.audio_input import SAMPLE_RATE
from mockloop.asr.settings import DecodeSettings

Span = tuple[int, int]  # [start, end) in samples

MARGIN = int(0.15 * SAMPLE_RATE)     # cut this far into a pause (the VAD confirms >= 0.3 s)
KEEP_TAIL = int(0.5 * SAMPLE_RATE)   # silence needed after a cut made in a silent stretch
FRAME = SAMPLE_RATE // 50            # 20 ms frames for the forced-cut energy search


def raw_speech(audio: np.ndarray, settings: DecodeSettings) -> list[Span]:
    """Speech regions without padding: a region's end is where the speaker went quiet."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    if audio.size < 512:
        return []
    options = VadOptions(threshold=settings.vad_threshold,
                         min_silence_duration_ms=settings.vad_min_silence_ms, speech_pad_ms=0)
    return [(int(r["start"]), int(r["end"]))
            for r in get_speech_timestamps(audio, options, sampling_rate=SAMPLE_RATE)]


def find_cut(audio: np.ndarray, settings: DecodeSettings, *, final: bool = False) -> int | None:
    """Where to end the next piece of `audio` (the not yet transcribed stream); None = wait.

    The earliest pause at least `min_piece_s` in, so every piece has some context and no word
    is split. A silent stretch is cut at `min_piece_s`. With no pause before `max_piece_s`
    (whisper takes at most 30 s), the quietest 20 ms of the two seconds before it. With
    `final`, the stream has ended: the rest is one piece if it is short enough.
    """
    n = audio.size
    min_len = int(settings.min_piece_s * SAMPLE_RATE)
    max_len = int(settings.max_piece_s * SAMPLE_RATE)
    if n <= min_len:
        return n if final and n else None
    window = audio[:max_len]
    regions = raw_speech(window, settings)
    if n >= min_len + KEEP_TAIL and not any(s < min_len + KEEP_TAIL and e > min_len - MARGIN
                                            for s, e in regions):
        return min_len  # no one speaks around min_len: cut in the silence
    # A region ending before the window does was closed by a pause of >= vad_min_silence_ms.
    ends = [e + MARGIN for _, e in regions if e < window.size]
    good = [c for c in ends if min_len <= c <= max_len]
    if good:
        return min(good)
    if n <= max_len:
        return n if final else None
    return _quietest(audio, max_len - 2 * SAMPLE_RATE, max_len)


def split_stream(audio: np.ndarray, settings: DecodeSettings) -> Iterator[Span]:
    """The pieces a whole recording is cut into (the same cuts as live transcription)."""
    start = 0
    while start < audio.size:
        cut = find_cut(audio[start:], settings, final=True)
        assert cut is not None  # with final=True, audio that is left always gets a cut
        yield start, start + cut
        start += cut


def _quietest(audio: np.ndarray, lo: int, hi: int) -> int:
    """The start of the quietest 20 ms frame in [lo, hi)."""
    frames = audio[lo:hi][: (hi - lo) // FRAME * FRAME].reshape(-1, FRAME)
    return lo + int(np.argmin((frames**2).mean(axis=1))) * FRAME
