"""Delivery: time against target, pace, fillers, hedges, long pauses, I/we, checkpoints."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from mockloop.ui.fmt import mmss

STATUS_TEXT = {"under": "under time", "on_time": "on time", "over": "over time"}


def _counts(by: dict[str, int]) -> str:
    return ", ".join(f"{k} ×{v}" for k, v in sorted(by.items(), key=lambda kv: -kv[1]))


LEAD_IN_S = 1.0  # speech that begins later than this is worth saying when it began


def delivery_lines(d: dict, first_word_s: float | None = None) -> list[tuple[str, str, str]]:
    """(key, label, value) rows; keys let the page (and tests) find a line.

    `first_word_s` is when speech began (the transcript's first timed word): a silent lead-in
    is said as "started speaking at 0:06", never counted as a long pause (older saved reports
    listed it as a pause from 0:00)."""
    rows: list[tuple[str, str, str]] = []
    status = d.get("time_status")
    time = f"{mmss(d.get('duration_s'))} of {mmss(d.get('target_s'))}"
    if status:
        time += f"  ·  {STATUS_TEXT.get(status, status)}"
    if status == "over" and d.get("overtime_s"):
        time += f" by {mmss(d['overtime_s'])}"
    rows.append(("time", "Time used", time))
    if d.get("wpm") is not None:
        pace = f"{d['wpm']:.0f} words per minute"
        if d.get("wpm_speaking"):
            pace += f" ({d['wpm_speaking']:.0f} while speaking)"
        rows.append(("pace", "Pace", pace))
    rows.append(("words", "Words", str(d.get("words", 0))))
    f = d.get("fillers") or {}
    fillers = str(f.get("total", 0))
    if f.get("per_minute") is not None:
        fillers = f"{f['per_minute']:.1f} per minute"
    if f.get("by_word"):
        fillers += f"  ({_counts(f['by_word'])})"
    rows.append(("fillers", "Fillers", fillers))
    h = d.get("hedges") or {}
    if isinstance(h, dict) and h.get("total"):
        rows.append(("hedges", "Hedges", f"{h['total']}  ({_counts(h.get('by_phrase') or {})})"))
    pauses = list(d.get("long_pauses") or [])
    if pauses and pauses[0].get("start") == 0.0:  # the lead-in, in a report saved before
        first_word_s = pauses[0].get("end") if first_word_s is None else first_word_s
        pauses = pauses[1:]
    if first_word_s is not None and first_word_s >= LEAD_IN_S:
        rows.append(("start", "Started speaking", f"at {mmss(first_word_s)}"))
    rows.append(("pauses", "Long pauses", ", ".join(
        f"{mmss(p['start'])} ({p['end'] - p['start']:.1f} s)" for p in pauses) or "none"))
    iw = d.get("i_we") or {}
    if iw.get("i_share") is not None:
        rows.append(("i_we", "I vs we", (f"{round(100 * iw['i_share'])}% “I”  "
                     f"({iw.get('i', 0)} I, {iw.get('we', 0)} we)")))
    for c in d.get("checkpoints") or []:
        rows.append(("checkpoint", checkpoint_label(c), checkpoint_value(c)))
    return rows


VERDICT_TEXT = {"on_time": "on time", "early": "early", "late": "late", "missed": "not heard"}


def checkpoint_label(c: dict) -> str:
    """"By 0:30", or for the final stretch "Last 20 s"."""
    if c.get("window") == "end" and c.get("until_s") is not None:
        return f"Last {round(c['until_s'] - c['at_s'])} s"
    return f"By {mmss(c.get('at_s'))}"


def checkpoint_value(c: dict) -> str:
    """The checkpoint's signals and its verdict, from the signals' own results: "Outcome and
    fallout: at 0:24, early (its place is from 1:10)"; a checkpoint none of whose signals was
    heard is "not heard", whatever else was said."""
    label = c.get("label") or ""
    results = c.get("results")
    if results is None:  # a report saved before checkpoints carried their signals' results
        if c.get("first_hit_s") is None:
            return f"{label}: not heard"
        verdict = "on time" if c.get("on_time") else "late"
        return f"{label}: at {mmss(c['first_hit_s'])}, {verdict}"
    heard = [r for r in results if r.get("hit")]
    if not heard:
        return f"{label}: not heard"
    missed = [r.get("name") or r.get("id") for r in results if not r.get("hit")]

    def one(r: dict) -> str:
        if r.get("start") is None:
            return "heard"
        text = f"at {mmss(r['start'])}, {VERDICT_TEXT.get(r.get('verdict'), r.get('verdict'))}"
        if r.get("verdict") == "early" and c.get("from_s") is not None:
            text += f" (its place is from {mmss(c['from_s'])} on)"
        return text

    if len(results) == 1:
        return f"{label}: {one(heard[0])}"
    parts = [f"{r.get('name') or r.get('id')} {one(r)}" for r in heard]
    value = "; ".join(parts)
    if missed:
        value += "; not heard: " + ", ".join(missed)
    return value


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


class DeliveryCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        title = QLabel("Delivery")
        title.setObjectName("sectionTitle")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(12)
        col.addWidget(title)
        col.addLayout(self.grid)
        self.values: dict[str, str] = {}

    def show_delivery(self, d: dict, first_word_s: float | None = None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # gone now, not when the event loop next deletes it
                widget.setParent(None)
                widget.deleteLater()
        self.values = {}
        for i, (key, label, value) in enumerate(delivery_lines(d, first_word_s)):
            name = QLabel(label)
            name.setObjectName("fieldLabel")
            text = QLabel(value)
            text.setWordWrap(True)
            text.setObjectName("deliveryValue")
            text.setProperty("key", key)
            tip = MEANING.get(key, "")
            name.setToolTip(tip)
            text.setToolTip(tip)
            self.grid.addWidget(name, i, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(text, i, 1)
            self.values[key] = value if key != "checkpoint" else \
                self.values.get(key, "") + value + "\n"
