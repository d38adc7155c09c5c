"""Split an answer into sentence-like units: the span a signal's evidence is quoted from.

Speech-recognition text often has no punctuation, so units also end at long gaps between
timed words, and run-on stretches are cut at discourse markers ("so", "and then") or a cap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mockloop.analysis.text import Token, tokenize
from mockloop.transcript import Transcript

SOFT_CAP = 32  # words: longer units are cut at a discourse marker
HARD_CAP = 60  # words: a unit longer than this is cut regardless
# tokens: "a-b-c-...", one written word of thousands of pieces, is cut too (even inside the
# word), so no unit is long enough to make the patterns slow.
MAX_UNIT_TOKENS = 4 * HARD_CAP
GAP_S = 1.0  # seconds of silence between words that end a thought
# Read across (split_units(read_across=True)): a recogniser's full stop with less than
# CARRY_GAP_S of silence after it does not end the unit (_goes_on). The detector reads this way
# only for a signal the plain units miss (signals.detect_signals), so evidence stays one
# sentence wherever one sentence does it. Piper voice, natural-a (30 answers, cached
# transcripts), reading across for every signal: micro-F1 clean 0.880 -> 0.912, phone band
# 0.877 -> 0.913, precision 0.967 -> 0.979; 0.25 s, 0.7 s and 1.0 s did no better, and
# stopping only before "and", "but", "which"... gained half as much. Piper's median pause
# after a stop is 0.26 s, so reading across always doubles the units (14 -> 28 tokens).
CARRY_GAP_S = 0.5

# The look-behind starts a match only where a run of stops starts: "a;;;;...;;a" stays linear.
_END = re.compile(r"(?<![.?!;])[.?!;]+[\"')\]]*$")
_ABBREV = {"e.g.", "i.e.", "vs.", "etc.", "dr.", "mr.", "ms.", "mrs.", "approx.", "st.", "no."}
# Words that open a new thought in run-on speech; "so" only when not "so that", "so much"...
_MARKERS = {"so", "then", "also", "anyway", "ok", "now", "first", "second", "third",
            "finally", "next", "secondly", "thirdly", "lastly", "afterwards", "additionally",
            "basically", "um", "uh", "but", "meanwhile", "overall"}
_NOT_AFTER_SO = {"that", "much", "many", "far", "long", "well", "on", "to", "forth", "good"}
# A filled pause ("um", "uh") right after one of these sits inside a phrase ("i'd look at um how
# many ..."), so it is no place to cut: the words before it wait for what comes after.
_FILLERS = {"um", "uh"}
_PHRASE_OPEN = {"at", "the", "a", "an", "to", "of", "is", "are", "was", "were", "would", "will",
                "could", "should", "can", "my", "our", "their", "your", "be", "been", "than",
                "whether", "i", "we", "they", "he", "she", "not", "no", "every", "each", "very",
                "more", "most", "less", "like"}


@dataclass(frozen=True)
class Unit:
    first: int  # index of the first transcript word
    last: int  # index of the last transcript word (inclusive)
    tokens: tuple[Token, ...]
    text: str  # normalised tokens joined by single spaces
    starts: tuple[int, ...]  # character offset of each token in `text`

    def token_at(self, offset: int) -> int:
        """Index of the token that covers character `offset` of `text`."""
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


def raw_words(transcript: Transcript) -> list[str]:
    """The transcript's words as written (recogniser words, or the text split on spaces)."""
    words = [w.word.strip() for w in transcript.words]
    words = [w for w in words if w]
    if words and len(words) == len(transcript.words):
        return words
    if transcript.words and not words:
        return []
    if transcript.words:
        return [w.word.strip() for w in transcript.words]
    return (transcript.text or "").split()


def _goes_on(words: list[str], transcript: Transcript, i: int) -> bool:
    """Whether the recogniser's full stop after word `i` sits mid-thought: no real pause
    follows it ("...sees it. And nothing reaches the student"). Whisper puts a stop wherever
    the voice dips, and a rule that needs the whole clause would lose it; typed text keeps
    its own stops, and a pause of CARRY_GAP_S or more still ends the unit."""
    if i + 1 >= len(words):
        return False
    end, start = transcript.words[i].end, transcript.words[i + 1].start
    return end is not None and start is not None and start - end < CARRY_GAP_S


def _hard_breaks(words: list[str], transcript: Transcript, read_across: bool = False) -> list[int]:
    """Indices of words that end a sentence (punctuation, or a long silence after them); with
    `read_across`, not a recogniser's full stop that no pause follows."""
    ends = []
    timed = transcript.timed and len(transcript.words) == len(words)
    for i, w in enumerate(words):
        low = w.lower()
        if _END.search(low) and low not in _ABBREV:
            if read_across and timed and low.endswith(".") and _goes_on(words, transcript, i):
                continue
            ends.append(i)
        elif timed and i + 1 < len(words):
            end, nxt = transcript.words[i].end, transcript.words[i + 1].start
            if end is not None and nxt is not None and nxt - end >= GAP_S:
                ends.append(i)
    return ends


def _marker_cut(tokens: list[Token], lo: int, hi: int) -> int | None:
    """A token index in (lo, hi) where a discourse marker opens a new thought, near the middle."""
    best, best_dist = None, None
    mid = (lo + hi) // 2
    for k in range(lo + 4, hi - 3):
        t = tokens[k].text
        if t not in _MARKERS:
            continue
        nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
        prev = tokens[k - 1].text
        if t == "so" and (nxt in _NOT_AFTER_SO or prev in {"or", "not", "and", "do", "think"}):
            continue
        if t in _FILLERS and prev in _PHRASE_OPEN:
            continue
        if t == "then" and prev in {"and", "if", "since", "until", "by"}:
            k -= 1  # cut before "and then"
        if tokens[k].word == tokens[k - 1].word:
            continue
        dist = abs(k - mid)
        if best_dist is None or dist < best_dist:
            best, best_dist = k, dist
    return best


def _split_long(tokens: list[Token], lo: int, hi: int, out: list[tuple[int, int]]) -> None:
    """Append token ranges [lo, hi) to `out`, cutting ranges longer than the caps."""
    todo = [(lo, hi)]  # a stack, not recursion: any input splits without a RecursionError
    while todo:
        lo, hi = todo.pop()
        nwords = tokens[hi - 1].word - tokens[lo].word + 1
        if nwords <= SOFT_CAP and hi - lo <= MAX_UNIT_TOKENS:
            out.append((lo, hi))
            continue
        cut = _marker_cut(tokens, lo, hi)
        if cut is None and (nwords > HARD_CAP or hi - lo > MAX_UNIT_TOKENS):
            cut = _middle_cut(tokens, lo, hi)
        if cut is None or cut <= lo or cut >= hi:
            out.append((lo, hi))
            continue
        todo.append((cut, hi))
        todo.append((lo, cut))  # popped first: ranges come out in order


def _middle_cut(tokens: list[Token], lo: int, hi: int) -> int:
    """The first word boundary from the middle of [lo, hi) on (else the last one before it);
    the middle itself when the whole range is one word."""
    mid = lo + (hi - lo) // 2
    for k in (*range(mid, hi), *range(mid - 1, lo, -1)):
        if tokens[k].word != tokens[k - 1].word:
            return k
    return mid


# Words that carry no content for a signal ("i um would not", "i honestly would not"): the
# patterns read the unit without them, the evidence still quotes the speaker's words.
_NOISE = {"um", "uh", "uhm", "umm", "uhh", "er", "erm", "ah", "hmm", "mm", "honestly",
          "basically", "actually", "literally", "personally", "frankly", "obviously"}
_NOISE_PAIRS = {("you", "know"), ("i", "mean"), ("kind", "of"), ("sort", "of")}


def _content(tokens: list[Token]) -> list[Token]:
    """`tokens` without fillers and stance words; a comma on a dropped word moves back."""
    keep: list[Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        pair = k + 1 < len(tokens) and (t.text, tokens[k + 1].text) in _NOISE_PAIRS
        # "you know the answer" and "what i mean is" keep their words: only a pair that
        # stands between commas or in a run of speech with a word after it is dropped.
        if pair and not (t.text == "you" and k + 2 < len(tokens)
                         and tokens[k + 2].text in {"what", "how", "that", "the", "it"}):
            span = 2
        elif t.text in _NOISE:
            span = 1
        else:
            keep.append(t)
            k += 1
            continue
        if tokens[k + span - 1].comma_after and keep and not keep[-1].comma_after:
            keep[-1] = Token(keep[-1].text, keep[-1].word, True)
        k += span
    return keep


def _make_unit(tokens: list[Token]) -> Unit:
    first, last = tokens[0].word, tokens[-1].word
    tokens = _content(tokens) or tokens
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t.text) + 1
    return Unit(first=first, last=last, tokens=tuple(tokens),
                text=" ".join(t.text for t in tokens), starts=tuple(starts))


def _cut(tokens: list[Token], ends: set[int]) -> list[Unit]:
    """The units of `tokens`, ending after each word in `ends` (and where runs are long)."""
    ranges: list[tuple[int, int]] = []
    lo = 0
    for k, tok in enumerate(tokens):
        last_of_word = k + 1 == len(tokens) or tokens[k + 1].word != tok.word
        if last_of_word and tok.word in ends:
            _split_long(tokens, lo, k + 1, ranges)
            lo = k + 1
    if lo < len(tokens):
        _split_long(tokens, lo, len(tokens), ranges)
    return [_make_unit(tokens[a:b]) for a, b in ranges if b > a]


def split_units(transcript: Transcript, *, read_across: bool = False
                ) -> tuple[list[str], list[Unit]]:
    """The raw words of the answer and its sentence-like units, in order (`read_across`: over
    the recogniser's full stops where no pause follows them)."""
    words = raw_words(transcript)
    tokens = tokenize(words)
    if not tokens:
        return words, []
    return words, _cut(tokens, set(_hard_breaks(words, transcript, read_across)))


def split_both(transcript: Transcript) -> tuple[list[str], list[Unit], list[Unit] | None]:
    """The raw words, the units, and the units read across the recogniser's pause-less full
    stops, from one tokenising; None for the last when that reading cuts no differently (typed
    text, or no such stop)."""
    words = raw_words(transcript)
    tokens = tokenize(words)
    if not tokens:
        return words, [], None
    ends = set(_hard_breaks(words, transcript))
    units = _cut(tokens, ends)
    if not transcript.timed:
        return words, units, None
    across_ends = set(_hard_breaks(words, transcript, read_across=True))
    return words, units, (_cut(tokens, across_ends) if across_ends != ends else None)
