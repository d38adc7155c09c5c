"""Playing a round's recording: a play/pause bar over the core's Player, polled at ~15 Hz.

The Player plays on its own audio thread; this object only asks it where it is, so nothing
from the audio side ever calls into Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from mockloop.errors import UserError
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


class PlaybackBar(QWidget):
    """Play/pause, a seek slider and the time, driving a Playback."""

    def __init__(self, playback: Playback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.playback = playback
        self.button = QPushButton("▶  Play")
        self.button.setObjectName("playButton")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.time = QLabel("0:00")
        self.time.setObjectName("muted")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        row.addWidget(self.button)
        row.addWidget(self.slider, 1)
        row.addWidget(self.time)
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

    def show_position(self, seconds: float) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(int(seconds * 10))
        self.time.setText(f"{mmss(seconds)} / {mmss(self.duration_s)}")
