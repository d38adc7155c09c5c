"""Words the recogniser is known to mishear as a round's own terms, put right.

The round's vocabulary is given to the recogniser as context, and still tiny.en writes "dict"
as "dick" and "Kafka" as "cafka" (issue 11: "dict" shown as "dick" in 2-5 transcripts per
voice). A heard word is replaced only when its term is in the round's vocabulary, so "dick" in a
story round stays what was said; the word keeps its timing and its punctuation. The user can
still correct any word in the debrief.
"""

from __future__ import annotations

import re

from mockloop.transcript import Segment, Word

# heard (lowercase, no punctuation) -> the vocabulary term it stands for
HEARD_AS = {
    "dick": "dict", "dicks": "dicts", "dic": "dict",
    "o1": "O(1)",
    "cafka": "Kafka", "kafca": "Kafka", "kavka": "Kafka",
    "postgress": "Postgres", "postgrass": "Postgres", "postgre": "Postgres",
    "postgray": "Postgres", "postgreys": "Postgres",
    "reddis": "Redis", "readis": "Redis", "redus": "Redis",
}
_EDGE = re.compile(r"^(\W*)(.*?)(\W*)$")


def _term_of(heard: str, vocabulary: set[str]) -> str | None:
    term = HEARD_AS.get(heard)
    if term is None:
        return None
    base = term[:-1] if term.endswith("s") and term[:-1].lower() in vocabulary else term
    return term if base.lower() in vocabulary else None


def respell_word(word: str, vocabulary: set[str]) -> str:
    """`word` with a known mishearing of a vocabulary term put right (punctuation kept)."""
    lead, core, trail = _EDGE.match(word).groups()  # type: ignore[union-attr]
    term = _term_of(core.lower(), vocabulary)
    return word if term is None else f"{lead}{term}{trail}"


def respell(segments: list[Segment], vocabulary: tuple[str, ...]) -> list[Segment]:
    """The segments with known mishearings of the round's terms put right."""
    vocab = {v.lower() for v in vocabulary}
    if not vocab:
        return segments
    out = []
    for seg in segments:
        words = tuple(Word(respell_word(w.word, vocab), w.start, w.end, w.probability)
                      for w in seg.words)
        if words == seg.words:
            out.append(seg)
            continue
        text = " ".join(w.word for w in words) if words else seg.text
        out.append(Segment(text, seg.start, seg.end, words))
    return out
