"""The signal checklist: a hit shows its evidence and time (click to hear it); a miss shows the
sentence where it was named but not done (when it was) and a Try written for this role and
round; what each signal means and why this role listens for it is one hover or click away."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockloop.report import RoundReport
from mockloop.rubric.model import Rubric
from mockloop.ui.fmt import mmss


class SignalRow(QFrame):
    """One signal; `signal_id` and `hit` are there for whoever reads the page (and tests)."""

    play_from = Signal(float)

    def __init__(self, signal_id: str, name: str, hit: bool, detail: str,
                 start: float | None, meaning: str = "",
                 parent: QWidget | None = None, *, named: str = "", why: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("signalRow")
        self.setProperty("hit", "yes" if hit else "no")
        self.signal_id = signal_id
        self.hit = hit
        mark = QLabel("✓" if hit else "–")
        mark.setObjectName("hitMark" if hit else "missMark")
        mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mark.setFixedSize(24, 24)
        self.name = QLabel(name)
        self.name.setObjectName("signalName")
        self.detail = QLabel(detail)
        self.detail.setObjectName("evidence" if hit else "suggestion")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.addWidget(mark, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        head = QHBoxLayout()  # the name, and on its right the "Why?" chip (when there is one)
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(8)
        head.addWidget(self.name, 1)
        grid.addLayout(head, 0, 1)
        grid.setColumnStretch(1, 1)
        row = 1
        # A miss whose answer named the signal without doing it: that sentence, said plainly.
        self.named: QLabel | None = None
        if named:
            self.named = QLabel(named)
            self.named.setObjectName("namedNotDone")
            self.named.setWordWrap(True)
            self.named.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(self.named, row, 1)
            row += 1
        grid.addWidget(self.detail, row, 1)
        row += 1
        # What the signal means and why this role listens for it: one hover away (and read
        # out by screen readers), or one click on "Why?".
        self.meaning = meaning
        self.why = why
        self.about: QLabel | None = None
        self.about_button: QPushButton | None = None
        if meaning:
            tip = f"{name}: {meaning}" + (f"\nWhy it matters here: {why}" if why else "")
            for w in (self, mark, self.name):
                w.setToolTip(tip)
            self.setAccessibleDescription(tip)
            self.about = QLabel(meaning + (f"\nWhy it matters here: {why}" if why else ""))
            self.about.setObjectName("signalAbout")
            self.about.setWordWrap(True)
            self.about.setVisible(False)
            grid.addWidget(self.about, row, 1)
            self.about_button = QPushButton("Why?")
            self.about_button.setObjectName("aboutChip")
            self.about_button.setCheckable(True)
            self.about_button.setToolTip("What this signal means and why this role listens "
                                         "for it")
            self.about_button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.about_button.toggled.connect(self._show_about)
            head.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignTop)
        self.play_button: QPushButton | None = None
        if hit and start is not None:
            self.play_button = QPushButton(f"▶  {mmss(start)}")
            self.play_button.setObjectName("timeChip")
            self.play_button.setToolTip("Hear it from here")
            self.play_button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.play_button.clicked.connect(lambda: self.play_from.emit(float(start)))
            grid.addWidget(self.play_button, 0, 2, 2, 1, Qt.AlignmentFlag.AlignTop)

    def _show_about(self, shown: bool) -> None:
        """"Why?" opens the meaning under the row; the same chip then says "Hide"."""
        if self.about is not None and self.about_button is not None:
            self.about.setVisible(shown)
            self.about_button.setText("Hide" if shown else "Why?")


class Checklist(QFrame):
    play_from = Signal(float)

    def __init__(self, rubric: Rubric, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.rubric = rubric
        self.title = QLabel("Signals")
        self.title.setObjectName("sectionTitle")
        self.score = QLabel()
        self.score.setObjectName("score")
        self._rows = QVBoxLayout()
        self._rows.setSpacing(6)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(12)
        col.addWidget(self.title)
        col.addWidget(self.score)
        col.addLayout(self._rows)
        self.rows: list[SignalRow] = []

    def show_signals(self, report: RoundReport, has_audio: bool) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        signals = report.analysis.signals
        hits = sum(1 for s in signals if s.hit)
        self.score.setText(f"{hits} of {len(signals)} signals hit")
        self.score.setToolTip("What an interviewer listens for in this round. A ✓ quotes where "
                              "you said it (▶ plays it); a – suggests how it could sound. "
                              "Hover a signal for what it means.")
        for s, coach in zip(signals, report.signal_coaching(), strict=True):
            definition = self.rubric.signals.get(s.id)
            name = definition.name if definition else s.id
            named = ""
            if s.hit:
                detail = f"“{s.evidence or ''}”"
            else:
                # The Try written for this role and round (saved reports from before it fall
                # back to the signal's general suggestion).
                tip = coach.get("try") or (definition.suggestion if definition else None)
                detail = f"Try: {tip}" if tip else "Not heard."
                if s.named_evidence:
                    at = f" ({mmss(s.named_start)})" if s.named_start is not None else ""
                    named = (f"{coach.get('teach') or 'Named but not done.'}{at} "
                             f"“{s.named_evidence}”")
            meaning = coach.get("meaning") or (definition.description if definition else "")
            why = coach.get("why", s.why)  # as the report's entry says it
            row = SignalRow(s.id, name, s.hit, detail, s.start if has_audio else None, meaning,
                            named=named, why=why or "")
            row.play_from.connect(self.play_from)
            self._rows.addWidget(row)
            self.rows.append(row)

    def row(self, signal_id: str) -> SignalRow | None:
        return next((r for r in self.rows if r.signal_id == signal_id), None)
