"""The three-framings drill: one shipped-decision story told three times, as a product risk,
a model risk and a system risk, and the three takes compared side by side.

Each take is a `story-90` round on the same story prompt, saved with the framing's question
as its own prompt text (the story question, then the framing's ask from
resources/rubric/drills.toml). The takes are linked in the history:

- take 1 (product risk) is saved with kind "framing-product" and follows nothing: it starts
  the drill, and its history id is the drill's id;
- takes 2 and 3 (model risk, system risk) follow take 1, with kinds "framing-model" and
  "framing-system".

A take *landed* when its dominant lens (where most of its product/model/system words went,
mockloop.analysis.lens) is the lens it was framed on. `compare` puts the three takes' lens
shares and checklists side by side with one sentence per take; `load_drill` reads a drill
back from the history by its first take's id (`mockloop drill ID`).

Qt-free: the window's drill cards (ui/practice/drill_card.py) only display what is here.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from mockloop.errors import RubricError, UserError
from mockloop.rubric.model import LENSES, Rubric
from mockloop.session import RoundRequest

ROUND_ID = "story-90"  # the drill's round: the shipped-decision story
KIND_PREFIX = "framing-"


@dataclass(frozen=True)
class Framing:
    lens: str  # "product" | "model" | "system"
    title: str  # "Product risk"
    ask: str  # what this take is asked to do, added after the story question
    lens_words: str  # "the product": how a sentence names the lens

    @property
    def kind(self) -> str:
        """The history's kind for a take of this framing (store.rows.KINDS)."""
        return KIND_PREFIX + self.lens

    @property
    def take_name(self) -> str:
        """"product-risk take"."""
        return f"{self.title.lower().replace(' ', '-')} take"


@functools.lru_cache(maxsize=1)
def framings() -> tuple[Framing, ...]:
    """The three framings in take order, from the shipped drills.toml."""
    from mockloop.rubric.builtin import read_toml

    label = "rubric/drills.toml"
    try:
        table = read_toml("drills.toml", "drill")["drills"]["framings"]
    except (KeyError, TypeError):
        raise RubricError(f"{label}: needs a [drills.framings] table.") from None
    if not isinstance(table, dict):
        raise RubricError(f"{label}: needs a [drills.framings] table.")
    out = []
    for lens, entry in table.items():
        if lens not in LENSES or not isinstance(entry, dict):
            raise RubricError(f"{label}: [drills.framings.{lens}] is not one of the lenses.")
        try:
            out.append(Framing(lens, str(entry["title"]), " ".join(str(entry["ask"]).split()),
                               str(entry["lens_words"])))
        except KeyError as exc:
            raise RubricError(f"{label}: [drills.framings.{lens}] needs {exc}.") from None
    if [f.lens for f in out] != list(LENSES):
        raise RubricError(f"{label}: must frame {', '.join(LENSES)}, in that order.")
    return tuple(out)


def framing_of_kind(kind: str | None) -> Framing | None:
    return next((f for f in framings() if f.kind == kind), None)


def take_prompt(story: str, framing: Framing) -> str:
    """The question a take answers: the story, then how to frame it."""
    return f"{story.strip()} {framing.ask}"


# -- the drill being practised ---------------------------------------------------------------


@dataclass(frozen=True)
class DrillPlan:
    """Where the user is in a drill: which take is next, and the takes saved so far."""

    role_id: str
    prompt_id: str  # the story-90 prompt all three takes tell
    story: str  # that prompt's text
    take_ids: tuple[int, ...] = ()  # history ids of the takes saved, in order

    @classmethod
    def start(cls, rubric: Rubric, role_id: str, prompt_id: str | None = None) -> DrillPlan:
        """A new drill for `role_id` on a story prompt: `prompt_id` when it is one of the
        story round's prompts, else that round's first prompt."""
        rubric.role(role_id)
        rnd = rubric.round(ROUND_ID)
        ids = [p.id for p in rnd.prompts]
        prompt = rnd.prompt(prompt_id if prompt_id in ids else None)
        return cls(role_id, prompt.id, prompt.text)

    @property
    def index(self) -> int:
        """The take about to be (or being) recorded, 0-based; 3 when all are done."""
        return len(self.take_ids)

    @property
    def finished(self) -> bool:
        return self.index >= len(framings())

    @property
    def first_id(self) -> int | None:
        return self.take_ids[0] if self.take_ids else None

    @property
    def framing(self) -> Framing:
        """The next take's framing (the last one once finished)."""
        all_ = framings()
        return all_[min(self.index, len(all_) - 1)]

    @property
    def step_label(self) -> str:
        """"Take 2 of 3 · Model risk"."""
        return f"Take {self.index + 1} of {len(framings())} · {self.framing.title}"

    @property
    def prompt_text(self) -> str:
        return take_prompt(self.story, self.framing)

    def request(self, device: str | int | None = None) -> RoundRequest:
        """The round to record for the next take, linked to the drill's first take."""
        if self.finished:
            raise UserError("All three takes of this drill are done.")
        return RoundRequest(self.role_id, ROUND_ID, self.prompt_id, device=device,
                            follows=self.first_id, kind=self.framing.kind,
                            prompt_text=self.prompt_text)

    def advanced(self, history_id: int) -> DrillPlan:
        """The plan once the take just recorded was saved as `history_id`."""
        return replace(self, take_ids=(*self.take_ids, history_id))


# -- the comparison --------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    id: str
    name: str
    hit: bool


@dataclass(frozen=True)
class TakeResult:
    framing: Framing
    history_id: int | None  # None: this take was not recorded
    shares: dict[str, float] = field(default_factory=dict)
    dominant: str | None = None
    checklist: tuple[Check, ...] = ()
    no_speech: bool = False

    @property
    def taken(self) -> bool:
        return self.history_id is not None

    @property
    def share_on_frame(self) -> float:
        return self.shares.get(self.framing.lens, 0.0)

    @property
    def landed(self) -> bool:
        return self.taken and self.dominant == self.framing.lens

    @property
    def hits(self) -> int:
        return sum(1 for c in self.checklist if c.hit)

    @property
    def verdict(self) -> str:
        """The take's sentence for the debrief."""
        f = self.framing
        name = f"Your {f.take_name}"
        if not self.taken:
            return f"{name} was not recorded."
        if self.no_speech:
            return f"{name} had no speech in it, so it could not land."
        if self.dominant is None:
            return (f"{name} said nothing about product, model or system concerns, so it "
                    "could not land.")
        if self.landed:
            return f"{name} spent {_pct(self.share_on_frame)} of its words on {f.lens_words}: " \
                   "it landed."
        other = _lens_words(self.dominant)
        return (f"{name} still spent most on {other} ({_pct(self.shares[self.dominant])}); "
                f"{f.lens_words} got {_pct(self.share_on_frame)}.")

    def to_dict(self) -> dict:
        return {"framing": self.framing.lens, "kind": self.framing.kind,
                "title": self.framing.title, "id": self.history_id, "taken": self.taken,
                "lens": dict(self.shares), "dominant_lens": self.dominant,
                "landed": self.landed, "verdict": self.verdict,
                "hits": self.hits, "scored": len(self.checklist),
                "signals": [{"id": c.id, "name": c.name, "hit": c.hit}
                            for c in self.checklist]}


@dataclass(frozen=True)
class DrillComparison:
    takes: tuple[TakeResult, ...]
    prompt_text: str | None = None  # the story question (without a framing's ask)

    @property
    def first_id(self) -> int | None:
        return self.takes[0].history_id if self.takes else None

    @property
    def landed(self) -> int:
        return sum(1 for t in self.takes if t.landed)

    @property
    def complete(self) -> bool:
        return all(t.taken for t in self.takes)

    @property
    def headline(self) -> str:
        n, total = self.landed, len(self.takes)
        taken = sum(1 for t in self.takes if t.taken)
        if taken < total:
            own = "its" if n == 1 else "their"
            return f"{taken} of {total} takes recorded; {n} landed on {own} lens so far."
        if n == total:
            return "All three framings landed: you moved one story between the lenses at will."
        if n == 0:
            return "None of the three framings landed on its lens."
        return f"{n} of {total} framings landed on their lens."

    @property
    def sentences(self) -> list[str]:
        """One sentence per take, in take order."""
        return [t.verdict for t in self.takes]

    @property
    def checklist_notes(self) -> list[str]:
        """How the story's signals held across the takes that were recorded: those hit in
        every take, and where the others went missing."""
        taken = [t for t in self.takes if t.taken and not t.no_speech]
        if len(taken) < 2:
            return []
        names: dict[str, str] = {}
        hit_in: dict[str, list[TakeResult]] = {}
        for t in taken:
            for c in t.checklist:
                names.setdefault(c.id, c.name)
                hit_in.setdefault(c.id, [])
                if c.hit:
                    hit_in[c.id].append(t)
        kept = [names[s] for s, ts in hit_in.items() if len(ts) == len(taken)]
        notes = []
        if kept:
            notes.append(f"Kept in every take: {', '.join(kept)}.")
        lost_in: dict[tuple[str, ...], list[str]] = {}  # the takes -> the signals lost there
        for s, ts in hit_in.items():
            if 0 < len(ts) < len(taken):
                lost = tuple(t.framing.lens for t in taken if t not in ts)
                lost_in.setdefault(lost, []).append(names[s])
        for lenses, lost_names in lost_in.items():
            titles = [f.title.lower().replace(" ", "-") for f in framings() if f.lens in lenses]
            notes.append(f"Missing only in the {_join(titles)} "
                         f"take{'s' if len(titles) > 1 else ''}: {', '.join(lost_names)}.")
        never = [names[s] for s, ts in hit_in.items() if not ts]
        if never:
            notes.append(f"Missed in every take: {', '.join(never)}.")
        return notes

    def to_dict(self) -> dict:
        """The object `mockloop drill ID --json` prints."""
        return {"id": self.first_id, "round": ROUND_ID, "prompt": self.prompt_text,
                "landed": self.landed, "complete": self.complete, "headline": self.headline,
                "takes": [t.to_dict() for t in self.takes],
                "checklist_notes": self.checklist_notes}


def take_result(framing: Framing, report: dict | None, rubric: Rubric,
                history_id: int | None = None) -> TakeResult:
    """One take's lens shares and checklist from its saved report (the cli.md JSON)."""
    if report is None:
        return TakeResult(framing, None)
    lens = report.get("lens")
    shares: dict = lens if isinstance(lens, dict) else {}
    checks = []
    for s in report.get("signals") or []:
        if not isinstance(s, dict) or not s.get("id"):
            continue
        sid = str(s["id"])
        sig = rubric.signals.get(sid)
        checks.append(Check(sid, sig.name if sig else sid, bool(s.get("hit"))))
    rid = history_id if history_id is not None else report.get("id")
    dominant = report.get("dominant_lens")
    return TakeResult(framing, rid if isinstance(rid, int) else None,
                      {k: float(shares.get(k) or 0.0) for k in LENSES},
                      dominant if dominant in LENSES else None, tuple(checks),
                      bool(report.get("no_speech")))


def compare(reports: Sequence[dict | None], rubric: Rubric,
            prompt_text: str | None = None) -> DrillComparison:
    """The side-by-side view of a drill's takes: `reports` in take order (product, model,
    system; None for a take not recorded)."""
    all_ = framings()
    padded = list(reports) + [None] * (len(all_) - len(reports))
    return DrillComparison(tuple(take_result(f, r, rubric) for f, r in zip(all_, padded,
                                                                          strict=False)),
                           prompt_text)


def load_drill(store, rubric: Rubric, first_id: int) -> DrillComparison:
    """A drill from the history, by its first take's id (UserError when that round does not
    start a drill; its message names the drill's first take when it is a later take)."""
    row = store.get(first_id)
    all_ = framings()
    if row.kind != all_[0].kind:
        if row.kind in {f.kind for f in all_[1:]} and row.follows is not None:
            raise UserError(f"Round {first_id} is a later take of the drill that starts at "
                            f"round {row.follows}: ask for round {row.follows}.")
        raise UserError(f"Round {first_id} does not start a three-framings drill.")
    later: dict[str, int] = {}
    for other in store.list_rounds(round_id=ROUND_ID, status="complete"):
        # Newest first: a framing taken twice for the same drill shows its latest take.
        if other.follows == first_id and other.kind and other.kind not in later:
            later[other.kind] = other.id
    reports: list[dict | None] = [_saved(store, first_id)]
    for f in all_[1:]:
        rid = later.get(f.kind)
        reports.append(_saved(store, rid) if rid is not None else None)
    story = None
    prompt = None
    try:
        prompt = rubric.round(ROUND_ID).prompt(row.prompt_id) if row.prompt_id else None
    except UserError:
        prompt = None
    if prompt is not None:
        story = prompt.text
    elif row.prompt_text:
        story = row.prompt_text.removesuffix(all_[0].ask).strip()
    return compare(reports, rubric, story)


def _saved(store, history_id: int) -> dict | None:
    data = store.report(history_id)
    if data is not None:
        data = dict(data, id=history_id)
    return data


def _pct(share: float) -> str:
    return f"{round(100 * share)}%"


def _lens_words(lens: str) -> str:
    return next((f.lens_words for f in framings() if f.lens == lens), lens)


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
