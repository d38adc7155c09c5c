"""A history made by the real analysis of real answers (tests/devset/dev.jsonl, typed), saved
at chosen dates; each answer is analysed once per test session."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[1] / "devset" / "dev.jsonl"
ROUNDS = ("system-design", "story-90")
DAY0 = date(2025, 3, 3)  # a Monday


@dataclass(frozen=True)
class Answer:
    id: str
    round: str
    report: dict  # the real analysis (RoundReport.to_dict), not saved
    hits: frozenset[str]


@pytest.fixture(scope="session")
def answers(tmp_path_factory) -> dict[str, list[Answer]]:
    """Every swe system-design and story-90 dev answer, analysed as typed text."""
    from mockloop.session import Services
    from mockloop.settings import Settings
    from mockloop.store import Store

    home = tmp_path_factory.mktemp("scratch-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOCKLOOP_HOME", str(home))
        store = Store(home / "scratch.db")
        services = Services(store=store, settings=Settings())
        out: dict[str, list[Answer]] = {r: [] for r in ROUNDS}
        for line in DEV.read_text().splitlines():
            row = json.loads(line)
            if row["role"] != "swe" or row["round"] not in ROUNDS:
                continue
            data = services.analyze_text("swe", row["round"], row["text"], save=False).to_dict()
            out[row["round"]].append(Answer(row["id"], row["round"], data, frozenset(
                s["id"] for s in data["signals"] if s["hit"])))
        store.close()
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


def pick(pool: list[Answer], *, hit: set[str] = frozenset(), miss: set[str] = frozenset(),
         n: int) -> list[Answer] | None:
    """`n` answers that hit every signal in `hit` and miss every one in `miss`, or None."""
    got = [a for a in pool if hit <= a.hits and not (miss & a.hits)]
    return got[:n] if len(got) >= n else None
