"""Signal detection: for each scored signal, the first sentence that does it, or a miss.

Evidence is always the speaker's own words (the unit's transcript words), never invented.
"""

from __future__ import annotations

from mockloop.analysis.families import families_for, family_hits
from mockloop.analysis.results import SignalResult
from mockloop.analysis.units import Unit
from mockloop.transcript import Transcript


def _evidence(words: list[str], units: list[Unit], first: int, last: int) -> str:
    return " ".join(words[units[first].first: units[last].last + 1])


def _start(transcript: Transcript, units: list[Unit], first: int, n_words: int) -> float | None:
    if not transcript.timed or len(transcript.words) != n_words:
        return None
    return transcript.words[units[first].first].start


def detect_signal(signal_id: str, transcript: Transcript, words: list[str],
                  units: list[Unit]) -> SignalResult:
    """The result for one signal: its first hit with evidence and reason, or a miss."""
    fams = families_for(signal_id)
    for i in range(len(units)):
        for fam in fams:
            last = family_hits(fam, units, i)
            if last is not None:
                return SignalResult(
                    id=signal_id, hit=True, evidence=_evidence(words, units, i, last),
                    start=_start(transcript, units, i, len(words)), why=fam.name,
                )
    return SignalResult(id=signal_id, hit=False)


def detect_signals(signal_ids: tuple[str, ...], transcript: Transcript, words: list[str],
                   units: list[Unit]) -> tuple[SignalResult, ...]:
    """Results for the round's signals, in the round's order."""
    return tuple(detect_signal(s, transcript, words, units) for s in signal_ids)
