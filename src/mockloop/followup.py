"""The follow-up that pushes back: after a design round, an interviewer-style question about a
signal the answer missed, written with the answer's own nouns; and, once the follow-up round is
answered, which of the design round's misses it recovered.

Templates, slot rules and word lists live in resources/rubric/followups.toml (docs/followup.md).
Everything is offline and deterministic: the same answer always gets the same question.

- A question is only ever about a signal the design round scored and the answer missed.
- Slots ({store}, {queue}, {cadence}...) are filled from the answer: the earliest phrase a
  slot pattern matches, skipped when negated ("we don't have a queue"), quoted as said.
- Among a signal's templates whose slots all fill, one quoting what the answer did ("a cache
  in front of X", "retrain weekly", "a queue") is preferred, then one naming its system or
  store, then the plain fallback; among equals a hash of the answer picks, so the same answer
  always reads the same and different answers read differently.
- Misses are asked in this order: a miss the answer named without doing it ("we'd cache it"
  with no staleness plan), then misses whose question can use the answer's words, then the
  rest; within each, the round's order in the file.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mockloop.errors import RubricError
from mockloop.report import RoundReport
from mockloop.rubric.model import Rubric
from mockloop.transcript import Transcript

if TYPE_CHECKING:
    from mockloop.session import RoundRequest
    from mockloop.store.rows import RoundRow

LABEL = "rubric/followups.toml"
KIND = "followup"  # store.rows.KINDS: how the follow-up round continues the design round
_SLOT = re.compile(r"\{([a-z_]+)\}")
MAX_SLOT_WORDS = 5
_NOISE = {"um", "uh", "uhm", "umm", "uhh", "er", "erm", "ah", "hmm", "mm"}


@dataclass(frozen=True)
class Template:
    id: str
    signal: str
    text: str
    slots: tuple[str, ...]  # the slot names in `text`, in order; () for the fallback
    example: str
    question: str  # what `example` gives with this template (checked by the tests)
    round: str  # the design round the example is scored in


@dataclass(frozen=True)
class Followups:
    rounds: tuple[str, ...]  # the design rounds that get a follow-up
    round: str  # the linked round the follow-up is answered in
    prompt_id: str  # the rubric prompt that round carries
    closing: str  # said after the question: the linked round's own ask
    order: dict[str, tuple[str, ...]]
    templates: dict[str, tuple[Template, ...]]
    slots: dict[str, tuple[re.Pattern, ...]]
    display: dict[str, str]
    pointed: frozenset[str] = frozenset()  # slots that quote what the answer did

    def template(self, template_id: str) -> Template:
        for group in self.templates.values():
            for t in group:
                if t.id == template_id:
                    return t
        raise KeyError(template_id)


@dataclass(frozen=True)
class Question:
    """One follow-up question about one missed signal of a design round."""

    signal: str | None  # None: the plain failure question (nothing was missed)
    name: str  # the signal's name as the checklist shows it
    text: str
    template: str | None
    slots: dict[str, str] = field(default_factory=dict)  # slot -> the words used

    def to_dict(self) -> dict:
        return {"signal": self.signal, "name": self.name, "text": self.text,
                "template": self.template, "slots": dict(self.slots)}


@dataclass(frozen=True)
class Plan:
    """What the follow-up card offers after a design round."""

    design_id: int | None  # the design round's history id
    role: str
    round: str  # the linked round (failure-followup)
    prompt_id: str
    questions: tuple[Question, ...]  # best first; never empty
    closing: str

    @property
    def question(self) -> Question:
        return self.questions[0]

    @property
    def prompt_text(self) -> str:
        """The follow-up round's prompt: the question, then the round's own ask."""
        return f"{self.question.text} {self.closing}".strip()

    def request(self, device: str | int | None = None) -> RoundRequest:
        """The round request that answers this follow-up, linked to the design round."""
        from mockloop.session import RoundRequest

        return RoundRequest(self.role, self.round, self.prompt_id, device=device,
                            follows=self.design_id, kind=KIND if self.design_id else None,
                            prompt_text=self.prompt_text)

    def to_dict(self) -> dict:
        return {"id": self.design_id, "role": self.role,
                "followup_round": self.round, "prompt": {"id": self.prompt_id,
                                                         "text": self.prompt_text},
                "questions": [q.to_dict() for q in self.questions]}


# -- loading ---------------------------------------------------------------------------------


def read_text() -> str:
    from mockloop.rubric.builtin import read_text as read_rubric_text

    return read_rubric_text("followups.toml", "follow-up")


@functools.lru_cache(maxsize=1)
def builtin_followups() -> Followups:
    """The shipped follow-ups, checked against the built-in rubric (once per process)."""
    from mockloop.rubric.builtin import builtin_rubric, read_toml

    return build_followups(read_toml("followups.toml", "follow-up"), builtin_rubric())


def _bad(key: str, why: str) -> RubricError:
    return RubricError(f"{LABEL}: {key} {why}")


def build_followups(data: Any, rubric: Rubric) -> Followups:
    """Followups from the file's tables; RubricError naming the key for any problem."""
    from mockloop.analysis.families import compile_pattern, vocab, words_alternation

    head = data.get("followup") or {}
    rounds = tuple(head.get("rounds") or ())
    for r in rounds:
        if r not in rubric.rounds:
            raise _bad("followup.rounds", f"names an unknown round {r!r}")
    linked = head.get("round", "")
    if linked not in rubric.rounds:
        raise _bad("followup.round", f"names an unknown round {linked!r}")
    prompt_id = head.get("prompt", "")
    rubric.round(linked).prompt(prompt_id)  # NotFoundError names the prompt
    closing = str(head.get("closing") or "").strip()

    order: dict[str, tuple[str, ...]] = {}
    for r in rounds:
        listed = tuple((data.get("order") or {}).get(r) or ())
        if sorted(listed) != sorted(rubric.round(r).signals):
            raise _bad(f"order.{r}", "must list each signal the round scores, once")
        order[r] = listed

    voc = dict(vocab())
    for name, entries in (data.get("words") or {}).items():
        voc[name] = words_alternation(list(entries))
    slots: dict[str, tuple[re.Pattern, ...]] = {}
    pointed: set[str] = set()
    for name, tbl in (data.get("slots") or {}).items():
        try:
            pats = tuple(compile_pattern(p, voc) for p in tbl.get("patterns") or ())
        except (KeyError, re.error) as exc:
            raise _bad(f"slots.{name}", f"has a bad pattern ({exc})") from None
        if not pats or any("x" not in p.groupindex for p in pats):
            raise _bad(f"slots.{name}", "needs patterns, each with a (?P<x>...) group")
        slots[name] = pats
        if tbl.get("pointed"):
            pointed.add(name)

    scored = {s for r in rounds for s in rubric.round(r).signals}
    templates: dict[str, tuple[Template, ...]] = {}
    seen: set[str] = set()
    for signal, entries in (data.get("templates") or {}).items():
        if signal not in scored:
            raise _bad(f"templates.{signal}", "is not a signal a design round scores")
        first_round = next(r for r in rounds if signal in rubric.round(r).signals)
        group: list[Template] = []
        for i, raw in enumerate(entries):
            key = f"templates.{signal}[{i}]"
            tid = str(raw.get("id") or "")
            if not tid or tid in seen:
                raise _bad(key, f"needs an id of its own (got {tid!r})")
            seen.add(tid)
            text = str(raw.get("text") or "")
            names = tuple(_SLOT.findall(text))
            unknown = [n for n in names if n not in slots]
            if unknown:
                raise _bad(key, f"uses unknown slots {unknown}")
            rnd = str(raw.get("round") or first_round)
            if rnd not in rounds or signal not in rubric.round(rnd).signals:
                raise _bad(key, f"round {rnd!r} does not score {signal}")
            example, question = str(raw.get("example") or ""), str(raw.get("question") or "")
            if not text or not example or not question:
                raise _bad(key, "needs text, example and question")
            group.append(Template(tid, signal, text, names, example, question, rnd))
        templates[signal] = tuple(group)
    for signal in sorted(scored):
        have = templates.get(signal, ())
        if len(have) < 3 or not any(not t.slots for t in have) or \
                sum(1 for t in have if t.slots) < 2:
            raise _bad(f"templates.{signal}", "needs at least two templates with slots and "
                       "one without")
    display = {str(k).lower(): str(v) for k, v in (data.get("display") or {}).items()}
    return Followups(rounds, linked, prompt_id, closing, order, templates, slots, display,
                     frozenset(pointed))


# -- slots -----------------------------------------------------------------------------------


def find_slots(transcript: Transcript, followups: Followups | None = None) -> dict[str, str]:
    """Each slot the answer fills, with the words it said there (first clean match)."""
    from mockloop.analysis.units import raw_words, split_units

    fu = followups or builtin_followups()
    words, units = split_units(transcript)
    said = words or raw_words(transcript)
    out: dict[str, str] = {}
    for name, patterns in fu.slots.items():
        found = _first_fill(patterns, units, said, fu.display)
        if found is not None:
            out[name] = found
    return out


# Words right before a slot that make it the option the answer turned down, not its choice.
_TURNED_DOWN = re.compile(
    r"\b(?:over|instead of|rather than|than|versus|vs|against|compared (?:to|with)|"
    r"replac(?:e|es|ed|ing)|away from|off of|off|ditch(?:ed)?|dropp?(?:ed)?|not)\s+$")


def _first_fill(patterns, units, said: list[str], display: dict[str, str]) -> str | None:
    from mockloop.analysis.negation import negated

    best: tuple[int, int, str] | None = None  # (unit, offset, words) of the earliest fill
    for u, unit in enumerate(units):
        if best is not None and u > best[0]:
            break
        for pattern in patterns:
            for m in pattern.finditer(unit.text):
                lo, hi = unit.token_at(m.start("x")), unit.token_at(m.end("x") - 1) + 1
                # "no cache in front of X": the whole phrase is denied, not only X.
                if negated(unit, unit.token_at(m.start()), hi) or negated(unit, lo, hi):
                    continue
                # "a key value store over a relational database": X is the option turned down.
                if _TURNED_DOWN.search(unit.text[:m.start("x")]):
                    continue
                shown = _shown(unit.tokens[lo:hi], said, display)
                if shown is None:
                    continue
                if best is None or (u, m.start("x")) < best[:2]:
                    best = (u, m.start("x"), shown)
                break
    return best[2] if best else None


def _shown(tokens, said: list[str], display: dict[str, str]) -> str | None:
    """The slot's words as the speaker wrote or said them, cut at a comma; None if too long."""
    cut = []
    for t in tokens:
        cut.append(t)
        if t.comma_after:
            break
    first, last = cut[0].word, cut[-1].word
    raw = [said[i] for i in range(first, last + 1)]
    # A possessive ("a domain's queue", "the model's") is part of a longer phrase.
    if not raw or len(raw) > MAX_SLOT_WORDS or any("'" in w or "\u2019" in w for w in raw):
        return None
    clean = [re.sub(r"^[^\w$]+|[^\w%]+$", "", w) for w in raw]
    starts = [i == 0 or said[i - 1].rstrip("\"')]").endswith((".", "?", "!"))
              for i in range(first, last + 1)]
    shown = []
    for w, opens in zip(clean, starts, strict=True):
        if not w or w.lower() in _NOISE:
            continue
        if opens and w[:1].isupper() and w[1:] == w[1:].lower():
            w = w.lower()  # capitalised only because it opens a sentence
        shown.append(display.get(w.lower(), w) if w == w.lower() else w)
    return " ".join(shown) or None


# -- questions -------------------------------------------------------------------------------


def is_design_round(round_id: str, followups: Followups | None = None) -> bool:
    return round_id in (followups or builtin_followups()).rounds


def _seed(transcript: Transcript, signal: str) -> int:
    text = " ".join((transcript.text or "").lower().split())
    return int.from_bytes(hashlib.sha256(f"{signal}\n{text}".encode()).digest()[:8], "big")


def _fill(template: Template, slots: dict[str, str]) -> str:
    text = template.text.format_map({n: slots[n] for n in template.slots})
    return text[:1].upper() + text[1:]


def pick(signal: str, transcript: Transcript, slots: dict[str, str],
         followups: Followups | None = None) -> tuple[Template, str]:
    """The template used for `signal` with this answer, and the question it gives."""
    fu = followups or builtin_followups()
    usable = [t for t in fu.templates[signal] if all(n in slots for n in t.slots)]
    pool = ([t for t in usable if fu.pointed & set(t.slots)]
            or [t for t in usable if t.slots] or usable)
    chosen = pool[_seed(transcript, signal) % len(pool)]
    return chosen, _fill(chosen, slots)


def ask_with(template_id: str, transcript: Transcript,
             followups: Followups | None = None) -> str | None:
    """The question one template gives for an answer; None when its slots do not fill."""
    fu = followups or builtin_followups()
    t = fu.template(template_id)
    slots = find_slots(transcript, fu)
    if not all(n in slots for n in t.slots):
        return None
    return _fill(t, slots)


def questions(report: RoundReport, rubric: Rubric,
              followups: Followups | None = None) -> tuple[Question, ...]:
    """A question for each signal the design round missed, best first (see the module's
    docstring); () for a round that is not a design round, or when nothing was missed."""
    fu = followups or builtin_followups()
    if report.round not in fu.rounds:
        return ()
    slots = find_slots(report.transcript, fu)
    order = fu.order[report.round]
    made: list[tuple[tuple[int, int], Question]] = []
    for s in report.analysis.signals:
        if s.hit or s.id not in fu.templates:
            continue
        template, text = pick(s.id, report.transcript, slots, fu)
        tier = 0 if s.named_evidence else 1 if template.slots else 2
        rank = order.index(s.id) if s.id in order else len(order)
        sig = rubric.signals.get(s.id)
        made.append(((tier, rank), Question(s.id, sig.name if sig else s.id, text, template.id,
                                            {n: slots[n] for n in template.slots})))
    return tuple(q for _, q in sorted(made, key=lambda m: m[0]))


def plan(report: RoundReport, rubric: Rubric,
         followups: Followups | None = None) -> Plan | None:
    """The follow-up offered after a design round; None for other rounds or no speech."""
    fu = followups or builtin_followups()
    if report.round not in fu.rounds or report.no_speech:
        return None
    asked = questions(report, rubric, fu)
    if not asked:  # everything landed: the plain question of the linked round
        prompt = rubric.round(fu.round).prompt(fu.prompt_id)
        asked = (Question(None, "", prompt.text, None),)
        closing = ""
    else:
        closing = fu.closing
    return Plan(report.id, report.role, fu.round, fu.prompt_id, asked, closing)


# -- what the follow-up recovered --------------------------------------------------------------


@dataclass(frozen=True)
class Recovered:
    id: str
    name: str
    evidence: str | None  # the follow-up's sentence that does it
    start: float | None


@dataclass(frozen=True)
class Recovery:
    """A follow-up round read against the design round it follows."""

    design_id: int | None
    design_round: str
    missed: tuple[str, ...]  # the design round's misses, in its signal order
    recovered: tuple[Recovered, ...]  # of those, what the follow-up answer now does
    still_missed: tuple[str, ...]
    asked: str | None  # the signal the follow-up question was about, when known

    @property
    def asked_recovered(self) -> bool:
        return any(r.id == self.asked for r in self.recovered)

    def to_dict(self) -> dict:
        return {"follows": self.design_id, "design_round": self.design_round,
                "missed": list(self.missed), "asked": self.asked,
                "recovered": [{"id": r.id, "name": r.name, "evidence": r.evidence,
                               "start": r.start} for r in self.recovered],
                "still_missed": list(self.still_missed)}


def recovery(design: RoundReport, followup: RoundReport, rubric: Rubric,
             followups: Followups | None = None) -> Recovery:
    """Which of the design round's misses the follow-up answer does.

    The follow-up round scores its own signals (failure mode, rejection criterion,
    monitoring, fallback); the design round's concerns are read from the follow-up answer by
    the same detectors, scored as the design round scores them, so "caching" recovered
    means the follow-up answer now caches with a staleness plan. A signal both rounds score
    counts when either reading finds it."""
    from mockloop.analysis import analyze

    fu = followups or builtin_followups()
    missed = tuple(s.id for s in design.analysis.signals if not s.hit)
    again = analyze(followup.transcript, rubric.round(design.round), rubric.role(design.role))
    found = {s.id: s for s in again.signals if s.hit}
    for s in followup.analysis.signals:  # the follow-up's own reading of a shared signal
        if s.hit and s.id not in found:
            found[s.id] = s
    recovered = []
    for sid in missed:
        if sid in found:
            sig = rubric.signals.get(sid)
            recovered.append(Recovered(sid, sig.name if sig else sid, found[sid].evidence,
                                       found[sid].start))
    asked = None  # the question this take answered (any of the plan's, via Another question)
    made = plan(design, rubric, fu)
    if made is not None:
        for q in made.questions:
            if q.signal and followup.prompt_text == f"{q.text} {made.closing}".strip():
                asked = q.signal
    got = {r.id for r in recovered}
    return Recovery(design.id, design.round, missed, tuple(recovered),
                    tuple(s for s in missed if s not in got), asked)


# -- the links in the history --------------------------------------------------------------------


def followups_of(store, design_id: int) -> list[RoundRow]:
    """The follow-up rounds answered for a design round, newest first."""
    fu = builtin_followups()
    return [r for r in store.list_rounds(round_id=fu.round)
            if r.follows == design_id and r.kind == KIND]


def link_note(follows: int | None, kind: str | None) -> str | None:
    """How the history names a follow-up's link ("follow-up to round #12"); None otherwise."""
    if follows is None or kind != KIND:
        return None
    return f"follow-up to round #{follows}"


# -- one saved round, for the command line and the window ---------------------------------------


def saved_report(store, history_id: int) -> RoundReport:
    """A saved round's report (its id filled in); UserError when it has none yet."""
    from mockloop.errors import UserError

    data = store.report(history_id)
    if data is None:
        raise UserError(f"Round {history_id} has no debrief yet (finish it first).")
    report = RoundReport.from_dict(data)
    if report.id is None:
        from dataclasses import replace

        report = replace(report, id=history_id)
    return report


def recovery_of(store, rubric: Rubric, history_id: int) -> Recovery | None:
    """What a saved follow-up round recovered of its design round; None when the round is
    not a follow-up, or its design round is gone or has no debrief."""
    from mockloop.errors import UserError

    row = store.get(history_id)
    if row.follows is None or row.kind != KIND:
        return None
    try:
        design = saved_report(store, row.follows)
    except UserError:
        return None
    if design.round not in builtin_followups().rounds or design.round not in rubric.rounds:
        return None
    return recovery(design, saved_report(store, history_id), rubric)


def describe(store, rubric: Rubric, history_id: int) -> dict:
    """`mockloop followup ID`: for a design round its follow-up questions and the follow-ups
    answered; for a follow-up round what it recovered. UserError for any other round."""
    from mockloop.errors import UserError

    fu = builtin_followups()
    row = store.get(history_id)  # "no round #N" for an unknown id
    if row.kind == KIND and row.follows is not None:
        found = recovery_of(store, rubric, history_id)
        if found is None:
            raise UserError(f"Round {history_id} followed round {row.follows}, which has no "
                            "debrief any more, so there is nothing to compare it with.")
        return {"id": history_id, "kind": "recovery", "follows": row.follows,
                "recovery": found.to_dict()}
    if row.kind == KIND:  # its design round was deleted: the link is cleared
        raise UserError(f"Round {history_id} was a follow-up to a round that has been deleted.")
    if row.round not in fu.rounds:
        rnd = rubric.rounds.get(row.round)
        title = f" ({rnd.title})" if rnd else ""
        raise UserError(f"Round {history_id} is a {row.round} round{title}; follow-up questions "
                        f"are written after the design rounds: {', '.join(fu.rounds)}.")
    report = saved_report(store, history_id)
    made = plan(report, rubric, fu)
    if made is None:
        raise UserError(f"Round {history_id} has no speech to ask a follow-up about.")
    return {**made.to_dict(), "kind": "questions",
            "answered": [r.id for r in followups_of(store, history_id)]}
