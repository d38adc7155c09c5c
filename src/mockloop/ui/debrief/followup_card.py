"""The follow-up card of a debrief (what to show comes from mockloop.followup).

After a design round: the interviewer's follow-up question about a miss, in the answer's own
words, and "Answer the follow-up" (Ctrl+Shift+F), which opens the linked round with it as the
prompt; the follow-ups already answered, to open. After a follow-up round: the design round it
follows, and which of that round's misses this answer recovered.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mockloop import followup
from mockloop.errors import UserError
from mockloop.report import RoundReport
from mockloop.session import Services
from mockloop.ui import palette
from mockloop.ui.fmt import mmss

SHORTCUT = "Ctrl+Shift+F"


class FollowupCard(QFrame):
    answer_requested = Signal(object)  # the RoundRequest of the linked follow-up round
    open_requested = Signal(int)  # a linked round's history id

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("card")
        self.plan: followup.Plan | None = None
        self.recovery: followup.Recovery | None = None
        self._index = 0  # which of the plan's questions is shown
        self._linked: list[int] = []  # the rounds the "Open" button cycles to (first one)
        self.title = QLabel("Follow-up")
        self.title.setObjectName("sectionTitle")
        self.kicker = QLabel()
        self.kicker.setObjectName("kicker")
        self.kicker.setWordWrap(True)
        self.question = QLabel()
        self.question.setObjectName("quotedPrompt")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.then = QLabel()
        self.then.setObjectName("muted")
        self.then.setWordWrap(True)
        self.body = QLabel()  # a follow-up round: what it recovered
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.linked = QLabel()
        self.linked.setObjectName("muted")
        self.linked.setWordWrap(True)
        self.answer_button = QPushButton(f"Answer the follow-up  ({SHORTCUT})")
        self.answer_button.setObjectName("primary")
        self.answer_button.setToolTip("Opens Practice with this question as the prompt; the "
                                      "round is saved as a follow-up to this one")
        self.other_button = QPushButton("Another question")
        self.other_button.setToolTip("A question about another signal this answer missed")
        self.open_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.other_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(10)
        col.addWidget(self.title)
        col.addWidget(self.kicker)
        col.addWidget(self.question)
        col.addWidget(self.then)
        col.addWidget(self.body)
        col.addWidget(self.linked)
        col.addLayout(buttons)
        self.answer_button.clicked.connect(self.answer)
        self.other_button.clicked.connect(self.next_question)
        self.open_button.clicked.connect(self._open_linked)
        key = QShortcut(QKeySequence(SHORTCUT), self)
        key.setContext(Qt.ShortcutContext.WindowShortcut)
        key.activated.connect(self.answer)
        self.hide()

    # -- what the debrief page calls ----------------------------------------------------------

    def show_for(self, report: RoundReport) -> None:
        """The card for this round: a question after a design round, what was recovered
        after a follow-up, nothing for other rounds."""
        self.plan, self.recovery, self._index, self._linked = None, None, 0, []
        rubric = self.services.rubric
        try:
            if report.id is not None:
                self.recovery = followup.recovery_of(self.services.store, rubric, report.id)
            if self.recovery is None and report.round in rubric.rounds:
                self.plan = followup.plan(report, rubric)
        except UserError:  # a damaged or vanished link: the debrief shows without the card
            self.plan = self.recovery = None
        if self.recovery is not None:
            self._show_recovery(self.recovery)
        elif self.plan is not None:
            self._show_plan(report)
        self.setVisible(self.plan is not None or self.recovery is not None)

    def answer(self) -> None:
        """Start the linked follow-up round (Ctrl+Shift+F while the card shows)."""
        if self.plan is None or not self.isVisible() or not self.answer_button.isEnabled():
            return
        self.answer_requested.emit(self._current_plan().request())

    def next_question(self) -> None:
        if self.plan is not None and len(self.plan.questions) > 1:
            self._index = (self._index + 1) % len(self.plan.questions)
            self._show_question()

    def set_busy(self, busy: bool) -> None:
        self.answer_button.setEnabled(not busy)

    # -- drawing ------------------------------------------------------------------------------

    def _current_plan(self) -> followup.Plan:
        """The plan with the question shown first (Another question moves through them)."""
        assert self.plan is not None
        qs = self.plan.questions
        from dataclasses import replace

        return replace(self.plan, questions=qs[self._index:] + qs[:self._index])

    def _show_plan(self, report: RoundReport) -> None:
        for w in (self.question, self.then, self.answer_button):
            w.show()
        self.title.setText("Follow-up")
        self.body.hide()
        self.other_button.setVisible(len(self.plan.questions) > 1 if self.plan else False)
        self._show_question()
        answered = followup.followups_of(self.services.store, report.id) \
            if report.id is not None else []
        self._linked = [r.id for r in answered]
        if answered:
            rounds = ", ".join(f"#{r.id}" for r in answered)
            plural = "s" if len(answered) > 1 else ""
            self.linked.setText(f"You answered a follow-up to this round in round{plural} "
                                f"{rounds}.")
            self.open_button.setText(f"Open round #{answered[0].id}")
        self.linked.setVisible(bool(answered))
        self.open_button.setVisible(bool(answered))

    def _show_question(self) -> None:
        plan = self._current_plan()
        q = plan.question
        rnd = self.services.rubric.round(plan.round)
        if q.signal:
            self.kicker.setText(f"THE INTERVIEWER PUSHES BACK  ·  YOU MISSED: {q.name.upper()}")
            closing = plan.closing.removeprefix("And ")
            self.then.setText(f"Then the round's own question: {closing} You have "
                              f"{mmss(rnd.length_s)} for both.")
        else:
            self.kicker.setText("THE INTERVIEWER PUSHES BACK  ·  EVERY SIGNAL LANDED")
            self.then.setText(f"You hit every signal, so the follow-up is the plain one. "
                              f"{mmss(rnd.length_s)} to answer.")
        self.question.setText(q.text)

    def _show_recovery(self, rec: followup.Recovery) -> None:
        for w in (self.question, self.then, self.answer_button, self.other_button):
            w.hide()
        self.title.setText("Follow-up: what it recovered")
        rubric = self.services.rubric
        design = rubric.rounds.get(rec.design_round)
        self.kicker.setText(f"FOLLOW-UP TO ROUND #{rec.design_id}  ·  "
                            f"{(design.title if design else rec.design_round).upper()}")
        self.body.setText(_recovery_html(rec, rubric))
        self.body.show()
        self._linked = [rec.design_id] if rec.design_id is not None else []
        self.linked.hide()
        self.open_button.setText(f"Open round #{rec.design_id}")
        self.open_button.setVisible(rec.design_id is not None)

    def _open_linked(self) -> None:
        if self._linked:
            self.open_requested.emit(self._linked[0])


def _recovery_html(rec: followup.Recovery, rubric) -> str:
    good, muted, ink = palette.GREEN.name(), palette.MUTED.name(), palette.INK.name()
    name = {k: v.name for k, v in rubric.signals.items()}
    n, got = len(rec.missed), len(rec.recovered)
    if not n:
        return (f"<p style='color:{muted}'>That round missed nothing, so there was nothing to "
                "recover.</p>")
    head = (f"<p>This answer recovered <b>{got} of the {n}</b> signal{'s' if n != 1 else ''} "
            f"round #{rec.design_id} missed.</p>" if got else
            f"<p>This answer recovered <b>none</b> of the {n} signal{'s' if n != 1 else ''} "
            f"round #{rec.design_id} missed.</p>")
    rows = []
    for r in rec.recovered:
        asked = " <i>(the one you were asked about)</i>" if r.id == rec.asked else ""
        quote = f" <span style='color:{muted}'>“{html.escape(r.evidence)}”</span>" \
            if r.evidence else ""
        rows.append(f"<div style='margin:4px 0'><span style='color:{good}'>✓</span> "
                    f"<b style='color:{ink}'>{html.escape(r.name)}</b>{asked}{quote}</div>")
    still = [name.get(s, s) for s in rec.still_missed]
    if rec.asked and rec.asked in rec.still_missed:
        still = [f"{name.get(rec.asked, rec.asked)} (the one you were asked about)"] + \
            [n_ for s, n_ in zip(rec.still_missed, still, strict=True) if s != rec.asked]
    tail = (f"<p style='color:{muted}'>Still missing from round #{rec.design_id}: "
            f"{html.escape(', '.join(still))}.</p>" if still else
            f"<p style='color:{good}'>Every miss of round #{rec.design_id} is covered now.</p>")
    return head + "".join(rows) + tail
