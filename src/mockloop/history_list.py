"""What the History page shows for each saved round: the cells of its row, what a click on a
column's name sorts it by, what hovering tells, and how a linked round is marked (a follow-up
names the round it follows; a take of a three-framings drill names its framing and leads to
the drill's side-by-side view).

Qt-free: the window's table (ui/history/) only displays these lines. Times and lengths are
formatted by the window when a row is painted (only the rows on screen are).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mockloop import drills, followup
from mockloop.errors import RubricError
from mockloop.rubric.model import Rubric
from mockloop.store.search import SNIPPET_MARKS

COLUMNS = ("When", "Round", "Role", "Signals", "Length", "Status", "Prompt / match")
WHEN, ROUND, ROLE, SIGNALS, LENGTH, STATUS, MATCH = range(len(COLUMNS))
STATUS_NAMES = {"complete": "Complete", "interrupted": "Interrupted",
                "recording": "Recording", "failed": "Failed"}
EDITED_TIP = ("You corrected this round's transcript; it is scored from your text and the "
              "recognised original is kept.")
DRILL_NAME = "Three framings"


def plain(snippet: str | None) -> str:
    """A search snippet without its match marks, on one line."""
    text = (snippet or "").replace(SNIPPET_MARKS[0], "").replace(SNIPPET_MARKS[1], "")
    return " ".join(text.split())


def snippet_parts(snippet: str | None) -> list[tuple[str, bool]]:
    """A search snippet as (text, matched) pieces, in order, whitespace on one line."""
    text = " ".join((snippet or "").split())
    opening, closing = SNIPPET_MARKS
    parts: list[tuple[str, bool]] = []
    while text:
        start = text.find(opening)
        if start < 0:
            parts.append((text, False))
            break
        if start:
            parts.append((text[:start], False))
        end = text.find(closing, start + len(opening))
        end = len(text) if end < 0 else end
        parts.append((text[start + len(opening):end], True))
        text = text[end + len(closing):]
    return [(t, m) for t, m in parts if t]


@dataclass(frozen=True)
class DrillTake:
    """A round that is one take of a three-framings drill."""

    first_id: int  # the drill's id: its first take's (`mockloop drill ID`)
    framing: drills.Framing
    number: int  # 1, 2 or 3: the framing's place in the drill

    @property
    def label(self) -> str:
        """"Three framings · product risk": the line under the round's name in History."""
        return f"{DRILL_NAME} · {self.framing.title.lower()}"

    @property
    def step(self) -> str:
        """"Take 2 of 3 · Model risk"."""
        return f"Take {self.number} of {len(drills.framings())} · {self.framing.title}"


def drill_take(row: Any) -> DrillTake | None:
    """The drill a saved round (a RoundRow) is a take of, or None. A later take whose first
    take was deleted (its link cleared) leads nowhere: None."""
    try:
        framing = drills.framing_of_kind(getattr(row, "kind", None))
        all_ = drills.framings()
    except RubricError:  # a damaged drill file: History still lists the round, unmarked
        return None
    if framing is None:
        return None
    number = all_.index(framing) + 1
    first = row.id if number == 1 else getattr(row, "follows", None)
    if first is None:
        return None
    return DrillTake(int(first), framing, number)


def link_line(row: Any, take: DrillTake | None = None) -> str | None:
    """The line under a linked round's name: "↳ follow-up to round #12", or "Three framings ·
    model risk" for a drill's take (`take`: its drill_take, when known); None for a round of
    its own."""
    kind = getattr(row, "kind", None)
    if kind is None:
        return None
    note = followup.link_note(getattr(row, "follows", None), kind)
    if note:
        return f"↳ {note}"
    take = take or drill_take(row)
    return take.label if take is not None else None


@dataclass(frozen=True)
class Line:
    """One row of the History table."""

    id: int
    status: str  # the store's status: complete, interrupted, recording, failed
    started_at: str
    title: str  # the round's name
    link: str | None  # the line under it (link_line)
    role: str  # the role's name
    hits: int | None
    scored: int | None
    length_s: float | None
    edited: bool
    matched: str  # the search hit, plain ("" when not searching)
    snippet: str | None  # the same with its match marks (snippet_parts)
    prompt: str  # the prompt, on one line
    drill: DrillTake | None

    @property
    def round_text(self) -> str:
        """The round's cell: its name, and the link line under it."""
        return f"{self.title}\n{self.link}" if self.link else self.title

    @property
    def signals(self) -> str:
        return f"{self.hits} / {self.scored}" if self._scored else "–"

    @property
    def _scored(self) -> bool:
        return self.status == "complete" and bool(self.scored)

    @property
    def status_text(self) -> str:
        """"Complete", "Complete · edited", "Interrupted"..."""
        shown = STATUS_NAMES.get(self.status, self.status.title())
        return shown + (" · edited" if self.edited else "")

    @property
    def match_text(self) -> str:
        """The last column: the search hit when searching, else the prompt."""
        return self.matched or self.prompt

    @property
    def match_tip(self) -> str:
        """Hovering the last column: the matched sentence, then the prompt it answered."""
        if self.matched and self.prompt:
            return f"Matched: {self.matched}\n\nPrompt: {self.prompt}"
        return self.matched or self.prompt

    @property
    def round_tip(self) -> str:
        return self.round_text + (f"\n\n{self.prompt}" if self.prompt else "")

    def sort_key(self, column: int) -> str | float:
        """What a click on the column's name sorts by (times and numbers, not the text)."""
        if column == WHEN:
            return f"{self.started_at}#{self.id:012d}"
        if column == ROUND:
            return self.round_text.lower()
        if column == ROLE:
            return self.role.lower()
        if column == SIGNALS:
            return (self.hits or 0) / (self.scored or 1) if self._scored else -1.0
        if column == LENGTH:
            return float(self.length_s or 0.0)
        if column == STATUS:
            return self.status_text
        return self.match_text.lower()


def line(row: Any, rubric: Rubric) -> Line:
    """The History line of one RoundRow (store.list_rounds)."""
    rnd = rubric.rounds.get(row.round)
    role = rubric.roles.get(row.role)
    take = drill_take(row) if getattr(row, "kind", None) else None
    return Line(
        id=int(row.id), status=row.status or "", started_at=str(row.started_at or ""),
        title=rnd.title if rnd else str(row.round), link=link_line(row, take),
        role=role.name if role else str(row.role),
        hits=getattr(row, "hits", None), scored=getattr(row, "scored", None),
        length_s=getattr(row, "duration_s", None) or getattr(row, "audio_s", None),
        edited=bool(getattr(row, "edited", False)),
        matched=plain(getattr(row, "snippet", None)), snippet=getattr(row, "snippet", None),
        prompt=" ".join(str(row.prompt_text or "").split()), drill=take)


def lines(rows: list, rubric: Rubric) -> list[Line]:
    return [line(r, rubric) for r in rows]
