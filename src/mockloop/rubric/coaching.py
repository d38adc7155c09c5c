"""Coaching for misses (resources/rubric/coaching.toml): per signal a one-line meaning, why each
role listens for it, the words that show an answer named it without doing it, and "Try:"
examples, each tagged with the one round and the roles it was written for.

Checked at load against the built-in rubric; a problem raises RubricError naming the key.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from mockloop.errors import RubricError
from mockloop.rubric import fields as f
from mockloop.rubric.model import Rubric

LABEL = "rubric/coaching.toml"
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class TryExample:
    signal: str
    round: str
    roles: tuple[str, ...]
    text: str

    @property
    def words(self) -> frozenset[str]:
        return frozenset(_WORD.findall(self.text.lower()))


@dataclass(frozen=True)
class SignalCoaching:
    id: str
    names: tuple[str, ...]  # normalised words that name the signal without doing it
    meaning: str
    named: str  # the line for a named-but-not-done miss; "{word}" is the word said
    why: dict[str, str]  # role id -> why this role listens for it
    tries: tuple[TryExample, ...] = ()

    def examples(self, round_id: str, role_id: str) -> tuple[TryExample, ...]:
        """The examples written for this round and role, in file order."""
        return tuple(t for t in self.tries if t.round == round_id and role_id in t.roles)


@dataclass(frozen=True)
class Coaching:
    signals: dict[str, SignalCoaching]

    def get(self, signal_id: str) -> SignalCoaching | None:
        return self.signals.get(signal_id)


def read_coaching_text() -> str:
    from mockloop.rubric.builtin import read_text

    return read_text("coaching.toml", "coaching")


@functools.lru_cache(maxsize=1)
def builtin_coaching() -> Coaching:
    """The shipped coaching, checked against the built-in rubric (once per process)."""
    from mockloop.rubric.builtin import builtin_rubric, read_toml

    return build_coaching(read_toml("coaching.toml", "coaching"), builtin_rubric())


def build_coaching(data: Any, rubric: Rubric) -> Coaching:
    """Parse and check the coaching tables; every scored (round, signal) must have at least one
    example for every role, and every example must fit the round it is tagged with."""
    try:
        top = f.table(data, "coaching.toml")
        f.only_keys(top, ("coaching",), "")
        tbl = f.table(top.get("coaching"), "coaching")
        f.only_keys(tbl, ("signals", "try"), "coaching")
        raw_signals = f.table(tbl.get("signals"), "coaching.signals")
        roles = tuple(rubric.roles)
        out: dict[str, SignalCoaching] = {}
        for sid, raw in raw_signals.items():
            key = f"coaching.signals.{sid}"
            f.known_id(sid, rubric.signals, key, "signal")
            entry = f.table(raw, key)
            f.only_keys(entry, ("names", "meaning", "named", "why"), key)
            names = f.str_list(entry, "names", key)
            if not names:
                raise f.EntryError(f"{key}.names", "is empty (give at least one naming word)")
            named = f.text(entry, "named", key)
            if "{word}" not in named:
                raise f.EntryError(f"{key}.named", "must contain {word} (the word said)")
            why = f.table(entry.get("why"), f"{key}.why")
            f.only_keys(why, roles, f"{key}.why")
            for role in roles:
                f.text(why, role, f"{key}.why")
            out[sid] = SignalCoaching(
                id=sid, names=tuple(" ".join(_WORD.findall(n.lower())) for n in names),
                meaning=f.text(entry, "meaning", key), named=named,
                why={r: f.text(why, r, f"{key}.why") for r in roles})
        for sid in rubric.signals:
            if sid not in out:
                raise f.EntryError(f"coaching.signals.{sid}", "missing (every signal needs "
                                                              "coaching)")
        tries: dict[str, list[TryExample]] = {sid: [] for sid in out}
        for i, raw in enumerate(f.table_list(tbl, "try", "coaching")):
            key = f"coaching.try[{i}]"
            f.only_keys(raw, ("signal", "round", "roles", "text"), key)
            sid = f.known_id(f.text(raw, "signal", key), out, f"{key}.signal", "signal")
            rid = f.known_id(f.text(raw, "round", key), rubric.rounds, f"{key}.round", "round")
            if sid not in rubric.rounds[rid].signals:
                raise f.EntryError(f"{key}.round", f"round '{rid}' does not score '{sid}'")
            tagged = f.str_list(raw, "roles", key)
            if not tagged:
                raise f.EntryError(f"{key}.roles", "is empty (tag the roles it is written for)")
            for k, role in enumerate(tagged):
                f.known_id(role, roles, f"{key}.roles[{k}]", "role")
            tries[sid].append(TryExample(signal=sid, round=rid, roles=tuple(tagged),
                                         text=f.text(raw, "text", key)))
        for rnd in rubric.rounds.values():
            if not rnd.builtin:
                continue
            for sid in rnd.signals:
                for role in roles:
                    if not any(t.round == rnd.id and role in t.roles for t in tries[sid]):
                        raise f.EntryError("coaching.try", f"no example for signal '{sid}' in "
                                                           f"round '{rnd.id}' for role '{role}'")
    except f.EntryError as exc:
        raise RubricError(exc.message(LABEL)) from None
    return Coaching(signals={sid: SignalCoaching(c.id, c.names, c.meaning, c.named, c.why,
                                                 tuple(tries[sid]))
                             for sid, c in out.items()})


def get_coaching() -> Coaching:
    """The coaching for the built-in signals (user rounds reuse the built-in signals)."""
    return builtin_coaching()
