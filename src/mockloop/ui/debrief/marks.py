"""The marked-up transcript's colours and its legend: one chip per kind of mark (evidence,
fillers, hedges, long pauses) that switches it on or off in the transcript and on the playback
bar; which are on is remembered in the window's state (mockloop.transcript_marks.SETTING).

What is marked comes from the core (mockloop.transcript_marks); this only shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLayout, QWidget

from mockloop.transcript_marks import (
    KIND_MEANING,
    KIND_NAMES,
    KINDS,
    Mark,
    marks_of_kind,
    shown_kinds,
    transcript_marks,
    with_shown,
)
from mockloop.ui import palette

if TYPE_CHECKING:
    from mockloop.session import Services

# "text": a mark's letters (AA, 4.5:1, on the transcript, on evidence and under the replay
# highlight); "back": the evidence's tint behind the words; "tick": its mark on the playback
# bar (3:1 against the bar's groove and the card). scripts/contrast_check.py checks them all.
LIGHT = {
    "evidence": {"back": "#d9f2e3", "tick": "#23804f"},
    "filler": {"text": "#a8480d", "tick": "#c8580f"},
    "hedge": {"text": "#7a3fb8", "tick": "#8b4fd0"},
    "pause": {"text": "#2c44d8", "tick": "#3d5afe"},
}
DARK = {
    "evidence": {"back": "#1f4a33", "tick": "#4fc987"},
    "filler": {"text": "#ffa366", "tick": "#ff9a52"},
    "hedge": {"text": "#d2b4ff", "tick": "#c39bff"},
    "pause": {"text": "#aab6ff", "tick": "#8c9eff"},
}


def colour(kind: str, part: str) -> QColor:
    """The colour of one part of a kind of mark in the theme in use."""
    values = DARK if palette.dark else LIGHT
    return QColor(values[kind].get(part) or values[kind]["tick"])


def _swatch(kind: str) -> QIcon:
    """A small sample of how the kind looks: a tinted block, a coloured bar."""
    size = 14
    pix = QPixmap(size * 2, size * 2)  # drawn at twice the size: sharp on HiDPI screens
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    if kind == "evidence":
        p.setBrush(colour(kind, "back"))
        p.drawRoundedRect(QRectF(0.5, 2, size - 1, size - 4), 3, 3)
        p.setBrush(colour(kind, "tick"))
        p.drawRoundedRect(QRectF(0.5, size - 4, size - 1, 2.5), 1, 1)
    else:
        p.setBrush(colour(kind, "tick"))
        p.drawRoundedRect(QRectF(size / 2 - 2, 1, 4, size - 2), 2, 2)
    p.end()
    return QIcon(pix)


class MarksLegend(QWidget):
    """"Marked:" and a chip per kind, with how many there are. `show_marks(report)` works out
    the marks and hands those switched on to the transcript and the playback bar."""

    changed = Signal()

    def __init__(self, services: Services, transcript, bar,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("marksLegend")
        self.services = services
        self.transcript = transcript
        self.bar = bar
        self.marks: list[Mark] = []
        self.shown = set(shown_kinds(services.settings.window))
        self.title = QLabel("Marked:")
        self.title.setObjectName("muted")
        # The chips in one row, or two when the page is narrow (never a sideways scroll).
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.columns = 0
        self.chips: dict[str, QCheckBox] = {}
        for kind in KINDS:
            chip = QCheckBox(KIND_NAMES[kind])
            chip.setObjectName("markChip")
            chip.setIcon(_swatch(kind))
            chip.setChecked(kind in self.shown)
            chip.setToolTip(KIND_MEANING[kind] + " Untick to hide them.")
            chip.setAccessibleName(f"Mark {KIND_NAMES[kind].lower()}")
            chip.toggled.connect(lambda on, k=kind: self.set_shown(k, on))
            self.chips[kind] = chip
        self._arrange(len(KINDS))

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for w in (self.title, *self.chips.values()):
            self.grid.removeWidget(w)
        self.grid.addWidget(self.title, 0, 0)
        for i, chip in enumerate(self.chips.values()):
            self.grid.addWidget(chip, i // columns, 1 + i % columns)
        for c in range(1, len(KINDS) + 2):
            self.grid.setColumnStretch(c, 1 if c == columns + 1 else 0)
        self.updateGeometry()

    def _width_for(self, columns: int) -> int:
        chips = [c.sizeHint().width() for c in self.chips.values()]
        widest = [max(chips[i::columns]) for i in range(columns)]
        return self.title.sizeHint().width() + sum(widest) + 14 * columns

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width_for(1), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        self._arrange(next((c for c in (len(KINDS), 2) if self._width_for(c) <= width), 1))

    def show_marks(self, report) -> None:
        """Mark this round's transcript (and its playback bar)."""
        names = {k: v.name for k, v in self.services.rubric.signals.items()}
        self.marks = transcript_marks(report, names)
        timed = any(w.start is not None for w in report.transcript.words)
        for kind, chip in self.chips.items():
            chip.setIcon(_swatch(kind))  # in the theme in use
            n = sum(1 for m in self.marks if m.kind == kind)
            chip.setText(f"{KIND_NAMES[kind]}  {n}")
            chip.setVisible(kind != "pause" or timed)  # typed text has no pauses
        self.setVisible(bool(report.transcript.words))
        self._fit(self.width())
        self._apply()

    def set_shown(self, kind: str, on: bool) -> None:
        """Switch one kind on or off, and remember it (state.json)."""
        if on == (kind in self.shown):
            return
        if on:
            self.shown.add(kind)
        else:
            self.shown.discard(kind)
        self.chips[kind].blockSignals(True)
        self.chips[kind].setChecked(on)
        self.chips[kind].blockSignals(False)
        self._apply()
        from mockloop.ui.settings_io import update_settings

        update_settings(self.services, window=with_shown(self.services.settings.window,
                                                         self.shown))
        self.changed.emit()

    def _apply(self) -> None:
        shown = marks_of_kind(self.marks, self.shown)
        self.transcript.set_marks(shown)
        self.bar.set_marks(shown)
