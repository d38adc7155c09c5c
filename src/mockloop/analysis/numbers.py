"""Spoken numbers to digits ("one hundred eighty thousand" -> "180000", "two fifty" -> "250").

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
