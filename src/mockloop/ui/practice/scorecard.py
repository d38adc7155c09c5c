"""The loop scorecard on the Practice page, once the last round of a full loop is done: each
round's hits and time, the weakest signals across the loop, and what to practise next (the
values are mockloop.scorecard's)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockloop.errors import UserError
from mockloop.scorecard import LoopScorecard, ScorecardRound, build_scorecard
from mockloop.session import RoundRequest, Services
from mockloop.ui.fmt import mmss
from mockloop.ui.practice.loop import LoopPlan
from mockloop.ui.widgets.labels import label as _label


def count_take(loop: LoopPlan | None, data: dict,
               tell: Callable[[str], None]) -> tuple[LoopPlan | None, bool]:
    """A finished take (its report dict) as a round of the loop: the loop with it recorded,
    and whether it counted. A take with no speech does not count (and `tell` says so)."""
    if loop is None or data.get("round") != loop.round_id or data.get("id") is None:
        return loop, True
    if data.get("no_speech"):
        tell(f"No speech was heard, so this take does not count as round {loop.index + 1} "
             f"of {len(loop.rounds)} of the loop. Retake it (Ctrl+R) when you are ready; "
             "the loop goes on from there.")
        return loop, False
    return loop.with_take(int(data["id"])), True


class RoundLine(QFrame):
    """One round of the loop: its title, hits of scored, time, and the signals by name."""

    open_requested = Signal(int)

    def __init__(self, n: int, r: ScorecardRound, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signalRow")
        self.setProperty("hit", "yes" if not r.missed else "no")
        self.history_id = r.id
        self.round_id = r.round
        self.hit_ids = r.hit
        self.title = _label(f"{n}. {r.title}", "signalName")
        prompt = f"{r.prompt_title}  ·  " if r.prompt_title else ""
        self.figures = _label(f"{prompt}{r.hits_text} signals  ·  {r.time_text}"
                              + (f"  ·  {r.wpm:.0f} wpm" if r.wpm is not None else ""),
                              "muted")
        names = r.names
        self.hits = _label("✓ " + ", ".join(names[s] for s in r.hit) if r.hit
                           else "No signal landed.", "evidence")
        self.misses = _label("Missed: " + ", ".join(names[s] for s in r.missed), "suggestion")
        self.misses.setVisible(bool(r.missed))
        self.open_button = QPushButton("Debrief")
        self.open_button.setToolTip(f"Open round #{r.id}'s debrief")
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.history_id))
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.figures, 1, 0)
        grid.addWidget(self.hits, 2, 0)
        grid.addWidget(self.misses, 3, 0)
        grid.addWidget(self.open_button, 0, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)


class LoopScorecardCard(QFrame):
    open_requested = Signal(int)  # a round's history id: show its debrief
    practise_requested = Signal(object)  # RoundRequest: what to practise next
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setProperty("accent", "break")
        self.card: LoopScorecard | None = None
        self.title = _label("Loop done: your scorecard", "sectionTitle")
        self.headline = _label("", "deliveryValue")
        self.skipped = _label("", "muted")
        self.lines = QVBoxLayout()
        self.lines.setSpacing(8)
        self.rounds: list[RoundLine] = []
        weak_title = _label("Weakest across the loop", "sectionTitle")
        self.weakest = _label("", "deliveryValue")
        next_title = _label("What to practise next", "sectionTitle")
        self.next_text = _label("", "deliveryValue")
        self.next_why = _label("", "muted")
        self.next_button = QPushButton("Practise it next")
        self.next_button.setObjectName("primary")
        self.close_button = QPushButton("Done")
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(10)
        col.addWidget(self.title)
        col.addWidget(self.headline)
        col.addWidget(self.skipped)
        col.addLayout(self.lines)
        col.addSpacing(4)
        col.addWidget(weak_title)
        col.addWidget(self.weakest)
        col.addSpacing(4)
        col.addWidget(next_title)
        col.addWidget(self.next_text)
        col.addWidget(self.next_why)
        col.addLayout(buttons)
        self.next_button.clicked.connect(self._practise_next)
        self.close_button.clicked.connect(self.closed)
        self.hide()

    def show_loop(self, services: Services, loop: LoopPlan,
                  fail: Callable[[str], None]) -> bool:
        """Build the scorecard of the loop's takes now (so 'what to practise next' reads the
        history as it is) and show it; False, having told `fail`, when it cannot be built."""
        if not loop.take_ids:
            return False
        try:
            card = build_scorecard(services.store, services.rubric, loop.take_ids)
        except UserError as exc:
            fail(exc.message)
            return False
        self.show_scorecard(card)
        return True

    def show_scorecard(self, card: LoopScorecard) -> None:
        self.card = card
        while self.lines.count():
            widget = self.lines.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.rounds = []
        self.headline.setText(card.headline)
        n = len(card.not_counted)
        self.skipped.setText(f"{n} take{'s' if n != 1 else ''} with no speech did not count "
                             "as a round." if n else "")
        self.skipped.setVisible(bool(n))
        for i, r in enumerate(card.rounds, 1):
            line = RoundLine(i, r)
            line.open_requested.connect(self.open_requested)
            self.rounds.append(line)
            self.lines.addWidget(line)
        self.weakest.setText("\n".join(f"•  {w.name}: {w.text}" for w in card.weakest)
                             or card.weakest_line)
        nxt = card.next
        self.next_button.setVisible(nxt is not None)
        self.next_why.setVisible(nxt is not None)
        if nxt is None:
            self.next_text.setText("Pick any round above to practise again.")
        else:
            self.next_text.setText(f"{nxt.round_title}: “{nxt.prompt_title}” "
                                   f"({mmss(nxt.length_s)})")
            self.next_why.setText(nxt.why)
        self.show()

    def _practise_next(self) -> None:
        nxt = self.card.next if self.card is not None else None
        if nxt is not None:
            self.practise_requested.emit(RoundRequest(nxt.role, nxt.round, nxt.prompt_id))
