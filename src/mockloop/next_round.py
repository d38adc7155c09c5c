"""What to practise next for a role: spaced repetition over the signals the user misses.

Each signal of the role's loop has a review date, from its attempts in the role's history
(complete rounds with speech, as mockloop.progress reads them):

- last attempt missed: due at once (it comes round again as soon as possible);
- landed once since the last miss: due the day after;
- landed n >= 2 times in a row: due 3 * 2^(n-2) days after the last attempt (3, 6, 12, ...,
  at most MAX_INTERVAL_DAYS): a signal just landed twice drops back for a few days;
- never attempted: due, but weighs UNSEEN_WEIGHT, so a signal being missed outranks it.

A due signal that was attempted weighs 1 + its share of misses in its last RECENT_N attempts
(1 to 2): the more it keeps being missed, the more it pulls. Each round of the role's loop
scores the sum of the weights of its due signals (within a round they rank by weight, then
the longer run of misses, then more misses overall); the highest wins (ties: the round done
longest ago, then loop order). Its prompt is the one used longest ago (never used first, in
rubric order), so the prompt just done is not given again. With nothing due, the loop round
done longest ago; with no history, the loop's first round.

Deterministic: the same history and `today` give the same suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mockloop.progress import RECENT_N, Attempt, History, load_history, streak
from mockloop.rubric.model import Rubric

UNSEEN_WEIGHT = 0.25
MAX_INTERVAL_DAYS = 60


def interval_days(run: int) -> int:
    """Days from the last attempt to the next review, for a streak (misses < 0 < hits)."""
    if run <= 0:
        return 0
    if run == 1:
        return 1
    return min(MAX_INTERVAL_DAYS, 3 * 2 ** (run - 2))


@dataclass(frozen=True)
class SignalDue:
    id: str
    name: str
    attempts: int
    misses: int  # of all its attempts
    last_hits: int
    last_n: int
    streak: int
    last_day: date | None
    due: date | None  # None: never attempted (due now)
    is_due: bool
    weight: float  # 0 when not due

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "attempts": self.attempts,
                "misses": self.misses, "last": {"hits": self.last_hits, "of": self.last_n},
                "streak": self.streak,
                "last_practised": self.last_day.isoformat() if self.last_day else None,
                "due": self.due.isoformat() if self.due else None, "is_due": self.is_due,
                "weight": round(self.weight, 3)}


@dataclass(frozen=True)
class RoundScore:
    round: str
    score: float
    due: tuple[str, ...]  # its due signal ids, heaviest first
    last_done: str | None  # started_at of the last take of it

    def to_dict(self) -> dict:
        return {"round": self.round, "score": round(self.score, 3), "due": list(self.due),
                "last_done": self.last_done}


@dataclass(frozen=True)
class Suggestion:
    role: str
    today: date
    round: str
    round_title: str
    length_s: float
    prompt_id: str
    prompt_text: str
    prompt_title: str
    why: str
    first_round: bool  # no history: the loop's first round
    due: tuple[SignalDue, ...]  # the chosen round's due signals, heaviest first
    signals: tuple[SignalDue, ...]  # every signal of the loop, in loop order
    scores: tuple[RoundScore, ...]  # every round of the loop, in loop order

    def to_dict(self) -> dict:
        return {
            "role": self.role, "today": self.today.isoformat(),
            "round": {"id": self.round, "title": self.round_title, "length_s": self.length_s},
            "prompt": {"id": self.prompt_id, "title": self.prompt_title,
                       "text": self.prompt_text},
            "why": self.why, "first_round": self.first_round,
            "due": [s.to_dict() for s in self.due],
            "signals": [s.to_dict() for s in self.signals],
            "rounds": [r.to_dict() for r in self.scores],
        }


def schedule(rubric: Rubric, role: str, hist: History, today: date) -> list[SignalDue]:
    """Every signal of the role's loop with its review date, in loop order."""
    ids: list[str] = []
    for rnd in rubric.loop(role):
        ids.extend(s for s in rnd.signals if s not in ids)
    return [_due(rubric, sid, hist.attempts.get(sid, []), today) for sid in ids]


def _due(rubric: Rubric, signal_id: str, attempts: list[Attempt], today: date) -> SignalDue:
    sig = rubric.signals.get(signal_id)
    name = sig.name if sig else signal_id
    if not attempts:
        return SignalDue(signal_id, name, 0, 0, 0, 0, 0, None, None, True, UNSEEN_WEIGHT)
    run = streak(attempts)
    last = attempts[-RECENT_N:]
    last_hits = sum(a.hit for a in last)
    last_day = attempts[-1].day
    due = last_day + timedelta(days=interval_days(run))
    is_due = due <= today
    weight = 1.0 + (len(last) - last_hits) / len(last) if is_due else 0.0
    misses = sum(not a.hit for a in attempts)
    return SignalDue(signal_id, name, len(attempts), misses, last_hits, len(last), run,
                     last_day, due, is_due, weight)


def suggest(store, rubric: Rubric, role: str, today: date, *,
            history: History | None = None) -> Suggestion:
    """The round and prompt to practise next for `role`, and one line on why."""
    role_def = rubric.role(role)  # NotFoundError for an unknown role
    hist = history if history is not None else load_history(store, role)
    loop = rubric.loop(role)
    signals = schedule(rubric, role, hist, today)
    by_id = {s.id: s for s in signals}
    last_done: dict[str, str] = {}
    prompt_used: dict[str, str] = {}
    for take in hist.takes:  # oldest first: the last write wins
        last_done[take.round] = take.at
        if take.prompt_id:
            prompt_used[take.prompt_id] = take.at
    scores = []
    for rnd in loop:
        due = sorted((by_id[s] for s in rnd.signals if by_id[s].is_due),
                     key=lambda s: (-s.weight, s.streak, -s.misses, rnd.signals.index(s.id)))
        scores.append(RoundScore(rnd.id, sum(s.weight for s in due), tuple(s.id for s in due),
                                 last_done.get(rnd.id)))
    if hist.empty:
        chosen = loop[0]
        why = (f"No rounds yet for {role_def.name}: start with the first round of its loop, "
               f"{chosen.id}.")
    else:
        position = {r.id: i for i, r in enumerate(loop)}
        best = min(scores, key=lambda s: (-round(s.score, 9), s.last_done or "",
                                          position[s.round]))
        chosen = rubric.round(best.round)
        why = _why(best, by_id, hist, role_def.name)
    due_here = tuple(by_id[s] for s in next(x for x in scores if x.round == chosen.id).due)
    prompt = min(chosen.prompts, key=lambda p: (prompt_used.get(p.id, ""),
                                                chosen.prompts.index(p)))
    return Suggestion(
        role=role, today=today, round=chosen.id, round_title=chosen.title,
        length_s=chosen.length_s, prompt_id=prompt.id, prompt_text=prompt.text,
        prompt_title=prompt.title, why=why, first_round=hist.empty, due=due_here,
        signals=tuple(signals), scores=tuple(scores))


def _why(best: RoundScore, by_id: dict[str, SignalDue], hist: History, role_name: str) -> str:
    if not best.due:
        done = best.last_done
        if done is None:
            return f"Nothing is due for review; you have not practised {best.round} yet."
        return (f"Nothing is due for review: every signal you practised landed lately; "
                f"{best.round} is the round you did longest ago ({done[:10]}).")
    top = by_id[best.due[0]]
    others = [by_id[s].name for s in best.due[1:] if by_id[s].attempts][:3]
    also = f"; also due here: {', '.join(others)}" if others else ""
    if not top.attempts:
        n = len(best.due)
        return (f"You have not practised {best.round} yet: {n} of its signals are new to you "
                f"({top.name} first).")
    here = [a for a in hist.attempts.get(top.id, []) if a.round == best.round][-RECENT_N:]
    missed_here = sum(not a.hit for a in here)
    if top.streak < 0 and missed_here:
        line = (f"You missed {top.name} in {missed_here} of your last {len(here)} "
                f"{best.round} round{'s' if len(here) != 1 else ''}")
    elif top.streak < 0:
        line = (f"You missed {top.name} in {top.last_n - top.last_hits} of your last "
                f"{top.last_n} rounds that score it")
    else:
        line = (f"{top.name} is due for review: you landed it last time after missing "
                f"{top.last_n - top.last_hits} of your last {top.last_n}")
    return line + also + "."
