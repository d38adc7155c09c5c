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

    @classmethod
    def from_dict(cls, data: dict) -> SignalResult:
        """A result back from its `to_dict()` form (a report's signal entry; the coaching keys
        a report adds to an entry are not part of it)."""
        named = data.get("named") if isinstance(data.get("named"), dict) else None
        return cls(id=str(data.get("id", "")), hit=bool(data.get("hit")),
                   evidence=_text(data.get("evidence")), start=_number(data.get("start")),
                   why=_text(data.get("why")),
                   named_evidence=_text(named.get("evidence")) if named else None,
                   named_start=_number(named.get("start")) if named else None,
                   named_word=_text(named.get("word")) if named else None)


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

    @classmethod
    def from_dict(cls, shares: dict, *, dominant: str | None = None,
                  expected: str | None = None, off_center: bool = False) -> LensShare:
        """The shares from a report's "lens" object; the rest are the report's own keys
        ("dominant_lens", "expected_lens", "off_center")."""
        return cls(product=_number(shares.get("product")) or 0.0,
                   model=_number(shares.get("model")) or 0.0,
                   system=_number(shares.get("system")) or 0.0,
                   dominant=_text(dominant), expected=_text(expected),
                   off_center=bool(off_center))


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

    @classmethod
    def from_dict(cls, data: dict) -> CheckpointSignal:
        return cls(id=str(data.get("id", "")), name=str(data.get("name") or data.get("id", "")),
                   hit=bool(data.get("hit")), start=_number(data.get("start")),
                   verdict=_text(data.get("verdict")))


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

    @classmethod
    def from_dict(cls, data: dict) -> CheckpointResult:
        """A checkpoint back from its `to_dict()` form. A report saved before checkpoints
        carried their signals' results (no "results" key) comes back with no `signals`: its
        verdict is then read from `first_hit_s` and `on_time` alone."""
        on_time = data.get("on_time")
        return cls(label=str(data.get("label") or ""), at_s=_number(data.get("at_s")) or 0.0,
                   signal_ids=tuple(str(s) for s in data.get("signals") or []),
                   first_hit_s=_number(data.get("first_hit_s")),
                   on_time=on_time if isinstance(on_time, bool) else None,
                   window=str(data.get("window") or "by"),
                   from_s=_number(data.get("from_s")), until_s=_number(data.get("until_s")),
                   verdict=_text(data.get("verdict")),
                   signals=tuple(CheckpointSignal.from_dict(r) for r in data.get("results") or []
                                 if isinstance(r, dict)))


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

    @classmethod
    def from_dict(cls, data: dict) -> Delivery:
        """Delivery back from its `to_dict()` form; keys an older report lacks take the values
        an answer without them would have (no hedges, no checkpoints, no speaking pace)."""
        fillers = _obj(data.get("fillers"))
        hedges = _obj(data.get("hedges"))
        i_we = _obj(data.get("i_we"))
        return cls(
            duration_s=_number(data.get("duration_s")),
            target_s=_number(data.get("target_s")) or 0.0,
            time_status=_text(data.get("time_status")),
            overtime_s=_number(data.get("overtime_s")) or 0.0,
            words=_count(data.get("words")),
            wpm=_number(data.get("wpm")),
            wpm_speaking=_number(data.get("wpm_speaking")),
            fillers_total=_count(fillers.get("total")),
            fillers_per_minute=_number(fillers.get("per_minute")),
            fillers_by_word=_counts(fillers.get("by_word")),
            hedges_total=_count(hedges.get("total")),
            hedges_by_phrase=_counts(hedges.get("by_phrase")),
            long_pauses=tuple(Pause(p["start"], p["end"]) for p in data.get("long_pauses") or []
                              if isinstance(p, dict) and _number(p.get("start")) is not None
                              and _number(p.get("end")) is not None),
            i_count=_count(i_we.get("i")),
            we_count=_count(i_we.get("we")),
            i_share=_number(i_we.get("i_share")),
            checkpoints=tuple(CheckpointResult.from_dict(c) for c in data.get("checkpoints") or []
                              if isinstance(c, dict)),
        )


@dataclass(frozen=True)
class Analysis:
    signals: tuple[SignalResult, ...]
    lens: LensShare
    delivery: Delivery

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        """The analysis held in a report's JSON (its "signals", "lens", "dominant_lens",
        "expected_lens", "off_center" and "delivery" keys)."""
        return cls(
            signals=tuple(SignalResult.from_dict(s) for s in data.get("signals") or []
                          if isinstance(s, dict)),
            lens=LensShare.from_dict(_obj(data.get("lens")), dominant=data.get("dominant_lens"),
                                     expected=data.get("expected_lens"),
                                     off_center=bool(data.get("off_center"))),
            delivery=Delivery.from_dict(_obj(data.get("delivery"))),
        )


# -- reading values back from JSON (older saved reports may lack keys or hold nulls) ----------


def _number(value: object) -> float | None:
    """A JSON number as it was saved (an int stays an int, so it is written back the same)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _obj(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _counts(value: object) -> dict[str, int]:
    return {str(k): v for k, v in _obj(value).items()
            if isinstance(v, int) and not isinstance(v, bool)}
