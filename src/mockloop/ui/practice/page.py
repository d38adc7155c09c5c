"""The practice page: picker, prompt, clock and microphone, wired to the round driver."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockloop import drills
from mockloop.errors import UserError
from mockloop.flows import hard_stop_s
from mockloop.session import RoundRequest, Services
from mockloop.ui.confirm import ask
from mockloop.ui.fmt import mmss
from mockloop.ui.practice.break_card import BreakCard
from mockloop.ui.practice.clock_card import ClockCard
from mockloop.ui.practice.drill_card import SHORTCUT, DrillStepCard, DrillView
from mockloop.ui.practice.driver import Reading, RoundDriver
from mockloop.ui.practice.live_signals import remember, remembered
from mockloop.ui.practice.loop import LoopPlan
from mockloop.ui.practice.mic_card import MicCard
from mockloop.ui.practice.mic_messages import plain_microphone_message
from mockloop.ui.practice.next_card import NextCard
from mockloop.ui.practice.picker import RoundPicker
from mockloop.ui.practice.prompt_card import PromptCard
from mockloop.ui.practice.scorecard import LoopScorecardCard, count_take
from mockloop.ui.settings_io import update_settings
from mockloop.ui.widgets.scrolling import fill_with_scrolling, reflow


class PracticePage(QWidget):
    """Emits `report_ready(data, has_next)` when a round's debrief is ready."""

    report_ready = Signal(dict, bool)
    failed = Signal(str)  # for the window's banner
    notice = Signal(str)
    cancelled = Signal(object)  # history id kept as interrupted
    busy_changed = Signal(bool)
    settings_unsaved = Signal(str)  # a plain sentence: the settings file cannot be written
    device_lost = Signal(str)  # the microphone went away mid-round (what is recorded is kept)

    def __init__(self, services: Services, *, stream_factory: Callable | None = None,
                 device_lister: Callable[[], list] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.driver = RoundDriver(services, stream_factory=stream_factory, parent=self)
        self.loop: LoopPlan | None = None
        self.drill: drills.DrillPlan | None = None  # the three-framings drill being run
        self.settings_problem: str | None = None  # why the last save failed, None if it worked

        title = QLabel("Practice")
        title.setObjectName("pageTitle")
        subtitle = QLabel("Pick a round, read the prompt, then answer out loud against the clock.")
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)
        self.picker = RoundPicker(services.rubric)
        picker_card = QFrame()
        picker_card.setObjectName("card")
        pc = QVBoxLayout(picker_card)
        pc.setContentsMargins(24, 16, 24, 16)
        pc.addWidget(self.picker)
        # The three-framings drill: one story, three takes (drill_card.py, mockloop.drills).
        self.drill_button = QPushButton(f"Three framings drill  ({SHORTCUT})")
        self.drill_button.setToolTip("Tell one shipped-decision story three times: as a "
                                     "product risk, a model risk and a system risk")
        drill_row = QHBoxLayout()
        drill_row.addWidget(self.drill_button)
        drill_row.addStretch(1)
        pc.addLayout(drill_row)
        self.drill_step = DrillStepCard()
        self.drill_view = DrillView()
        self.break_card = BreakCard()
        self.scorecard = LoopScorecardCard()  # when a full loop is done
        self.prompt_card = PromptCard()
        self.clock = ClockCard()
        self.mic = MicCard(services, stream_factory=stream_factory, device_lister=device_lister)
        self.next_card = NextCard(services, self.picker, self.driver,  # what to practise next
                                  self.clock.start_button, self.break_card)

        body = QWidget()
        body.setObjectName("pageBody")
        col = QVBoxLayout(body)
        col.setContentsMargins(32, 28, 32, 28)
        col.setSpacing(16)
        col.addWidget(title)
        col.addWidget(subtitle)
        col.addSpacing(4)
        col.addWidget(self.next_card)
        col.addWidget(picker_card)
        col.addWidget(self.drill_view)
        col.addWidget(self.drill_step)
        col.addWidget(self.break_card)
        col.addWidget(self.scorecard)
        col.addWidget(self.prompt_card)
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns = row
        row.setSpacing(16)
        row.addWidget(self.clock, 3)
        row.addWidget(self.mic, 2, Qt.AlignmentFlag.AlignTop)
        col.addLayout(row)
        col.addStretch(1)
        self.scroll = fill_with_scrolling(self, body)

        s = services.settings
        self.picker.select(s.last_role, s.last_round)
        self.followup: RoundRequest | None = None  # a follow-up question waiting to be answered
        self.picker.changed.connect(self._drop_followup)  # choosing another round drops it
        self.picker.changed.connect(self._selection_changed)
        self.picker.changed.connect(lambda: self._show_drill_debrief(None))
        self.clock.start_button.clicked.connect(self.start)
        self.clock.stop_button.clicked.connect(self.stop)
        self.clock.cancel_button.clicked.connect(self.request_cancel)
        self.break_card.go_button.clicked.connect(self.start)
        self.break_card.end_button.clicked.connect(self.end_loop)
        self.drill_button.clicked.connect(self.start_drill)
        QShortcut(QKeySequence(SHORTCUT), self, self.start_drill)
        self.drill_step.go_button.clicked.connect(self.start)
        self.drill_step.end_button.clicked.connect(self.end_drill)
        self.drill_view.again_button.clicked.connect(self.start_drill)
        self.drill_view.done_button.clicked.connect(self.end_drill)
        self.scorecard.closed.connect(self.end_loop)
        self.scorecard.practise_requested.connect(self._practise_after_loop)
        self.mic.device_chosen.connect(lambda d: self._save_settings(input_device=d))
        self.mic.problem.connect(self.failed)
        d = self.driver
        d.state_changed.connect(self._state_changed)
        d.status.connect(self.clock.set_status)
        d.reading.connect(self._show_reading)
        d.progress.connect(self.clock.show_progress)
        d.report_ready.connect(self._report_ready)
        d.failed.connect(lambda m: self.failed.emit(plain_microphone_message(m)))
        d.cancelled.connect(self._cancelled)
        d.device_lost.connect(self._device_lost)
        signals = self.clock.signals  # the chips that tick while the user speaks
        signals.set_on(remembered(s))
        signals.toggled.connect(lambda on: self._save_settings(
            extra=remember(self.services.settings, on)))
        d.piece.connect(signals.hear)
        self._selection_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        reflow(self.columns, self.width(), 780)  # narrow: the microphone card under the clock
        self.picker.fit_width(self.width())
        self.drill_view.fit_width(self.width())
        self.next_card.fit_width(self.width())

    # -- what the window and shortcuts call -----------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.driver.state != "idle"

    def start_or_stop(self) -> None:
        if self.driver.state == "idle":
            self.start()
        elif self.driver.state == "recording":
            self.stop()

    def start(self) -> None:
        if self.busy or self.drill_view.isVisible():
            return  # the drill's debrief is showing: Done or Run again first
        self.break_card.hide()
        self.scorecard.hide()
        if self.drill is not None:
            self.driver.start(self.drill.request(device=self.mic.device))
            return
        if self.followup is not None:
            self.driver.start(replace(self.followup, device=self.mic.device))
            return
        self.driver.start(self.picker.request(device=self.mic.device))

    def stop(self) -> None:
        self.driver.stop()

    def request_cancel(self) -> None:
        """Esc: ask first; a yes keeps the audio and marks the round interrupted."""
        if self.driver.state not in ("starting", "recording"):
            return
        ask(self, "Cancel this round?",
            "Stop recording without a debrief?",
            "Cancel round", self.driver.cancel, no="Keep recording",
            detail="The audio is kept; you can finish the round later from History.")

    def retake(self, request: RoundRequest) -> None:
        """Same prompt again (or the suggested one), ready to start: a waiting follow-up
        question or a drill in progress is left."""
        if self.busy:
            return
        self.followup = None
        if self.drill is not None:
            self.end_drill()
        self.picker.select_request(request)
        self.break_card.hide()

    def answer_followup(self, request: RoundRequest) -> None:
        """A follow-up question (its own prompt, linked to the round it follows), ready to
        start: the prompt card shows the question."""
        if self.busy:
            return
        self.picker.blockSignals(True)
        self.picker.select_request(request)
        self.picker.blockSignals(False)
        if self.drill is not None:
            self.end_drill()  # a follow-up question leaves the drill
        self.next_card.disarm()  # Space now answers the question, not the suggestion
        self.followup = request
        self.break_card.hide()
        self._selection_changed(keep_loop=True)

    def _drop_followup(self) -> None:
        self.followup = None

    def next_round(self) -> None:
        """Continue a full loop: show the break screen with the next round chosen."""
        if self.busy or self.loop is None:
            return
        if self.loop.done:
            self.show_scorecard()
            return
        if not self.loop.has_next or not self.loop.answered:
            return  # a take with no speech is no loop round: nothing to go on from
        self.followup = None  # the loop's own next round, not a follow-up question
        self.loop = self.loop.advanced()
        self.picker.blockSignals(True)
        self.picker.select(round_id=self.loop.round_id)
        self.picker.blockSignals(False)
        self._selection_changed(keep_loop=True)
        rnd = self.services.rubric.round(self.loop.round_id)
        self.break_card.show_next(self.loop.step_label, rnd,
                                  f"Round {self.loop.index} of {len(self.loop.rounds)} done.")

    # -- the three-framings drill ---------------------------------------------------------------

    def start_drill(self) -> None:
        """Begin the drill on the chosen role and (story) prompt: take 1, the product risk."""
        if self.busy:
            return
        p = self.picker
        plan = drills.DrillPlan.start(self.services.rubric, p.role_id,
                                      p.prompt_id if p.round_id == drills.ROUND_ID else None)
        p.blockSignals(True)
        p.loop_check.setChecked(False)
        p.select(plan.role_id, drills.ROUND_ID, plan.prompt_id)
        p.blockSignals(False)
        self.loop = None
        self.followup = None  # the drill's own story, not a follow-up question
        self.next_card.disarm()  # Space now starts the drill's take, not the suggestion
        self.break_card.hide()
        self.drill = plan
        self._show_drill_debrief(None)
        self._selection_changed()
        self.drill_step.show_take(plan)

    def show_drill(self, first_id: int) -> bool:
        """A saved drill's three takes side by side (from History or a take's debrief), its
        story chosen so "Run the drill again" tells it again. False when not shown."""
        if self.busy:
            self.notice.emit("A round is under way: the drill can be shown once it is done.")
            return False
        try:
            comparison = drills.load_drill(self.services.store, self.services.rubric, first_id)
            first = self.services.store.get(first_id)
        except UserError as exc:
            self.failed.emit(exc.message)
            return False
        self.retake(RoundRequest(first.role, drills.ROUND_ID, first.prompt_id))
        self.next_card.disarm()  # Space must not start the suggestion over the drill
        self._show_drill_debrief(comparison)
        return True

    def end_drill(self) -> None:
        self.drill = None
        self.drill_step.hide()
        self._show_drill_debrief(None)
        self._selection_changed()

    def _drill_take_done(self, data: dict) -> bool:
        """A take of the drill was saved: on to the next, or the side-by-side at the end.
        False when the round was not the drill's (it goes to the debrief as usual)."""
        plan, asked = self.drill, self.driver.request
        if plan is None or asked is None or asked.kind != plan.framing.kind:
            return False
        rubric = self.services.rubric
        take = drills.take_result(plan.framing, data, rubric)
        if take.no_speech or take.history_id is None:
            self.drill_step.show_take(plan, retry="No speech was heard in that take, so it "
                                      "cannot count. Record it again.")
            return True
        plan = self.drill = plan.advanced(take.history_id)
        if not plan.finished:
            self._selection_changed(keep_loop=True)
            self.drill_step.show_take(plan, take)
            return True
        try:
            comparison = drills.load_drill(self.services.store, rubric, plan.take_ids[0])
        except UserError as exc:
            self.failed.emit(exc.message)
            self.end_drill()
            return True
        self.drill = None
        self.drill_step.hide()
        self._show_drill_debrief(comparison)
        return True

    def _show_drill_debrief(self, comparison: drills.DrillComparison | None) -> None:
        """The three takes side by side in place of the prompt and clock (None: back)."""
        showing = comparison is not None
        if comparison is not None:
            self.drill_view.show_comparison(comparison)
            self.drill_view.fit_width(self.width())
            self.scroll.verticalScrollBar().setValue(0)
        self.drill_view.setVisible(showing)
        for w in (self.prompt_card, self.clock, self.mic):
            w.setVisible(not showing)

    def _show_drill_prompt(self, plan: drills.DrillPlan) -> None:
        rnd = self.services.rubric.round(drills.ROUND_ID)
        self.prompt_card.kicker.setText("  ·  ".join((
            "THREE FRAMINGS", *plan.step_label.upper().split(" · "), mmss(rnd.length_s))))
        self.prompt_card.prompt.setText(plan.story)
        first, _dot, rest = plan.framing.ask.partition(". ")
        self.prompt_card.summary.setText(f"<b>{html.escape(first)}.</b> {html.escape(rest)}")
        self.prompt_card.summary.show()

    def end_loop(self) -> None:
        self.loop = None
        self.break_card.hide()
        self.scorecard.hide()
        self.picker.loop_check.setChecked(False)
        self._selection_changed()

    def refresh_round(self) -> None:
        """Settings changed (e.g. the overtime allowance): redraw the round's plan."""
        if not self.busy:
            self._selection_changed(keep_loop=True)

    @property
    def loop_done(self) -> bool:
        """The last round of a full loop has a take that counts: its scorecard is next."""
        return self.loop is not None and self.loop.done

    def show_scorecard(self) -> None:
        """The loop's scorecard, from the takes that counted."""
        if self.loop is not None and self.scorecard.show_loop(self.services, self.loop,
                                                              self.failed.emit):
            self.break_card.hide()
            self.scroll.verticalScrollBar().setValue(0)
            # The loop is over: what comes next is a round of its own (no "Round 4 of 4"
            # on it, no "Next round" after it) until the user ticks Full loop again.
            self.loop = None
            self.picker.blockSignals(True)
            self.picker.loop_check.setChecked(False)
            self.picker.blockSignals(False)
            self._selection_changed()

    def _practise_after_loop(self, request: RoundRequest) -> None:
        self.end_loop()
        self.picker.select_request(request)

    @property
    def has_next_round(self) -> bool:
        return self.loop is not None and self.loop.has_next

    def shutdown(self) -> None:
        self.driver.shutdown()
        if self.mic.check is not None:
            self.mic.check.abort()

    # -- reactions ------------------------------------------------------------------------------

    def _selection_changed(self, keep_loop: bool = False) -> None:
        p = self.picker
        request = p.request()
        rubric = self.services.rubric
        if p.full_loop and not keep_loop:
            role = rubric.role(request.role_id)
            if self.loop is None or not self.loop.covers(request):
                # A round outside the role's loop is practised on its own.
                self.loop = LoopPlan.starting_at(role.id, role.loop, request)
        elif not p.full_loop:
            self.loop = None
        self.next_card.pause(self.loop is not None or self.drill is not None,
                             space_elsewhere=self.drill is not None)
        role, rnd = rubric.role(request.role_id), rubric.round(request.round_id)
        prompt = rnd.prompt(request.prompt_id)
        step = self.loop.step_label if self.loop else ""
        self.prompt_card.show_round(role, rnd, prompt, step)
        if self.followup is not None and self.followup.prompt_text:
            self.prompt_card.prompt.setText(self.followup.prompt_text)
            self.prompt_card.kicker.setText(f"FOLLOW-UP TO ROUND #{self.followup.follows}  ·  "
                                            + self.prompt_card.kicker.text())
        self.clock.signals.show_round(rnd, rubric.signals_of(rnd.id))
        self.clock.show_round(rnd, hard_stop_s(rnd, self.services.settings))
        self._save_settings(last_role=role.id, last_round=rnd.id)
        plan = self.drill
        if plan is not None:
            if (request.role_id, request.round_id, request.prompt_id) != (
                    plan.role_id, drills.ROUND_ID, plan.prompt_id) or p.full_loop:
                self.drill = None  # another question was chosen: the drill is left
                self.drill_step.hide()
            else:
                self._show_drill_prompt(plan)

    def _save_settings(self, **changes) -> None:
        """Save; a failure is told once (not on every change of round) until a save works."""
        problem = update_settings(self.services, **changes)
        if problem is not None and problem != self.settings_problem:
            self.settings_unsaved.emit(problem)
        self.settings_problem = problem

    def _state_changed(self, state: str) -> None:
        self.clock.set_mode(state)
        busy = state != "idle"
        self.picker.set_locked(busy)
        self.drill_button.setEnabled(not busy)
        self.drill_step.set_busy(busy)
        if self.drill is not None:  # the clock comes first while a take is recorded
            self.drill_step.setVisible(not busy)
        self.mic.set_state(state)
        if state == "recording":
            live = self.driver.live
            self.clock.signals.begin(live.round, live.role,
                                     self.services.rubric.signals_of(live.round.id))
            self.clock.show_round(live.round, self.driver.hard_stop_s)
            self.clock.show_elapsed(0.0)
            # On a short window the Stop button must not sit below the fold: scroll the least
            # that brings it in (the question stays as high on screen as it can).
            QTimer.singleShot(0, self, lambda: self.scroll.ensureWidgetVisible(
                self.clock.stop_button, 0, 24))
        if state in ("stopping", "cancelling"):
            self.clock.signals.stop_hearing()
        self.busy_changed.emit(busy)

    def _show_reading(self, r: Reading) -> None:
        self.clock.show_elapsed(r.elapsed_s)
        self.clock.show_partial(r.partial_text, r.falling_behind)
        self.mic.meter.set_level(r.rms_db, r.peak_db)

    def _device_lost(self, message: str) -> None:
        self.mic.device_lost(message)
        self.device_lost.emit(plain_microphone_message(message))

    def _report_ready(self, data: dict) -> None:
        self.clock.signals.show_final(data.get("signals") or [])  # the debrief's own hits
        if self._drill_take_done(data):
            return  # the drill stays on this page until its side-by-side debrief
        self.followup = None  # answered
        self.loop, counted = count_take(self.loop, data, self.notice.emit)
        self._selection_changed(keep_loop=True)
        self.report_ready.emit(data, (self.has_next_round and counted) or self.loop_done)

    def _cancelled(self, history_id: object) -> None:
        self._selection_changed(keep_loop=True)
        self.cancelled.emit(history_id)
