"""The built-in rubric: TOML files shipped in the package under mockloop.resources/rubric/.

Any problem here is a bug in the shipped data, so it raises RubricError instead of warning.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from importlib.resources import files
from typing import Any

from mockloop.errors import RubricError
from mockloop.rubric import fields as f
from mockloop.rubric.model import LENSES, Rubric
from mockloop.rubric.parse import (
    add_prompts,
    parse_lens,
    parse_prompt,
    parse_role,
    parse_round,
    parse_signal,
    prompt_array,
)

# Read in this order; each file holds the one top-level table it is named after.
FILES = ("lenses.toml", "signals.toml", "rounds.toml", "prompts.toml", "roles.toml")


def read_text(name: str, what: str = "rubric") -> str:
    """The text of one shipped file in resources/rubric/ (the rubric's own files, the coaching,
    the follow-ups...); RubricError in one sentence when it cannot be read."""
    try:
        return files("mockloop.resources").joinpath("rubric", name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(f"rubric/{name}: the built-in {what} file cannot be read "
                          f"({exc}).") from None


def read_toml(name: str, what: str = "rubric") -> dict[str, Any]:
    """One shipped TOML file in resources/rubric/, parsed; RubricError when it is not TOML."""
    try:
        return tomllib.loads(read_text(name, what))
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"rubric/{name}: not valid TOML ({exc}).") from None


def read_resource(name: str) -> dict[str, Any]:
    """One shipped rubric file, parsed: the one top-level table it is named after."""
    label = f"rubric/{name}"
    data = read_toml(name)
    section = name.removesuffix(".toml")
    if set(data) != {section}:
        raise RubricError(f"{label}: must hold exactly one top-level table, [{section}].")
    return data[section]


@functools.lru_cache(maxsize=1)
def builtin_rubric() -> Rubric:
    """Load and check the shipped rubric (once per process)."""
    return build(**{name.removesuffix(".toml"): read_resource(name) for name in FILES})


def build(*, lenses: Any, signals: Any, rounds: Any, prompts: Any, roles: Any) -> Rubric:
    """Turn the five parsed tables into a Rubric; raises RubricError naming file and key."""
    label = "rubric/lenses.toml"  # which file the entry being checked came from
    try:
        lens_objs = {k: parse_lens(k, v, f"lenses.{k}")
                     for k, v in f.table(lenses, "lenses").items()}
        if set(lens_objs) != set(LENSES):
            raise f.EntryError("lenses", f"must define exactly {', '.join(LENSES)}")
        label = "rubric/signals.toml"
        signal_objs = {k: parse_signal(k, v, f"signals.{k}")
                       for k, v in f.table(signals, "signals").items()}
        label = "rubric/rounds.toml"
        round_objs = {k: parse_round(k, v, f"rounds.{k}", signal_objs, builtin=True)
                      for k, v in f.table(rounds, "rounds").items()}
        label = "rubric/prompts.toml"
        for round_id, entries in f.table(prompts, "prompts").items():
            key = f"prompts.{round_id}"
            f.known_id(round_id, round_objs, key, "round")
            new = [parse_prompt(round_id, e, f"{key}[{i}]", builtin=True)
                   for i, e in enumerate(prompt_array(entries, key))]
            rnd = round_objs[round_id]
            merged = add_prompts(rnd.prompts, new, key, f"in round '{round_id}'")
            round_objs[round_id] = dataclasses.replace(rnd, prompts=merged)
        for round_id, rnd in round_objs.items():
            if not rnd.prompts:
                raise f.EntryError(f"prompts.{round_id}", "missing (every round needs a prompt)")
        label = "rubric/roles.toml"
        role_objs = {k: parse_role(k, v, f"roles.{k}", round_objs)
                     for k, v in f.table(roles, "roles").items()}
    except f.EntryError as exc:
        raise RubricError(exc.message(label)) from None
    return Rubric(roles=role_objs, lenses=lens_objs, signals=signal_objs, rounds=round_objs)
