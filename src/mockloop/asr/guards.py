"""Hallucination guards: drop decoded segments that are very likely invented text.

Whisper, given silence, noise or the end of a clip, tends to continue its prompt ("Yeah.",
"I think, um, we're going to ship it.") with a low log-probability, often after the temperature
fallback ran out, and squeezes many words into a fraction of a second. Real speech does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

LOW_LOGPROB = -1.0        # mean token log-probability below this = the decoder was guessing
NO_SPEECH_HINT = 0.3      # no_speech_prob above this, together with a low log-probability
MAX_FALLBACK_T = 0.8      # temperature at or above this: every careful decode was rejected
MAX_WORDS_PER_S = 8.0     # fast talkers reach about 5 words per second
MIN_WORD_PROB = 0.15      # mean word probability of a segment made of guesses
MAX_COMPRESSION = 2.4     # gzip ratio of a repetition loop ("the the the ...")


class _Word(Protocol):
    word: str
    start: float
    end: float
    probability: float


class DecodedSegment(Protocol):
    start: float
    end: float
    text: str
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    temperature: float | None
    words: Sequence[_Word] | None


def is_hallucination(seg: DecodedSegment) -> bool:
    """True when a faster-whisper segment should be thrown away rather than shown."""
    words = list(seg.words or [])
    if not words:
        return not seg.text.strip()
    if seg.compression_ratio > MAX_COMPRESSION:
        return True
    span = max(seg.end - seg.start, 1e-3)
    if len(words) >= 3 and len(words) / span > MAX_WORDS_PER_S:
        return True
    if seg.avg_logprob < LOW_LOGPROB:
        if seg.no_speech_prob > NO_SPEECH_HINT or (seg.temperature or 0.0) >= MAX_FALLBACK_T:
            return True
        if sum(w.probability for w in words) / len(words) < MIN_WORD_PROB:
            return True
    return False


SPEECH_TOLERANCE_S = 0.2  # word alignment is loose by about this much around pauses


def outside_speech(word: _Word, speech: Sequence[tuple[float, float]]) -> bool:
    """True for a word placed entirely where the VAD heard no speech.

    Without timestamp tokens whisper likes to end a piece with "Thank you." aligned into the
    trailing silence; no real word lies wholly in silence.
    """
    tol = SPEECH_TOLERANCE_S
    return not any(word.start < end + tol and word.end > start - tol for start, end in speech)


TAIL_MAX_WORDS = 3        # "Thank you.", "That's it.", "Yeah."
TAIL_FIRST_PROB = 0.1     # the model itself hardly believed the sentence's first word...
TAIL_MEAN_PROB = 0.4      # ...or any of its words
# Whisper's favourite closings, learnt from subtitles: doubted more readily than other words.
KNOWN_OUTROS = {"thank you", "thanks", "thank you very", "that's it", "yeah", "bye", "bye bye",
                "you", "thanks for watching", "i'm sorry", "oh", "okay"}
OUTRO_MEAN_PROB = 0.75


def invented_tail(words: Sequence[_Word]) -> int:
    """How many words at the end of a decoded piece to drop as an invented closing sentence.

    Whisper closes pieces with a short sentence of its own ("Thank you.", "That's it."), and
    gives its words low probabilities, unlike words that were clearly said. A mumbled real
    ending may go too; that costs less than text the user never said.
    """
    ends = [i for i, w in enumerate(words[:-1]) if w.word.strip()[-1:] in ".?!"]
    if not ends:
        return 0
    tail = words[ends[-1] + 1:]
    if len(tail) > TAIL_MAX_WORDS:
        return 0
    mean = sum(w.probability for w in tail) / len(tail)
    said = " ".join(w.word.strip(" .,!?").lower() for w in tail)
    if tail[0].probability < TAIL_FIRST_PROB or mean < TAIL_MEAN_PROB:
        return len(tail)
    if said in KNOWN_OUTROS and mean < OUTRO_MEAN_PROB:
        return len(tail)
    return 0
