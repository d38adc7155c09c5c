"""Signal detection: for each scored signal, the most telling sentence that does it, or a miss.

Whether a signal is hit is decided by its phrase families alone (a signal is hit when any of
its families fires on any unit). Which sentence is quoted is decided here, in three steps:

1. every unit where one of the signal's families fires is a candidate;
2. each candidate is scored for specificity: figures and measurements, named limits, the act
   itself rather than only a cue, several of the signal's families agreeing, few hedges. A
   bare label sentence ("The constraint was hard.", "So the result.") is read together with
   the sentence it introduces, and quoted with it;
3. evidence is shared out across the round's signals: one sentence stands for two signals
   only when one of them has no other good candidate.

exact_range has one more check: the range its family found must anchor, its width at most a
quarter of its low end (numbers.EXACT_RANGE_WIDTH); "between 100 and 300 thousand" is a miss.

Evidence is always the speaker's own words (the unit's transcript words), never invented.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from mockloop.analysis.families import Family, families_for, family_hits
from mockloop.analysis.numbers import range_is_exact, spoken_ranges
from mockloop.analysis.results import SignalResult
from mockloop.analysis.stance import vetoed
from mockloop.analysis.text import clean_word
from mockloop.analysis.units import Unit
from mockloop.transcript import Transcript

# -- specificity -----------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
# Words that make a figure a measurement ("90 seconds", "800 ms", "a third of the tickets").
_MEASURES = frozenset({
    "ms", "millisecond", "milliseconds", "second", "seconds", "sec", "secs", "minute",
    "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "quarter",
    "quarters", "year", "years", "percent", "%", "x", "times", "fold", "half", "third", "thirds",
    "double", "doubled", "halved", "tripled", "qps", "rps", "requests", "users",
    "customers", "tickets", "engineers", "people", "dollars", "k", "gb", "tb", "mb", "points",
    "latency", "downtime", "p50", "p90", "p95", "p99", "p999",
})
# Words that name a limit ("a 200 ms budget", "a code freeze", "GDPR").
_LIMITS = frozenset({
    "budget", "deadline", "freeze", "sla", "slo", "slas", "slos", "headcount", "compliance",
    "legal", "gdpr", "hipaa", "soc", "pci", "quota", "cap", "limit", "within", "contract",
    "contractual", "regulator", "regulatory", "audit", "max", "maximum",
    "minimum", "ceiling", "floor",
})
# Hedges that make a claim less definite (read from the raw words, where "kind of" survives).
_HEDGE_WORDS = frozenset({"maybe", "probably", "perhaps", "hopefully", "possibly", "might",
                          "guess", "suppose", "somewhat", "roughly"})
_HEDGE_PAIRS = frozenset({("i", "think"), ("sort", "of"), ("kind", "of"), ("i", "believe")})

# A bare label sentence: a label noun and nothing of substance ("The constraint was hard.",
# "The tradeoff was this:", "So the result.", "Here is the catch.").
_LABEL_NOUNS = frozenset({
    "constraint", "constraints", "tradeoff", "tradeoffs", "trade", "off", "result", "results",
    "outcome", "outcomes", "impact", "catch", "problem", "limit", "fallout", "consequence",
    "consequences", "downside", "upside", "cost", "lesson", "risk", "decision", "issue",
    "challenge", "bottleneck", "fallback", "failure", "plan", "reason", "effect", "takeaway",
    "upshot", "gist", "twist", "kicker", "answer", "situation", "context", "story", "call",
})
_LABEL_FILLER = frozenset({
    "so", "and", "but", "the", "a", "an", "our", "my", "this", "that", "here", "is", "was",
    "were", "are", "it", "what", "real", "main", "big", "biggest", "key", "hard", "simple",
    "clear", "tough", "tight", "basic", "obvious", "brutal", "follows", "as", "then", "well",
    "ok", "there", "came", "comes", "in", "end", "short", "of", "really", "pretty", "very",
    "huge", "interesting", "twofold", "next", "one", "first", "actual", "whole", "important",
    "painful", "nasty", "serious", "significant", "like", "basically", "honestly", "now",
    "final", "ultimate", "net", "bottom", "line", "be", "would", "will", "got",
})
LABEL_MAX_TOKENS = 7

GOOD_SCORE = 0.5  # a plain, unhedged sentence of ten words: worth moving a shared sentence to
EARLIER_MARGIN = 0.5  # how much more specific a later sentence must be to be quoted instead
LABEL_PENALTY = 3.0
JOINED_BONUS = 0.25  # a label read with what it introduces beats that sentence alone


def is_label(unit: Unit) -> bool:
    """Whether `unit` only announces a point ("The tradeoff was this:") without making it."""
    toks = [t.text for t in unit.tokens]
    if not toks or len(toks) > LABEL_MAX_TOKENS or any(_DIGIT.search(t) for t in toks):
        return False
    return (any(t in _LABEL_NOUNS for t in toks)
            and all(t in _LABEL_NOUNS or t in _LABEL_FILLER for t in toks))


_SENTENCE_END = re.compile(r"[.?!;:][\"')\]]*$")


def _fragment(unit: Unit, raw: list[str]) -> bool:
    """A short unit that stops without an end of sentence: cut off at a pause or a marker."""
    return (len(unit.tokens) <= LABEL_MAX_TOKENS and not is_label(unit)
            and not _SENTENCE_END.search(raw[unit.last].strip()))


def _hedges(raw: list[str]) -> int:
    low = [clean_word(w) for w in raw]
    n = sum(1 for w in low if w in _HEDGE_WORDS)
    return n + sum(1 for a, b in itertools.pairwise(low) if (a, b) in _HEDGE_PAIRS)


def specificity(units: list[Unit], raw: list[str], first: int, last: int) -> float:
    """How specific the span units[first..last] is: figures, measurements, named limits and
    length count for it, hedges against it."""
    toks = [t.text for u in units[first:last + 1] for t in u.tokens]
    numbers = sum(1 for t in toks if _DIGIT.search(t))
    score = 0.0
    if numbers:
        score += 2.0 + 0.5 * min(numbers - 1, 3)
        if any(t in _MEASURES for t in toks):  # a figure with its unit: a measurement
            score += 1.0
    if any(t in _LIMITS for t in toks):
        score += 0.75
    score -= min(_hedges(raw[units[first].first: units[last].last + 1]), 2)
    score += 0.03 * min(len(toks), 15)  # length alone never outweighs EARLIER_MARGIN
    return score


def _anchors(units: list[Unit], first: int, last: int) -> bool:
    """For exact_range: whether the figures the range family matched are narrow enough to
    anchor (numbers.EXACT_RANGE_WIDTH). "Between 100 and 300 thousand" names a range but not
    an exact one. A span whose figures cannot be read as a range is left to the family."""
    toks = [t.text for u in units[first:last + 1] for t in u.tokens]
    found = spoken_ranges(toks)
    return not found or any(range_is_exact(lo, hi) for lo, hi in found)


# -- candidates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    first: int  # first unit of the evidence
    last: int  # last unit of the evidence (inclusive)
    score: float
    family: str  # the family that fired (its name is the result's `why`)

    def overlaps(self, other: Candidate) -> bool:
        return self.first <= other.last and other.first <= self.last


def unit_hits(signal_id: str, units: list[Unit]) -> list[tuple[int, int, Family]]:
    """Every (unit, last unit, family) where one of the signal's families fires."""
    out = []
    for i in range(len(units)):
        if vetoed(units[i], signal_id) is not None:
            continue  # someone else's work, or a maybe for later (stance.py)
        for fam in families_for(signal_id):
            last = family_hits(fam, units, i)
            if last is not None:
                out.append((i, last, fam))
    return out


def candidates(signal_id: str, units: list[Unit], raw: list[str]) -> list[Candidate]:
    """The signal's candidate evidence spans, best first (near-ties: the earliest)."""
    by_unit: dict[int, list[tuple[int, Family]]] = {}
    for i, last, fam in unit_hits(signal_id, units):
        if signal_id == "exact_range" and not _anchors(units, i, last):
            continue
        by_unit.setdefault(i, []).append((last, fam))
    def own(fired: list[tuple[int, Family]]) -> float:
        # Several of the signal's families agreeing, and an act (not only a cue), count.
        bonus = 0.5 * (len({f.name for _, f in fired}) - 1)
        return bonus + (0.5 if any(f.act_src for _, f in fired) else 0.0)

    out = []
    merged: set[int] = set()  # units already quoted after the label that introduces them
    for i in sorted(by_unit):
        if i in merged:
            continue
        fired = by_unit[i]
        last = max(lst for lst, _ in fired)
        fam = fired[0][1]
        if last == i and i + 1 in by_unit and _fragment(units[i], raw):
            # A sentence cut short ("After launch the click-through on the") goes on in the
            # next unit, which fires too: one candidate, from the fragment's first word.
            nxt = by_unit[i + 1]
            merged.add(i + 1)
            end = max([i + 1, *(lst for lst, _ in nxt)])
            out.append(Candidate(i, end, specificity(units, raw, i, end) + own(fired + nxt),
                                 fam.name))
            continue
        if is_label(units[i]) and last == i:
            if i + 1 < len(units):
                # Quoted with the sentence it introduces, from the label's first word on;
                # that sentence's own firing (if any) joins the label's.
                nxt = by_unit.get(i + 1, [])
                if nxt:
                    merged.add(i + 1)
                end = max([i + 1, *(lst for lst, _ in nxt)])
                out.append(Candidate(i, end, specificity(units, raw, i + 1, end)
                                     + own(fired + nxt) + JOINED_BONUS, fam.name))
                continue
            out.append(Candidate(i, last, specificity(units, raw, i, last) + own(fired)
                                 - LABEL_PENALTY, fam.name))
            continue
        out.append(Candidate(i, last, specificity(units, raw, i, last) + own(fired), fam.name))
    out.sort(key=lambda c: (-c.score, c.first))
    if out:
        # The earliest candidate nearly as specific as the best goes first: a later sentence
        # must be clearly better to be quoted instead of where the point was first made.
        head = min((c for c in out if c.score >= out[0].score - EARLIER_MARGIN),
                   key=lambda c: c.first)
        out.remove(head)
        out.insert(0, head)
    return out


def assign(cands: dict[str, list[Candidate]]) -> dict[str, Candidate]:
    """One candidate per signal, sharing a sentence between two signals only when one of them
    has no other good candidate. When both could move, the one that loses less moves."""
    pick = {s: 0 for s, c in cands.items() if c}
    order = list(pick)

    def alternative(sig: str) -> int | None:
        taken = [cands[o][pick[o]] for o in order if o != sig]
        for k in range(pick[sig] + 1, len(cands[sig])):
            c = cands[sig][k]
            if c.score >= GOOD_SCORE and not any(c.overlaps(t) for t in taken):
                return k
        return None

    for _ in range(4 * len(order) + 1):
        moved = False
        for ai, a in enumerate(order):
            for b in order[ai + 1:]:
                ca, cb = cands[a][pick[a]], cands[b][pick[b]]
                if not ca.overlaps(cb):
                    continue
                options = []
                for sig, cur in ((a, ca), (b, cb)):
                    k = alternative(sig)
                    if k is not None:
                        options.append((cur.score - cands[sig][k].score, order.index(sig),
                                        sig, k))
                if options:
                    _, _, sig, k = min(options)
                    pick[sig] = k
                    moved = True
        if not moved:
            break
    return {s: cands[s][k] for s, k in pick.items()}


# -- results ---------------------------------------------------------------------------------


def _evidence(words: list[str], units: list[Unit], first: int, last: int) -> str:
    return " ".join(words[units[first].first: units[last].last + 1])


def _start(transcript: Transcript, units: list[Unit], first: int, n_words: int) -> float | None:
    if not transcript.timed or len(transcript.words) != n_words:
        return None
    return transcript.words[units[first].first].start


def _result(signal_id: str, cand: Candidate | None, transcript: Transcript, words: list[str],
            units: list[Unit]) -> SignalResult:
    if cand is None:
        return SignalResult(id=signal_id, hit=False)
    return SignalResult(id=signal_id, hit=True, evidence=_evidence(words, units, cand.first,
                                                                   cand.last),
                        start=_start(transcript, units, cand.first, len(words)),
                        why=cand.family)


def detect_signal(signal_id: str, transcript: Transcript, words: list[str],
                  units: list[Unit]) -> SignalResult:
    """The result for one signal on its own: its most specific evidence, or a miss."""
    cands = candidates(signal_id, units, words)
    return _result(signal_id, cands[0] if cands else None, transcript, words, units)


def detect_signals(signal_ids: tuple[str, ...], transcript: Transcript, words: list[str],
                   units: list[Unit], across: list[Unit] | None = None
                   ) -> tuple[SignalResult, ...]:
    """Results for the round's signals, in the round's order, evidence shared out.

    `across`: the same words cut without the recogniser's pause-less full stops
    (units.split_both); a signal the plain units miss is looked for there,
    where a clause the recogniser broke in two is whole again, and quoted from there."""
    cands = {s: candidates(s, units, words) for s in signal_ids}
    chosen = assign(cands)
    out = []
    for s in signal_ids:
        if s not in chosen and across is not None:
            found = candidates(s, across, words)
            if found:
                out.append(_result(s, found[0], transcript, words, across))
                continue
        out.append(_result(s, chosen.get(s), transcript, words, units))
    return tuple(out)
