"""Normalise recognised words into lowercase tokens that signal patterns run over.

Every token remembers the transcript word it came from, so a match maps back to the
speaker's own words and their times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mockloop.analysis.numbers import merge_number_words

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
# Dashes and slashes join words in writing ("train-serve", "a/b") but are spaces in speech.
_SPLIT = re.compile(r"[-\u2010-\u2015/_+&()\[\]{}<>=*|~^\"]+")
# Patterns anchored at the end start only where their run starts (the look-behinds), so a
# long run of punctuation inside a word is scanned once, not once per character.
_EDGE = re.compile(r"^[^\w$%']+|(?<![^\w%'])[^\w%']+$")
_INNER_PUNCT = re.compile(r"(?<!\d)[.,;:!?]|[.,;:!?](?!\d)")
_COMMA_AFTER = re.compile(r"(?<![,;:\u2014\u2013])[,;:\u2014\u2013]+[\"')\]]*$|\s-$")

# Contractions typed without the apostrophe ("dont", "didnt", "im", "wed"), as in quickly typed
# or lowercased transcripts: read as the contraction, so "we didnt set up any tracking" is the
# negation it says. Forms that are also ordinary words ("id", "ill", "its", "were", "well",
# "shell", "lets", "hell") are left alone.
_BARE_CONTRACTIONS = {
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "isnt": "is not",
    "wasnt": "was not", "arent": "are not", "werent": "were not", "havent": "have not",
    "hasnt": "has not", "hadnt": "had not", "wouldnt": "would not", "shouldnt": "should not",
    "couldnt": "could not", "mustnt": "must not", "neednt": "need not", "cant": "can not",
    "wont": "will not", "aint": "is not", "im": "i am", "ive": "i have", "youre": "you are",
    "theyre": "they are", "youve": "you have", "weve": "we have", "theyve": "they have",
    "youll": "you will", "theyll": "they will", "itll": "it will", "thatll": "that will",
    "youd": "you would", "theyd": "they would", "itd": "it would", "wed": "we would",
    "thats": "that is", "theres": "there is", "whats": "what is", "heres": "here is",
}
_IRREGULAR = {"won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not",
              "ain't": "is not", "let's": "let us", "y'all": "you all", "gonna": "going to",
              "wanna": "want to", "gotta": "got to", "kinda": "kind of", "sorta": "sort of",
              "okay": "ok", "o.k.": "ok", "vs": "versus", "vs.": "versus", "w/o": "without",
              "e.g.": "for example", "i.e.": "that is", "tradeoff": "tradeoff",
              "tradeoffs": "tradeoffs", "thru": "through",
              # Recognisers write the word "queue" as the letter it sounds like.
              "q": "queue", "qs": "queues", "q's": "queues", "qing": "queueing",
              "queuing": "queueing",
              # ...and run "held out" into one word.
              "heldout": "held out", **_BARE_CONTRACTIONS}
_IS_PRONOUNS = {"it", "that", "there", "what", "here", "he", "she", "who", "where", "how",
                "this", "which", "everything", "nothing", "something", "one"}
_SUFFIXES = (("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"),
             ("'d", " would"), ("'m", " am"))


@dataclass(frozen=True)
class Token:
    text: str  # normalised: lowercase, no punctuation, numbers as digits
    word: int  # index of the transcript word it came from
    comma_after: bool = False  # a comma/semicolon/dash followed it (a weak clause break)


def clean_word(raw: str) -> str:
    """A word lowercased, curly apostrophes straightened, surrounding punctuation removed."""
    w = raw.strip().lower().translate(_APOSTROPHES)
    return _EDGE.sub("", w)


def _expand(word: str) -> list[str]:
    """A lowercased word split into normalised pieces (contractions expanded)."""
    w = word.translate(_APOSTROPHES)
    if w in _IRREGULAR:
        return _IRREGULAR[w].split()
    pieces: list[str] = []
    # Written APIs keep their shape as words: "/orders/{id}" -> "slash orders slash id",
    # "send(to, id)" -> "send lparen to id".
    if "/" in w and (w.startswith("/") or "/{" in w or re.search(r"\w/\w+/", w)):
        w = w.replace("/", " slash ")
    w = re.sub(r"(?<=[a-z0-9_]{2})\(", " lparen ", w)  # "o(n)" stays big-o
    # "$180,000-$210,000" and "180k-210k" are ranges: the dash reads as "to".
    w = re.sub(r"(?<=[\dk%])[-\u2013\u2014](?=\$?\d)", " to ", w)
    for part in (p for chunk in w.split() for p in _SPLIT.split(chunk)):
        part = _EDGE.sub("", part)
        if not part:
            continue
        part = _INNER_PUNCT.sub(" ", part).replace(",", "")
        for sub in part.split():
            sub = _EDGE.sub("", sub)
            if not sub:
                continue
            if sub in _IRREGULAR:
                pieces.extend(_IRREGULAR[sub].split())
                continue
            if sub.endswith("'s"):
                stem = sub[:-2]
                pieces.extend([stem, "is"] if stem in _IS_PRONOUNS else [stem] if stem else [])
                continue
            for suffix, repl in _SUFFIXES:
                if sub.endswith(suffix) and len(sub) > len(suffix):
                    stem = sub[: -len(suffix)]
                    pieces.extend([stem, *repl.split()])
                    break
            else:
                sub = sub.strip("'")
                if sub:
                    pieces.append(sub)
    return pieces


# Whisper times numbers in pieces ("1" ".85", "175" "K", "20" "%"): a piece that only
# continues a number is read together with the word before it.
# (The atomic group keeps "1........x" from trying every split of the dots between the two.)
_NUMBER_TAIL = re.compile(r"^(?:[.,]\d(?>[\d.,]*)|k|m|%)[.,;:!?]*$")
# No word is this long; a longer token (a pasted hash, a key held down) is cut to this, so
# every pattern reads each token in bounded time.
MAX_TOKEN_CHARS = 64


def _glued(words: list[str]) -> list[tuple[int, str]]:
    """(index of the first source word, lowercased word), number pieces glued back together."""
    firsts: list[int] = []
    parts: list[list[str]] = []  # joined once at the end: "1 .1 .1 ..." stays linear
    for i, raw in enumerate(words):
        low = raw.strip().lower()
        # A glued piece is never empty, so the last piece ends the word being built.
        if parts and _NUMBER_TAIL.match(low) and parts[-1][-1][-1:].isdigit():
            parts[-1].append(low)
        else:
            firsts.append(i)
            parts.append([low])
    return [(i, "".join(p)) for i, p in zip(firsts, parts, strict=True)]


def tokenize(words: list[str]) -> list[Token]:
    """Normalised tokens for a list of raw words (as written by the recogniser or typed)."""
    flat: list[str] = []
    owner: list[int] = []
    comma: list[bool] = []
    for i, low in _glued(words):
        pieces = _expand(low)
        if not pieces:
            # A lone dash or semicolon written as its own word still breaks the clause.
            if comma and re.fullmatch(r"[-\u2013\u2014;:,]+", low):
                comma[-1] = True
            continue
        flat.extend(p[:MAX_TOKEN_CHARS] for p in pieces)
        owner.extend([i] * len(pieces))
        comma.extend([False] * (len(pieces) - 1) + [bool(_COMMA_AFTER.search(low))])
    return [Token(text, owner[k], comma[k]) for text, k in merge_number_words(flat)]
