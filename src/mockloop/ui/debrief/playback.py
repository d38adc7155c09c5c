"""Playing a round's recording: a play/pause bar over the core's Player, polled at ~15 Hz.

Under the seek slider, the transcript's marks (mockloop.transcript_marks) at their moments:
evidence as a bar over its sentence, fillers and hedges as ticks, long pauses as a bar over
the silence, coloured as in the transcript; a click on one plays from there.

The Player plays on its own audio thread; this object only asks it where it is, so nothing
from the audio side ever calls into Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolTip,
    QWidget,
)

from mockloop.errors import UserError
from mockloop.transcript_marks import Mark
from mockloop.ui.debrief.marks import colour
from mockloop.ui.fmt import mmss

PlayerFactory = Callable[[str], object]


def default_player_factory(path: str) -> object:
    from mockloop.audio import Player

    return Player(path)


class Playback(QObject):
    """Owns at most one Player. Emits `position(seconds)` while playing."""

    position = Signal(float)
    playing_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, factory: PlayerFactory | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.factory = factory or default_player_factory
        self.path: str | None = None
        self.player = None
        self._timer = QTimer(self)
        self._timer.setInterval(66)
        self._timer.timeout.connect(self._poll)
        self._was_playing = False

    def set_source(self, path: str | None) -> None:
        self.stop()
        if self.player is not None:
            self.player.close()
        self.player = None
        self.path = path if path and Path(path).exists() else None

    @property
    def available(self) -> bool:
        return self.path is not None

    @property
    def duration_s(self) -> float:
        return float(self.player.duration_s) if self.player is not None else 0.0

    @property
    def is_playing(self) -> bool:
        return bool(self.player is not None and self.player.is_playing)

    def _ensure(self) -> bool:
        if self.path is not None and not Path(self.path).exists():
            # Deleted (or moved) since the debrief opened: say so without the file's path.
            self.stop()
            if self.player is not None:
                self.player.close()
            self.player = None
            self.failed.emit("The recording of this round is no longer on disk, so it cannot "
                             "be played. The debrief and transcript are kept.")
            return False
        if self.player is None and self.path is not None:
            try:
                self.player = self.factory(self.path)
            except UserError as exc:
                self.failed.emit(exc.message)
                return False
        return self.player is not None

    def play_from(self, seconds: float) -> None:
        if not self._ensure():
            return
        try:
            self.player.play(max(0.0, seconds))
        except UserError as exc:
            self.failed.emit(exc.message)
            return
        self.position.emit(seconds)
        self._timer.start()
        self._set_playing(True)

    def toggle(self) -> None:
        if self.is_playing:
            self.pause()
        elif self._ensure():
            pos = float(self.player.position_s)
            self.play_from(0.0 if pos >= self.duration_s - 0.05 else pos)  # resume, or replay

    def pause(self) -> None:
        if self.player is not None:
            self.player.pause()
        self._timer.stop()
        self._set_playing(False)

    def stop(self) -> None:
        if self.player is not None:
            try:
                self.player.stop()
            except UserError:
                pass
        self._timer.stop()
        self._set_playing(False)

    def _poll(self) -> None:
        if self.player is None:
            return
        self.position.emit(float(self.player.position_s))
        if not self.player.is_playing:  # reached the end, or the output device went away
            self._timer.stop()
            self._set_playing(False)
            error = getattr(self.player, "error", None)
            if error:
                self.failed.emit(error)

    def _set_playing(self, playing: bool) -> None:
        if playing != self._was_playing:
            self._was_playing = playing
            self.playing_changed.emit(playing)


class MarkTrack(QWidget):
    """The marks along the recording, lined up with the slider above: a click on one asks to
    play from its start (`seek`), its hover says what it is and when."""

    seek = Signal(float)
    TICK_W = 3  # a filler's or hedge's tick; clicks within HIT px of a mark reach it
    HIT = 5

    def __init__(self, slider: QSlider, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markTrack")
        self.slider = slider
        self.marks: list[Mark] = []
        self.duration_s = 0.0
        self.setFixedHeight(14)
        self.setMouseTracking(True)
        self.setAccessibleName("Marks along the recording")

    def set_marks(self, marks: list[Mark], duration_s: float) -> None:
        self.marks = [m for m in marks if m.start_s is not None]
        self.duration_s = max(0.0, float(duration_s or 0.0))
        self.setVisible(bool(self.marks) and self.duration_s > 0)
        self.update()

    def _span(self) -> tuple[float, float]:
        """Where the slider's handle centre runs, in this widget's x: its 0 and its end."""
        opt = QStyleOptionSlider()
        self.slider.initStyleOption(opt)
        handle = self.slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, opt,
                                                    QStyle.SubControl.SC_SliderHandle,
                                                    self.slider)
        half = max(handle.width(), 8) / 2
        left = self.slider.mapToGlobal(QPoint(0, 0)).x() - self.mapToGlobal(QPoint(0, 0)).x()
        return left + half, left + self.slider.width() - half

    def x_of(self, seconds: float) -> float:
        a, b = self._span()
        if self.duration_s <= 0:
            return a
        return a + (b - a) * min(max(seconds / self.duration_s, 0.0), 1.0)

    def _rect(self, m: Mark) -> QRectF:
        x0 = self.x_of(m.start_s or 0.0)
        h = self.height()
        if m.kind in ("evidence", "pause"):
            x1 = self.x_of(m.end_s if m.end_s is not None else (m.start_s or 0.0))
            top = 2.0 if m.kind == "pause" else h - 5.0
            return QRectF(x0, top, max(x1 - x0, float(self.TICK_W)), 3.0)
        return QRectF(x0 - self.TICK_W / 2, 1.0, float(self.TICK_W), h - 2.0)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        # Bars first, ticks over them.
        for m in sorted(self.marks, key=lambda m: m.kind in ("filler", "hedge")):
            p.setBrush(colour(m.kind, "tick"))
            p.drawRoundedRect(self._rect(m), 1.5, 1.5)
        p.end()

    def mark_at(self, x: float) -> Mark | None:
        """The mark nearest x within reach (a tick before a bar it sits on)."""
        best: tuple[float, int, Mark] | None = None
        for m in self.marks:
            r = self._rect(m)
            d = 0.0 if r.left() <= x <= r.right() else min(abs(x - r.left()), abs(x - r.right()))
            if d > self.HIT:
                continue
            key = (d, 0 if m.kind in ("filler", "hedge") else 1, m)
            if best is None or key[:2] < best[:2]:
                best = key
        return best[2] if best else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.mark_at(event.position().x()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        m = self.mark_at(event.position().x())
        if m is not None and event.button() == Qt.MouseButton.LeftButton:
            self.seek.emit(float(m.start_s or 0.0))
            return
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            m = self.mark_at(event.pos().x())
            if m is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), f"{m.label} at {mmss(m.start_s)}. "
                                  "Click to hear it.", self)
            return True
        return super().event(event)


class PlaybackBar(QWidget):
    """Play/pause, a seek slider and the time, driving a Playback; the transcript's marks
    under the slider."""

    def __init__(self, playback: Playback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.playback = playback
        self.button = QPushButton("▶  Play")
        self.button.setObjectName("playButton")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.time = QLabel("0:00")
        self.time.setObjectName("muted")
        self.track = MarkTrack(self.slider)
        self.track.hide()
        row = QGridLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setHorizontalSpacing(12)
        row.setVerticalSpacing(0)
        row.addWidget(self.button, 0, 0)
        row.addWidget(self.slider, 0, 1)
        row.addWidget(self.time, 0, 2)
        row.addWidget(self.track, 1, 1)
        row.setColumnStretch(1, 1)
        self.track.seek.connect(playback.play_from)
        self.marks: list[Mark] = []
        self.duration_s = 0.0
        self.button.clicked.connect(playback.toggle)
        self.slider.sliderReleased.connect(
            lambda: playback.play_from(self.slider.value() / 10.0))
        playback.position.connect(self.show_position)
        playback.playing_changed.connect(
            lambda on: self.button.setText("❚❚  Pause" if on else "▶  Play"))

    def set_duration(self, seconds: float | None) -> None:
        self.duration_s = float(seconds or 0.0)
        self.slider.setRange(0, int(self.duration_s * 10))
        self.show_position(0.0)
        self.track.set_marks(self.marks, self.duration_s)

    def set_marks(self, marks: list[Mark]) -> None:
        """The transcript's marks to show along the recording."""
        self.marks = list(marks)
        self.track.set_marks(self.marks, self.duration_s)

    def show_position(self, seconds: float) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(int(seconds * 10))
        self.time.setText(f"{mmss(seconds)} / {mmss(self.duration_s)}")
