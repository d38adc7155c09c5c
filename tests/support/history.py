"""A history made by the real analysis of real answers (tests/devset/dev.jsonl), saved at
chosen dates. Shared by the progress tests (tests/progress) and the GUI tests of the Progress
page and the "what to practise next" card (tests/ui).

Each (role, rounds) set of dev answers is analysed once per test process, as typed text, with
a scratch store that is thrown away: only the reports are kept, to be saved by `seed`.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

DEV = Path(__file__).resolve().parents[1] / "devset" / "dev.jsonl"
DAY0 = date(2025, 3, 3)  # a Monday


@dataclass(frozen=True)
class Answer:
    id: str
    role: str
    round: str
    report: dict  # the real analysis (RoundReport.to_dict), not saved
    hits: frozenset[str]


_ANALYSED: dict[tuple[str, tuple[str, ...]], dict[str, list[Answer]]] = {}


def analysed(role: str, rounds: tuple[str, ...]) -> dict[str, list[Answer]]:
    """Every dev answer of `role` for each of `rounds`, analysed as typed text (cached)."""
    key = (role, tuple(rounds))
    if key in _ANALYSED:
        return _ANALYSED[key]
    import os

    from mockloop.session import Services
    from mockloop.settings import Settings
    from mockloop.store import Store

    old_home = os.environ.get("MOCKLOOP_HOME")
    with tempfile.TemporaryDirectory(prefix="mockloop-analysed-") as home:
        os.environ["MOCKLOOP_HOME"] = home
        try:
            store = Store(Path(home) / "scratch.db")
            services = Services(store=store, settings=Settings())
            out: dict[str, list[Answer]] = {r: [] for r in rounds}
            for line in DEV.read_text().splitlines():
                row = json.loads(line)
                if row["role"] != role or row["round"] not in out:
                    continue
                data = services.analyze_text(role, row["round"], row["text"],
                                             save=False).to_dict()
                out[row["round"]].append(Answer(row["id"], role, row["round"], data, frozenset(
                    s["id"] for s in data["signals"] if s["hit"])))
            store.close()
        finally:
            if old_home is None:
                os.environ.pop("MOCKLOOP_HOME", None)
            else:
                os.environ["MOCKLOOP_HOME"] = old_home
    _ANALYSED[key] = out
    return out


def at(day: int) -> datetime:
    """10:00 local time, `day` days after DAY0."""
    return datetime.combine(DAY0 + timedelta(days=day), time(10)).astimezone()


def seed(services, plan: list[tuple[int, Answer]], *, prompt: str | None = None) -> list[int]:
    """Save each answer as a complete typed round on its day; returns the history ids."""
    ids = []
    rubric = services.rubric
    for day, ans in plan:
        rnd = rubric.round(ans.round)
        p = rnd.prompt(prompt) if prompt else rnd.prompts[day % len(rnd.prompts)]
        ids.append(services.store.add_completed(
            ans.report, prompt_id=p.id, prompt_text=p.text, source="text", started_at=at(day)))
    return ids


def pick(pool: list[Answer], *, hit: set[str] | frozenset[str] = frozenset(),
         miss: set[str] | frozenset[str] = frozenset(), n: int) -> list[Answer] | None:
    """`n` answers that hit every signal in `hit` and miss every one in `miss`, or None."""
    got = [a for a in pool if hit <= a.hits and not (miss & a.hits)]
    return got[:n] if len(got) >= n else None
