"""The core's composition root: `Services`, built once and passed to whoever drives a round.

`Services` holds what every round needs (rubric, history, speech models, settings). What a
round does is in mockloop.flows: analyze (typed text, an audio file), finish (a round that was
cut short), live (LiveRound, from the microphone) and corrections. The methods below that run
a flow only call it, so the command line, the window and the tests keep calling them here.

This module also re-exports LiveRound, RoundRequest and new_recording_path (mockloop.flows.live).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from mockloop.flows import analyze as _analyze
from mockloop.flows import corrections as _corrections
from mockloop.flows import finish as _finish
from mockloop.flows import steps as _steps
from mockloop.flows.live import LiveRound, RoundRequest, new_recording_path
from mockloop.flows.recording import Recording
from mockloop.flows.steps import Progress
from mockloop.report import RoundReport
from mockloop.rubric import get_rubric
from mockloop.rubric.model import Rubric
from mockloop.settings import Settings, load_settings
from mockloop.transcript import Transcript

if TYPE_CHECKING:
    from mockloop.asr import SpeechModel
    from mockloop.store import Store

__all__ = ["LiveRound", "Progress", "RoundRequest", "Services", "new_recording_path"]


class Services:
    """Everything a round needs, built once. The speech model loads lazily, once."""

    settings: Settings
    rubric: Rubric
    store: Store
    model_dir: str | Path | None

    def __init__(
        self,
        *,
        rubric: Rubric | None = None,
        store: Store | None = None,
        settings: Settings | None = None,
        model_dir: str | Path | None = None,
        model: SpeechModel | None = None,
    ) -> None:
        from mockloop.store import Store

        self.settings = settings or load_settings()
        self.rubric = rubric or get_rubric()
        self.store = store or Store()
        self.model_dir = model_dir if model_dir is not None else self.settings.model_dir
        self._model = model  # an already-loaded SpeechModel may be shared (tests, tools)
        self._live_model: SpeechModel | None = None  # the built-in, when the chosen is too slow
        self._model_lock = threading.Lock()

    def speech_model(self) -> SpeechModel:
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

    def live_model(self) -> SpeechModel:
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

    # -- the flows (mockloop.flows), called from here -------------------------------------

    def build_report(self, role_id: str, round_id: str, transcript: Transcript, *,
                     prompt_id: str | None = None, timings: dict | None = None,
                     recording: Recording | dict | None = None, notes: tuple[str, ...] = (),
                     prompt_text: str | None = None) -> RoundReport:
        """steps.build_report: `transcript` analysed for rubric round `round_id`."""
        return _steps.build_report(self, role_id, round_id, transcript, prompt_id=prompt_id,
                                   timings=timings, recording=recording, notes=notes,
                                   prompt_text=prompt_text)

    def analyze_text(self, role_id: str, round_id: str, text: str, *, save: bool = True,
                     prompt_id: str | None = None, prompt_text: str | None = None,
                     follows: int | None = None, kind: str | None = None) -> RoundReport:
        """analyze.analyze_text: a typed answer's report, saved unless `save` is false."""
        return _analyze.analyze_text(self, role_id, round_id, text, save=save,
                                     prompt_id=prompt_id, prompt_text=prompt_text,
                                     follows=follows, kind=kind)

    def analyze_audio(self, role_id: str, round_id: str, path: str | Path, *,
                      save: bool = True, prompt_id: str | None = None,
                      progress: Progress | None = None, prompt_text: str | None = None,
                      follows: int | None = None, kind: str | None = None) -> RoundReport:
        """analyze.analyze_audio: an audio file's report, saved unless `save` is false."""
        return _analyze.analyze_audio(self, role_id, round_id, path, save=save,
                                      prompt_id=prompt_id, progress=progress,
                                      prompt_text=prompt_text, follows=follows, kind=kind)

    def _save_new(self, report: RoundReport, *, source: str, audio_path: str | None,
                  follows: int | None = None, kind: str | None = None) -> RoundReport:
        return _steps.save_new(self, report, source=source, audio_path=audio_path,
                               follows=follows, kind=kind)

    def saved_transcript(self, history_id: int) -> Transcript:
        """corrections.saved_transcript: what a saved round is scored from now."""
        return _corrections.saved_transcript(self, history_id)

    def correct(self, history_id: int, start_word: int, end_word: int,
                new_text: str) -> RoundReport:
        """corrections.correct: words `start_word .. end_word - 1` become `new_text`."""
        return _corrections.correct(self, history_id, start_word, end_word, new_text)

    def rescore(self, history_id: int, edited_transcript: Transcript, *,
                edit: tuple[int, int, str] | None = None) -> RoundReport:
        """corrections.rescore: a saved round scored again from its corrected transcript."""
        return _corrections.rescore(self, history_id, edited_transcript, edit=edit)

    def undo_edit(self, history_id: int) -> RoundReport:
        """corrections.undo_edit: the last correction taken back."""
        return _corrections.undo_edit(self, history_id)

    def revert_edits(self, history_id: int) -> RoundReport:
        """corrections.revert_edits: back to the transcript as it was recognised."""
        return _corrections.revert_edits(self, history_id)

    def recover_interrupted(self) -> list[int]:
        """finish.recover_interrupted: rounds whose recorder died, marked interrupted; their
        history ids."""
        return _finish.recover_interrupted(self)

    def finish_round(self, history_id: int, *, progress: Progress | None = None) -> RoundReport:
        """finish.finish_round: a round that never finished, transcribed and analysed."""
        return _finish.finish_round(self, history_id, progress=progress)
