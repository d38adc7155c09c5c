"""Takes side by side: on a retake, the previous take of the prompt beside this one (signals
gained and lost with what was said then and now, time, pace, fillers, lens share), and a kind
word when the two are nearly word for word the same. What to show is mockloop.takes'."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from mockloop.errors import UserError
from mockloop.report import RoundReport
from mockloop.takes import SignalChange, TakeComparison, compare_with_previous
from mockloop.ui.fmt import mmss, when
from mockloop.ui.widgets.labels import label as _label

TABLE_MAX_PX = 960


class ChangeRow(QFrame):
    """One signal gained or lost: its name, what was said for it then, and now."""

    def __init__(self, change: SignalChange, gained: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signalRow")
        self.setProperty("hit", "yes" if gained else "no")
        self.signal_id = change.id
        self.gained = gained
        mark = QLabel("✓" if gained else "–")
        mark.setObjectName("hitMark" if gained else "missMark")
        mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mark.setFixedSize(24, 24)
        verb = "gained" if gained else "lost"
        self.name = _label(f"{change.name}  ·  {verb}", "signalName")
        self.then = _label(_said("Last take", change.then, change.then_start),
                           "suggestion" if gained else "evidence")
        self.now = _label(_said("This take", change.now, change.now_start),
                          "evidence" if gained else "suggestion")
        for label in (self.then, self.now):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.addWidget(mark, 0, 0, 3, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.name, 0, 1)
        grid.addWidget(self.then, 1, 1)
        grid.addWidget(self.now, 2, 1)
        grid.setColumnStretch(1, 1)


def _said(which: str, sentence: str | None, start: float | None) -> str:
    if not sentence:
        return f"{which}: not heard."
    at = f" ({mmss(start)})" if start is not None else ""
    return f"{which}{at}: “{sentence}”"


class TakesCard(QFrame):
    """Hidden unless the round shown is a retake of a prompt with an earlier take."""

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("card")
        self.comparison: TakeComparison | None = None
        self.title = _label("Beside your last take", "sectionTitle")
        self.meta = _label("", "muted")
        self.headline = _label("", "deliveryValue")
        self.memorised = _label("", "offCenter")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(6)
        for col, stretch in enumerate((0, 2, 2, 2)):
            self.grid.setColumnStretch(col, stretch)
        self.changes = QVBoxLayout()
        self.changes.setSpacing(8)
        self.same = _label("", "muted")
        self.rows: list[ChangeRow] = []
        self.values: dict[str, tuple[str, str, str]] = {}  # key -> (then, now, change)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(10)
        col.addWidget(self.title)
        col.addWidget(self.meta)
        col.addWidget(self.memorised)
        col.addWidget(self.headline)
        table = QWidget()  # the side-by-side figures stay together on a wide window
        table.setMaximumWidth(TABLE_MAX_PX)
        table.setLayout(self.grid)
        self.grid.setContentsMargins(0, 0, 0, 0)
        col.addWidget(table)
        col.addLayout(self.changes)
        col.addWidget(self.same)
        self.hide()

    def show_for(self, report: RoundReport) -> None:
        """Compare the round shown with the previous take of its prompt (or hide)."""
        cmp = None
        if report.id is not None:
            try:
                cmp = compare_with_previous(self.services.store, self.services.rubric,
                                            report.id)
            except UserError:
                cmp = None  # the earlier take went meanwhile: nothing beside this one
        self.show_comparison(cmp)

    def show_comparison(self, cmp: TakeComparison | None) -> None:
        self.comparison = cmp
        self._clear()
        if cmp is None:
            self.hide()
            return
        then_when = when(cmp.then.started_at)
        self.meta.setText(f"The same prompt, taken before as round #{cmp.then.id}"
                          + (f" ({then_when})" if then_when else "") + ".")
        self.headline.setText(cmp.headline)
        line = cmp.memorised_line
        self.memorised.setText(line or "")
        self.memorised.setVisible(line is not None)
        for c, text in enumerate(("", "Last take", "This take", "Change")):
            self.grid.addWidget(_label(text, "fieldLabel"), 0, c)
        for i, row in enumerate(cmp.rows, 1):
            self.grid.addWidget(_label(row.label, "fieldLabel"), i, 0, Qt.AlignmentFlag.AlignTop)
            for c, text in enumerate((row.then, row.now, row.change), 1):
                self.grid.addWidget(_label(text or "–", "deliveryValue" if c < 3 else "muted"),
                                    i, c, Qt.AlignmentFlag.AlignTop)
            self.values[row.key] = (row.then, row.now, row.change)
        for change, gained in [(g, True) for g in cmp.gained] + [(g, False) for g in cmp.lost]:
            widget = ChangeRow(change, gained)
            self.rows.append(widget)
            self.changes.addWidget(widget)
        same = []
        if cmp.kept:
            same.append("Hit both times: " + ", ".join(cmp.kept) + ".")
        if cmp.still_missed:
            same.append("Missed both times: " + ", ".join(cmp.still_missed) + ".")
        self.same.setText("  ".join(same))
        self.same.setVisible(bool(same))
        self.show()

    def _clear(self) -> None:
        for layout in (self.grid, self.changes):
            while layout.count():
                item = layout.takeAt(0)
                widget = item.widget()
                if widget is not None:
                    widget.hide()  # gone now, not when the event loop next deletes it
                    widget.setParent(None)
                    widget.deleteLater()
        self.rows = []
        self.values = {}
