"""Why the checklist says what it says: for one answer, each sentence unit and, per scored
signal, which phrase family fired on which unit (its cue and act text) and what vetoed a cue that
matched (the negator, an `unless` pattern, a missing act). Qt-free; `mockloop explain` prints it.

It runs the detector's own matching (families.family_hits with a Seen recorder), so what it shows
is what decided the result; the hit, evidence and reason come from analyze() itself.

JSON (`mockloop explain --json`): {"role", "round", "units": [{"index", "text", "normalised",
"start"}], "signals": [{"id", "hit", "evidence", "why", "rule_file", "read_across" (found only
reading across the recogniser's pause-less full stops; its families' units are then that
reading's), "families": [{"unit",
"family" (1-based), "name", "fired", "last_unit", "cue": {"pattern", "text"} | null,
"act": {"unit", "pattern", "text"} | null, "vetoes": [{"kind": negation|comma|unless|no act|
stance, "part", "unit", "pattern", "text", "negator" (negation only)}]}]}]}; a "stance" veto is
the engine's own check that the unit is the speaker's act (stance.py): its text is the reason,
"someone else's" or "deferred maybe".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mockloop.analysis.engine import analyze
from mockloop.analysis.families import Seen, Veto, families_for, family_hits, joined, rule_file
from mockloop.analysis.negation import NEGATORS, POST_WINDOW, WINDOW
from mockloop.analysis.stance import vetoed
from mockloop.analysis.units import Unit, split_both
from mockloop.rubric.model import Role, Round
from mockloop.transcript import Transcript


@dataclass(frozen=True)
class UnitView:
    index: int
    text: str  # the speaker's words
    normalised: str  # what the patterns read
    start: float | None  # seconds, when the transcript is timed


@dataclass(frozen=True)
class FamilyView:
    """One family on one unit where it saw something: it fired, or a cue matched and was
    vetoed."""
    unit: int
    family: int  # 1-based position in the signal's rule file
    name: str
    fired: bool
    last_unit: int | None
    cue: tuple[str, str] | None  # (pattern as written, matched text)
    act: tuple[int, str, str] | None  # (unit, pattern, matched text)
    vetoes: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class SignalView:
    id: str
    hit: bool
    evidence: str | None
    why: str | None
    rule_file: str
    families: tuple[FamilyView, ...]
    # Found only by reading across the recogniser's pause-less full stops (signals.py): the
    # family views' units are then those of that reading, quoted in `across_units`.
    across_units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Explanation:
    role: str
    round: str
    units: tuple[UnitView, ...]
    signals: tuple[SignalView, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role, "round": self.round,
            "units": [{"index": u.index, "text": u.text, "normalised": u.normalised,
                       "start": u.start} for u in self.units],
            "signals": [{
                "id": s.id, "hit": s.hit, "evidence": s.evidence, "why": s.why,
                "rule_file": s.rule_file,
                "read_across": bool(s.across_units),
                "families": [{
                    "unit": f.unit, "family": f.family, "name": f.name, "fired": f.fired,
                    "last_unit": f.last_unit,
                    "cue": None if f.cue is None else {"pattern": f.cue[0], "text": f.cue[1]},
                    "act": None if f.act is None else {"unit": f.act[0], "pattern": f.act[1],
                                                       "text": f.act[2]},
                    "vetoes": list(f.vetoes),
                } for f in s.families],
            } for s in self.signals],
        }


def negator_word(unit: Unit, lo: int, hi: int) -> str:
    """The word that denies tokens [lo, hi) of `unit` (negation.negated said it is denied):
    the nearest negator before the phrase, else after it, else the words just before it
    ("should have", "do not think")."""
    toks = [t.text for t in unit.tokens]
    for k in range(lo - 1, max(-1, lo - 1 - WINDOW), -1):
        if toks[k] in NEGATORS:
            return toks[k]
    for k in range(hi, min(len(toks), hi + POST_WINDOW)):
        if toks[k] in ("not", "never"):
            return toks[k]
    return " ".join(toks[max(0, lo - 3):lo])


def _veto(v: Veto, units: list[Unit], join: int) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": v.kind, "part": v.part, "unit": v.unit,
                           "pattern": v.pattern, "text": v.text}
    if v.kind == "negation":
        read = joined(units, v.unit, join) if join and v.part == "cue" else units[v.unit]
        if join and v.part == "act":
            read = joined(units, v.unit, join)
        out["negator"] = negator_word(read, *v.tokens)
    return out


def _unit_start(transcript: Transcript, unit: Unit, n_words: int) -> float | None:
    if not transcript.timed or len(transcript.words) != n_words:
        return None
    return transcript.words[unit.first].start


def explain(transcript: Transcript, round_: Round, role: Role) -> Explanation:
    """The units of the answer and what each scored signal's families saw on them."""
    words, units, across = split_both(transcript)
    result = analyze(transcript, round_, role)
    views = tuple(UnitView(i, " ".join(words[u.first:u.last + 1]), u.text,
                           _unit_start(transcript, u, len(words)))
                  for i, u in enumerate(units))
    signals = []
    for res in result.signals:
        seen_list = _seen(res.id, units)
        across_units: tuple[str, ...] = ()
        if res.hit and across is not None and not any(f.fired for f in seen_list):
            seen_list = _seen(res.id, across)  # found only reading across (signals.py)
            across_units = tuple(u.text for u in across)
        signals.append(SignalView(res.id, res.hit, res.evidence, res.why, rule_file(res.id),
                                  tuple(seen_list), across_units))
    return Explanation(role.id, round_.id, views, tuple(signals))


def _seen(signal_id: str, units: list[Unit]) -> list[FamilyView]:
    """What each of the signal's families saw on each unit (fired, or a cue vetoed)."""
    seen_list = []
    for fam in families_for(signal_id):
        for i in range(len(units)):
            seen = Seen()
            last = family_hits(fam, units, i, seen)
            if last is None and seen.cue is None and not seen.vetoes:
                continue
            vetoes = [_veto(v, units, fam.join) for v in seen.vetoes]
            stance = vetoed(units[i], signal_id) if last is not None else None
            if stance is not None:  # the engine drops this firing (signals.unit_hits)
                vetoes.append({"kind": "stance", "part": "unit", "unit": i, "pattern": "",
                               "text": stance})
                last = None
            seen_list.append(FamilyView(
                unit=i, family=fam.index + 1, name=fam.name, fired=last is not None,
                last_unit=last, cue=seen.cue, act=seen.act, vetoes=tuple(vetoes)))
    seen_list.sort(key=lambda f: (f.unit, f.family))
    return seen_list


def _clip(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def _clock(seconds: float) -> str:
    m, s = divmod(seconds, 60)
    return f"{int(m)}:{s:04.1f}"


def render(expl: Explanation) -> str:
    """The explanation as plain text, for the terminal."""
    out = [f"Role {expl.role}, round {expl.round}", "", "Sentence units:"]
    for u in expl.units:
        at = f" {_clock(u.start)}" if u.start is not None else ""
        out.append(f"  [{u.index}]{at} {u.text}")
    for s in expl.signals:
        out.append("")
        verdict = f"HIT ({s.why}): \"{s.evidence}\"" if s.hit else "miss"
        out.append(f"{s.id}: {verdict}   [{s.rule_file}]")
        if s.across_units:
            out.append("  found reading across the recogniser's full stops (no pause after "
                       "them); units of that reading:")
            out.extend(f"    [{k}] {_clip(text, 90)}" for k, text in enumerate(s.across_units))
        if not s.families:
            out.append("  no family's cue matched any unit")
        for f in s.families:
            head = f"  [{f.unit}] family {f.family} \"{f.name}\": "
            if f.fired:
                span = f"units {f.unit}-{f.last_unit}" if f.last_unit != f.unit else ""
                line = head + f"fired on cue \"{f.cue[1]}\"" if f.cue else head + "fired"
                if f.act:
                    line += f", act \"{f.act[2]}\" (unit {f.act[0]})"
                out.append(line + (f", {span}" if span else ""))
            else:
                line = head + (f"cue \"{f.cue[1]}\" matched" if f.cue else "no clean cue")
                out.append(line)
            for v in f.vetoes:
                if v["kind"] == "negation":
                    why = f"negated by \"{v['negator']}\""
                elif v["kind"] == "unless":
                    why = f"cancelled by unless '{_clip(v['pattern'])}' (on \"{v['text']}\")"
                elif v["kind"] == "comma":
                    why = "split by a comma"
                elif v["kind"] == "stance":
                    why = ("someone else did it, not the speaker" if v["text"] == "someone else's"
                           else "only a maybe for later")
                else:
                    why = "no act in reach"
                what = f"{v['part']} \"{v['text']}\" " if v["kind"] in ("negation", "comma") else ""
                out.append(f"      vetoed: {what}{why}")
    return "\n".join(out) + "\n"
