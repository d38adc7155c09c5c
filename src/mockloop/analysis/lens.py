"""Lens share: how much of an answer is about product, model or system concerns.

Weighted term lexicons (resources/analysis/lens.toml), longest terms first, so an ambiguous
word is read in its phrase ("data model" is system, "test set" is model).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

from mockloop.analysis.results import LensShare
from mockloop.analysis.text import Token
from mockloop.rubric.model import LENSES, Role, Round

MAX_TERM = 4  # words in the longest lexicon term
# Below this much lexicon weight an answer has only brushed past a lens ("the job", "users"
# in a compensation answer): that is not where it spent its words, so no lens is reported.
MIN_TOTAL = 1.2


@cache
def lexicon() -> tuple[dict[tuple[str, ...], dict[str, float]], dict[str, dict[str, float]]]:
    """(exact terms, stems) -> per-lens weights, read once from the packaged TOML."""
    raw = files("mockloop.resources").joinpath("analysis", "lens.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    exact: dict[tuple[str, ...], dict[str, float]] = {}
    stems: dict[str, dict[str, float]] = {}
    for lens, table in data.items():
        for term, weight in table.items():
            key = lens if lens in LENSES else None
            if term.endswith("*") and " " not in term:
                bucket = stems.setdefault(term[:-1], {})
            else:
                bucket = exact.setdefault(tuple(term.rstrip("*").split()), {})
            if key is not None:
                bucket[key] = bucket.get(key, 0.0) + float(weight)
    return exact, stems


@cache
def _longest_stem() -> int:
    return max((len(s) for s in lexicon()[1]), default=0)


def _stem_weights(word: str, stems: dict[str, dict[str, float]]) -> dict[str, float] | None:
    # Only prefixes as long as some stem can match: a 1 MB "word" costs a few look-ups,
    # not a million slices of up to a megabyte each.
    for n in range(min(len(word), _longest_stem()), 2, -1):
        hit = stems.get(word[:n])
        if hit is not None:
            return hit
    return None


def lens_totals(tokens: list[Token] | tuple[Token, ...]) -> dict[str, float]:
    """Summed lexicon weight per lens over the tokens."""
    exact, stems = lexicon()
    totals = dict.fromkeys(LENSES, 0.0)
    words = [t.text for t in tokens]
    i, n = 0, len(words)
    while i < n:
        matched = None
        for size in range(min(MAX_TERM, n - i), 0, -1):
            weights = exact.get(tuple(words[i:i + size]))
            if weights is not None:
                matched = (size, weights)
                break
        if matched is None:
            weights = _stem_weights(words[i], stems)
            matched = (1, weights) if weights is not None else None
        if matched is None:
            i += 1
            continue
        size, weights = matched
        for lens, w in weights.items():
            totals[lens] += w
        i += size
    return totals


def lens_share(tokens: list[Token] | tuple[Token, ...], round_: Round, role: Role) -> LensShare:
    """Shares summing to 1 (or all zero), the dominant lens and whether it is off-center."""
    totals = lens_totals(tokens)
    expected = round_.lens_for(role)
    total = sum(totals.values())
    if total < MIN_TOTAL:
        return LensShare(expected=expected)
    shares = {k: round(v / total, 3) for k, v in totals.items()}
    # Rounding can leave the sum at 0.999 or 1.001: give the difference to the largest share.
    dominant = max(LENSES, key=lambda k: (totals[k], -LENSES.index(k)))
    shares[dominant] = round(shares[dominant] + 1.0 - sum(shares.values()), 3)
    return LensShare(
        product=shares["product"], model=shares["model"], system=shares["system"],
        dominant=dominant, expected=expected,
        off_center=expected is not None and dominant != expected,
    )
