"""Timed transcripts for the correction tests, as the recogniser makes them."""

from __future__ import annotations

from mockloop.transcript import Segment, Transcript, Word

CASH = "We keep a catch of prices with a ttl of five minutes so stale prices are fine."


def timed(text: str, *, step: float = 0.5, length: float = 0.4, lead: float = 1.0,
          duration_s: float | None = None) -> Transcript:
    """`text` as a recognised transcript: word k spoken from lead + k*step for `length` s,
    each word with the recogniser's leading space."""
    words = tuple(Word(" " + w, round(lead + k * step, 3), round(lead + k * step + length, 3),
                       0.9) for k, w in enumerate(text.split()))
    end = words[-1].end if words else 0.0
    segment = Segment(text, words[0].start if words else None, end, words)
    return Transcript.from_segments([segment], duration_s if duration_s is not None
                                    else end + 2.0)
