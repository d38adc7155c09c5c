"""What the debrief marks in a transcript: each hit signal's evidence sentence, the fillers and
hedges the delivery counted, and the long pauses, as word ranges with their times.

Qt-free: the window's transcript and playback bar only draw these marks.

    marks = transcript_marks(report, names={"metric": "Names a metric"})

Word indices are those of the report's transcript words (`report.transcript.words`). A
pause is the gap before a word: its range is empty (`start_word == end_word`, the word after
the silence). Fillers and hedges are found by the analysis's own rules (mockloop.analysis.
fillers); no more of each form are marked than the report counted, so a report saved by an
older mockloop shows the count its delivery card says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mockloop.analysis.fillers import find_fillers, find_hedges
from mockloop.analysis.units import raw_words
from mockloop.report import RoundReport
from mockloop.transcript import Transcript

KINDS = ("evidence", "filler", "hedge", "pause")
# The legend's names for the kinds, and what each means (its hover).
KIND_NAMES = {"evidence": "Evidence", "filler": "Fillers", "hedge": "Hedges",
              "pause": "Long pauses"}
KIND_MEANING = {
    "evidence": "The sentences the checklist quotes as the evidence for a signal hit.",
    "filler": "“um”, “uh”, “like”, “you know”… as the delivery card counts them.",
    "hedge": "Phrases that soften a claim (“I think maybe”, “probably”).",
    "pause": "Silences of 3 seconds or more between words: to an interviewer they read as "
             "a stall.",
}
_TIME_SLACK_S = 0.05  # times in a saved report are rounded to the millisecond


@dataclass(frozen=True)
class Mark:
    kind: str  # one of KINDS
    start_word: int  # first transcript word
    end_word: int  # one past the last (a pause: equal to start_word, the word after it)
    start_s: float | None  # when it begins (None for typed text)
    end_s: float | None
    label: str  # what it is, in a few words: the hover and the playback bar's tip
    signals: tuple[str, ...] = ()  # evidence: the ids of the signals it stands for

    def to_dict(self) -> dict:
        return {"kind": self.kind, "start_word": self.start_word, "end_word": self.end_word,
                "start_s": self.start_s, "end_s": self.end_s, "label": self.label,
                "signals": list(self.signals)}


def transcript_marks(report: RoundReport | dict,
                     names: Mapping[str, str] | None = None) -> list[Mark]:
    """Every mark of the report's transcript, in transcript order (a pause before the word it
    precedes; at one word, evidence first). `names` gives the signals' names for the labels
    (their ids without it)."""
    if isinstance(report, dict):
        report = RoundReport.from_dict(report)
    transcript = report.transcript
    raw = raw_words(transcript)
    if not transcript.words or len(raw) != len(transcript.words):
        return []  # nothing to point at word by word
    names = names or {}
    marks = _evidence(report, raw, names)
    delivery = report.analysis.delivery
    marks += _counted("filler", find_fillers(raw), delivery.fillers_by_word, transcript)
    marks += _counted("hedge", find_hedges(raw), delivery.hedges_by_phrase, transcript)
    marks += _pauses(report)
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(marks, key=lambda m: (m.start_word, m.end_word != m.start_word,
                                        order[m.kind]))


def marks_of_kind(marks: list[Mark], kinds: set[str] | frozenset[str]) -> list[Mark]:
    """The marks whose kind is switched on."""
    return [m for m in marks if m.kind in kinds]


def names_of(ids: tuple[str, ...] | list[str], names: Mapping[str, str]) -> str:
    """“Metric”, “Metric and Baseline”, “A, B and C”."""
    shown = [names.get(i, i) for i in ids]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _times(transcript: Transcript, first: int, last: int) -> tuple[float | None, float | None]:
    start = transcript.words[first].start
    end = transcript.words[last].end
    if end is None:
        end = transcript.words[last].start
    return start, end


def _evidence(report: RoundReport, raw: list[str], names: Mapping[str, str]) -> list[Mark]:
    """Each hit's evidence found in the words (the one nearest its quoted time when the
    sentence is said twice); a sentence standing for two signals is one mark naming both."""
    pieces = [(i, p) for i, w in enumerate(raw) for p in w.split()]
    texts = [p for _i, p in pieces]
    spans: dict[tuple[int, int], list[str]] = {}
    for s in report.analysis.signals:
        if not s.hit or not s.evidence:
            continue
        want = s.evidence.split()
        found = [(pieces[k][0], pieces[k + len(want) - 1][0] + 1)
                 for k in range(len(texts) - len(want) + 1) if texts[k:k + len(want)] == want]
        if not found:
            continue  # the transcript changed since (it never does: a correction re-scores)
        span = found[0]
        quoted = s.start
        if quoted is not None and len(found) > 1:
            words = report.transcript.words
            span = min(found, key=lambda f: abs((words[f[0]].start or 0.0) - quoted))
        spans.setdefault(span, []).append(s.id)
    out = []
    for (a, b), ids in spans.items():
        start, end = _times(report.transcript, a, b - 1)
        out.append(Mark("evidence", a, b, start, end,
                        f"Evidence for {names_of(ids, names)}", tuple(ids)))
    return out


def _counted(kind: str, found: list[tuple[int, int, str]], counted: dict[str, int],
             transcript: Transcript) -> list[Mark]:
    left = dict(counted)
    out = []
    word = "Filler" if kind == "filler" else "Hedge"
    for i, n, form in found:
        if left.get(form, 0) <= 0:
            continue
        left[form] -= 1
        start, end = _times(transcript, i, i + n - 1)
        out.append(Mark(kind, i, i + n, start, end, f"{word}: “{form}”"))
    return out


def _pauses(report: RoundReport) -> list[Mark]:
    """Each long pause as the gap before the word that ends it. A pause from 0:00 in a report
    saved before lead-ins stopped counting is the lead-in, not a pause (as the delivery card
    says)."""
    words = report.transcript.words
    starts = [(k, w.start) for k, w in enumerate(words) if w.start is not None]
    if not starts:
        return []
    out = []
    for k, p in enumerate(report.analysis.delivery.long_pauses):
        if k == 0 and p.start == 0.0:
            continue
        after = next((i for i, t in starts if t >= p.end - _TIME_SLACK_S), None)
        if after is None or after == starts[0][0]:
            continue
        length = p.end - p.start
        out.append(Mark("pause", after, after, p.start, p.end, f"Pause of {length:.1f} s"))
    return out


# -- which kinds are shown: remembered in the window's state (state.json, "window") ----------

SETTING = "transcript_marks"  # the key in Settings.window: {"evidence": true, "filler": false...}


def shown_kinds(window: object) -> frozenset[str]:
    """The kinds switched on, from the window's saved state. Every kind is on unless saved as
    false; a value that is not true or false (a hand edit) counts as on, never an error."""
    saved = window.get(SETTING) if isinstance(window, dict) else None
    if not isinstance(saved, dict):
        saved = {}
    return frozenset(k for k in KINDS if saved.get(k) is not False)


def with_shown(window: object, kinds: set[str] | frozenset[str]) -> dict:
    """The window's state with `kinds` remembered as the ones shown (the rest kept)."""
    out = dict(window) if isinstance(window, dict) else {}
    out[SETTING] = {k: k in kinds for k in KINDS}
    return out
