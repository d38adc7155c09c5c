"""What to practise next: mockloop.next_round's suggestion for the role in the picker (its
round, its prompt and one line on why), with "Practise this" to start it.

The card works it out again each time the Practice page is shown and when the role changes
(one `load_history`, two SQL queries). Space on an idle Practice page starts the suggestion
too, as long as the user has not chosen another round or prompt in the picker since it was
made (then Space starts theirs, as before) - `space_starts` says which; the window asks it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockloop.errors import UserError
from mockloop.next_round import Suggestion, suggest
from mockloop.progress import history_version
from mockloop.session import RoundRequest, Services
from mockloop.ui.fmt import mmss
from mockloop.ui.practice.picker import RoundPicker
from mockloop.ui.widgets.scrolling import reflow


def history_stamp(services: Services) -> tuple | None:
    try:
        return history_version(services.store)
    except UserError:
        return None


def suggestion_for(services: Services, role_id: str) -> Suggestion | None:
    """next_round's suggestion for today, or None when it cannot be made (a role that is
    no longer in the rubric, a history that cannot be read)."""
    try:
        return suggest(services.store, services.rubric, role_id, date.today())
    except UserError:
        return None


def request_of(s: Suggestion) -> RoundRequest:
    return RoundRequest(s.role, s.round, s.prompt_id)


def what_of(s: Suggestion) -> str:
    """'System design walkthrough · Notification service · 10:00'."""
    parts = [s.round_title]
    if s.prompt_title:
        parts.append(s.prompt_title)
    parts.append(mmss(s.length_s))
    return "  ·  ".join(parts)


class NextCard(QFrame):
    practise_requested = Signal(object)  # the RoundRequest to select and start

    def __init__(self, services: Services, picker: RoundPicker, driver=None,
                 start_button: QPushButton | None = None, break_card: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setProperty("accent", "break")
        self.services = services
        self.picker = picker
        self.start_button = start_button  # the clock's Start: "(Space)" only when Space is its
        self.suggestion: Suggestion | None = None
        self.armed = True  # Space starts the suggestion (nothing else was chosen since)
        self._role: str | None = None
        self._made: tuple | None = None  # (role, day, history stamp) of the suggestion shown
        self._selecting = False
        self._paused = False  # a full loop or a drill is under way: its own next step leads
        self._space_elsewhere = False  # another card's button says "(Space)" (a drill's take)
        kicker = QLabel("WHAT TO PRACTISE NEXT")
        kicker.setObjectName("kicker")
        self.what = QLabel()
        self.what.setObjectName("sectionTitle")
        self.what.setWordWrap(True)
        self.why = QLabel()
        self.why.setObjectName("muted")
        self.why.setWordWrap(True)
        self.button = QPushButton("Practise this")
        self.button.setObjectName("primary")
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(kicker)
        text.addWidget(self.what)
        text.addWidget(self.why)
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row = row
        row.setContentsMargins(24, 16, 24, 16)
        row.setSpacing(16)
        row.addLayout(text, 1)
        row.addWidget(self.button)
        self.button.clicked.connect(self.practise)
        picker.changed.connect(self._picker_changed)
        picker.installEventFilter(self)
        # A full loop's break: Space and the screen belong to the loop's next round.
        self.break_card = break_card
        if break_card is not None:
            break_card.installEventFilter(self)
        if driver is not None:  # no starting another round while one runs
            driver.state_changed.connect(self._round_state)
        self.hide()

    # -- what the page and the window call ------------------------------------------------------

    def refresh(self) -> None:
        """Work the suggestion out again for the picker's role."""
        self._role = self.picker.role_id
        if self._in_break or self._paused or not self.button.isEnabled():
            return  # a loop, a drill or a running round has the screen
        made = (self._role, date.today(), history_stamp(self.services))
        if made == self._made and made[2] is not None:
            self.setVisible(self.suggestion is not None)  # nothing written since: still right
            self._show_button_text()
            return
        self._made = made
        s = suggestion_for(self.services, self._role)
        old = self.suggestion
        self.suggestion = s
        if s is None:
            self.hide()
            self._show_button_text()
            return
        if old is None or request_of(old) != request_of(s):
            self.armed = True  # a new suggestion: Space means it again
        self.what.setText(what_of(s))
        self.why.setText(s.why)
        self.button.setToolTip(s.prompt_text)
        self._show_button_text()
        self.show()

    def pause(self, paused: bool, *, space_elsewhere: bool = False) -> None:
        """Stand aside while a full loop or a drill runs (one suggestion on screen at a
        time: the loop's next round is the next step), and come back when it ends.
        `space_elsewhere`: another card's button takes Space (the drill's next take)."""
        if (paused, space_elsewhere) == (self._paused, self._space_elsewhere):
            return
        self._space_elsewhere = space_elsewhere
        if paused == self._paused:
            self._show_button_text()
            return
        self._paused = paused
        if paused:
            self.hide()
            self._show_button_text()
        else:
            self.refresh()

    def disarm(self) -> None:
        """The user chose something else (a round, a prompt, a retake): Space starts that."""
        self.armed = False
        self._show_button_text()

    @property
    def _in_break(self) -> bool:
        return self.break_card is not None and not self.break_card.isHidden()

    @property
    def space_starts(self) -> bool:
        return self.armed and not self._paused and self.suggestion is not None and \
            self.isVisible() and self.button.isEnabled()

    def practise(self) -> None:
        if self.suggestion is not None:
            self.practise_requested.emit(request_of(self.suggestion))

    # -- reactions ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The picker is always on the page: it is shown whenever the Practice page is.
        if watched is self.picker and event.type() == QEvent.Type.Show:
            self.refresh()
        elif watched is self.break_card and event.type() == QEvent.Type.Show:
            self.hide()
            self._show_button_text()
        elif watched is self.break_card and event.type() == QEvent.Type.Hide:
            self.refresh()
        return False

    def _round_state(self, state: str) -> None:
        # While a round runs Space is Stop's, and the clock needs the room (at 1024x700 the card
        # pushed it below the fold): the card steps aside and comes back when the round ends.
        idle = state == "idle"
        if idle == self.button.isEnabled():
            return
        self.button.setEnabled(idle)
        if idle:
            self.refresh()
        else:
            self.hide()
        self._show_button_text()

    def _show_button_text(self) -> None:
        ours = self.armed and self.suggestion is not None and not self._in_break and \
            not self._paused and self.button.isEnabled()
        self.button.setText("Practise this  (Space)" if ours else "Practise this")
        if self.start_button is not None:
            # One button on the page names Space: the suggestion's, a loop break's next round
            # or a drill's next take, else the clock's Start.
            elsewhere = ours or self._in_break or self._space_elsewhere
            self.start_button.setText("Start" if elsewhere else "Start  (Space)")

    def _picker_changed(self) -> None:
        if self.picker.role_id != self._role:
            if self._role is not None:  # shown once already: follow the role
                self.refresh()
            return
        s = self.suggestion
        if s is not None and self.picker.request() != request_of(s):
            self.disarm()

    def fit_width(self, page_width: int) -> None:
        reflow(self.row, page_width, 720)
