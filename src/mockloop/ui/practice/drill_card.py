"""The three-framings drill on the Practice page: the card between takes (which framing is
next, how the last take went) and the drill's debrief (the three takes side by side: lens
bar, shares, verdict and checklist each). What to say comes from mockloop.drills."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockloop.drills import DrillComparison, DrillPlan, TakeResult, framings
from mockloop.ui import palette
from mockloop.ui.fmt import lens_name, pct
from mockloop.ui.practice.break_card import BetweenTakesCard
from mockloop.ui.widgets.labels import label as _label
from mockloop.ui.widgets.lens_bar import ORDER, LensBar
from mockloop.ui.widgets.scrolling import reflow

SHORTCUT = "Ctrl+D"  # start the drill (Practice page)
STACK_PX = 1100  # a page narrower than this shows the three takes one above the other


class DrillStepCard(BetweenTakesCard):
    """Between takes: which framing is next, and a word on the take just saved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", "End the drill", parent)

    def show_take(self, plan: DrillPlan, last: TakeResult | None = None,
                  retry: str = "") -> None:
        """`last`: the take just saved (None before the first); `retry`: why the same take
        is asked again (it had no speech)."""
        n = plan.index + 1
        f = plan.framing
        self.title.setText(f"Three framings drill · Take {n} of {len(framings())}: {f.title}")
        if retry:
            self.show_last(retry, good=False)
        elif last is not None:
            self.show_last(f"Take {n - 1} saved (round #{last.history_id}). {last.verdict}",
                           good=last.landed)
        else:
            self.show_last("", good=True)
        if n == 1:
            self.body.setText("Tell one shipped-decision story three times: as a product risk, "
                              "as a model risk, as a system risk. Each take is scored on where "
                              "its words go; the aim is for each one to land on its own lens. "
                              "The first framing is below; start when ready.")
        else:
            self.body.setText(f"Now tell the same story as a {f.title.lower()}. The framing "
                              "is below; gather your thoughts and start when ready.")
        self.go_button.setText(f"Start take {n}  (Space)")
        self.show()


class TakeColumn(QFrame):
    """One take: its framing, whether it landed, lens bar (the framed lens marked), shares and
    checklist (the take's sentence is the view's, above the columns)."""

    def __init__(self, take: TakeResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.take = take
        f = take.framing
        where = f"  ·  ROUND #{take.history_id}" if take.taken else ""
        kicker = _label(f"{f.title.upper()}{where}", "kicker")
        self.result = _label(name="muted", wrap=False)
        if take.taken:
            self.result.setText("✓ Landed" if take.landed else "✗ Did not land")
            self.result.setProperty("tone", "good" if take.landed else "warning")
        else:
            self.result.setText("Not recorded")
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(kicker, 1)
        head.addWidget(self.result, 0, Qt.AlignmentFlag.AlignRight)
        self.bar = LensBar()
        self.bar.set_shares(take.shares, f.lens)
        self.bar.setToolTip(f"Where this take's product, model and system words went; ▼ marks "
                            f"{lens_name(f.lens).lower()}, the lens it was framed on.")
        self.bar.setVisible(take.dominant is not None)
        self.legend = _label(name="legend")
        self.legend.setText("   ".join(
            f"<span style='color:{palette.LENS[k].name()}'>■</span> {lens_name(k)} "
            f"<b>{pct(take.shares.get(k, 0.0))}</b>" for k in ORDER))
        self.legend.setVisible(take.dominant is not None)
        self.result.setToolTip(take.verdict)
        col = QVBoxLayout(self)
        col.setContentsMargins(20, 16, 20, 16)
        col.setSpacing(10)
        col.addLayout(head)
        col.addWidget(self.bar)
        col.addWidget(self.legend)
        self.checks: dict[str, bool] = {}
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(6)
        self.rows: list[tuple[QLabel, QLabel]] = []
        if take.checklist:
            score = _label(f"Checklist: {take.hits} of {len(take.checklist)}", "score")
            col.addWidget(score)
            for c in take.checklist:
                mark = QLabel("✓" if c.hit else "–")
                mark.setObjectName("hitMark" if c.hit else "missMark")
                mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
                mark.setFixedSize(24, 24)
                mark.setAccessibleName("hit" if c.hit else "missed")
                self.rows.append((mark, _label(c.name)))
                self.checks[c.id] = c.hit
            self.set_check_columns(1)
            col.addLayout(self.grid)
        col.addStretch(1)

    def set_check_columns(self, n: int) -> None:
        """The checklist in `n` columns (two when the take has the page's whole width)."""
        per = -(-len(self.rows) // n) if self.rows else 0
        for w in (w for row in self.rows for w in row):
            self.grid.removeWidget(w)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        for i, (mark, name) in enumerate(self.rows):
            r, c = i % per, 2 * (i // per)
            self.grid.addWidget(mark, r, c)
            self.grid.addWidget(name, r, c + 1)
            self.grid.setColumnStretch(c + 1, 1)


class DrillView(QFrame):
    """The drill's debrief: the three takes side by side (stacked when the page is narrow)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison: DrillComparison | None = None
        self.columns_widgets: list[TakeColumn] = []
        self.title = _label("Three framings: one story, side by side", "sectionTitle")
        self.story = _label(name="quotedPrompt")
        self.headline = _label(name="promptText")
        self.sentences = _label()
        self.sentences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = _label(name="muted")
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(16)
        self.again_button = QPushButton("Run the drill again")
        self.again_button.setObjectName("primary")
        self.done_button = QPushButton("Done")
        self.done_button.setToolTip("Back to the practice screen")
        buttons = QHBoxLayout()
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(12)
        col.addWidget(self.title)
        col.addWidget(self.story)
        col.addWidget(self.headline)
        col.addWidget(self.sentences)
        col.addLayout(self.columns)
        col.addWidget(self.notes)
        col.addLayout(buttons)
        self.hide()

    def show_comparison(self, comparison: DrillComparison) -> None:
        self.comparison = comparison
        for w in self.columns_widgets:
            self.columns.removeWidget(w)
            w.deleteLater()
        self.columns_widgets = [TakeColumn(t) for t in comparison.takes]
        for w in self.columns_widgets:
            self.columns.addWidget(w, 1)
        self.story.setText(comparison.prompt_text or "")
        self.story.setVisible(bool(comparison.prompt_text))
        self.headline.setText(comparison.headline)
        self.sentences.setText("\n".join(comparison.sentences))
        self.notes.setText("\n".join(comparison.checklist_notes))
        self.notes.setVisible(bool(comparison.checklist_notes))
        self.show()

    def fit_width(self, page_width: int) -> None:
        reflow(self.columns, page_width, STACK_PX)
        stacked = self.columns.direction() == QBoxLayout.Direction.TopToBottom
        for w in self.columns_widgets:
            w.set_check_columns(2 if stacked else 1)
