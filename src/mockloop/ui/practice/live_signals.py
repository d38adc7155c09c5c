"""Signals that light up while the user speaks: one chip per scored signal of the round.

Each time a new live piece of transcript arrives (the driver tells us; nothing re-analyses
the same text on a timer), the transcript so far goes through the very `analyze` call the
debrief uses, on a worker thread (about 150 ms for a 10-minute answer on a busy core: too
long for the GUI thread). A chip is ticked at the moment its signal is first heard and says
when in the answer it was said. When the report arrives the chips take the debrief's own
results, so after the round a ticked chip is always a hit in the debrief.

The toggle "Show signals while I speak" is remembered; off is interview mode (only the clock,
as in a real interview; nothing is analysed until Stop).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mockloop.rubric.model import Role, Round, SignalDef
from mockloop.ui.fmt import mmss
from mockloop.ui.tasks import run_task

log = logging.getLogger("mockloop.ui")

SETTING = "live_signals"  # top-level key of settings.json (see remembered() for why not window)

CAPTIONS = {"idle": "Listens for:", "recording": "Heard so far:", "stopped": "Heard so far:",
            "done": "Last answer:"}
INTERVIEW_NOTE = ("Interview mode: only the clock, as in a real interview. "
                  "The debrief still checks every signal.")


def remembered(settings) -> bool:
    """Whether the user wants the chips (on unless they turned them off).

    Kept as a top-level key of settings.json (Settings.extra keeps keys the core does not
    know and writes them back), not in Settings.window: the window rebuilds that dict from
    its geometry when it closes, which would forget the choice."""
    value = (getattr(settings, "extra", None) or {}).get(SETTING)
    return value if isinstance(value, bool) else True


def remember(settings, on: bool) -> dict:
    """The `extra` to save for this choice (for update_settings(services, extra=...))."""
    return {**(getattr(settings, "extra", None) or {}), SETTING: bool(on)}


class FlowLayout(QLayout):
    """Left to right, wrapping onto the next line when the width runs out (chips)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items (when `move`) in lines, each centred on its line; the height."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if lines[-1] and x + hint.width() > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, hint))
            x += hint.width() + self._spacing
        y = area.y()
        for line in lines:
            height = max((h.height() for _, h in line), default=0)
            x = area.x()
            for item, hint in line:
                if move:
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
                x += hint.width() + self._spacing
            y += height + self._spacing
        return max(0, y - self._spacing - rect.y()) + m.bottom()


class SignalChip(QFrame):
    """One signal: a tick (heard) or a dash (not yet), its name, and in its tooltip what it
    means and when it was heard. Its width never changes, so a tick never moves the chips.
    `signal_id`, `hit` and `heard_at_s` are there for whoever reads the page (and tests)."""

    def __init__(self, signal: SignalDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signalRow")  # the debrief's signal colours, light and dark
        self.signal_id = signal.id
        self.name = signal.name
        self.description = signal.description
        self.hit = False
        self.heard_at_s: float | None = None
        self.evidence: str | None = None
        self.mark = QLabel()
        self.mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bold = self.mark.font()
        bold.setBold(True)
        self.mark.setFont(bold)
        self.mark.setFixedWidth(self.mark.fontMetrics().horizontalAdvance("✓–") + 2)
        self.label = QLabel(signal.name)
        row = QHBoxLayout(self)
        row.setContentsMargins(5, 3, 8, 3)
        row.setSpacing(3)
        row.addWidget(self.mark)
        row.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._show()

    def set_heard(self, hit: bool, at_s: float | None = None,
                  evidence: str | None = None) -> None:
        if (hit, at_s, evidence) == (self.hit, self.heard_at_s, self.evidence):
            return
        self.hit, self.heard_at_s, self.evidence = hit, (at_s if hit else None), \
            (evidence if hit else None)
        self._show()

    def _show(self) -> None:
        hit = self.hit
        self.setProperty("hit", "yes" if hit else "no")
        self.mark.setText("✓" if hit else "–")
        self.style().unpolish(self)
        self.style().polish(self)
        if hit:
            when = f" at {mmss(self.heard_at_s)}" if self.heard_at_s is not None else ""
            state = f"Heard{when}"
            if self.evidence:
                state += f': "{_short(self.evidence)}"'
        else:
            state = "Not heard yet"
        tip = f"{self.name}: {self.description}\n{state}."
        for w in (self, self.mark, self.label):
            w.setToolTip(tip)
        heard = "not heard yet"
        if hit:
            heard = "heard" + (f" at {mmss(self.heard_at_s)}" if self.heard_at_s is not None
                               else "")
        self.setAccessibleName(f"{self.name}, {heard}")
        self.setAccessibleDescription(tip)


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


class LiveAnalyser(QObject):
    """Runs the debrief's `analyze` on the live transcript, one piece at a time, off the GUI
    thread. While one analysis runs, only the newest transcript waits (older ones are
    dropped: the newer text contains them). `heard(signals)` carries SignalResults."""

    heard = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._round: Round | None = None
        self._role: Role | None = None
        self._generation = 0  # a result from an earlier round (or after end()) is ignored
        self._busy = False
        self._waiting = None  # the newest transcript that arrived while busy
        self.runs = 0  # analyses started (for tests and benchmarks)

    def begin(self, round_: Round, role: Role) -> None:
        self._generation += 1
        self._round, self._role = round_, role
        self._waiting = None

    def end(self) -> None:
        self._generation += 1
        self._round = self._role = None
        self._waiting = None

    def hear(self, transcript) -> None:
        if self._round is None:
            return
        if self._busy:
            self._waiting = transcript
            return
        self._run(transcript)

    def _run(self, transcript) -> None:
        from mockloop.analysis import analyze

        rnd, role, generation = self._round, self._role, self._generation
        self._busy = True
        self.runs += 1
        run_task(self, lambda _progress: analyze(transcript, rnd, role).signals,
                 name="live-signals",
                 on_done=lambda signals: self._done(generation, signals),
                 on_failed=self._failed)

    def _done(self, generation: int, signals) -> None:
        self._busy = False
        if generation == self._generation:
            self.heard.emit(signals)
        waiting, self._waiting = self._waiting, None
        if waiting is not None and self._round is not None:
            self._run(waiting)

    def _failed(self, message: str) -> None:
        # A hint that could not be worked out is not worth interrupting the answer for.
        log.warning("live signals: %s", message)
        self._busy = False
        waiting, self._waiting = self._waiting, None
        if waiting is not None and self._round is not None:
            self._run(waiting)


class LiveSignals(QFrame):
    """The toggle and the chips. `toggled(on)` when the user changes the toggle."""

    toggled = Signal(bool)
    heard_changed = Signal(object)  # frozenset of the signal ids ticked now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.analyser = LiveAnalyser(self)
        self.analyser.heard.connect(self._heard)
        self.toggle = QCheckBox("Show signals while I speak")
        self.toggle.setChecked(True)
        self.toggle.setToolTip(
            "Tick each signal of the round on the track and below as it is heard. "
            "Off: interview mode, only the clock.")
        self.toggle.toggled.connect(self._toggled)
        self.caption = QLabel()
        self.caption.setObjectName("muted")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.chip_box = QWidget()
        self.flow = FlowLayout(self.chip_box)
        self.note = QLabel(INTERVIEW_NOTE)
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        top = QHBoxLayout()  # the toggle stays where it is, on or off
        top.setSpacing(12)
        top.addWidget(self.toggle)
        top.addStretch(1)
        top.addWidget(self.caption)
        col.addLayout(top)
        col.addWidget(self.chip_box)
        col.addWidget(self.note)
        self.chips: list[SignalChip] = []
        self._round_id: str | None = None
        self._latest = None  # the newest live transcript of the round being recorded
        self._phase = "idle"
        self._show_phase()
        self._toggled(True)

    # -- what the page calls --------------------------------------------------------------------

    @property
    def on(self) -> bool:
        return self.toggle.isChecked()

    def set_on(self, on: bool) -> None:
        """The remembered choice, without telling anyone it changed."""
        self.toggle.blockSignals(True)
        self.toggle.setChecked(on)
        self.toggle.blockSignals(False)
        self._toggled(on, announce=False)

    def show_round(self, rnd: Round, signals: Iterable[SignalDef]) -> None:
        """The round picked (nothing heard yet). The last round's result stays until another
        round is picked or a new one starts."""
        if rnd.id == self._round_id and self._phase == "done":
            return
        self._set_chips(rnd, signals)
        self._phase = "idle"
        self._show_phase()
        self._emit_heard()

    def _set_chips(self, rnd: Round, signals: Iterable[SignalDef]) -> None:
        """One unticked chip per signal (the same chips again for the same round)."""
        signals = tuple(signals)
        if rnd.id == self._round_id and [c.signal_id for c in self.chips] == \
                [s.id for s in signals]:
            for chip in self.chips:
                chip.set_heard(False)
            return
        self._round_id = rnd.id
        for chip in self.chips:
            self.flow.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self.chips = [SignalChip(s, self.chip_box) for s in signals]
        for chip in self.chips:
            self.flow.addWidget(chip)

    def begin(self, rnd: Round, role: Role, signals: Iterable[SignalDef]) -> None:
        """A round starts recording: every chip unticked, pieces analysed from now on."""
        self._set_chips(rnd, signals)
        self._phase = "recording"
        self._latest = None
        self._show_phase()
        self._emit_heard()
        self.analyser.begin(rnd, role)

    def hear(self, transcript) -> None:
        """A new piece of live transcript arrived: `transcript` is everything so far."""
        self._latest = transcript
        if self._phase == "recording" and self.on:
            self.analyser.hear(transcript)

    def stop_hearing(self) -> None:
        """Stop or cancel: no more live analyses (the report's results come next)."""
        self.analyser.end()
        self._latest = None
        if self._phase == "recording":
            self._phase = "stopped"
            self._show_phase()

    def show_final(self, signals: list[dict]) -> None:
        """The debrief's results for the round just finished: the chips become exactly them."""
        self.analyser.end()
        by_id = {s.get("id"): s for s in signals if isinstance(s, dict)}
        for chip in self.chips:
            s = by_id.get(chip.signal_id) or {}
            at = s.get("start")  # the debrief's quote and its time, as the checklist shows
            chip.set_heard(bool(s.get("hit")), at if isinstance(at, int | float) else None,
                           s.get("evidence"))
        self._phase = "done"
        self._show_phase()
        self._emit_heard()

    @property
    def heard(self) -> frozenset[str]:
        """The ids ticked now (empty when the chips are hidden: interview mode)."""
        return frozenset(c.signal_id for c in self.chips if c.hit) if self.on else frozenset()

    # -- reactions ------------------------------------------------------------------------------

    def _heard(self, results) -> None:
        if self._phase != "recording":
            return
        by_id = {r.id: r for r in results}
        for chip in self.chips:
            r = by_id.get(chip.signal_id)
            if r is None or not r.hit:
                chip.set_heard(False)  # the text so far no longer says it (rare): say so
            elif not chip.hit:
                chip.set_heard(True, r.start, r.evidence)  # first heard: keep this moment
        self._emit_heard()

    def _toggled(self, on: bool, announce: bool = True) -> None:
        self.chip_box.setVisible(on)
        self.caption.setVisible(on)
        self.note.setVisible(not on)
        if on and self._phase == "recording" and self._latest is not None:
            self.analyser.hear(self._latest)  # turned on mid-answer: catch up at once
        if announce:
            self.toggled.emit(on)
        self._emit_heard()

    def _show_phase(self) -> None:
        self.caption.setText(CAPTIONS[self._phase])
        self.caption.setToolTip({
            "idle": "The signals this round scores; each is ticked when it is heard.",
            "done": "As the debrief scored it.",
        }.get(self._phase, "Ticked when heard; the debrief has the final word."))

    def _emit_heard(self) -> None:
        self.heard_changed.emit(self.heard)
