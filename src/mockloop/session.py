"""The core's composition root and the flow of one round, without any window.

`Services` is built once (rubric, history, speech model, settings) and passed to whoever
drives a round: the command line or the Qt window. `LiveRound` runs the flow of
architecture.md: microphone -> disk + live transcription -> Stop -> tail -> analyse -> save.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from mockloop import paths
from mockloop.analysis import analyze
from mockloop.errors import UserError
from mockloop.report import RoundReport
from mockloop.rubric import get_rubric
from mockloop.rubric.model import Rubric
from mockloop.settings import Settings, load_settings
from mockloop.transcript import Transcript

Progress = Callable[[float], None]


class Services:
    """Everything a round needs, built once. The speech model loads lazily, once."""

    def __init__(
        self,
        *,
        rubric: Rubric | None = None,
        store=None,
        settings: Settings | None = None,
        model_dir: str | Path | None = None,
        model=None,
    ) -> None:
        from mockloop.store import Store

        self.settings = settings or load_settings()
        self.rubric = rubric or get_rubric()
        self.store = store or Store()
        self.model_dir = model_dir if model_dir is not None else self.settings.model_dir
        self._model = model  # an already-loaded SpeechModel may be shared (tests, tools)
        self._model_lock = threading.Lock()

    def speech_model(self):
        """The one loaded speech model (loads and warms up on first use; ModelError if broken)."""
        with self._model_lock:
            if self._model is None:
                from mockloop.asr import SpeechModel

                model = SpeechModel(self.model_dir)
                model.load()
                model.warm_up()
                from mockloop.analysis import prepare

                prepare()  # the rules too, so the first debrief is as quick as the rest
                self._model = model
            return self._model

    @property
    def model_loaded(self) -> bool:
        return self._model is not None

    def set_model_dir(self, model_dir: str | Path | None) -> None:
        """Point at another model; it loads on next use."""
        with self._model_lock:
            self.model_dir = model_dir
            self._model = None

    def close(self) -> None:
        self.store.close()

    # -- one-shot analysis ---------------------------------------------------------------

    def build_report(
        self,
        role_id: str,
        round_id: str,
        transcript: Transcript,
        *,
        prompt_id: str | None = None,
        timings: dict | None = None,
        recording: dict | None = None,
        notes: tuple[str, ...] = (),
    ) -> RoundReport:
        role = self.rubric.role(role_id)
        round_ = self.rubric.round(round_id)
        prompt = round_.prompt(prompt_id) if prompt_id else None
        t0 = time.perf_counter()
        analysis = analyze(transcript, round_, role)
        timings = dict(timings or {})
        timings["analyze_s"] = round(time.perf_counter() - t0, 4)
        return RoundReport(
            role=role.id,
            round=round_.id,
            transcript=transcript,
            analysis=analysis,
            prompt_id=prompt.id if prompt else None,
            prompt_text=prompt.text if prompt else None,
            timings=timings,
            recording=recording,
            notes=notes,
        )

    def analyze_text(
        self,
        role_id: str,
        round_id: str,
        text: str,
        *,
        save: bool = True,
        prompt_id: str | None = None,
    ) -> RoundReport:
        report = self.build_report(
            role_id,
            round_id,
            Transcript.from_text(text),
            prompt_id=prompt_id,
            timings={"transcribe_s": 0.0},
        )
        return self._save_new(report, source="text", audio_path=None) if save else report

    def analyze_audio(
        self,
        role_id: str,
        round_id: str,
        path: str | Path,
        *,
        save: bool = True,
        prompt_id: str | None = None,
        progress: Progress | None = None,
    ) -> RoundReport:
        from mockloop.audio import load_audio

        # Validate the round before spending seconds on transcription.
        self.rubric.role(role_id)
        round_ = self.rubric.round(round_id)
        audio = load_audio(path)
        t0 = time.perf_counter()
        transcript = self.speech_model().transcribe(audio, progress=progress,
                                                    vocabulary=round_.vocabulary)
        timings = {"transcribe_s": round(time.perf_counter() - t0, 3)}
        report = self.build_report(
            role_id, round_id, transcript, prompt_id=prompt_id, timings=timings
        )
        if not save:
            return report
        return self._save_new(report, source="file", audio_path=str(Path(path).resolve()))

    def _save_new(self, report: RoundReport, *, source: str, audio_path: str | None) -> RoundReport:
        from dataclasses import replace

        round_id = self.store.add_completed(
            report.to_dict(),
            prompt_id=report.prompt_id,
            prompt_text=report.prompt_text,
            audio_path=audio_path,
            source=source,
        )
        return replace(report, id=round_id)

    # -- interrupted rounds ----------------------------------------------------------------

    def recover_interrupted(self) -> list[int]:
        """Rounds whose recording process died: fix their audio files and mark them interrupted."""
        from mockloop.audio import recover_wav

        found = []
        for row in self.store.find_orphans():
            audio_s = 0.0
            if row.audio_path and Path(row.audio_path).exists():
                try:
                    audio_s = recover_wav(row.audio_path)
                except UserError:
                    audio_s = 0.0
            self.store.mark_interrupted(row.id, audio_s)
            found.append(row.id)
        return found

    def finish_round(self, round_id: int, *, progress: Progress | None = None) -> RoundReport:
        """Transcribe and analyse a round that never finished (interrupted or cancelled)."""
        from dataclasses import replace

        from mockloop.audio import load_audio, recover_wav
        from mockloop.errors import AudioError

        row = self.store.get(round_id)
        if row.status == "complete":
            data = self.store.report(round_id)
            raise UserError(
                f"Round {round_id} is already complete" + (" (nothing to finish)." if data else ".")
            )
        if not row.audio_path or not Path(row.audio_path).exists():
            raise AudioError(f"Round {round_id} has no audio file left to finish.")
        audio_path = str(row.audio_path)
        recover_wav(audio_path)
        # The report needs the round anyway: look it up before spending seconds on transcription.
        vocabulary = self.rubric.round(row.round).vocabulary
        audio = load_audio(audio_path)
        t0 = time.perf_counter()
        transcript = self.speech_model().transcribe(audio, progress=progress,
                                                    vocabulary=vocabulary)
        report = self.build_report(
            row.role,
            row.round,
            transcript,
            prompt_id=row.prompt_id,
            timings={"transcribe_s": round(time.perf_counter() - t0, 3)},
            recording={"path": audio_path, "dropped_frames": None},
        )
        self.store.complete_round(round_id, report.to_dict())
        return replace(report, id=round_id)


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
        self.device = device if device is not None else services.settings.input_device
        self._stream_factory = stream_factory
        self._live = live_transcription
        self.path = new_recording_path(self.role.id, self.round.id)
        self.history_id: int | None = None
        self.recorder = None
        self.transcriber = None
        self.result = None
        self._stopped_at: float | None = None

    @property
    def overtime_s(self) -> float:
        o = self.services.settings.overtime_s
        return self.round.overtime_s if o is None else float(o)

    @property
    def hard_stop_s(self) -> float:
        """Elapsed time at which the round stops itself."""
        return self.round.length_s + self.overtime_s

    def start(self) -> None:
        from mockloop.audio import Recorder

        model = self.services.speech_model() if self._live else None
        self.history_id = self.services.store.begin_round(
            role=self.role.id,
            round_id=self.round.id,
            prompt_id=self.prompt.id,
            prompt_text=self.prompt.text,
            audio_path=str(self.path),
            source="mic",
        )
        kwargs = {"device": self.device}
        if self._stream_factory is not None:
            kwargs["stream_factory"] = self._stream_factory
        self.recorder = Recorder(self.path, **kwargs)
        if model is not None:
            from mockloop.asr import IncrementalTranscriber

            self.transcriber = IncrementalTranscriber(model, vocabulary=self.round.vocabulary)
            self.transcriber.feed_from_queue(self.recorder.subscribe())
            self.transcriber.start()
        try:
            self.recorder.start()
        except UserError as exc:
            self._abandon(str(exc))
            raise

    def _abandon(self, message: str) -> None:
        if self.transcriber is not None:
            self.transcriber.close()
        self.services.store.fail_round(self.history_id, message)

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
        """Stop recording, transcribe what is left, analyse, save. Returns the report."""
        from dataclasses import replace

        result = self.recorder.stop()
        self._stopped_at = time.perf_counter()
        self.result = result
        self.services.store.set_audio(self.history_id, str(self.path), result.duration_s)
        notes: list[str] = []
        if result.error:
            notes.append(result.error)
        if self.transcriber is not None:
            if self.transcriber.falling_behind:
                notes.append("Live transcription fell behind; the rest was transcribed after Stop.")
            transcript = self.transcriber.finish(progress=progress)
            self.transcriber.close()
        else:
            from mockloop.audio import load_audio

            transcript = self.services.speech_model().transcribe(
                load_audio(self.path), progress=progress, vocabulary=self.round.vocabulary
            )
        recording = {
            "path": str(self.path),
            "dropped_frames": result.dropped_frames,
            "overflows": result.overflows,
            "duration_s": result.duration_s,
        }
        report = self.services.build_report(
            self.role.id,
            self.round.id,
            transcript,
            prompt_id=self.prompt.id,
            recording=recording,
            notes=tuple(notes),
        )
        latency = round(time.perf_counter() - self._stopped_at, 3)
        report = replace(
            report, id=self.history_id, timings={**report.timings, "report_latency_s": latency}
        )
        self.services.store.complete_round(self.history_id, report.to_dict())
        return report

    def cancel(self) -> Path:
        """Stop without a report; the audio is kept and the round can be finished later."""
        result = self.recorder.stop() if self.recorder else None
        if self.transcriber is not None:
            self.transcriber.close()
        audio_s = result.duration_s if result else 0.0
        self.services.store.mark_interrupted(self.history_id, audio_s)
        return self.path
