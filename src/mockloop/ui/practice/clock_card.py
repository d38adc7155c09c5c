"""The clock: timing light, big countdown, the round track, the live signal chips, and
Start / Stop / Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockloop.rubric.model import Round
from mockloop.ui import palette
from mockloop.ui.fmt import mmss
from mockloop.ui.practice.live_signals import LiveSignals
from mockloop.ui.widgets.round_track import Mark, RoundTrack
from mockloop.ui.widgets.timing_light import TimingLight


class ClockCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.light = TimingLight()
        self.remaining = QLabel("0:00")
        self.remaining.setObjectName("bigClock")
        self.elapsed = QLabel()
        self.elapsed.setObjectName("muted")
        self.rec = QLabel("●  REC")
        self.rec.setObjectName("recIndicator")
        self.rec.setVisible(False)
        self.track = RoundTrack()
        self.signals = LiveSignals()  # the page feeds it; its ticks go onto the track
        self.signals.heard_changed.connect(self.track.set_heard)
        self.start_button = QPushButton("Start  (Space)")
        self.start_button.setObjectName("primary")
        self.stop_button = QPushButton("Stop  (Space)")
        self.stop_button.setObjectName("danger")
        self.cancel_button = QPushButton("Cancel  (Esc)")
        self.status = QLabel()
        self.status.setObjectName("statusLine")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setVisible(False)
        self.partial = QLabel()
        self.partial.setObjectName("partial")
        self.partial.setWordWrap(True)
        self.partial.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.partial.setMinimumHeight(40)

        times = QVBoxLayout()
        times.setSpacing(0)
        times.addWidget(self.remaining)
        times.addWidget(self.elapsed)
        top = QHBoxLayout()
        top.setSpacing(18)
        top.addWidget(self.light, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addLayout(times)
        top.addStretch(1)
        top.addWidget(self.rec, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.cancel_button)
        buttons.addSpacing(8)
        buttons.addWidget(self.status, 1)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(14)
        col.addLayout(top)
        col.addWidget(self.track)
        col.addLayout(buttons)
        col.addWidget(self.progress)
        col.addWidget(self.signals)  # under the buttons: Start stays where it always was
        col.addWidget(self.partial)
        self.round: Round | None = None
        self.hard_stop_s = 0.0
        self._wait_text = ""  # what the current wait is doing ("Transcribing the last 14 s…")
        self._shown_s = 0.0
        self.set_mode("idle")

    def show_round(self, rnd: Round, hard_stop_s: float) -> None:
        self.round = rnd
        self.hard_stop_s = hard_stop_s
        marks = tuple(Mark(c.at_s, c.label, tuple(c.signals)) for c in rnd.checkpoints)
        self.track.set_round(rnd.length_s, rnd.amber_at_s, rnd.red_at_s, hard_stop_s, marks)
        self.track.set_heard(self.signals.heard)
        self.show_elapsed(0.0)
        self.light.set_state("idle")
        # What green / amber / red mean for this round, one hover away.
        plan = (f"Green until {mmss(rnd.amber_at_s)}: plenty of time. "
                f"Amber from {mmss(rnd.amber_at_s)}: start wrapping up. "
                f"Red from {mmss(rnd.red_at_s)}: finish your sentence. "
                f"After {mmss(rnd.length_s)} you are over time; the round stops by itself at "
                f"{mmss(hard_stop_s)}.")
        if rnd.checkpoints:
            plan += " The marks on the track: " + "; ".join(
                f"{mmss(c.at_s)} {c.label}" for c in rnd.checkpoints) + "."
        self.light.plan = plan
        self.light.setToolTip(plan)
        self.track.setToolTip(plan)
        self.remaining.setToolTip(plan)

    def show_elapsed(self, elapsed_s: float) -> None:
        rnd = self.round
        if rnd is None:
            return
        self._shown_s = elapsed_s
        state = rnd.light(elapsed_s) if elapsed_s > 0 else "green"
        left = rnd.length_s - elapsed_s
        if left >= 0:
            self.remaining.setText(mmss(left))
            self.elapsed.setText(f"{mmss(elapsed_s)} of {mmss(rnd.length_s)}")
        else:
            self.remaining.setText(f"+{mmss(-left)}")
            stops_in = max(0.0, self.hard_stop_s - elapsed_s)
            self.elapsed.setText(f"Over time · stops by itself in {mmss(stops_in)}")
        self.remaining.setProperty("light", state)
        self.remaining.style().unpolish(self.remaining)
        self.remaining.style().polish(self.remaining)
        self.light.set_state(state)
        self.track.set_elapsed(elapsed_s, palette.LIGHT[state])

    def set_mode(self, mode: str) -> None:
        """idle | starting | recording | stopping | cancelling"""
        self.start_button.setVisible(mode in ("idle", "starting"))
        self.start_button.setEnabled(mode == "idle")
        self.stop_button.setVisible(mode in ("recording", "stopping", "cancelling"))
        self.stop_button.setEnabled(mode == "recording")
        self.cancel_button.setEnabled(mode in ("starting", "recording"))
        self.rec.setVisible(mode == "recording")
        waiting = mode in ("starting", "stopping", "cancelling")
        self.progress.setVisible(waiting)
        if waiting:
            # A busy bar that moves until (and unless) real percentages arrive.
            self.progress.setRange(0, 0)
        if mode in ("stopping", "cancelling") and self.round is not None:
            word = "Stopped" if mode == "stopping" else "Cancelled"
            self.elapsed.setText(f"{word} at {mmss(self._shown_s)}")
        if mode == "idle":
            self.light.set_state("idle")
            self.partial.clear()

    def set_status(self, text: str) -> None:
        self._wait_text = text
        self.status.setText(text)

    def show_progress(self, fraction: float) -> None:
        """Real progress of the wait: the bar fills and the line gives the percentage."""
        if not self.progress.isVisible():
            return
        self.progress.setRange(0, 100)
        self.progress.setValue(int(100 * max(0.0, min(1.0, fraction))))
        base = self._wait_text.rstrip()
        self.status.setText(f"{base} {round(100 * fraction)}%" if base else
                            f"{round(100 * fraction)}%")

    def show_partial(self, text: str, behind: bool) -> None:
        # Only the tail fits; the full text is in the debrief.
        tail = text[-320:]
        if len(text) > 320:
            tail = "…" + tail[tail.find(" ") + 1:]
        self.partial.setText(tail + ("  (transcript catching up)" if behind else ""))
