"""Corrections the user makes to a transcript: replace words, keep the timings (Qt-free).

`apply_edit(transcript, start_word, end_word, new_text)` replaces the words
`start_word .. end_word - 1` (end exclusive; start == end inserts) with the words of
`new_text` and returns a new Transcript; the one given is left as it was.

Timings stay attached so replay still follows the words:

- one word replaced by one or several words: they share its time span, split evenly;
- a longer stretch (a sentence): old and new words are aligned (difflib on the word
  sequences, compared without case and punctuation), so unchanged words keep their own times,
  each changed run takes the span of the run it replaces (split evenly), and an inserted
  run takes the silence between its neighbours.

A transcript without timings (a typed answer) stays without them; its text keeps its line
breaks (the edit is spliced into the text where the words are).
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from mockloop.transcript import Transcript, Word

_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")


def split_words(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def word_key(word: str) -> str:
    """A word as alignment compares it: lower case, without surrounding punctuation."""
    w = word.strip().lower()
    return _EDGE_PUNCT.sub("", w) or w


def words_text(transcript: Transcript, start_word: int, end_word: int) -> str:
    """The words `start_word .. end_word - 1` as written, joined by spaces."""
    return " ".join(w.word.strip() for w in transcript.words[start_word:end_word])


def check_range(transcript: Transcript, start_word: int, end_word: int) -> None:
    n = len(transcript.words)
    if not (0 <= start_word <= end_word <= n):
        raise ValueError(
            f"word range {start_word}..{end_word} is outside the transcript's {n} words"
        )


def apply_edit(transcript: Transcript, start_word: int, end_word: int,
               new_text: str) -> Transcript:
    """The transcript with words `start_word .. end_word - 1` replaced by `new_text`'s words."""
    check_range(transcript, start_word, end_word)
    words = transcript.words
    old = words[start_word:end_word]
    tokens = split_words(new_text)
    lead = " " if any(w.word.startswith(" ") for w in (old or words[:1])) else ""
    new = _timed_replacement(words, start_word, end_word, tokens, lead, transcript.timed)
    edited = words[:start_word] + tuple(new) + words[end_word:]
    text = _spliced_text(transcript, start_word, end_word, " ".join(tokens), edited)
    return replace(
        transcript,
        text=text,
        words=edited,
        segments=(),  # the recogniser's segments no longer match the words
        no_speech=not edited and not text.strip(),
        extra=dict(transcript.extra),
    )


def _timed_replacement(words: tuple[Word, ...], start: int, end: int, tokens: list[str],
                       lead: str, timed: bool) -> list[Word]:
    old = words[start:end]
    if not tokens:
        return []
    if not timed:
        return [Word(lead + t) for t in tokens]
    if len(old) == 1:
        return _spread(tokens, old[0].start, old[0].end, lead)
    out: list[Word] = []
    matcher = SequenceMatcher(None, [word_key(w.word) for w in old],
                              [word_key(t) for t in tokens], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                out.append(replace(old[i], word=lead + tokens[j]))
        elif op == "replace":
            out += _spread(tokens[j1:j2], old[i1].start, old[i2 - 1].end, lead)
        elif op == "insert":
            before = words[start + i1 - 1] if start + i1 > 0 else None
            after = words[start + i1] if start + i1 < len(words) else None
            a = before.end if before is not None else (after.start if after else None)
            b = after.start if after is not None else a
            if a is not None and b is not None and b < a:
                b = a
            out += _spread(tokens[j1:j2], a, b, lead)
        # "delete": those words and their times go
    return out


def _spread(tokens: list[str], start: float | None, end: float | None, lead: str) -> list[Word]:
    """`tokens` sharing the span start..end evenly (untimed when the span is unknown)."""
    if start is None:
        return [Word(lead + t) for t in tokens]
    if end is None or end < start:
        end = start
    step = (end - start) / len(tokens)
    return [
        Word(lead + t, round(start + k * step, 3),
             round(end if k == len(tokens) - 1 else start + (k + 1) * step, 3))
        for k, t in enumerate(tokens)
    ]


def _spliced_text(transcript: Transcript, start: int, end: int, new: str,
                  edited: tuple[Word, ...]) -> str:
    """The text with the edit made in place when its tokens are the words (a typed answer's
    line breaks survive); otherwise the edited words joined by spaces."""
    text = transcript.text or ""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    if len(spans) == len(transcript.words) and all(
        text[a:b] == w.word.strip() for (a, b), w in zip(spans, transcript.words, strict=True)
    ):
        if start < end:
            a, b = spans[start][0], spans[end - 1][1]
        else:  # an insertion: at the start of the word it goes before
            a = b = spans[start][0] if start < len(spans) else len(text)
            new = (new + " ") if start < len(spans) and new else (" " + new if new else new)
        if new:
            spliced = text[:a] + new + text[b:]
        else:  # a deletion: one space (or the line break) where the words were
            left, right = text[:a].rstrip(" "), text[b:].lstrip(" ")
            glue = " " if left and right and not left.endswith("\n") and \
                not right.startswith("\n") else ""
            spliced = left + glue + right
        return spliced.strip()
    return " ".join(w.word.strip() for w in edited if w.word.strip())


def sentence_bounds(transcript: Transcript, index: int) -> tuple[int, int]:
    """The sentence holding word `index`, as the word range (start, end exclusive) that the
    analysis quotes evidence from."""
    from mockloop.analysis.units import split_units

    n = len(transcript.words)
    if not 0 <= index < n:
        raise ValueError(f"word {index} is outside the transcript's {n} words")
    _words, units = split_units(transcript)
    for u in units:
        if u.first <= index <= u.last:
            return u.first, min(n, u.last + 1)
    return index, index + 1  # a word no sentence claims (a lone filler): itself


def find_phrase(transcript: Transcript, phrase: str) -> list[tuple[int, int]]:
    """Every place the words of `phrase` occur (without case and surrounding punctuation),
    as word ranges, first to last, not overlapping."""
    keys = [word_key(t) for t in split_words(phrase)]
    if not keys:
        return []
    have = [word_key(w.word) for w in transcript.words]
    found, i = [], 0
    while i + len(keys) <= len(have):
        if have[i:i + len(keys)] == keys:
            found.append((i, i + len(keys)))
            i += len(keys)
        else:
            i += 1
    return found


def corrected_words(original: list[str], current: list[str]) -> dict[int, str]:
    """Which words of `current` the user changed from `original` (both lists of words):
    index in `current` -> the original words it replaced ("" for a word put in)."""
    matcher = SequenceMatcher(None, [word_key(w) for w in original],
                              [word_key(w) for w in current], autojunk=False)
    out: dict[int, str] = {}
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "insert"):
            was = " ".join(w.strip() for w in original[i1:i2])
            for j in range(j1, j2):
                out[j] = was
    return out
