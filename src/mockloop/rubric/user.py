"""The user's own rubric.toml: extra rounds and extra prompts on top of the built-in rubric.

Format (also in resources/rubric/USER-RUBRIC.md)::

    # A new round: the same keys as the built-in rounds.
    [rounds.behavioral-conflict]
    title = "Disagreement with a teammate"
    length_s = 120                      # seconds, more than 0
    lens = "role"                       # "role", "product", "model", "system" or "none"
    signals = ["ownership", "tradeoff", "fallout"]   # ids from the built-in signal list
    summary = "One story of a disagreement and how it was settled."   # optional
    amber_at_s = 90                     # optional; default 75% of length_s
    red_at_s = 110                      # optional; default 90% of length_s (before the end)
    overtime_s = 15                     # optional; default 15 s up to 2 min, more for longer

    [[rounds.behavioral-conflict.checkpoints]]     # optional, any number
    at_s = 40                           # by this time (at most length_s) ...
    signals = ["ownership"]             # ... these of the round's signals should be out
    window = "by"                       # optional; "end": they belong to the final stretch,
                                        # from at_s to the end (early before it)
    label = "Your position stated"      # optional; only shown when `signals` is empty: a
                                        # checkpoint is named after the signals it checks

    [[rounds.behavioral-conflict.prompts]]         # at least one prompt per new round
    id = "design-review"                # becomes "behavioral-conflict/design-review"
    text = "Tell me about a time you disagreed with a design in review."
    title = "Design review"             # optional short label

    # Extra prompts for any round, built-in or your own.
    [[prompts.story-90]]
    id = "my-migration"
    text = "Tell me about the database migration you led last year."

Bad entries are skipped, not the whole file: a round with any problem is left out, an extra
prompt with a problem is left out, and each skip becomes one line in `Rubric.warnings`
(`rubric.toml: rounds.x.signals[2]: unknown signal 'tradoff' (did you mean 'tradeoff'?)`).
A file that cannot be read or is not valid TOML is skipped as a whole, with one warning.
Built-in rounds cannot be replaced, and users cannot add roles, lenses or signals: the analysis
only knows how to detect the built-in signals.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mockloop.rubric import fields as f
from mockloop.rubric.model import Round, Rubric
from mockloop.rubric.parse import parse_prompt, parse_round, prompt_array

SECTIONS = ("rounds", "prompts")


def read_user_file(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The parsed file, or None and one warning saying why it was skipped whole."""
    label = path.name
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None, f"{label}: file not found ({path})"
    except OSError as exc:
        return None, f"{label}: cannot be read ({exc.strerror or exc}); the file was skipped"
    except UnicodeDecodeError:
        return None, f"{label}: is not UTF-8 text; the file was skipped"
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        return None, f"{label}: not valid TOML ({exc}); the file was skipped"
    except RecursionError:
        # Thousands of nested [[[...]]] or {a={b=...}}: the parser recurses once per level.
        return None, f"{label}: values are nested too deeply to read; the file was skipped"
    except ValueError:
        # tomllib lets int() refuse a number of thousands of digits with its own message.
        return None, f"{label}: holds a number too long to read; the file was skipped"


def merge_user(base: Rubric, data: dict[str, Any], label: str) -> Rubric:
    """`base` plus the good entries of a parsed user file; skipped entries go to warnings."""
    warnings = list(base.warnings)
    rounds: dict[str, Round] = dict(base.rounds)

    def skip(exc: f.EntryError, what: str) -> None:
        warnings.append(f"{exc.message(label)}; {what} was skipped")

    for name in data:
        if name not in SECTIONS:
            exc = f.EntryError(name, "unknown section; a user file may only add [rounds.<id>] "
                                     "and [[prompts.<round id>]]")
            skip(exc, "this section")
    for round_id, raw in _section(data, "rounds", skip).items():
        key = f"rounds.{round_id}"
        try:
            if round_id in base.rounds:
                raise f.EntryError(key, f"duplicate round id: '{round_id}' is built in; add "
                                        f"prompts to it with [[prompts.{round_id}]] instead")
            rounds[round_id] = parse_round(round_id, raw, key, base.signals, builtin=False)
        except f.EntryError as exc:
            skip(exc, "the round")
    for round_id, entries in _section(data, "prompts", skip).items():
        key = f"prompts.{round_id}"
        try:
            f.known_id(round_id, rounds, key, "round")
            items = prompt_array(entries, key)
        except f.EntryError as exc:
            skip(exc, "this list of prompts")
            continue
        for i, raw in enumerate(items):
            try:
                prompt = parse_prompt(round_id, raw, f"{key}[{i}]", builtin=False)
                rnd = rounds[round_id]
                if prompt.id in {p.id for p in rnd.prompts}:
                    raise f.EntryError(f"{key}[{i}].id", f"duplicate prompt id '{prompt.key}': "
                                                         f"round '{round_id}' already has it")
            except f.EntryError as exc:
                skip(exc, "the prompt")
                continue
            rounds[round_id] = dataclasses.replace(rnd, prompts=(*rnd.prompts, prompt))
    for round_id, rnd in list(rounds.items()):
        if not rnd.prompts:
            empty = f.EntryError(f"rounds.{round_id}", "has no prompts; add at least one with "
                                                       f"[[rounds.{round_id}.prompts]]")
            skip(empty, "the round")
            del rounds[round_id]
    return dataclasses.replace(base, rounds=rounds, warnings=tuple(warnings))


def _section(data: dict[str, Any], name: str,
             skip: Callable[[f.EntryError, str], None]) -> dict[str, Any]:
    try:
        return f.table(data.get(name, {}), name)
    except f.EntryError as exc:
        skip(exc, "this section")
        return {}
