"""Finding the speech inside one piece (Silero VAD, padded) and grouping it into spans to decode."""

from __future__ import annotations

import numpy as np

from mockloop.asr.audio_input import SAMPLE_RATE
from mockloop.asr.settings import DecodeSettings

Span = tuple[int, int]  # [start, end) in samples


def speech_regions(samples: np.ndarray, settings: DecodeSettings) -> list[Span]:
    """Where someone speaks, in samples; empty for silence and for steady noise."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    if samples.size < SAMPLE_RATE // 10:
        return []
    options = VadOptions(threshold=settings.vad_threshold,
                         min_silence_duration_ms=settings.vad_min_silence_ms,
                         speech_pad_ms=settings.vad_speech_pad_ms,
                         max_speech_duration_s=settings.max_piece_s)
    found = get_speech_timestamps(samples, options, sampling_rate=SAMPLE_RATE)
    return [(int(r["start"]), min(int(r["end"]), samples.size)) for r in found]


def group_regions(regions: list[Span], settings: DecodeSettings) -> list[Span]:
    """Merge neighbouring speech regions into spans to decode, none longer than `max_piece_s`.

    A pause longer than `split_gap_s` always starts a new span, so no decode carries a long
    stretch of silence for the decoder to fill with invented words.
    """
    max_len = int(settings.max_piece_s * SAMPLE_RATE)
    max_gap = int(settings.split_gap_s * SAMPLE_RATE)
    spans: list[Span] = []
    for start, end in regions:
        if spans:
            s_start, s_end = spans[-1]
            if start - s_end <= max_gap and end - s_start <= max_len:
                spans[-1] = (s_start, max(s_end, end))
                continue
        spans.append((start, end))
    return spans
