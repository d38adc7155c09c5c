"""The core's composition root and the flow of one round, without any window.

`Services` is built once (rubric, history, speech model, settings) and passed to whoever
drives a round: the command line or the Qt window. `LiveRound` runs the flow of
architecture.md: microphone -> disk + live transcription -> Stop -> tail -> analyse -> save.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mockloop import paths
from mockloop.analysis import analyze
from mockloop.errors import UserError
from mockloop.report import RoundReport
from mockloop.rubric import get_rubric
from mockloop.rubric.model import Rubric
from mockloop.settings import Settings, load_settings
from mockloop.transcript import Transcript

if TYPE_CHECKING:
    from mockloop.asr import IncrementalTranscriber
    from mockloop.audio import Recorder
    from mockloop.audio.recorder import RecordingResult

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
        self._live_model = None  # the built-in model, when the chosen one is too slow live
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
    def live_too_slow(self) -> bool:
        """True when the chosen model was measured too slow to transcribe while the user
        speaks: live text then comes from the built-in model, and the chosen one transcribes
        the whole recording after Stop."""
        if not self.model_dir:
            return False
        from mockloop.asr.catalog import measured_speed

        speed = measured_speed(self.model_dir)
        return speed is not None and not speed.keeps_up

    def live_model(self):
        """The model for live transcription: the chosen one, or the built-in when it is too
        slow to keep up (see live_too_slow)."""
        if not self.live_too_slow:
            return self.speech_model()
        with self._model_lock:
            if self._live_model is None:
                from mockloop.asr import SpeechModel

                model = SpeechModel(None)
                model.load()
                model.warm_up()
                self._live_model = model
            return self._live_model

    @property
    def model_loaded(self) -> bool:
        return self._model is not None

    def set_model_dir(self, model_dir: str | Path | None) -> None:
        """Point at another model; it loads on next use."""
        with self._model_lock:
            self.model_dir = model_dir
            self._model = None
            self._live_model = None

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
        prompt_text: str | None = None,
    ) -> RoundReport:
        """`prompt_text`: the question this take answered when it is not the rubric prompt's
        own text (a follow-up question written from an earlier answer)."""
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
            prompt_text=prompt_text or (prompt.text if prompt else None),
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
        prompt_text: str | None = None,
        follows: int | None = None,
        kind: str | None = None,
    ) -> RoundReport:
        """A typed answer's report (saved unless `save` is false). `follows`/`kind`: the saved
        round this take continues, and how (store.rows.KINDS)."""
        from mockloop.analysis.limits import check_text_size

        check_text_size(text)  # typed or pasted in the app as well as on the command line
        report = self.build_report(
            role_id,
            round_id,
            Transcript.from_text(text),
            prompt_id=prompt_id,
            prompt_text=prompt_text,
            timings={"transcribe_s": 0.0},
        )
        if not save:
            return report
        return self._save_new(report, source="text", audio_path=None, follows=follows, kind=kind)

    def analyze_audio(
        self,
        role_id: str,
        round_id: str,
        path: str | Path,
        *,
        save: bool = True,
        prompt_id: str | None = None,
        progress: Progress | None = None,
        prompt_text: str | None = None,
        follows: int | None = None,
        kind: str | None = None,
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
            role_id, round_id, transcript, prompt_id=prompt_id, timings=timings,
            prompt_text=prompt_text,
        )
        if not save:
            return report
        given = Path(path)
        # A pipe (`<(cat a.wav)`) was read into memory: there is no file to point back at.
        kept = str(given.resolve()) if given.is_file() else None
        return self._save_new(report, source="file", audio_path=kept, follows=follows, kind=kind)

    def _save_new(self, report: RoundReport, *, source: str, audio_path: str | None,
                  follows: int | None = None, kind: str | None = None) -> RoundReport:
        from dataclasses import replace

        history_id = self.store.add_completed(
            report.to_dict(),
            prompt_id=report.prompt_id,
            prompt_text=report.prompt_text,
            audio_path=audio_path,
            source=source,
            follows=follows,
            kind=kind,
        )
        return replace(report, id=history_id)

    # -- corrections to a transcript --------------------------------------------------------

    def saved_transcript(self, history_id: int) -> Transcript:
        """The transcript a saved round is scored from now (corrected, if it was)."""
        return _transcript_of(self._saved_report(history_id))

    def correct(self, history_id: int, start_word: int, end_word: int,
                new_text: str) -> RoundReport:
        """Replace words `start_word .. end_word - 1` of a saved round's transcript by
        `new_text`, re-score and save (see mockloop.edits for how timings follow)."""
        from mockloop.edits import apply_edit

        data = self._saved_report(history_id)
        edited = apply_edit(_transcript_of(data), start_word, end_word, new_text)
        return self._save_correction(history_id, data, edited, (start_word, end_word, new_text))

    def rescore(self, history_id: int, edited_transcript: Transcript, *,
                edit: tuple[int, int, str] | None = None) -> RoundReport:
        """Score a saved round again from its corrected transcript and save it as a
        correction: the recognised original is kept (and can be restored), the report,
        history row and words become the corrected ones. `edit` says what changed, as
        (start_word, end_word, new_text); without it the whole transcript was replaced."""
        return self._save_correction(history_id, self._saved_report(history_id),
                                     edited_transcript, edit)

    def _save_correction(self, history_id: int, data: dict, edited_transcript: Transcript,
                         edit: tuple[int, int, str] | None) -> RoundReport:
        from mockloop.edits import words_text
        from mockloop.store.store import utc_now

        current = _transcript_of(data)
        start, end, new_text = edit if edit is not None else (
            0, len(current.words), edited_transcript.text)
        at = utc_now()
        edits = [dict(e) for e in data.get("edits") or []] + [{
            "start_word": start, "end_word": end, "old": words_text(current, start, end),
            "new": " ".join(new_text.split()), "at": at,
        }]
        original = data.get("transcript_original") or data.get("transcript") or {}
        report = self._rescored(history_id, data, edited_transcript,
                                Transcript.from_dict(original), tuple(edits))
        self.store.add_edit(
            history_id, report.to_dict(), start_word=start, end_word=end,
            old_text=edits[-1]["old"], new_text=edits[-1]["new"],
            before=data.get("transcript") or current.to_dict(), made_at=at,
        )
        return report

    def undo_edit(self, history_id: int) -> RoundReport:
        """Take back the last correction of a round's transcript; re-score and save."""
        rows = self.store.edits(history_id)
        if not rows:
            raise UserError(f"Round {history_id} has no correction to undo.")
        data = self._saved_report(history_id)
        back = Transcript.from_dict(rows[-1]["before"])
        left = rows[:-1]
        report = self._rescored(
            history_id, data, back,
            Transcript.from_dict(rows[0]["before"]) if left else None,
            tuple(_edit_entry(r) for r in left),
        )
        self.store.drop_edits(history_id, report.to_dict(), keep=len(left))
        return report

    def revert_edits(self, history_id: int) -> RoundReport:
        """Back to the transcript as it was recognised: every correction is dropped."""
        rows = self.store.edits(history_id)
        if not rows:
            raise UserError(f"Round {history_id} has not been corrected.")
        data = self._saved_report(history_id)
        report = self._rescored(history_id, data, Transcript.from_dict(rows[0]["before"]),
                                None, ())
        self.store.drop_edits(history_id, report.to_dict(), keep=0)
        return report

    def _saved_report(self, history_id: int) -> dict:
        data = self.store.report(history_id)
        if data is None:
            raise UserError(f"Round {history_id} has no transcript to correct yet.")
        return data

    def _rescored(self, history_id: int, data: dict, transcript: Transcript,
                  original: Transcript | None, edits: tuple[dict, ...]) -> RoundReport:
        """A saved round's report scored again from `transcript`, everything else kept."""
        from dataclasses import replace

        duration = (data.get("delivery") or {}).get("duration_s")
        transcript = replace(transcript, duration_s=duration)
        if original is not None:
            original = replace(original, duration_s=duration)
        prompt = data.get("prompt") or {}
        report = self.build_report(
            data["role"], data["round"], transcript,
            timings={k: v for k, v in (data.get("timings") or {}).items() if k != "analyze_s"},
            recording=data.get("recording"),
            notes=tuple(str(n) for n in data.get("notes") or ()),
        )
        return replace(report, id=history_id, prompt_id=prompt.get("id"),
                       prompt_text=prompt.get("text"), transcript_original=original,
                       edits=edits)

    # -- interrupted rounds ----------------------------------------------------------------

    def recover_interrupted(self) -> list[int]:
        """Rounds whose recording process died: fix their audio files and mark them interrupted.

        Only recordings this history made are repaired (a path a row names outside the
        recordings folder is never written to). A round that died before any sound reached
        the disk has nothing to finish: it is marked failed, saying so. Returns the ids of the
        rounds that can now be finished.
        """
        from mockloop.audio import recover_wav
        from mockloop.store.liveness import lock_path

        if self.store.read_only:
            return []
        found = []
        for row in self.store.find_orphans():
            ours = self.store.owns_recording(row)
            audio = Path(row.audio_path) if row.audio_path else None
            audio_s: float | None = None
            if audio is not None and audio.is_file():
                if ours:
                    try:
                        audio_s = recover_wav(audio)
                    except UserError:
                        audio_s = 0.0
                else:
                    audio_s = row.audio_s
            if audio is None or not audio.is_file() or (ours and not audio_s):
                self.store.fail_orphan(row.id, "The round ended before any sound was recorded.")
            elif self.store.mark_interrupted(row.id, audio_s, only_if_recording=True):
                found.append(row.id)
            if ours and audio is not None:
                lock_path(audio).unlink(missing_ok=True)  # stale: its process is gone
        return found

    def finish_round(self, history_id: int, *, progress: Progress | None = None) -> RoundReport:
        """Transcribe and analyse a round that never finished (interrupted or cancelled)."""
        from dataclasses import replace

        from mockloop.audio import load_audio, recover_wav
        from mockloop.errors import AudioError

        row = self.store.get(history_id)
        self.store.refuse_if_live(history_id, "finished")
        if row.status == "complete":
            data = self.store.report(history_id)
            raise UserError(
                f"Round {history_id} is already complete"
                + (" (nothing to finish)." if data else ".")
            )
        if not row.audio_path or not Path(row.audio_path).exists():
            raise AudioError(f"Round {history_id} has no audio file left to finish.")
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
            prompt_text=row.prompt_text,
            timings={"transcribe_s": round(time.perf_counter() - t0, 3)},
            recording={"path": audio_path, "dropped_frames": None,
                       "duration_s": row.audio_s, "interrupted_at_s": row.audio_s},
            notes=(_cut_short_note(row.audio_s),),
        )
        report = replace(report, id=history_id)
        self.store.complete_round(history_id, report.to_dict())
        return report


def _transcript_of(data: dict) -> Transcript:
    """The transcript a saved report was scored from, with its audio's length."""
    return Transcript.from_dict(data.get("transcript") or {},
                                duration_s=(data.get("delivery") or {}).get("duration_s"))


def _edit_entry(row: dict) -> dict:
    """A stored correction as a report lists it."""
    return {"start_word": row["start_word"], "end_word": row["end_word"],
            "old": row["old_text"], "new": row["new_text"], "at": row["made_at"]}


def _cut_short_note(audio_s: float | None) -> str:
    if not audio_s:
        return "This round was cut short; the debrief covers the audio that was saved."
    m, s = divmod(round(audio_s), 60)
    return f"This round was cut short at {m}:{s:02d}; the debrief covers what was recorded."


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
        o = self.services.settings.overtime_s
        return self.round.overtime_s if o is None else float(o)

    @property
    def hard_stop_s(self) -> float:
        """Elapsed time at which the round stops itself."""
        return self.round.length_s + self.overtime_s

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
        from dataclasses import replace

        if self.recorder is None or self.history_id is None:
            raise RuntimeError("stop() before start()")
        history_id = self.history_id
        result = self.recorder.stop()
        self._stopped_at = time.perf_counter()
        self.result = result
        self.services.store.set_audio(history_id, str(self.path), result.duration_s)
        notes: list[str] = []
        if result.error:
            notes.append(result.error)
        if self.transcriber is not None and self._after_stop:
            self.transcriber.close()
            from mockloop.audio import load_audio

            transcript = self.services.speech_model().transcribe(
                load_audio(self.path), progress=progress, vocabulary=self.round.vocabulary
            )
            notes.append("The chosen speech model is too slow to keep up live, so it "
                         "transcribed the whole answer after Stop (the live text came from "
                         "the built-in model).")
        elif self.transcriber is not None:
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
            prompt_text=self.prompt_text,
        )
        latency = round(time.perf_counter() - self._stopped_at, 3)
        report = replace(
            report, id=history_id, timings={**report.timings, "report_latency_s": latency}
        )
        self.services.store.complete_round(history_id, report.to_dict())
        return report

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
