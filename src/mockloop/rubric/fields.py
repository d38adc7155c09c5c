"""Typed reads from parsed TOML tables; every failure names the dotted key that is wrong.

A key path looks like `rounds.my-round.signals[2]` (list positions count from 0).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Every number in a rubric is a time in seconds; none is longer than the longest recording.
MAX_SECONDS = 3 * 3600


class EntryError(Exception):
    """One entry of a rubric file is invalid; `key` says where, `reason` says what."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason

    def message(self, file_label: str) -> str:
        return f"{file_label}: {self.key}: {self.reason}"


def type_name(value: Any) -> str:
    # TOML words, not Python ones, since the reader wrote TOML.
    names = {bool: "a true/false value", int: "a number", float: "a number", str: "a string",
             list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def table(value: Any, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise EntryError(key, f"expected a table, got {type_name(value)}")
    return value


def only_keys(tbl: Mapping[str, Any], allowed: Iterable[str], key: str) -> None:
    allowed = tuple(allowed)
    for name in tbl:
        if name not in allowed:
            hint = did_you_mean(name, allowed) or f" (allowed: {', '.join(allowed)})"
            raise EntryError(f"{key}.{name}", f"unknown key{hint}")


def text(tbl: Mapping[str, Any], name: str, key: str, *, default: str | None = None) -> str:
    """A non-empty string; `default` makes the key optional."""
    if name not in tbl:
        if default is None:
            raise EntryError(f"{key}.{name}", "missing (a text value is required)")
        return default
    value = tbl[name]
    if not isinstance(value, str):
        raise EntryError(f"{key}.{name}", f"expected a string, got {type_name(value)}")
    if not value.strip():
        raise EntryError(f"{key}.{name}", "is empty")
    return " ".join(value.split())  # TOML multi-line strings arrive with line breaks


def number(tbl: Mapping[str, Any], name: str, key: str, *,
           default: float | None = None) -> float:
    """A number of seconds; `default` makes the key optional."""
    if name not in tbl:
        if default is None:
            raise EntryError(f"{key}.{name}", "missing (a number of seconds is required)")
        return default
    value = tbl[name]
    # bool is an int in Python, but `length_s = true` is a mistake, not 1 second.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EntryError(f"{key}.{name}", f"expected a number, got {type_name(value)}")
    # TOML allows inf and nan, and integers too big for a float: none is a length of time.
    if isinstance(value, int) and value > MAX_SECONDS:
        shown = f"{value:.6g} s" if value < 1e300 else f"a {len(str(value))}-digit number"
        raise EntryError(f"{key}.{name}", f"must be at most 3 hours ({MAX_SECONDS} s), "
                                          f"got {shown}")
    value = float(max(value, -10**300) if isinstance(value, int) else value)
    if not math.isfinite(value):
        raise EntryError(f"{key}.{name}", f"must be a finite number of seconds, got {value:g}")
    if value > MAX_SECONDS:
        raise EntryError(f"{key}.{name}", f"must be at most 3 hours ({MAX_SECONDS} s), "
                                          f"got {value:.6g} s")
    return value


def positive(value: float, key: str) -> float:
    if not value > 0:
        raise EntryError(key, f"must be more than 0 seconds, got {value:g}")
    return value


def str_list(tbl: Mapping[str, Any], name: str, key: str, *, required: bool = True) -> list[str]:
    if name not in tbl:
        if required:
            raise EntryError(f"{key}.{name}", "missing (a list of ids is required)")
        return []
    value = tbl[name]
    if not isinstance(value, list):
        raise EntryError(f"{key}.{name}", f"expected a list, got {type_name(value)}")
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise EntryError(f"{key}.{name}[{i}]", f"expected a string, got {type_name(item)}")
    return value


def table_list(tbl: Mapping[str, Any], name: str, key: str) -> list[dict[str, Any]]:
    """An array of tables (`[[...]]`); absent means empty."""
    value = tbl.get(name, [])
    if not isinstance(value, list):
        raise EntryError(f"{key}.{name}", f"expected a list of tables, got {type_name(value)}")
    return [table(item, f"{key}.{name}[{i}]") for i, item in enumerate(value)]


def slug(value: str, key: str, what: str) -> str:
    if not SLUG.match(value):
        raise EntryError(key, f"{what} id '{value}' must use lowercase letters, digits, '-' "
                              "or '_' and start with a letter or digit")
    return value


def known_id(value: str, known: Iterable[str], key: str, what: str) -> str:
    known = tuple(known)
    if value not in known:
        raise EntryError(key, f"unknown {what} '{value}'{did_you_mean(value, known)}")
    return value


def unique_ids(values: list[str], key: str, what: str) -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise EntryError(f"{key}[{i}]", f"duplicate {what} '{value}'")
        seen.add(value)


def did_you_mean(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
