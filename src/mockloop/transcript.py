"""The transcript of one answer: words with times on the round's clock.

Built by the speech recogniser (with timings) or from plain text (no timings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Word:
    word: str
    start: float | None = None  # seconds from the start of the recording
    end: float | None = None
    probability: float | None = None


@dataclass(frozen=True)
class Segment:
    """One recogniser segment (roughly a phrase or sentence)."""

    text: str
    start: float | None
    end: float | None
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class Transcript:
    text: str
    words: tuple[Word, ...] = ()
    segments: tuple[Segment, ...] = ()
    duration_s: float | None = None  # length of the audio, when there was audio
    no_speech: bool = False
    timed: bool = False  # True when words carry start/end times
    language: str = "en"
    extra: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_text(cls, text: str) -> Transcript:
        """A transcript from typed text: words without times."""
        clean = text.replace("\r\n", "\n").strip()
        words = tuple(Word(w) for w in re.findall(r"\S+", clean))
        return cls(
            text=clean, words=words, segments=(), duration_s=None, no_speech=not words, timed=False
        )

    @classmethod
    def from_segments(cls, segments: list[Segment], duration_s: float | None) -> Transcript:
        words = tuple(w for s in segments for w in s.words)
        text = " ".join(s.text.strip() for s in segments if s.text.strip())
        return cls(
            text=text,
            words=words,
            segments=tuple(segments),
            duration_s=duration_s,
            no_speech=not text.strip(),
            timed=True,
        )

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "words": [{"word": w.word, "start": w.start, "end": w.end} for w in self.words],
        }
