"""A round from the microphone, transcribed while the user speaks (architecture.md):
microphone -> disk + live transcription -> Stop -> tail -> analyse -> save."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mockloop import paths
from mockloop.errors import UserError
from mockloop.flows import timing
from mockloop.flows.recording import Recording
from mockloop.flows.steps import Progress, build_report, save_completed, transcribe_file
from mockloop.report import RoundReport

if TYPE_CHECKING:
    from mockloop.asr import IncrementalTranscriber
    from mockloop.audio import Recorder
    from mockloop.audio.recorder import RecordingResult
    from mockloop.session import Services


@dataclass(frozen=True)
class RoundRequest:
    """What the user asked to practise, passed whole from the picker to LiveRound.

    `prompt_id` None: the round's first prompt; `device` None: the one in settings;
    `follows`: the history id of the round this one continues (None: a round of its own),
    `kind` how it continues it (store.rows.KINDS); `prompt_text`: the question when it is not
    the rubric prompt's own text (a follow-up question written from the answer it follows).
    """

    role_id: str
    round_id: str
    prompt_id: str | None = None
    device: str | int | None = None
    follows: int | None = None
    kind: str | None = None
    prompt_text: str | None = None


def new_recording_path(role_id: str, round_id: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    return paths.recordings_dir() / f"{stamp}-{role_id}-{round_id}.wav"


class LiveRound:
    """One round from the microphone, transcribed while the user speaks.

    start() opens the history row and the recorder; stop() returns the finished report
    (saved). Whatever happens, the audio stays on disk and the history row says what it is.
    """

    def __init__(
        self,
        services: Services,
        role_id: str,
        round_id: str,
        *,
        prompt_id: str | None = None,
        device=None,
        stream_factory=None,
        live_transcription: bool = True,
    ) -> None:
        self.services = services
        self.role = services.rubric.role(role_id)
        self.round = services.rubric.round(round_id)
        self.prompt = self.round.prompt(prompt_id)
        self.prompt_text = self.prompt.text
        self.follows: int | None = None
        self.kind: str | None = None
        self.device = device if device is not None else services.settings.input_device
        self._stream_factory = stream_factory
        self._live = live_transcription
        self.path = new_recording_path(self.role.id, self.round.id)
        self.history_id: int | None = None
        from mockloop.store.liveness import RecordingLock

        # Held from before the history row exists until the round ends: how every other
        # process knows this round is live (see store/liveness.py).
        self._lock = RecordingLock(self.path)
        self.recorder: Recorder | None = None
        self.transcriber: IncrementalTranscriber | None = None
        self._after_stop = False
        self.result: RecordingResult | None = None
        self._stopped_at: float | None = None

    # The request this round was built from (from_request); None when built from ids.
    request: RoundRequest | None = None

    @classmethod
    def from_request(cls, services: Services, request: RoundRequest, **kw) -> LiveRound:
        """A round for `request`; `kw` as for the constructor (stream_factory,
        live_transcription)."""
        live = cls(services, request.role_id, request.round_id, prompt_id=request.prompt_id,
                   device=request.device, **kw)
        live.request = request
        live.follows, live.kind = request.follows, request.kind
        if request.prompt_text:
            live.prompt_text = request.prompt_text
        return live

    @property
    def overtime_s(self) -> float:
        return timing.overtime_s(self.round, self.services.settings)

    @property
    def hard_stop_s(self) -> float:
        """Elapsed time at which the round stops itself (timing.should_stop's rule)."""
        return timing.hard_stop_s(self.round, self.services.settings)

    def start(self) -> None:
        from mockloop.audio import Recorder

        model = self.services.live_model() if self._live else None
        # A chosen model too slow for live speech transcribes the recording after Stop.
        self._after_stop = model is not None and model is not self.services.speech_model()
        try:
            self._lock.acquire()
        except OSError as exc:
            from mockloop.errors import StorageError

            raise StorageError(
                f"The recordings folder {self.path.parent} cannot be written "
                f"({exc.strerror or exc}), so the round cannot start."
            ) from None
        try:
            # Committed (and synced) before any sound is recorded: a crash or a power cut
            # from here on leaves a row that says what the recording on disk is.
            self.history_id = self.services.store.begin_round(
                role=self.role.id,
                round_id=self.round.id,
                prompt_id=self.prompt.id,
                prompt_text=self.prompt_text,
                audio_path=str(self.path),
                source="mic",
                follows=self.follows,
                kind=self.kind,
            )
            recorder = (
                Recorder(self.path, device=self.device, stream_factory=self._stream_factory)
                if self._stream_factory is not None
                else Recorder(self.path, device=self.device)
            )
            self.recorder = recorder
            if model is not None:
                from mockloop.asr import IncrementalTranscriber

                transcriber = IncrementalTranscriber(model, vocabulary=self.round.vocabulary)
                self.transcriber = transcriber
                transcriber.feed_from_queue(recorder.subscribe())
                transcriber.start()
            recorder.start()
        except BaseException:
            # Nothing was recorded (no microphone, Ctrl+C while starting...): leave no row
            # behind that would look like a round to finish.
            self._abandon()
            raise

    def _abandon(self) -> None:
        if self.transcriber is not None:
            self.transcriber.close()
        if self.history_id is not None:
            try:
                self.services.store.discard(self.history_id)
            except UserError:
                pass  # the error being raised says more than this one would
            self.history_id = None
        self._lock.release()

    # Live readings for a window or a terminal.
    def level(self) -> tuple[float, float]:
        return self.recorder.level() if self.recorder else (-120.0, -120.0)

    @property
    def elapsed_s(self) -> float:
        return self.recorder.elapsed_s if self.recorder else 0.0

    @property
    def partial_text(self) -> str:
        return self.transcriber.partial_text if self.transcriber else ""

    @property
    def falling_behind(self) -> bool:
        return bool(self.transcriber and self.transcriber.falling_behind)

    @property
    def error(self) -> str | None:
        return self.recorder.error if self.recorder else None

    def stop(self, *, progress: Progress | None = None) -> RoundReport:
        """Stop recording, transcribe what is left, analyse, save. Returns the report.

        If any of that fails the recording stays on disk and the round can be finished later.
        """
        try:
            return self._stop(progress)
        finally:
            self._lock.release()

    def _stop(self, progress: Progress | None) -> RoundReport:
        if self.recorder is None or self.history_id is None:
            raise RuntimeError("stop() before start()")
        history_id = self.history_id
        result = self.recorder.stop()
        self._stopped_at = stopped_at = time.perf_counter()
        self.result = result
        self.services.store.set_audio(history_id, str(self.path), result.duration_s)
        notes: list[str] = []
        if result.error:
            notes.append(result.error)
        if self.transcriber is not None and self._after_stop:
            self.transcriber.close()
            transcript, _ = transcribe_file(self.services, self.path, self.round,
                                            progress=progress)
            notes.append("The chosen speech model is too slow to keep up live, so it "
                         "transcribed the whole answer after Stop (the live text came from "
                         "the built-in model).")
        elif self.transcriber is not None:
            if self.transcriber.falling_behind:
                notes.append("Live transcription fell behind; the rest was transcribed after Stop.")
            transcript = self.transcriber.finish(progress=progress)
            self.transcriber.close()
        else:
            transcript, _ = transcribe_file(self.services, self.path, self.round,
                                            progress=progress)
        report = build_report(
            self.services,
            self.role.id,
            self.round.id,
            transcript,
            prompt_id=self.prompt.id,
            recording=Recording.from_result(self.path, result),
            notes=tuple(notes),
            prompt_text=self.prompt_text,
        )
        latency = round(time.perf_counter() - stopped_at, 3)
        report = replace(report, timings={**report.timings, "report_latency_s": latency})
        return save_completed(self.services, history_id, report)

    def cancel(self) -> Path:
        """Stop without a report; the audio is kept and the round can be finished later."""
        result = self.recorder.stop() if self.recorder else None
        if self.transcriber is not None:
            self.transcriber.close()
        audio_s = result.duration_s if result else 0.0
        try:
            if self.history_id is not None:
                self.services.store.mark_interrupted(self.history_id, audio_s)
        finally:
            self._lock.release()
        return self.path


def record_until_stop(live: LiveRound, *, duration: float | None = None,
                      sleep: Callable[[float], None] | None = None, poll_s: float = 0.1) -> None:
    """Wait, without a window, while a started round records: until timing.should_stop says
    so (`duration` when given, else the round's length and overtime, as in the window) or the
    microphone fails. `mockloop practice --headless` runs this; Ctrl+C ends it early."""
    while live.error is None and not timing.should_stop(
            live.elapsed_s, live.round, live.services.settings, duration):
        (sleep or time.sleep)(poll_s)
