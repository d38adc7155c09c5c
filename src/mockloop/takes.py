"""Takes side by side: a retake of a prompt against the previous take of it.

`previous_take(store, id)` finds the take a retake is compared with: the latest complete round
started before it with the same role, round and prompt (and, for a round that continues
another, the same kind and question), skipping takes with no speech. `compare(then, now)`
gives a `TakeComparison`: signals gained and lost (with what was said then and now), time
used, pace, fillers per minute and lens share of each, and whether the two answers are nearly
word for word the same.

Nearly the same ("memorised") is the word-level similarity of difflib's SequenceMatcher
(2 * matching words / all words) over normalised words: lower case, punctuation and
hesitations ("um", "uh") dropped, spoken numbers as digits, so a recogniser writing "15%"
for "fifteen percent" is no difference. Measured (benchmarks/bench_take_similarity.py,
results in benchmarks/results/take-similarity.txt): every pair of different answers to the
same role and round in all the labelled sets (25,906 pairs, tests/devset) scores at most 0.48
(short compensation answers sharing stock phrases; two writers telling one story 0.43); the
same answer read twice and heard by the built-in recogniser (espeak-ng and Piper voices, clean,
noisy, 1.25x fast; 48 pairs over 8 dev answers) scores 0.69 at the lowest, 0.84 on average,
the typed text against its reading 0.73 or more. MEMORISED_AT = 0.6 sits between the two, a
little nearer the different answers: synthetic voices through tiny.en are misheard more than
a person is, so real re-reads score higher, while a retake that keeps the story and rewords
it stays well under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from mockloop.analysis.numbers import merge_number_words
from mockloop.debrief_lines import STATUS_TEXT, mmss
from mockloop.errors import UserError
from mockloop.report import RoundReport
from mockloop.rubric.model import Rubric

MEMORISED_AT = 0.6
# Below this many words in either take, "nearly the same" says nothing (two short "I don't
# know"s would match).
MIN_WORDS = 30
LENSES = ("product", "model", "system")
_HESITATIONS = frozenset({"um", "umm", "ummm", "uhm", "uh", "uhh", "uhhh", "er", "err", "erm",
                          "hmm", "hm", "hmmm", "mm", "mmm"})
_WORD = re.compile(r"[a-z0-9']+")


# -- how alike two answers are ------------------------------------------------------------


def similarity_words(text: str) -> list[str]:
    """The words two takes are compared on: lower case, no punctuation or hesitations,
    spoken numbers as digits ("fifteen percent" and "15%" are the same two words)."""
    text = text.lower().translate({0x2019: "'", 0x2018: "'"})
    text = text.replace("%", " percent ").replace("-", " ")
    words = [w.strip("'") for w in _WORD.findall(text)]
    words = [w for w in words if w and w not in _HESITATIONS]
    return [w for w, _ in merge_number_words(words)]


def similarity(a: str, b: str) -> float:
    """0..1: how much of two answers is the same words in the same order."""
    x, y = similarity_words(a), similarity_words(b)
    if not x and not y:
        return 0.0
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


# -- the comparison -----------------------------------------------------------------------


@dataclass(frozen=True)
class SignalChange:
    """A signal one take hit and the other did not: what was said for it then and now.

    `then`/`now` is the sentence that does it in the take that hit it; in the take that
    missed it, the sentence that named it without doing it, or None."""

    id: str
    name: str
    then: str | None
    now: str | None
    then_start: float | None = None
    now_start: float | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "then": self.then, "now": self.now,
                "then_start": self.then_start, "now_start": self.now_start}


@dataclass(frozen=True)
class TakeFigures:
    """One take's numbers, as the comparison shows them."""

    id: int | None
    started_at: str | None
    hits: int
    scored: int
    words: int
    duration_s: float | None
    target_s: float
    time_status: str | None
    wpm: float | None
    fillers_per_minute: float | None
    lens: dict[str, float]
    dominant_lens: str | None

    @classmethod
    def of(cls, report: RoundReport, started_at: str | None = None) -> TakeFigures:
        d = report.analysis.delivery
        lens = report.analysis.lens
        return cls(report.id, started_at, sum(s.hit for s in report.analysis.signals),
                   len(report.analysis.signals), d.words, d.duration_s, d.target_s,
                   d.time_status, d.wpm, d.fillers_per_minute,
                   {k: float(getattr(lens, k)) for k in LENSES}, lens.dominant)

    def to_dict(self) -> dict:
        return {"id": self.id, "started_at": self.started_at, "hits": self.hits,
                "scored": self.scored, "words": self.words, "duration_s": self.duration_s,
                "target_s": self.target_s, "time_status": self.time_status, "wpm": self.wpm,
                "fillers_per_minute": self.fillers_per_minute, "lens": dict(self.lens),
                "dominant_lens": self.dominant_lens}


@dataclass(frozen=True)
class FigureRow:
    """One line of the side-by-side table: then, now and the change, as text."""

    key: str  # "signals", "time", "pace", "fillers", "lens"
    label: str
    then: str
    now: str
    change: str  # "" when there is nothing to say


@dataclass(frozen=True)
class TakeComparison:
    role: str
    round: str
    prompt_id: str | None
    then: TakeFigures
    now: TakeFigures
    gained: tuple[SignalChange, ...]
    lost: tuple[SignalChange, ...]
    kept: tuple[str, ...]  # names of the signals both takes hit
    still_missed: tuple[str, ...]  # names of the signals neither hit
    similarity: float
    memorised: bool

    @property
    def rows(self) -> list[FigureRow]:
        return figure_rows(self.then, self.now)

    @property
    def headline(self) -> str:
        """One line: how this take did against the last one."""
        t, n = self.then, self.now
        parts = [f"{n.hits} of {n.scored} signals now, {t.hits} last time"]
        if self.gained:
            parts.append(f"{len(self.gained)} gained")
        if self.lost:
            parts.append(f"{len(self.lost)} lost")
        if not self.gained and not self.lost:
            parts.append("the same ones as before")
        return "; ".join(parts) + "."

    @property
    def memorised_line(self) -> str | None:
        """Said kindly, only when the takes are nearly word for word the same."""
        if not self.memorised:
            return None
        share = round(100 * self.similarity)
        return (f"This answer is nearly word for word your last one ({share}% "
                "of the words match, in the same order). That is a fine way to learn the shape "
                "of a story, but interviewers notice an answer that is recited: keep the "
                "points, and say them in fresh words each time, as if telling someone new.")

    def to_dict(self) -> dict:
        return {
            "role": self.role, "round": self.round, "prompt_id": self.prompt_id,
            "then": self.then.to_dict(), "now": self.now.to_dict(),
            "gained": [g.to_dict() for g in self.gained],
            "lost": [g.to_dict() for g in self.lost],
            "kept": list(self.kept), "still_missed": list(self.still_missed),
            "similarity": round(self.similarity, 4), "memorised": self.memorised,
            "memorised_at": MEMORISED_AT, "headline": self.headline,
            "rows": [{"key": r.key, "label": r.label, "then": r.then, "now": r.now,
                      "change": r.change} for r in self.rows],
        }


def compare(then: RoundReport, now: RoundReport, rubric: Rubric | None = None, *,
            then_at: str | None = None, now_at: str | None = None) -> TakeComparison:
    """`now` against `then` (the earlier take). Signals are those `now` scores that `then`
    scored too (a rubric changed in between leaves the others out)."""
    earlier = {s.id: s for s in then.analysis.signals}
    gained: list[SignalChange] = []
    lost: list[SignalChange] = []
    kept: list[str] = []
    missed: list[str] = []
    for s in now.analysis.signals:
        before = earlier.get(s.id)
        if before is None:
            continue
        name = _name(rubric, s.id)
        if s.hit and before.hit:
            kept.append(name)
        elif not s.hit and not before.hit:
            missed.append(name)
        else:
            change = SignalChange(
                s.id, name,
                then=before.evidence if before.hit else before.named_evidence,
                now=s.evidence if s.hit else s.named_evidence,
                then_start=before.start if before.hit else before.named_start,
                now_start=s.start if s.hit else s.named_start)
            (gained if s.hit else lost).append(change)
    x, y = similarity_words(then.transcript.text), similarity_words(now.transcript.text)
    alike = SequenceMatcher(None, x, y, autojunk=False).ratio() if x or y else 0.0
    memorised = alike >= MEMORISED_AT and min(len(x), len(y)) >= MIN_WORDS
    return TakeComparison(now.role, now.round, now.prompt_id, TakeFigures.of(then, then_at),
                          TakeFigures.of(now, now_at), tuple(gained), tuple(lost),
                          tuple(kept), tuple(missed), alike, memorised)


def _name(rubric: Rubric | None, signal_id: str) -> str:
    sig = rubric.signals.get(signal_id) if rubric is not None else None
    return sig.name if sig is not None else signal_id


def render(cmp: TakeComparison) -> str:
    """The comparison as plain text (`mockloop compare`)."""
    lines = [f"Round #{cmp.now.id} beside round #{cmp.then.id} ({cmp.role} · {cmp.round}"
             + (f" · {cmp.prompt_id}" if cmp.prompt_id else "") + ")", cmp.headline]
    if cmp.memorised_line:
        lines += ["", cmp.memorised_line]
    lines += ["", "Last take  →  this take"]
    lines += [f"{r.label}: {r.then}  →  {r.now}" + (f"  ({r.change})" if r.change else "")
              for r in cmp.rows]
    for title, changes in (("Gained", cmp.gained), ("Lost", cmp.lost)):
        for c in changes:
            lines += ["", f"{title}: {c.name}",
                      "  " + _said_line("last take", c.then, c.then_start),
                      "  " + _said_line("this take", c.now, c.now_start)]
    if cmp.kept:
        lines += ["", "Hit both times: " + ", ".join(cmp.kept)]
    if cmp.still_missed:
        lines += ["Missed both times: " + ", ".join(cmp.still_missed)]
    return "\n".join(lines) + "\n"


def _said_line(which: str, sentence: str | None, start: float | None) -> str:
    if not sentence:
        return f"{which}: not heard"
    at = f" ({mmss(start)})" if start is not None else ""
    return f"{which}{at}: “{sentence}”"


# -- the figures, as text -----------------------------------------------------------------


def figure_rows(then: TakeFigures, now: TakeFigures) -> list[FigureRow]:
    rows = [FigureRow("signals", "Signals hit", f"{then.hits} of {then.scored}",
                      f"{now.hits} of {now.scored}", _diff(now.hits - then.hits, "more",
                                                            "fewer", "{:d}"))]
    rows.append(FigureRow("time", "Time used", _time(then), _time(now),
                          _time_change(then, now)))
    rows.append(FigureRow("pace", "Pace", _wpm(then.wpm), _wpm(now.wpm),
                          _diff(_sub(now.wpm, then.wpm), "faster", "slower", "{:.0f}",
                                unit=" words per minute", at_least=5)))
    rows.append(FigureRow("fillers", "Fillers", _fpm(then.fillers_per_minute),
                          _fpm(now.fillers_per_minute),
                          _diff(_sub(now.fillers_per_minute, then.fillers_per_minute),
                                "more", "fewer", "{:.1f}", unit=" a minute", at_least=0.5)))
    rows.append(FigureRow("lens", "Lens share", _lens(then), _lens(now), _lens_change(then, now)))
    return rows


def _sub(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def _diff(delta: float | None, up: str, down: str, fmt: str, *, unit: str = "",
          at_least: float = 1) -> str:
    if delta is None:
        return ""
    if abs(delta) < at_least:
        return "the same" if delta == 0 else "about the same"
    word = up if delta > 0 else down
    return f"{fmt.format(abs(delta))}{unit} {word}"


def _time(f: TakeFigures) -> str:
    if f.duration_s is None:
        return "typed (no time)"
    text = f"{mmss(f.duration_s)} of {mmss(f.target_s)}"
    if f.time_status:
        text += f", {STATUS_TEXT.get(f.time_status, f.time_status)}"
    return text


def _time_change(then: TakeFigures, now: TakeFigures) -> str:
    delta = _sub(now.duration_s, then.duration_s)
    if delta is None:
        return ""
    if abs(delta) < 3:
        return "about the same"
    return f"{mmss(abs(delta))} {'longer' if delta > 0 else 'shorter'}"


def _wpm(wpm: float | None) -> str:
    return "–" if wpm is None else f"{wpm:.0f} words per minute"


def _fpm(fpm: float | None) -> str:
    if fpm is None:
        return "–"
    return "none" if fpm == 0 else f"{fpm:.1f} a minute"


def _lens(f: TakeFigures) -> str:
    if f.dominant_lens is None:
        return "nothing lens-related"
    return " · ".join(f"{k} {round(100 * f.lens.get(k, 0.0))}%" for k in LENSES)


def _lens_change(then: TakeFigures, now: TakeFigures) -> str:
    if then.dominant_lens is None or now.dominant_lens is None:
        return ""
    if then.dominant_lens != now.dominant_lens:
        return f"most words now on {now.dominant_lens}, last time on {then.dominant_lens}"
    k = now.dominant_lens
    delta = round(100 * (now.lens.get(k, 0.0) - then.lens.get(k, 0.0)))
    if abs(delta) < 5:
        return "about the same"
    return f"{k} {'+' if delta > 0 else '−'}{abs(delta)} points"


# -- the takes in the history -------------------------------------------------------------

# Complete, with speech: a take with no speech stores an empty transcript (as
# mockloop.progress counts rounds).
_COUNTED = "status = 'complete' AND trim(coalesce(transcript, '')) != ''"


def previous_take(store, history_id: int) -> int | None:
    """The history id of the take `history_id` is a retake of, or None (a first take, or one
    whose earlier takes all had no speech)."""
    row = store.get(history_id)  # NotFoundError for a round that is not there
    if row.prompt_id is None:
        return None  # a typed answer with no prompt: nothing says it answered the same one
    where = [_COUNTED, "role = ?", "round = ?", "prompt_id = ?",
             "(started_at < ? OR (started_at = ? AND id < ?))", "kind IS ?"]
    params: list[object] = [row.role, row.round, row.prompt_id, row.started_at,
                            row.started_at, row.id, row.kind]
    if row.kind is not None:  # a follow-up: the same question too
        where.append("prompt_text IS ?")
        params.append(row.prompt_text)
    sql = (f"SELECT id FROM rounds WHERE {' AND '.join(where)} "
           "ORDER BY started_at DESC, id DESC LIMIT 1")
    with store._reading():  # the Store's lock: its one connection is shared between threads
        found = store.db.conn.execute(sql, params).fetchone()
    return int(found[0]) if found else None


def _saved(store, history_id: int) -> tuple[RoundReport, str]:
    data = store.report(history_id)
    row = store.get(history_id)
    if data is None:
        raise UserError(f"Round {history_id} has no debrief yet, so it cannot be compared.")
    report = RoundReport.from_dict({**data, "id": history_id})
    return report, row.started_at


def compare_with_previous(store, rubric: Rubric | None,
                          history_id: int) -> TakeComparison | None:
    """This take against the previous take of its prompt; None when there is none, or when
    this take has no speech (nothing to compare)."""
    now, now_at = _saved(store, history_id)
    if now.no_speech:
        return None
    earlier = previous_take(store, history_id)
    if earlier is None:
        return None
    then, then_at = _saved(store, earlier)
    return compare(then, now, rubric, then_at=then_at, now_at=now_at)


def compare_ids(store, rubric: Rubric | None, a: int, b: int) -> TakeComparison:
    """Two saved takes of the same round, the earlier one as 'then' (for `mockloop compare`)."""
    first, first_at = _saved(store, a)
    second, second_at = _saved(store, b)
    if (first.role, first.round) != (second.role, second.round):
        raise UserError(f"Rounds {a} and {b} answer different rounds "
                        f"({first.role} {first.round}, {second.role} {second.round}); "
                        "only takes of the same round can be compared.")
    if a == b:
        raise UserError("Give two different rounds to compare.")
    if (second_at, b) < (first_at, a):
        first, first_at, second, second_at = second, second_at, first, first_at
    return compare(first, second, rubric, then_at=first_at, now_at=second_at)
