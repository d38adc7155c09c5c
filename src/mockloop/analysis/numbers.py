"""Spoken numbers to digits ("one hundred eighty thousand" -> "180000", "two fifty" -> "250",
"one eighty five" -> "185"), and the width check that makes a spoken range exact.

Speech recognisers write numbers either way; the signal patterns only need to see digits.
"""

from __future__ import annotations

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES)


def words_to_number(words: list[str]) -> int | None:
    """Value of a run of number words, or None when the run is not a number on its own."""
    if not words or any(w not in NUMBER_WORDS for w in words):
        return None
    # "one eighty", "two fifty": a digit then a tens/teens word is spoken hundreds.
    if (len(words) == 2 and words[0] in UNITS and 1 <= UNITS[words[0]] <= 9
            and (words[1] in TENS or UNITS.get(words[1], 0) >= 10)):
        return UNITS[words[0]] * 100 + TENS.get(words[1], UNITS.get(words[1], 0))
    # "one eighty five", "two twenty five": spoken hundreds too (185, 225), never 86 or 27.
    if (len(words) == 3 and words[0] in UNITS and 1 <= UNITS[words[0]] <= 9
            and words[1] in TENS and words[2] in UNITS and 1 <= UNITS[words[2]] <= 9):
        return UNITS[words[0]] * 100 + TENS[words[1]] + UNITS[words[2]]
    total, current = 0, 0
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * SCALES[w]
            current = 0
    return total + current


def _can_follow(prev: str, cur: str, run_len: int) -> bool:
    """Whether `cur` continues the spoken number ending in `prev` ("two three" does not)."""
    if cur in SCALES:
        return prev not in SCALES or SCALES[cur] > SCALES[prev]
    small = prev in UNITS and 1 <= UNITS[prev] <= 9
    if cur in TENS:
        return prev in SCALES or (small and run_len == 1)
    if prev in SCALES:
        return True
    if prev in TENS:
        return 1 <= UNITS[cur] <= 9
    return small and run_len == 1 and UNITS[cur] >= 10


def _extends(run: list[str], cur: str) -> bool:
    """Whether `cur` continues the spoken number `run`.

    Beyond `_can_follow`, a run reads as one number only as far as numbers are spoken: one
    "hundred" per group, and each later thousand/million/billion smaller than the ones before
    ("one hundred one hundred ..." is many numbers, not one of thousands of digits). This also
    keeps every run a few words long, whatever the input.
    """
    if not _can_follow(run[-1], cur, len(run)):
        return False
    if cur not in SCALES:
        return True
    big = [k for k, w in enumerate(run) if w in SCALES and w != "hundred"]
    if cur == "hundred":
        return "hundred" not in run[(big[-1] + 1 if big else 0):]
    if run[-1] in SCALES and run[-1] != "hundred":
        return True  # "thousand million": `_can_follow` already wants it larger
    return all(SCALES[cur] < SCALES[run[k]] for k in big)


def merge_number_words(tokens: list[str]) -> list[tuple[str, int]]:
    """Replace runs of number words by digits; returns (token, index of first source token).

    A lone "one" stays a word ("the one that", "no one"), since it is rarely a quantity.
    "a hundred" counts as one hundred; "and" inside a run ("a hundred and eighty") is absorbed.
    """
    out: list[tuple[str, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        first = i
        run: list[str] = []
        j = i
        if tokens[i] == "a" and i + 1 < n and tokens[i + 1] in SCALES:
            run, j = ["one", tokens[i + 1]], i + 2
        elif tokens[i] in NUMBER_WORDS and tokens[i] not in SCALES:
            run, j = [tokens[i]], i + 1
        while run and j < n:
            t = tokens[j]
            if t in NUMBER_WORDS and _extends(run, t):
                run.append(t)
                j += 1
            elif (t == "and" and run[-1] in SCALES and j + 1 < n
                  and tokens[j + 1] in NUMBER_WORDS and tokens[j + 1] not in SCALES):
                j += 1
            else:
                if (t in SCALES and _can_follow(run[-1], t, len(run)) and len(run) >= 3
                        and run[-2] in SCALES and run[-1] not in SCALES):
                    # "one hundred | one hundred": the word before a second "hundred" starts
                    # the next number (and an "and" before it goes back with it).
                    run.pop()
                    j -= 1
                    if tokens[j - 1] == "and":
                        j -= 1
                break
        value = words_to_number(run) if run else None
        if value is not None and run != ["one"]:
            out.append((str(value), first))
            i = j
            continue
        out.append((tokens[i], i))
        i += 1
    return out


# -- ranges ----------------------------------------------------------------------------------

# A range is exact when its width is at most this share of its low end: 170-190k (12 %) and
# 160-200k (25 %) are exact, 150-200k (33 %) and 100-300k (200 %) are not. The bound is
# inclusive, so the common "200 to 250" base band still anchors; wider than a quarter of the
# low end reads to a recruiter as "anything in there", and they will hear the low end.
EXACT_RANGE_WIDTH = 0.25

_SCALE_WORDS = {"thousand": 1_000, "grand": 1_000, "k": 1_000, "million": 1_000_000,
                "m": 1_000_000, "mil": 1_000_000}
_RANGE_JOINERS = {"to", "and", "through", "thru", "or", "dash", "until", "till", "versus",
                  "minus", "up"}
_APPROX = {"about", "around", "roughly", "maybe", "like", "to", "dollars", "dollar", "usd"}


def amount(token: str, after: str = "") -> float | None:
    """The value of one normalised token ("$180000", "180k", "1.8m", "170"), scaled by a
    following "thousand"/"k"/"million" word; None when it is not a figure."""
    t = token.lstrip("$").replace(",", "")
    scale = 1.0
    if t[-1:] in ("k", "m") and t[:-1]:
        scale, t = float(_SCALE_WORDS[t[-1]]), t[:-1]
    elif after in _SCALE_WORDS:
        scale = float(_SCALE_WORDS[after])
    try:
        value = float(t)
    except ValueError:
        return None
    return value * scale


def _same_scale(low: float, high: float) -> float:
    """`low` at the scale of `high`, when it was said without it ("100 and 300 thousand",
    "180 to 210k"): the smallest power of a thousand that does not put it above `high`."""
    if low != int(low) and low < 10 and 100 <= high < 1000 and low * 100 <= high * 1.0001:
        return low * 100  # the recogniser wrote "one eighty-five" as "1.85" ("1.85 to 210")
    if low >= high / 100:
        return low
    for factor in (1_000_000.0, 1_000.0):
        if low * factor <= high * 1.0001:
            return low * factor
    return low


def spoken_ranges(tokens: list[str]) -> list[tuple[float, float]]:
    """(low, high) of every "A to B" / "between A and B" / "A-B" figure pair in `tokens`."""
    out = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        a = amount(tok, tokens[i + 1] if i + 1 < n else "")
        if a is None:
            continue
        j = i + 1
        if j < n and tokens[j] in _SCALE_WORDS:
            j += 1
        if j >= n or tokens[j] not in _RANGE_JOINERS:
            continue
        j += 1
        while j < n and tokens[j] in _APPROX:
            j += 1
        if j >= n:
            continue
        b = amount(tokens[j], tokens[j + 1] if j + 1 < n else "")
        if b is None:
            continue
        low, high = sorted((a, b))
        out.append((_same_scale(low, high), high))
    return out


def range_is_exact(low: float, high: float, bound: float = EXACT_RANGE_WIDTH) -> bool:
    """Whether the range anchors: its width at most `bound` of its low end."""
    if low <= 0:
        return False
    return (high - low) <= bound * low + 1e-9
