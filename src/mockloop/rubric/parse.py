"""Build the frozen rubric objects from parsed TOML tables, checking each as it goes.

Each function raises `EntryError` (naming the key) at the first problem in its entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockloop.rubric import fields as f
from mockloop.rubric.model import (
    CHECKPOINT_WINDOWS,
    LENSES,
    Checkpoint,
    Lens,
    Prompt,
    Role,
    Round,
    SignalDef,
)

SIGNAL_GROUPS = ("shared", "ai-engineer", "mle", "swe", "comp")
ROUND_KEYS = ("title", "length_s", "lens", "summary", "signals", "amber_at_s", "red_at_s",
              "overtime_s", "checkpoints", "prompts", "vocabulary")
MAX_VOCABULARY = 40  # terms; the recogniser's context is short and shared with the answer
ROUND_LENSES = ("role", *LENSES, "none")  # "role": the role's own lens; "none": no lens expected


def parse_lens(lens_id: str, raw: Any, key: str) -> Lens:
    tbl = f.table(raw, key)
    f.only_keys(tbl, ("name", "covers"), key)
    f.known_id(lens_id, LENSES, key, "lens")
    return Lens(id=lens_id, name=f.text(tbl, "name", key), covers=f.text(tbl, "covers", key))


def parse_signal(signal_id: str, raw: Any, key: str) -> SignalDef:
    tbl = f.table(raw, key)
    f.only_keys(tbl, ("name", "group", "description", "suggestion"), key)
    f.slug(signal_id, key, "signal")
    group = f.text(tbl, "group", key)
    f.known_id(group, SIGNAL_GROUPS, f"{key}.group", "signal group")
    return SignalDef(
        id=signal_id,
        name=f.text(tbl, "name", key),
        description=f.text(tbl, "description", key),
        suggestion=f.text(tbl, "suggestion", key),
        group=group,
    )


def parse_role(role_id: str, raw: Any, key: str, rounds: Mapping[str, Round]) -> Role:
    tbl = f.table(raw, key)
    f.only_keys(tbl, ("name", "lens", "loop", "blurb"), key)
    f.slug(role_id, key, "role")
    lens = f.known_id(f.text(tbl, "lens", key), LENSES, f"{key}.lens", "lens")
    loop = f.str_list(tbl, "loop", key)
    if not loop:
        raise f.EntryError(f"{key}.loop", "is empty (name at least one round)")
    for i, round_id in enumerate(loop):
        f.known_id(round_id, rounds, f"{key}.loop[{i}]", "round")
    f.unique_ids(loop, f"{key}.loop", "round")
    return Role(id=role_id, name=f.text(tbl, "name", key), lens=lens, loop=tuple(loop),
                blurb=f.text(tbl, "blurb", key, default=""))


def parse_prompt(round_id: str, raw: Any, key: str, *, builtin: bool) -> Prompt:
    tbl = f.table(raw, key)
    f.only_keys(tbl, ("id", "text", "title"), key)
    short = f.slug(f.text(tbl, "id", key), f"{key}.id", "prompt")
    return Prompt(id=f"{round_id}/{short}", text=f.text(tbl, "text", key), builtin=builtin,
                  title=f.text(tbl, "title", key, default=""))


def prompt_array(value: Any, key: str) -> list[Any]:
    """The entries of one `[[prompts.<round>]]` array of tables."""
    if not isinstance(value, list):
        raise f.EntryError(key, f"expected a list of tables ([[{key}]]), got "
                                f"{f.type_name(value)}")
    return value


def add_prompts(existing: tuple[Prompt, ...], new: list[Prompt], key: str,
                where: str) -> tuple[Prompt, ...]:
    """`existing` plus `new`, refusing a prompt id that is already taken."""
    taken = {p.id for p in existing}
    for i, prompt in enumerate(new):
        if prompt.id in taken:
            raise f.EntryError(f"{key}[{i}].id", f"duplicate prompt id '{prompt.key}' {where}")
        taken.add(prompt.id)
    return existing + tuple(new)


def default_thresholds(length_s: float) -> tuple[float, float, float]:
    """amber_at_s, red_at_s, overtime_s when a round leaves them out."""
    overtime = 15.0 if length_s <= 120 else 30.0 if length_s <= 300 else 60.0
    return round(length_s * 0.75, 1), round(length_s * 0.9, 1), overtime


def parse_round(round_id: str, raw: Any, key: str, signals: Mapping[str, SignalDef], *,
                builtin: bool) -> Round:
    """One round; its prompts may be empty here (they can also come from a `prompts` table)."""
    tbl = f.table(raw, key)
    f.only_keys(tbl, ROUND_KEYS, key)
    f.slug(round_id, key, "round")
    length = f.positive(f.number(tbl, "length_s", key), f"{key}.length_s")
    lens = f.known_id(f.text(tbl, "lens", key, default="role"), ROUND_LENSES, f"{key}.lens",
                      "lens")
    scored = f.str_list(tbl, "signals", key)
    if not scored:
        raise f.EntryError(f"{key}.signals", "is empty (a round scores at least one signal)")
    for i, signal_id in enumerate(scored):
        f.known_id(signal_id, signals, f"{key}.signals[{i}]", "signal")
    f.unique_ids(scored, f"{key}.signals", "signal")
    amber, red, overtime = _thresholds(tbl, key, length)
    checkpoints = [_checkpoint(c, f"{key}.checkpoints[{i}]", length, scored, signals)
                   for i, c in enumerate(f.table_list(tbl, "checkpoints", key))]
    prompts = [parse_prompt(round_id, p, f"{key}.prompts[{i}]", builtin=builtin)
               for i, p in enumerate(f.table_list(tbl, "prompts", key))]
    return Round(
        id=round_id,
        title=f.text(tbl, "title", key),
        length_s=length,
        expected_lens=None if lens == "none" else lens,
        signals=tuple(scored),
        prompts=add_prompts((), prompts, f"{key}.prompts", "in this round"),
        checkpoints=tuple(sorted(checkpoints, key=lambda c: c.at_s)),
        amber_at_s=amber,
        red_at_s=red,
        overtime_s=overtime,
        summary=f.text(tbl, "summary", key, default=""),
        builtin=builtin,
        vocabulary=_vocabulary(tbl, key),
    )


def _vocabulary(tbl: Mapping[str, Any], key: str) -> tuple[str, ...]:
    terms = f.str_list(tbl, "vocabulary", key, required=False)
    if len(terms) > MAX_VOCABULARY:
        raise f.EntryError(f"{key}.vocabulary", f"has {len(terms)} terms (at most "
                                                f"{MAX_VOCABULARY})")
    for i, term in enumerate(terms):
        if not term.strip() or len(term) > 40:
            raise f.EntryError(f"{key}.vocabulary[{i}]", "must be a word or short phrase "
                                                         "(1 to 40 characters)")
    return tuple(" ".join(t.split()) for t in terms)


def _thresholds(tbl: Mapping[str, Any], key: str, length: float) -> tuple[float, float, float]:
    d_amber, d_red, d_overtime = default_thresholds(length)
    amber = f.positive(f.number(tbl, "amber_at_s", key, default=d_amber), f"{key}.amber_at_s")
    red = f.positive(f.number(tbl, "red_at_s", key, default=d_red), f"{key}.red_at_s")
    overtime = f.number(tbl, "overtime_s", key, default=d_overtime)
    if not amber < red:
        raise f.EntryError(f"{key}.red_at_s", f"must come after amber_at_s ({amber:g} s), "
                                              f"got {red:g} s")
    if not red < length:
        raise f.EntryError(f"{key}.red_at_s", f"must come before the round ends "
                                              f"(length_s = {length:g} s), got {red:g} s")
    if overtime < 0:
        raise f.EntryError(f"{key}.overtime_s", f"cannot be negative, got {overtime:g}")
    return amber, red, overtime


CHECKPOINT_NAME_SEP = " · "  # names hold "and" themselves ("Latency and cost budget")


def names_label(names: list[str]) -> str:
    """A checkpoint's label from its signals' names: "A", "A · B", "A · B · C"."""
    return CHECKPOINT_NAME_SEP.join(names)


def _checkpoint(raw: dict[str, Any], key: str, length: float, scored: list[str],
                signals: Mapping[str, SignalDef]) -> Checkpoint:
    """One checkpoint. Its label is the names of the signals it checks, so the debrief never
    calls a point something else than the checklist does; `label` in the file is only used
    for a checkpoint that names no signals."""
    f.only_keys(raw, ("at_s", "label", "signals", "window"), key)
    at = f.positive(f.number(raw, "at_s", key), f"{key}.at_s")
    if at > length:
        raise f.EntryError(f"{key}.at_s", f"{at:g} s is past the round's end "
                                          f"(length_s = {length:g} s)")
    expected = f.str_list(raw, "signals", key, required=False)
    for i, signal_id in enumerate(expected):
        if signal_id not in scored:
            raise f.EntryError(f"{key}.signals[{i}]", f"'{signal_id}' is not one of this "
                                                     f"round's signals ({', '.join(scored)})")
    f.unique_ids(expected, f"{key}.signals", "signal")
    window = f.known_id(f.text(raw, "window", key, default="by"), CHECKPOINT_WINDOWS,
                        f"{key}.window", "checkpoint window")
    if window == "end" and not at < length:
        raise f.EntryError(f"{key}.at_s", f"an end window must start before the round ends "
                                          f"(length_s = {length:g} s), got {at:g} s")
    names = tuple(signals[s].name for s in expected)
    if names:
        label = names_label(list(names))
    else:
        label = f.text(raw, "label", key, default=f"Checkpoint at {at:g} s")
    return Checkpoint(at_s=at, label=label, signals=tuple(expected), window=window,
                      names=names)
