"""Drives one LiveRound from the window: start and stop on worker threads, readings at 20 Hz.

The widgets never call LiveRound directly; they listen to this object's signals. The audio
callback is inside the core's recorder and never reaches Qt: we only poll its readings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from mockloop.flows import should_stop
from mockloop.session import LiveRound, RoundRequest, Services
from mockloop.ui.tasks import run_task

POLL_MS = 50  # ~20 Hz: smooth enough for a meter, cheap enough for two shared cores


@dataclass(frozen=True)
class Reading:
    """What the recording screen shows, sampled from the live round."""

    elapsed_s: float
    rms_db: float
    peak_db: float
    partial_text: str
    falling_behind: bool


class RoundDriver(QObject):
    """States: idle -> starting -> recording -> stopping|cancelling -> idle."""

    state_changed = Signal(str)
    status = Signal(str)  # a short line for the user ("Loading speech model…")
    reading = Signal(object)  # Reading
    progress = Signal(float)  # transcription of the tail after Stop, 0..1
    report_ready = Signal(dict)  # RoundReport.to_dict()
    cancelled = Signal(object)  # the history id kept as interrupted (int | None)
    failed = Signal(str)  # could not start, or could not finish: one plain sentence
    device_lost = Signal(str)
    # A new piece of live transcript arrived: the Transcript so far (once per new text).
    piece = Signal(object)

    def __init__(self, services: Services, *, stream_factory: Callable | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.stream_factory = stream_factory
        self.state = "idle"
        self.live: LiveRound | None = None
        self.request: RoundRequest | None = None  # what the last round was started for
        self._cancel_when_started = False
        self._closing = False
        self._last_text = ""  # the live text when the last piece was announced
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    # -- commands ---------------------------------------------------------------------------

    def start(self, request: RoundRequest) -> None:
        if self.state != "idle":
            return
        live = LiveRound.from_request(self.services, request,
                                      stream_factory=self.stream_factory)
        self.live = live
        self.request = request
        self._cancel_when_started = False
        self._last_text = ""
        self._set_state("starting")
        self.status.emit("Starting…" if self.services.model_loaded
                         else "Loading speech model…")
        run_task(self, lambda _progress: live.start(), name="round-start",
                 on_done=self._started, on_failed=self._start_failed)

    def stop(self) -> None:
        """Stop and build the report (the tail is transcribed off the GUI thread)."""
        if self.state == "starting":
            return  # nothing recorded yet; Space again once the light is on
        if self.state != "recording":
            return
        live = self.live
        self._timer.stop()
        # Say what the wait is for: the audio the live transcript has not reached yet.
        self.status.emit(f"Transcribing the last {max(1, round(self._tail_s(live)))} s…")
        self._set_state("stopping")
        run_task(self, lambda progress: live.stop(progress=progress).to_dict(),
                 name="round-stop", on_done=self._stopped, on_failed=self._finish_failed,
                 on_progress=self.progress.emit)

    def cancel(self) -> None:
        """Stop without a report; the audio stays and the round is marked interrupted."""
        if self.state == "starting":
            self._cancel_when_started = True
            return
        if self.state != "recording":
            return
        live = self.live
        self._timer.stop()
        self.status.emit("Cancelling: closing the microphone and keeping the audio…")
        self._set_state("cancelling")
        run_task(self, lambda _progress: live.cancel(), name="round-cancel",
                 on_done=lambda _path: self._cancelled(live.history_id),
                 on_failed=self._finish_failed)

    # -- readings ---------------------------------------------------------------------------

    @staticmethod
    def _tail_s(live: LiveRound) -> float:
        """Seconds of audio still to transcribe after Stop (all of it without a live one)."""
        transcriber = getattr(live, "transcriber", None)
        if transcriber is None:
            return live.elapsed_s
        try:
            return float(transcriber.backlog_s)
        except (AttributeError, TypeError, ValueError):
            return live.elapsed_s

    @property
    def hard_stop_s(self) -> float:
        return self.live.hard_stop_s if self.live else 0.0

    def _poll(self) -> None:
        live = self.live
        if live is None:
            return
        rms, peak = live.level()
        elapsed = live.elapsed_s
        text = live.partial_text
        self.reading.emit(Reading(elapsed, rms, peak, text, live.falling_behind))
        if text != self._last_text:
            self._last_text = text
            self._announce_piece(live)
        if live.error:
            # Keep what was recorded: stop normally, the report carries the note.
            self.device_lost.emit(live.error)
            self.stop()
        elif should_stop(elapsed, live.round, self.services.settings):
            self.stop()

    def _announce_piece(self, live: LiveRound) -> None:
        """The live transcript (with word times) has grown: say so, with all of it."""
        transcriber = getattr(live, "transcriber", None)
        if transcriber is not None:
            self.piece.emit(transcriber.partial_transcript())

    # -- results (GUI thread) ---------------------------------------------------------------

    def _started(self, _result: object) -> None:
        self.status.emit("")
        if self._closing:  # the window closed while the model loaded: keep, do not record
            self.live.cancel()
            self.live = None
            self._set_state("idle")
            return
        self._set_state("recording")
        if self._cancel_when_started:
            self.cancel()
            return
        self._timer.start()

    def _start_failed(self, message: str) -> None:
        self.live = None
        self._set_state("idle")
        self.status.emit("")
        self.failed.emit(message)

    def _stopped(self, data: dict) -> None:
        self.live = None
        self._set_state("idle")
        self.status.emit("")
        self.report_ready.emit(data)

    def _cancelled(self, history_id: int | None) -> None:
        self.live = None
        self._set_state("idle")
        self.status.emit("")
        self.cancelled.emit(history_id)

    def _finish_failed(self, message: str) -> None:
        self.live = None
        self._set_state("idle")
        self.status.emit("")
        self.failed.emit(message)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    def shutdown(self) -> None:
        """The window is closing: a round still recording is kept as interrupted."""
        self._closing = True
        self._timer.stop()
        if self.state == "recording" and self.live is not None:
            self.live.cancel()
            self.live = None
            self._set_state("idle")
