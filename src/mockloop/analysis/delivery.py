"""Delivery measures: time against the round's length, pace, fillers, hedges, pauses, I/we,
and each checkpoint's verdict from the signals it checks.

Typed text has no timings: timing measures are None or empty, counts are still given.
"""

from __future__ import annotations

import itertools

from mockloop.analysis.fillers import count_fillers, count_hedges, count_i_we
from mockloop.analysis.results import (
    CheckpointResult,
    CheckpointSignal,
    Delivery,
    Pause,
    SignalResult,
)
from mockloop.rubric.model import Round
from mockloop.transcript import Transcript

LONG_PAUSE_S = 3.0  # a silence this long reads as a stall to an interviewer
SPEAKING_GAP_S = 1.0  # gaps this long are not speaking time for wpm_speaking
# Time status: finishing under 75 % of the slot leaves too much unsaid; going more than
# 5 % (at least 3 s) over the slot is over time. Everything between is on time.
UNDER_FRACTION = 0.75
OVER_FRACTION = 0.05
OVER_MIN_S = 3.0


def _timed_words(transcript: Transcript) -> list[tuple[float, float]]:
    """(start, end) of each word, when every word carries both times."""
    if not transcript.timed or not transcript.words:
        return []
    spans = []
    for w in transcript.words:
        if w.start is None or w.end is None:
            return []
        spans.append((float(w.start), max(float(w.start), float(w.end))))
    return spans


def time_status(duration: float | None, target: float) -> str | None:
    if duration is None or target <= 0:
        return None
    if duration > target + max(OVER_MIN_S, OVER_FRACTION * target):
        return "over"
    if duration < UNDER_FRACTION * target:
        return "under"
    return "on_time"


def long_pauses(spans: list[tuple[float, float]]) -> tuple[Pause, ...]:
    """Silences of LONG_PAUSE_S or more between words.

    The silence before the first word is not a pause: the answer had not begun (a lead-in
    while the speaker gathers their thoughts). When speech began is the first word's start.
    """
    if not spans:
        return ()
    out = []
    for (_, end), (start, _) in itertools.pairwise(spans):
        if start - end >= LONG_PAUSE_S:
            out.append(Pause(round(end, 3), round(start, 3)))
    return tuple(out)


def speaking_time(spans: list[tuple[float, float]]) -> float:
    """Seconds from the first word to the last, less gaps of SPEAKING_GAP_S or more."""
    if not spans:
        return 0.0
    total = spans[-1][1] - spans[0][0]
    for (_, end), (start, _) in itertools.pairwise(spans):
        gap = start - end
        if gap >= SPEAKING_GAP_S:
            total -= gap
    return max(total, 0.0)


def _verdict(start: float, window: str, from_s: float, until_s: float) -> str:
    if window == "end" and start < from_s:
        return "early"
    if start > until_s:
        return "late"
    return "on_time"


def checkpoint_results(round_: Round, signals: tuple[SignalResult, ...], timed: bool,
                       duration: float | None = None) -> tuple[CheckpointResult, ...]:
    """Each checkpoint's verdict from the results of the signals it checks.

    Times are those of the evidence the checklist quotes. A "by" checkpoint is on time when
    every signal of it that was heard came by at_s, late otherwise. An "end" checkpoint covers
    the final stretch: from at_s to the round's end, or, for an answer that stopped short, the
    same number of seconds before its last word. Before that stretch is early, after the
    round's end late. None of its signals heard: missed (timed or not).
    """
    by_id = {s.id: s for s in signals}
    out = []
    for cp in round_.checkpoints:
        if cp.window == "end":
            stretch = max(round_.length_s - cp.at_s, 0.0)
            until = round_.length_s
            from_s = cp.at_s
            if duration is not None and duration < round_.length_s:
                from_s = round(max(0.0, min(cp.at_s, duration - stretch)), 3)
        else:
            from_s, until = None, cp.at_s
        rows = []
        for sid in cp.signals:
            res = by_id.get(sid)
            hit = res is not None and res.hit
            start = res.start if res is not None and hit and timed else None
            if not hit:
                verdict = "missed"
            elif start is None:
                verdict = None
            else:
                verdict = _verdict(start, cp.window, from_s or 0.0, until)
            rows.append(CheckpointSignal(id=sid, name=cp.name_of(sid), hit=hit, start=start,
                                         verdict=verdict))
        heard = [r for r in rows if r.hit]
        times = [r.start for r in heard if r.start is not None]
        first = min(times) if times else None
        if not heard:
            verdict = "missed" if rows else None
        elif not times:
            verdict = None
        else:
            verdicts = {r.verdict for r in heard}
            verdict = ("late" if "late" in verdicts else "early" if "early" in verdicts
                       else "on_time")
        on_time = None if first is None else verdict == "on_time"
        out.append(CheckpointResult(label=cp.label, at_s=cp.at_s, signal_ids=tuple(cp.signals),
                                    first_hit_s=first, on_time=on_time, window=cp.window,
                                    from_s=from_s, until_s=until, verdict=verdict,
                                    signals=tuple(rows)))
    return tuple(out)


def _per_minute(count: float, seconds: float | None) -> float | None:
    if seconds is None or seconds <= 0:
        return None
    return round(count * 60.0 / seconds, 1)


def measure_delivery(transcript: Transcript, raw: list[str], round_: Round,
                     signals: tuple[SignalResult, ...]) -> Delivery:
    """All delivery measures for one answer."""
    spans = _timed_words(transcript)
    duration = transcript.duration_s
    if duration is None and spans:
        duration = spans[-1][1]
    if duration is not None and spans:
        duration = max(duration, spans[-1][1])
    if duration is not None:
        duration = round(float(duration), 3)
    timed = bool(spans)
    n_words = len(raw)
    fillers = count_fillers(raw)
    hedges = count_hedges(raw)
    i_count, we_count = count_i_we(raw)
    speaking = speaking_time(spans) if timed else None
    return Delivery(
        duration_s=duration,
        target_s=round_.length_s,
        time_status=time_status(duration, round_.length_s),
        overtime_s=round(max(0.0, duration - round_.length_s), 3) if duration else 0.0,
        words=n_words,
        wpm=_per_minute(n_words, duration) if n_words else (0.0 if duration else None),
        wpm_speaking=_per_minute(n_words, speaking) if timed else None,
        fillers_total=sum(fillers.values()),
        fillers_per_minute=_per_minute(sum(fillers.values()), duration),
        fillers_by_word=dict(fillers.most_common()),
        hedges_total=sum(hedges.values()),
        hedges_by_phrase=dict(hedges.most_common()),
        long_pauses=long_pauses(spans),
        i_count=i_count,
        we_count=we_count,
        i_share=round(i_count / (i_count + we_count), 3) if i_count + we_count else None,
        checkpoints=checkpoint_results(round_, signals, timed, duration if timed else None),
    )
