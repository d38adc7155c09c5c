"""Does a transcript say a sentence, and where: a word-level local alignment, loose on words.

The matcher behind "my key sentences" (key_sentences.py): `find(sentence, words)` aligns the
saved sentence against every span of the transcript, keeping word order. Words are normalised
first (case, punctuation, "it's" = "it is", digits as words, "p99" = "p 99"), compared loosely
(the same stem, the same sound - cache/cash - or nearly the same letters), and weighted: content
words count, small function words hardly (so dropping "the" costs little), fillers not at all.
Words said in between cost a little each, a sentence break in between costs more. The score is
the share of the sentence's weight found, less those costs; a span counts as said at
MATCH_THRESHOLD or above, and only when its negation agrees with the saved sentence's (an odd
number of not/no/never/without on both sides or on neither), so "a better model IS the same as
..." never counts for "... is not the same as ...". tests/test_key_sentences.py holds the
sentences that justify the threshold.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# A span is "said" at this share of the sentence's weight (after the costs of words in
# between). Calibrated in tests/test_key_sentences.py: the real recogniser's transcripts and
# reworded paraphrases score 0.82 and up; sentences sharing the keywords but making another
# claim (two of seven content words changed, or swapped) stay below 0.73, keyword overlap
# alone below 0.5 (the 384 development answers: 0.48 at most).
MATCH_THRESHOLD = 0.75
WORD_MIN_SIMILARITY = 0.75  # two words below this are different words
CONTENT_WEIGHT = 1.0
FUNCTION_WEIGHT = 0.25
INSERT_CONTENT = 0.30  # a content word said in between
INSERT_FUNCTION = 0.10
SENTENCE_BREAK = 1.00  # the span runs over a sentence's end (a content word's worth)
NEGATION_LOOKBACK = 4  # words before a span whose "not" still governs it ("I don't think ...")


# -- words, normalised ------------------------------------------------------------------------

def _listed(text: str) -> list[str]:
    return text.split()


_FUNCTION = frozenset(_listed("""
a an the of to in on at for by with from as into onto than then that this these those there
it its is are was were be been being am do does did has have had will would shall should can
could may might must and or but so if because while when which who whom whose what where how
i we you he she they me us him her them my our your his their mine ours yours theirs
just really very quite also actually basically too
"""))
_NEGATIONS = frozenset(_listed("not no never nothing none nobody neither nor without"))
_FILLERS = frozenset(_listed("um umm uh uhh er erm ah hmm mm mhm"))
_WHOLE = {  # contractions and spellings whose expansion is not just a suffix
    "can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not",
    "ain't": "is not", "let's": "let us", "gonna": "going to", "wanna": "want to",
    "gotta": "got to", "ok": "okay",
}
_IS_BEFORE_S = frozenset(_listed("it that there here what who where how he she this"))
_SUFFIXES = (("n't", " not"), ("'re", " are"), ("'ll", " will"), ("'ve", " have"),
             ("'m", " am"), ("'d", " would"))
_UNITS = {"%": " percent ", "&": " and ", "+": " plus "}
_ONES = _listed("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen")
_TENS = _listed("_ _ twenty thirty forty fifty sixty seventy eighty ninety")


def number_words(n: int) -> str:
    """42 -> "forty two": recognisers write numbers as digits, people type them either way."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    for size, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= size and n < size * 1000:
            rest = n % size
            return (number_words(n // size) + f" {name}"
                    + ("" if rest == 0 else " " + number_words(rest)))
    return " ".join(_ONES[int(d)] for d in str(n))  # an id or a year said digit by digit


@lru_cache(maxsize=16384)
def _expand(token: str) -> str:
    """One written word as the words it stands for, lower case, without punctuation."""
    w = token.lower().replace("\u2019", "'").replace("\u2018", "'")
    for sign, said in _UNITS.items():
        w = w.replace(sign, said)
    w = re.sub(r"(?<=\d),(?=\d{3})", "", w)  # 10,000
    w = re.sub(r"(?<=\d)\.(?=\d)", " point ", w)  # 2.5
    w = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", w)  # p99, 10x, 3rd
    out = []
    for part in re.split(r"[^a-z0-9']+", w):
        part = part.strip("'")
        if not part:
            continue
        if part.isdigit():
            out.append(number_words(int(part)) if len(part) <= 12 else part)
            continue
        if part in _WHOLE:
            out.append(_WHOLE[part])
            continue
        for suffix, said in _SUFFIXES:
            if part.endswith(suffix) and len(part) > len(suffix):
                part = part[: -len(suffix)] + said
                break
        else:
            if part.endswith("'s"):
                base = part[:-2]
                part = f"{base} is" if base in _IS_BEFORE_S else base  # "it's"; "model's"
        out.append(part.replace("'", ""))
    return " ".join(out)


def tokens_of(words: Iterable[str]) -> list[tuple[str, int]]:
    """The normalised tokens of written words, each with the index of the word it came from
    ("it's" gives two tokens from one word, "—" none)."""
    out = []
    for i, word in enumerate(words):
        for t in _expand(str(word)).split():
            out.append((t, i))
    return out


def _is_function(token: str) -> bool:
    return token in _FUNCTION or token in _FILLERS


def _weight(token: str) -> float:
    if token in _FILLERS:
        return 0.0
    return FUNCTION_WEIGHT if token in _FUNCTION else CONTENT_WEIGHT


def _insert_cost(token: str) -> float:
    if token in _FILLERS:
        return 0.0
    return INSERT_FUNCTION if token in _FUNCTION else INSERT_CONTENT


@lru_cache(maxsize=8192)
def _stem(w: str) -> str:
    for suffix in ("ingly", "ings", "ing", "edly", "ies", "ied", "es", "ed", "ly", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return w


_SOUNDS = (("tch", "X"), ("sch", "SK"), ("ch", "X"), ("sh", "X"), ("th", "0"), ("ph", "F"),
           ("wh", "W"), ("ck", "K"), ("dg", "J"), ("gh", ""), ("kn", "N"), ("wr", "R"),
           ("ce", "S"), ("ci", "S"), ("cy", "S"), ("c", "K"), ("q", "K"), ("x", "KS"),
           ("z", "S"), ("v", "F"))


@lru_cache(maxsize=8192)
def _sound(w: str) -> str:
    """A rough sound key (cache and cash, their and there, right and write share one)."""
    s = w
    for letters, sound in _SOUNDS:
        s = s.replace(letters, sound)
    head, rest = s[:1].upper(), s[1:]
    rest = re.sub(r"[aeiouy]", "", rest).upper()
    if head in "AEIOUY":
        head = "A"
    key = head + rest
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """How alike two normalised words are, 0..1: the same word 1, the same stem 0.9, the same
    sound 0.85 (a misheard word), else by their letters when nearly the same."""
    if a == b:
        return 1.0
    if a in _NEGATIONS and b in _NEGATIONS:
        return 0.9  # "never" for "not": the sense holds; the negation check counts them
    if _is_function(a) or _is_function(b) or a in _NEGATIONS or b in _NEGATIONS:
        return 0.0  # small words are matched as they are, or not at all
    if _stem(a) == _stem(b):
        return 0.9
    sa, sb = _sound(a), _sound(b)
    if len(sa) >= 2 and sa == sb:
        return 0.85
    if min(len(a), len(b)) >= 5 and min(len(a), len(b)) >= 0.65 * max(len(a), len(b)):
        matcher = difflib.SequenceMatcher(None, a, b)
        if matcher.quick_ratio() >= 0.8:
            ratio = matcher.ratio()
            if ratio >= 0.8:
                return round(ratio * 0.95, 3)
    return 0.0


# -- finding a sentence in a transcript ------------------------------------------------------


@dataclass(frozen=True)
class SentenceMatch:
    """Where a saved sentence was said: transcript words first_word .. end_word - 1."""

    score: float
    first_word: int
    end_word: int  # exclusive
    start_s: float | None  # the first word's time; None for a typed answer
    said: str  # the transcript's words there, as written

    def to_dict(self) -> dict:
        return {"score": round(self.score, 3), "first_word": self.first_word,
                "end_word": self.end_word, "start": self.start_s, "said": self.said}


_SKIP, _MATCH, _FRESH, _INSERT = 0, 1, 2, 3


def find(sentence: str, words: Sequence, *, threshold: float = MATCH_THRESHOLD
         ) -> list[SentenceMatch]:
    """Every place `words` (transcript Words, or dicts/strings with "word") says `sentence`,
    earliest first (places do not overlap)."""
    texts = [_word_text(w) for w in words]
    return _find(sentence, words, texts, _Spoken(tokens_of(texts), texts), threshold)


def find_each(sentences: Iterable[str], words: Sequence) -> list[list[SentenceMatch]]:
    """`find` for several sentences over the same words (the transcript is prepared once)."""
    texts = [_word_text(w) for w in words]
    prepared = _Spoken(tokens_of(texts), texts)
    return [_find(s, words, texts, prepared) for s in sentences]


def content_words(text: str) -> tuple[list[str], list[str]]:
    """The normalised words of `text`, and those of them that are not small function words."""
    tokens = [t for t, _i in tokens_of([text])]
    return tokens, [t for t in tokens if not _is_function(t)]


def _find(sentence: str, words: Sequence, texts: list[str], prepared: _Spoken,
          threshold: float = MATCH_THRESHOLD) -> list[SentenceMatch]:
    target = [t for t, _ in tokens_of([sentence])]
    spoken = prepared.tokens
    if not target or not spoken:
        return []
    scored = _align(target, prepared)
    total = sum(_weight(t) for t in target) or 1.0
    found: list[tuple[float, int, int]] = []
    taken: list[tuple[int, int]] = []
    candidates = sorted(((h / total, j) for j, h in enumerate(scored.best)
                         if h / total >= threshold), key=lambda c: (-c[0], c[1]))
    for score, j in candidates:
        first = scored.start_of(j)
        if any(first <= b and a <= j for a, b in taken):
            continue
        taken.append((first, j))
        if _negations(target) % 2 != _span_negations(spoken, texts, first, j) % 2:
            continue  # says the opposite
        found.append((score, first, j))
    out = []
    for score, first, last in sorted(found, key=lambda f: f[1]):
        first, last = _widen(scored, spoken, texts, first, last, len(target))
        a, b = spoken[first][1], spoken[last][1] + 1
        out.append(SentenceMatch(round(min(score, 1.0), 4), a, b, _start(words[a]),
                                 " ".join(texts[a:b]).strip().rstrip(",;:")))
    return out


def best_score(sentence: str, words: Sequence) -> float:
    """The highest score any span gets (whether or not it counts, negation aside): for tests
    and for tuning the threshold."""
    texts = [_word_text(w) for w in words]
    target = [t for t, _ in tokens_of([sentence])]
    spoken = tokens_of(texts)
    if not target or not spoken:
        return 0.0
    total = sum(_weight(t) for t in target) or 1.0
    return max(_align(target, _Spoken(spoken, texts)).best) / total


@dataclass
class _Alignment:
    best: list[float]  # per spoken token: the best score of a span ending there
    moves: list  # per target token (and one row before them), the move into each cell
    n: int

    def start_of(self, j: int) -> int:
        """The first spoken token of the span that ends at token j."""
        return self.trace(j)[0]

    def trace(self, j: int) -> tuple[int, int, int]:
        """For the span ending at spoken token j: its first spoken token, and the first and
        last target tokens it matched (1-based)."""
        i, first, first_i, last_i = self.n, j, 0, 0
        while i > 0 and j >= 0:
            move = int(self.moves[i][j])
            if move == _SKIP:
                i -= 1
            elif move == _INSERT:
                j -= 1
            else:
                first, first_i = j, i
                last_i = last_i or i
                if move == _FRESH:
                    break
                i, j = i - 1, j - 1
        return first, first_i, last_i


class _Spoken:
    """A transcript's tokens, ready for aligning any number of sentences against it."""

    def __init__(self, tokens: list[tuple[str, int]], texts: list[str]) -> None:
        import numpy as np

        self.tokens = tokens
        m = len(tokens)
        self.unique = sorted({t for t, _ in tokens})
        at = {t: k for k, t in enumerate(self.unique)}
        self.ids = np.array([at[t] for t, _ in tokens], dtype=np.int64)
        costs = np.array([_insert_cost(t) for t, _ in tokens])
        # A break after token j: its word ends a sentence (and the next token is another
        # word's), so a span going on past it pays SENTENCE_BREAK.
        self.breaks = np.array([SENTENCE_BREAK if k + 1 < m and tokens[k + 1][1] != w
                                and _ends_sentence(texts[w]) else 0.0
                                for k, (_t, w) in enumerate(tokens)])
        # Going on from token j-1 to token j by putting token j in costs steps[j]; `climb`
        # sums them, so the best row with insertions is a running maximum (row[j] = max over
        # k <= j of start[k] - (climb[j] - climb[k])).
        steps = np.zeros(m)
        steps[1:] = costs[1:] + self.breaks[:-1]
        self.climb = np.cumsum(steps)
        self._sims: dict = {}

    def sims(self, word: str):
        """How alike `word` is to each token."""
        import numpy as np

        got = self._sims.get(word)
        if got is None:
            got = np.array([similarity(word, u) for u in self.unique])[self.ids]
            self._sims[word] = got
        return got


def _align(target: list[str], spoken: _Spoken) -> _Alignment:
    """Local alignment: H[i][j] is the best score of the first i target tokens against a span
    of spoken tokens ending with token j, and may start anywhere. Each row at once (numpy):
    a 10-minute answer against 20 sentences takes a fraction of a second."""
    import numpy as np

    m = len(spoken.tokens)
    breaks, climb = spoken.breaks, spoken.climb
    prev = np.zeros(m)
    moves = [np.full(m, _SKIP, dtype=np.int8)]
    minus = np.full(m, -np.inf)
    for word in target:
        sims = spoken.sims(word)
        ok = sims >= WORD_MIN_SIMILARITY
        gain = np.where(ok, _weight(word) * sims, -np.inf)
        go_on = minus.copy()
        go_on[1:] = prev[:-1] - breaks[:-1]
        matched = np.where(ok & (go_on > 0), go_on + gain, -np.inf)
        best, move = prev.copy(), np.full(m, _SKIP, dtype=np.int8)
        better = matched > best
        best[better], move[better] = matched[better], _MATCH
        fresh = gain > best
        best[fresh], move[fresh] = gain[fresh], _FRESH
        row = np.maximum.accumulate(best + climb) - climb
        move[row > best + 1e-9] = _INSERT
        moves.append(move)
        prev = row
    return _Alignment([float(v) for v in prev], moves, len(target))


def _widen(scored: _Alignment, spoken: list[tuple[str, int]], texts: list[str], first: int,
           last: int, n: int) -> tuple[int, int]:
    """The span with the words where its unmatched first and last words were said: "a
    murder model ..." for "a better model ...", when "a murder" matched nothing (as many
    words as were missed at each end, within the sentence)."""
    _f, first_i, last_i = scored.trace(last)
    for _ in range(max(0, first_i - 1)):
        if first == 0 or _ends_sentence(texts[spoken[first - 1][1]]):
            break
        first -= 1
    for _ in range(max(0, n - last_i)):
        if last + 1 >= len(spoken) or _ends_sentence(texts[spoken[last][1]]):
            break
        last += 1
    return first, last


def _negations(tokens: Iterable[str]) -> int:
    return sum(1 for t in tokens if t in _NEGATIONS)


def _span_negations(spoken: list[tuple[str, int]], texts: list[str], first: int,
                    last: int) -> int:
    """The negations in the span, and in the few words before it in the same sentence."""
    count = _negations(t for t, _ in spoken[first:last + 1])
    k = first - 1
    while k >= 0 and first - k <= NEGATION_LOOKBACK and not _ends_sentence(
            texts[spoken[k][1]]):
        count += spoken[k][0] in _NEGATIONS
        k -= 1
    return count


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip("\"'”’)").endswith((".", "?", "!"))


def _word_text(w) -> str:
    if isinstance(w, str):
        return w
    if isinstance(w, dict):
        return str(w.get("word", ""))
    return str(getattr(w, "word", ""))


def _start(w) -> float | None:
    value = w.get("start") if isinstance(w, dict) else getattr(w, "start", None)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else None
