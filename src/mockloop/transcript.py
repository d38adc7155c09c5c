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

    @classmethod
    def from_dict(cls, data: dict, *, duration_s: float | None = None) -> Transcript:
        """A transcript back from its `to_dict()` form (a saved report's "transcript").

        Words keep their times; the transcript is timed when every word has a start.
        Segments are not saved, so none come back (nothing downstream needs them).
        """
        words = tuple(
            Word(str(w.get("word", "")), _seconds(w.get("start")), _seconds(w.get("end")))
            for w in data.get("words") or [] if isinstance(w, dict)
        )
        text = str(data.get("text") or "")
        timed = bool(words) and all(w.start is not None for w in words)
        return cls(
            text=text, words=words, segments=(), duration_s=duration_s,
            no_speech=not words and not text.strip(), timed=timed,
        )

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "words": [{"word": w.word, "start": w.start, "end": w.end} for w in self.words],
        }


def _seconds(value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
