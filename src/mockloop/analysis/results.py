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

    def to_dict(self) -> dict:
        return {"id": self.id, "hit": self.hit, "evidence": self.evidence, "start": self.start,
                "why": self.why}


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
class CheckpointResult:
    label: str
    at_s: float
    signal_ids: tuple[str, ...]
    first_hit_s: float | None  # when the earliest of those signals first appeared
    on_time: bool | None  # None without timings or when none of them came


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
            "checkpoints": [
                {"label": c.label, "at_s": c.at_s, "signals": list(c.signal_ids),
                 "first_hit_s": c.first_hit_s, "on_time": c.on_time}
                for c in self.checkpoints
            ],
        }


@dataclass(frozen=True)
class Analysis:
    signals: tuple[SignalResult, ...]
    lens: LensShare
    delivery: Delivery
