"""Filler words, hedges and I-versus-we counts over the raw words of an answer.

"like" and "kind of" count only in their filler/hedge uses: "i'd like to", "looks like",
"like a cache" and "a kind of index" are real words.
"""

from __future__ import annotations

from collections import Counter

from mockloop.analysis.text import clean_word

# Spelling variants a recogniser writes for the same hesitation.
HESITATIONS = {"um": "um", "umm": "um", "ummm": "um", "uhm": "um", "uh": "uh", "uhh": "uh",
               "uhhh": "uh", "er": "er", "err": "er", "erm": "erm", "hmm": "hmm", "hm": "hmm",
               "hmmm": "hmm", "mm": "hmm", "mmm": "hmm"}
SINGLE_FILLERS = {"basically", "actually"}
# "like" is a verb or preposition after these words.
_LIKE_VERB_BEFORE = {"i'd", "i", "we", "you", "they", "would", "'d", "to", "don't", "didn't",
                     "not", "look", "looks", "looked", "looking", "seem", "seems", "seemed",
                     "sound", "sounds", "sounded", "feel", "feels", "felt", "something",
                     "anything", "nothing", "much", "more", "most", "just", "really", "also",
                     "we'd", "you'd", "they'd", "he'd", "she'd", "people", "users", "things",
                     "stuff", "exactly", "very", "do", "does", "did", "is", "was",
                     "are", "were", "be", "been", "it's", "that's", "what's", "it", "what",
                     "patterns", "tools", "systems", "languages", "ones", "one", "someone",
                     "teams", "companies", "cases", "features", "signals", "metrics"}
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "my", "our", "your",
                "their", "his", "her", "its", "some", "any", "every", "each", "one", "what",
                "which", "same", "different", "other", "another", "no", "first", "new",
                "certain", "particular", "specific", "right", "wrong", "whole", "all"}
_PREP_AFTER = {"a", "an", "the", "this", "that", "these", "those", "my", "our", "your",
               "their", "his", "her", "its", "it", "them", "him", "me", "us", "redis",
               "postgres", "kafka", "how", "what", "when", "before", "last", "new"}
HEDGE_PHRASES = (("i", "think", "maybe"), ("i", "guess"), ("probably",), ("hopefully",),
                 ("maybe",), ("perhaps",), ("i", "suppose"))
I_FORMS = {"i", "i'm", "i'd", "i've", "i'll", "me", "my", "mine", "myself"}
WE_FORMS = {"we", "we're", "we'd", "we've", "we'll", "us", "our", "ours", "ourselves"}


def _comma_around(raw: list[str], i: int) -> bool:
    before = i > 0 and raw[i - 1].rstrip().endswith((",", "\u2014", "-", "..."))
    return before or raw[i].rstrip().endswith((",", "\u2014", "..."))


def _like_is_filler(words: list[str], raw: list[str], i: int) -> bool:
    prev = words[i - 1] if i else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if _comma_around(raw, i):
        return True
    if prev in _LIKE_VERB_BEFORE or prev.endswith("'d"):
        return False
    if nxt in _PREP_AFTER or nxt in {"to", "this"} or nxt.endswith("'s"):
        # "like a cache", "something like redis": a comparison, not a filler. But
        # "it was like fifty" or "uh like the" at the start of a thought stay fillers.
        return prev in {"um", "uh", "and", "so", "but", "was", "it's", "just"} and nxt not in {
            "to"}
    return True


def _kind_is_filler(words: list[str], i: int) -> bool:
    """'kind of' / 'sort of' as a hedge, not 'a kind of index'."""
    prev = words[i - 1] if i else ""
    return prev not in _DETERMINERS and not prev.endswith("'s")


def find_fillers(raw: list[str]) -> list[tuple[int, int, str]]:
    """Where the fillers are: (first word, number of words, canonical form) of each, in order
    (the debrief's transcript marks them; `count_fillers` counts these)."""
    words = [clean_word(w) for w in raw]
    found: list[tuple[int, int, str]] = []
    n = len(words)
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < n else ""
        prev = words[i - 1] if i else ""
        if w in HESITATIONS:
            found.append((i, 1, HESITATIONS[w]))
        elif w in SINGLE_FILLERS:
            found.append((i, 1, w))
        elif w == "like" and _like_is_filler(words, raw, i):
            found.append((i, 1, "like"))
        elif w in {"kind", "sort"} and nxt == "of" and _kind_is_filler(words, i):
            found.append((i, 2, f"{w} of"))
        elif w == "you" and nxt == "know" and prev not in {"do", "did", "if", "don't",
                                                            "would", "to", "let", "didn't"}:
            after = words[i + 2] if i + 2 < n else ""
            if after not in {"how", "whether", "if", "the", "that", "what", "about"} or \
                    _comma_around(raw, i + 1):
                found.append((i, 2, "you know"))
        elif w == "i" and nxt == "mean" and prev not in {"what", "do", "did", "if"}:
            found.append((i, 2, "i mean"))
    return found


def count_fillers(raw: list[str]) -> Counter:
    """Filler counts by canonical form (um, uh, er, erm, hmm, like, you know, ...)."""
    return Counter(form for _i, _n, form in find_fillers(raw))


def find_hedges(raw: list[str]) -> list[tuple[int, int, str]]:
    """Where the hedges are: (first word, number of words, phrase), in order; "i think maybe"
    is one hedge, not also a "maybe"."""
    words = [clean_word(w) for w in raw]
    found: list[tuple[int, int, str]] = []
    i, n = 0, len(words)
    while i < n:
        for phrase in HEDGE_PHRASES:
            if tuple(words[i:i + len(phrase)]) == phrase:
                found.append((i, len(phrase), " ".join(phrase)))
                i += len(phrase)
                break
        else:
            i += 1
    return found


def count_hedges(raw: list[str]) -> Counter:
    """Hedge counts by phrase; "i think maybe" is one hedge, not also a "maybe"."""
    return Counter(phrase for _i, _n, phrase in find_hedges(raw))


def count_i_we(raw: list[str]) -> tuple[int, int]:
    """First-person singular versus plural mentions ("US" in capitals is a country)."""
    i_count = we_count = 0
    for w in raw:
        c = clean_word(w)
        if c in I_FORMS:
            i_count += 1
        elif c in WE_FORMS and not (c == "us" and w.strip(".,;:!?\"'()").isupper()):
            we_count += 1
    return i_count, we_count
