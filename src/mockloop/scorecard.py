"""The loop scorecard: one summary of a full loop's rounds, from their history ids.

Per round: the signals hit and missed, time used against the round's length, pace and
fillers. Across the loop: the weakest signals (missed most often in these rounds; a signal
several rounds score counts in each) and what to practise next, which is
mockloop.next_round's suggestion over the role's whole history (these rounds included).

A take with no speech is not a loop round: `counts_as_loop_round` says so, and a scorecard
given one leaves it out (listed in `not_counted`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mockloop.debrief_lines import STATUS_TEXT, mmss
from mockloop.errors import UserError
from mockloop.next_round import Suggestion, suggest
from mockloop.report import RoundReport
from mockloop.rubric.model import Rubric

WEAKEST_N = 3


def counts_as_loop_round(report: RoundReport) -> bool:
    """A take counts as a round of the loop only when something was said."""
    return not report.no_speech


@dataclass(frozen=True)
class ScorecardRound:
    id: int
    round: str
    title: str
    prompt_title: str | None
    hit: tuple[str, ...]  # signal ids, rubric order
    missed: tuple[str, ...]
    names: dict[str, str]  # signal id -> name
    duration_s: float | None
    target_s: float
    time_status: str | None
    wpm: float | None
    fillers_per_minute: float | None

    @property
    def hits_text(self) -> str:
        return f"{len(self.hit)} of {len(self.hit) + len(self.missed)}"

    @property
    def time_text(self) -> str:
        if self.duration_s is None:
            return f"typed (of {mmss(self.target_s)})"
        text = f"{mmss(self.duration_s)} of {mmss(self.target_s)}"
        if self.time_status:
            text += f", {STATUS_TEXT.get(self.time_status, self.time_status)}"
        return text

    def to_dict(self) -> dict:
        return {"id": self.id, "round": self.round, "title": self.title,
                "prompt_title": self.prompt_title, "hit": list(self.hit),
                "missed": list(self.missed), "hits": len(self.hit),
                "scored": len(self.hit) + len(self.missed), "duration_s": self.duration_s,
                "target_s": self.target_s, "time_status": self.time_status,
                "wpm": self.wpm, "fillers_per_minute": self.fillers_per_minute}


@dataclass(frozen=True)
class WeakSignal:
    id: str
    name: str
    missed: int  # rounds of this loop that missed it
    of: int  # rounds of this loop that score it
    missed_in: tuple[str, ...]  # titles of those rounds

    @property
    def text(self) -> str:
        if self.of == 1:
            return f"missed in {self.missed_in[0]}"
        return f"missed in {self.missed} of {self.of} rounds that score it"

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "missed": self.missed, "of": self.of,
                "missed_in": list(self.missed_in)}


@dataclass(frozen=True)
class LoopScorecard:
    role: str
    role_name: str
    rounds: tuple[ScorecardRound, ...]  # in the order given (the loop's)
    weakest: tuple[WeakSignal, ...]  # at most WEAKEST_N, weakest first
    next: Suggestion | None
    not_counted: tuple[int, ...]  # ids given that were no loop round (no speech, unfinished)

    @property
    def hits(self) -> int:
        return sum(len(r.hit) for r in self.rounds)

    @property
    def scored(self) -> int:
        return sum(len(r.hit) + len(r.missed) for r in self.rounds)

    @property
    def time_used_s(self) -> float | None:
        times = [r.duration_s for r in self.rounds if r.duration_s is not None]
        return sum(times) if times else None

    @property
    def headline(self) -> str:
        n = len(self.rounds)
        text = (f"{n} round{'s' if n != 1 else ''} of the {self.role_name} loop: "
                f"{self.hits} of {self.scored} signals hit")
        used = self.time_used_s
        if used is not None:
            text += f", {mmss(used)} of speaking"
        return text + "."

    @property
    def weakest_line(self) -> str:
        if not self.weakest:
            return "Every signal these rounds listen for landed."
        return "; ".join(f"{w.name} ({w.text})" for w in self.weakest) + "."

    def to_dict(self) -> dict:
        return {"role": self.role, "rounds": [r.to_dict() for r in self.rounds],
                "hits": self.hits, "scored": self.scored, "time_used_s": self.time_used_s,
                "weakest": [w.to_dict() for w in self.weakest],
                "next": self.next.to_dict() if self.next is not None else None,
                "not_counted": list(self.not_counted), "headline": self.headline}


def build_scorecard(store, rubric: Rubric, history_ids: list[int] | tuple[int, ...], *,
                    today: date | None = None) -> LoopScorecard:
    """The scorecard of the loop whose rounds were saved as `history_ids`, in loop order."""
    rounds: list[ScorecardRound] = []
    skipped: list[int] = []
    role: str | None = None
    for hid in history_ids:
        data = store.report(hid)
        if data is None:
            skipped.append(hid)
            continue
        report = RoundReport.from_dict({**data, "id": hid})
        if not counts_as_loop_round(report):
            skipped.append(hid)
            continue
        role = role or report.role
        rounds.append(_round(rubric, hid, report))
    if role is None:
        raise UserError("None of these rounds had speech, so the loop has no scorecard yet.")
    try:
        role_name = rubric.role(role).name
        upcoming: Suggestion | None = suggest(store, rubric, role, today or date.today())
    except UserError:  # a role from a user rubric that is gone
        role_name, upcoming = role, None
    return LoopScorecard(role, role_name, tuple(rounds), _weakest(rounds), upcoming,
                         tuple(skipped))


def _round(rubric: Rubric, hid: int, report: RoundReport) -> ScorecardRound:
    try:
        rnd = rubric.round(report.round)
        title = rnd.title
        prompt_title = rnd.prompt(report.prompt_id).title if report.prompt_id else None
    except (UserError, KeyError, StopIteration):
        title, prompt_title = report.round, None
    names = {}
    for s in report.analysis.signals:
        sig = rubric.signals.get(s.id)
        names[s.id] = sig.name if sig is not None else s.id
    d = report.analysis.delivery
    return ScorecardRound(
        hid, report.round, title, prompt_title,
        tuple(s.id for s in report.analysis.signals if s.hit),
        tuple(s.id for s in report.analysis.signals if not s.hit), names,
        d.duration_s, d.target_s, d.time_status, d.wpm, d.fillers_per_minute)


def _weakest(rounds: list[ScorecardRound]) -> tuple[WeakSignal, ...]:
    order: list[str] = []
    scored: dict[str, int] = {}
    missed_in: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for r in rounds:
        for sid in r.hit + r.missed:
            if sid not in scored:
                order.append(sid)
            scored[sid] = scored.get(sid, 0) + 1
            names[sid] = r.names.get(sid, sid)
        for sid in r.missed:
            missed_in.setdefault(sid, []).append(r.title)
    weak = sorted((sid for sid in order if missed_in.get(sid)),
                  key=lambda s: (-len(missed_in[s]), -len(missed_in[s]) / scored[s],
                                 order.index(s)))
    return tuple(WeakSignal(s, names[s], len(missed_in[s]), scored[s], tuple(missed_in[s]))
                 for s in weak[:WEAKEST_N])
