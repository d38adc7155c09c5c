"""Misses that teach: for a missed signal, the sentence where the answer NAMED it without doing
it, the line that says so, and a "Try:" example written for this role and round, picked to
match the prompt's domain (most words shared with the prompt; ties: file order).

Examples are only ever served for the round and roles they are tagged with in coaching.toml.
"""

from __future__ import annotations

import re
from functools import cache

from mockloop.analysis.results import SignalResult
from mockloop.analysis.units import Unit
from mockloop.rubric.coaching import SignalCoaching, TryExample, get_coaching
from mockloop.transcript import Transcript

_WORD = re.compile(r"[a-z0-9]+")
# Words too common to say anything about a prompt's domain.
_STOP = frozenset({"a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "at",
    "by", "from", "is", "are", "was", "were", "be", "been", "it", "this", "that", "these",
    "those", "you", "your", "we", "our", "i", "me", "my", "they", "them", "their", "what",
    "which", "who", "when", "where", "how", "why", "do", "does", "did", "can", "could",
    "would", "should", "will", "shall", "may", "might", "must", "not", "no", "so", "as", "if",
    "then", "than", "there", "here", "about", "into", "over", "under", "up", "down", "out",
    "tell", "walk", "through", "time", "one", "each", "some", "any", "all", "more",
    "most", "just", "like", "also", "very", "design", "build", "make", "given", "return",
    "talk", "write", "let"})


@cache
def _pattern(name: str) -> re.Pattern:
    return re.compile(r"(?<!\S)" + re.escape(name) + r"(?!\S)")


def named_in(coach: SignalCoaching, units: list[Unit]) -> tuple[int, str] | None:
    """(unit index, word) of the first unit that names the signal, or None."""
    for i, unit in enumerate(units):
        for name in coach.names:
            if _pattern(name).search(unit.text):
                return i, name
    return None


def with_named(results: tuple[SignalResult, ...], transcript: Transcript, words: list[str],
               units: list[Unit]) -> tuple[SignalResult, ...]:
    """The results, each miss carrying the sentence that named it (when one did)."""
    coaching = get_coaching()
    timed = transcript.timed and len(transcript.words) == len(words)
    out = []
    for r in results:
        coach = coaching.get(r.id)
        found = named_in(coach, units) if (coach and not r.hit) else None
        if found is None:
            out.append(r)
            continue
        i, word = found
        u = units[i]
        out.append(SignalResult(
            id=r.id, hit=False, named_evidence=" ".join(words[u.first:u.last + 1]),
            named_start=transcript.words[u.first].start if timed else None, named_word=word))
    return tuple(out)


STEM = 5  # letters: "cancel", "cancels" and "cancellation" share a stem, as do "predicts"
# and "prediction"; crude, but a prompt and an example only need to meet on a few words.


def _content(text: str | None) -> set[str]:
    """The stems of the content words of `text`."""
    return {w[:STEM] for w in _WORD.findall((text or "").lower())
            if w not in _STOP and len(w) > 2}


def pick_try(signal_id: str, role_id: str, round_id: str,
             prompt_text: str | None = None) -> TryExample | None:
    """The example for this signal, written for this round and role, closest to the prompt."""
    coach = get_coaching().get(signal_id)
    if coach is None:
        return None
    options = coach.examples(round_id, role_id)
    if not options:
        return None
    prompt = _content(prompt_text)
    # max keeps the first of ties: with no overlap, the first example written for the cell
    return max(options, key=lambda t: len(prompt & _content(t.text)))


def teaching_line(result: SignalResult) -> str | None:
    """For a miss: "You said “leakage” but not how you would keep it out." when it was named,
    else the plain meaning as what was not heard."""
    if result.hit:
        return None
    coach = get_coaching().get(result.id)
    if coach is None:
        return None
    if result.named_word:
        return coach.named.replace("{word}", result.named_word)
    return f"Not heard: {coach.meaning[0].lower()}{coach.meaning[1:]}"


def coaching_keys(result: SignalResult, role_id: str, round_id: str,
                  prompt_text: str | None) -> dict:
    """The coaching keys a report adds to a signal entry: meaning and why for every signal;
    for a miss the teaching line and the role- and round-specific Try."""
    coach = get_coaching().get(result.id)
    if coach is None:
        return {}
    out = {"meaning": coach.meaning, "why": coach.why.get(role_id)}
    if not result.hit:
        example = pick_try(result.id, role_id, round_id, prompt_text)
        out["teach"] = teaching_line(result)
        out["try"] = example.text if example else None
    return out
