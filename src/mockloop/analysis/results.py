"""Values produced by analysing one answer. Plain, frozen, JSON-ready."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SignalResult:
    id: str
    hit: bool
    evidence: str | None = None  # the sentence that does it (None for a miss)
    start: float | None = None  # seconds into the answer (None without timings)
    why: str | None = None  # which phrase family matched, for explainability
    # A miss whose answer named the signal without doing it: that sentence, when it began and
    # the naming word it used ("You said leakage but not how you would keep it out").
    named_evidence: str | None = None
    named_start: float | None = None
    named_word: str | None = None

    def to_dict(self) -> dict:
        named = None
        if self.named_evidence is not None:
            named = {"evidence": self.named_evidence, "start": self.named_start,
                     "word": self.named_word}
        return {"id": self.id, "hit": self.hit, "evidence": self.evidence, "start": self.start,
                "why": self.why, "named": named}


@dataclass(frozen=True)
class LensShare:
    product: float = 0.0
    model: float = 0.0
    system: float = 0.0
    dominant: str | None = None  # None when nothing lens-related was said
    expected: str | None = None  # what the round expects from this role
    off_center: bool = False

    def to_dict(self) -> dict:
        return {"product": self.product, "model": self.model, "system": self.system}


@dataclass(frozen=True)
class Pause:
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class CheckpointSignal:
    """One signal a checkpoint checks: its result and when its quoted evidence began."""
    id: str
    name: str
    hit: bool
    start: float | None  # start of the evidence the checklist quotes
    verdict: str | None  # "early" | "on_time" | "late" | "missed"; None: hit, no timings

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "hit": self.hit, "start": self.start,
                "verdict": self.verdict}


@dataclass(frozen=True)
class CheckpointResult:
    label: str  # the names of the signals it checks
    at_s: float
    signal_ids: tuple[str, ...]
    first_hit_s: float | None  # when the earliest quoted evidence of those signals began
    on_time: bool | None  # None without timings or when none of them came
    # "by": due by at_s. "end": belongs to the final stretch, from `from_s` to `until_s`.
    window: str = "by"
    from_s: float | None = None  # start of the final stretch as this answer ran (end windows)
    until_s: float | None = None  # end of the stretch: the round's length
    # "on_time" | "early" (end windows only) | "late" | "missed" (none of the signals hit);
    # None when something was heard but there are no timings.
    verdict: str | None = None
    signals: tuple[CheckpointSignal, ...] = ()

    def to_dict(self) -> dict:
        return {"label": self.label, "at_s": self.at_s, "signals": list(self.signal_ids),
                "first_hit_s": self.first_hit_s, "on_time": self.on_time,
                "window": self.window, "from_s": self.from_s, "until_s": self.until_s,
                "verdict": self.verdict, "missed": [s.id for s in self.signals if not s.hit],
                "results": [s.to_dict() for s in self.signals]}


@dataclass(frozen=True)
class Delivery:
    duration_s: float | None  # None for typed text
    target_s: float
    time_status: str | None  # "under" | "on_time" | "over" | None
    overtime_s: float
    words: int
    wpm: float | None  # words per minute over the whole answer (pauses included)
    wpm_speaking: float | None  # pauses of 1 s or more excluded
    fillers_total: int
    fillers_per_minute: float | None
    fillers_by_word: dict[str, int] = field(default_factory=dict)
    hedges_total: int = 0
    hedges_by_phrase: dict[str, int] = field(default_factory=dict)
    long_pauses: tuple[Pause, ...] = ()
    i_count: int = 0
    we_count: int = 0
    i_share: float | None = None  # I / (I + we); None when neither was said
    checkpoints: tuple[CheckpointResult, ...] = ()

    def to_dict(self) -> dict:
        return {
            "duration_s": self.duration_s,
            "target_s": self.target_s,
            "time_status": self.time_status,
            "overtime_s": self.overtime_s,
            "words": self.words,
            "wpm": self.wpm,
            "wpm_speaking": self.wpm_speaking,
            "fillers": {
                "total": self.fillers_total,
                "per_minute": self.fillers_per_minute,
                "by_word": dict(self.fillers_by_word),
            },
            "hedges": {"total": self.hedges_total, "by_phrase": dict(self.hedges_by_phrase)},
            "long_pauses": [{"start": p.start, "end": p.end} for p in self.long_pauses],
            "i_we": {"i": self.i_count, "we": self.we_count, "i_share": self.i_share},
            "checkpoints": [c.to_dict() for c in self.checkpoints],
        }


@dataclass(frozen=True)
class Analysis:
    signals: tuple[SignalResult, ...]
    lens: LensShare
    delivery: Delivery
