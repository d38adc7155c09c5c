"""The debrief's lines, written once: the window's delivery card and the Markdown export both
show these rows (Qt-free, so the core's exports and the window cannot drift apart).

`delivery_rows(report)` gives the delivery rows of a round: time used, pace (overall and while
speaking), words, fillers, hedges, speech start, long pauses, I/we and the checkpoints, each
with what it means and what a good value looks like (the window's hover).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mockloop.analysis.results import CheckpointResult, CheckpointSignal, Delivery

if TYPE_CHECKING:
    from mockloop.report import RoundReport


@dataclass(frozen=True)
class DeliveryRow:
    key: str  # "time", "pace", "words", ... ("checkpoint" for each checkpoint): tests find it
    label: str
    value: str
    tooltip: str


STATUS_TEXT = {"under": "under time", "on_time": "on time", "over": "over time"}
VERDICT_TEXT = {"on_time": "on time", "early": "early", "late": "late", "missed": "not heard"}
LEAD_IN_S = 1.0  # speech that begins later than this is worth saying when it began

# What each line means and what a good value looks like: one hover away.
MEANING = {
    "time": "Time used against the round's length. Landing between three quarters of the "
            "slot and the end of it is on time; much shorter leaves things unsaid, longer "
            "cuts into the interviewer's follow-ups.",
    "start": "When your first word came. A few seconds to gather your thoughts is fine and is "
             "not counted as a pause; much more than five feels slow to start.",
    "pace": "Words per minute over the whole answer (and while actually speaking). About "
            "130 to 170 is easy to follow; above about 180 sounds rushed, below 110 slow.",
    "words": "How many words the answer had.",
    "fillers": "“um”, “uh”, “like”, “you know”… per minute. A few (under about 3 a minute) "
               "go unnoticed; more make an answer sound unsure.",
    "hedges": "Phrases that soften a claim (“I think maybe”, “probably”). Keep them for real "
              "uncertainty; a decision you made is said plainly.",
    "pauses": "Silences of 3 seconds or more between words: to an interviewer they read as a "
              "stall. A short pause before a key point is fine.",
    "i_we": "How often you said “I” against “we”. Interviewers score what you did: for your "
            "own decisions say “I” (over about half “I” in a story reads as ownership) "
            "without erasing the team.",
    "checkpoint": "By this time the round expects these signals to have been made (“Last N s”: "
                  "they belong in the closing stretch, so earlier is early). Times are those "
                  "of the sentences the checklist quotes; the track on the Practice page shows "
                  "the same marks while you speak.",
}


def mmss(seconds: float | None) -> str:
    """`75.4` -> `1:15`; None -> an en dash (as mockloop.ui.fmt.mmss, which the UI uses)."""
    if seconds is None:
        return "–"
    sign = "-" if seconds < 0 else ""
    m, s = divmod(round(abs(seconds)), 60)
    return f"{sign}{m}:{s:02d}"


def first_word_at(report: RoundReport) -> float | None:
    """When speech began: the start of the transcript's first timed word."""
    return next((w.start for w in report.transcript.words if w.start is not None), None)


def delivery_rows(report: RoundReport) -> list[DeliveryRow]:
    """The delivery rows of a round, in the order the debrief shows them."""
    return rows_of(report.analysis.delivery, first_word_at(report))


def rows_of(d: Delivery, first_word_s: float | None = None) -> list[DeliveryRow]:
    """The delivery rows of `d`. `first_word_s` is when speech began: a silent lead-in is said
    as "started speaking at 0:06", never counted as a long pause (older saved reports listed
    it as a pause from 0:00)."""
    rows: list[tuple[str, str, str]] = []
    time = f"{mmss(d.duration_s)} of {mmss(d.target_s)}"
    if d.time_status:
        time += f"  ·  {STATUS_TEXT.get(d.time_status, d.time_status)}"
    if d.time_status == "over" and d.overtime_s:
        time += f" by {mmss(d.overtime_s)}"
    rows.append(("time", "Time used", time))
    if d.wpm is not None:
        pace = f"{d.wpm:.0f} words per minute"
        if d.wpm_speaking:
            pace += f" ({d.wpm_speaking:.0f} while speaking)"
        rows.append(("pace", "Pace", pace))
    rows.append(("words", "Words", str(d.words)))
    fillers = str(d.fillers_total)
    if d.fillers_per_minute is not None:
        fillers = f"{d.fillers_per_minute:.1f} per minute"
    if d.fillers_by_word:
        fillers += f"  ({_counts(d.fillers_by_word)})"
    rows.append(("fillers", "Fillers", fillers))
    if d.hedges_total:
        rows.append(("hedges", "Hedges", f"{d.hedges_total}  ({_counts(d.hedges_by_phrase)})"))
    pauses = list(d.long_pauses)
    if pauses and pauses[0].start == 0.0:  # the lead-in, in a report saved before
        first_word_s = pauses[0].end if first_word_s is None else first_word_s
        pauses = pauses[1:]
    if first_word_s is not None and first_word_s >= LEAD_IN_S:
        rows.append(("start", "Started speaking", f"at {mmss(first_word_s)}"))
    rows.append(("pauses", "Long pauses", ", ".join(
        f"{mmss(p.start)} ({p.end - p.start:.1f} s)" for p in pauses) or "none"))
    if d.i_share is not None:
        rows.append(("i_we", "I vs we", (f"{round(100 * d.i_share)}% “I”  "
                     f"({d.i_count} I, {d.we_count} we)")))
    for c in d.checkpoints:
        rows.append(("checkpoint", checkpoint_label(c), checkpoint_value(c)))
    return [DeliveryRow(key, label, value, MEANING.get(key, "")) for key, label, value in rows]


def _counts(by: dict[str, int]) -> str:
    return ", ".join(f"{k} ×{v}" for k, v in sorted(by.items(), key=lambda kv: -kv[1]))


def checkpoint_label(c: CheckpointResult) -> str:
    """"By 0:30", or for the final stretch "Last 20 s"."""
    if c.window == "end" and c.until_s is not None:
        return f"Last {round(c.until_s - c.at_s)} s"
    return f"By {mmss(c.at_s)}"


def checkpoint_value(c: CheckpointResult) -> str:
    """The checkpoint's signals and its verdict, from the signals' own results: "Outcome and
    fallout: at 0:24, early (its place is from 1:10)"; a checkpoint none of whose signals was
    heard is "not heard", whatever else was said."""
    label = c.label
    results = c.signals
    if not results:  # a report saved before checkpoints carried their signals' results
        if c.first_hit_s is None:
            return f"{label}: not heard"
        verdict = "on time" if c.on_time else "late"
        return f"{label}: at {mmss(c.first_hit_s)}, {verdict}"
    heard = [r for r in results if r.hit]
    if not heard:
        return f"{label}: not heard"
    missed = [r.name or r.id for r in results if not r.hit]

    def one(r: CheckpointSignal) -> str:
        if r.start is None:
            return "heard"
        text = f"at {mmss(r.start)}, {VERDICT_TEXT.get(r.verdict or '', r.verdict)}"
        if r.verdict == "early" and c.from_s is not None:
            text += f" (its place is from {mmss(c.from_s)} on)"
        return text

    if len(results) == 1:
        return f"{label}: {one(heard[0])}"
    parts = [f"{r.name or r.id} {one(r)}" for r in heard]
    value = "; ".join(parts)
    if missed:
        value += "; not heard: " + ", ".join(missed)
    return value
