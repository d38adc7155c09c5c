"""The steps every flow shares: transcribe a recording, build the report, save it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mockloop.analysis import analyze
from mockloop.flows.recording import Recording
from mockloop.report import RoundReport
from mockloop.rubric.model import Round
from mockloop.transcript import Transcript

if TYPE_CHECKING:
    from mockloop.session import Services

Progress = Callable[[float], None]


def transcribe_file(services: Services, path: str | Path, round_: Round, *,
                    progress: Progress | None = None) -> tuple[Transcript, float]:
    """The one transcription of a whole recording: read `path` (AudioError if it cannot be),
    run the chosen speech model with the round's vocabulary. Returns the transcript and the
    seconds the model took (loading it included, when this was its first use)."""
    from mockloop.audio import load_audio

    audio = load_audio(path)
    t0 = time.perf_counter()
    transcript = services.speech_model().transcribe(audio, progress=progress,
                                                    vocabulary=round_.vocabulary)
    return transcript, round(time.perf_counter() - t0, 3)


def build_report(
    services: Services,
    role_id: str,
    round_id: str,
    transcript: Transcript,
    *,
    prompt_id: str | None = None,
    timings: dict | None = None,
    recording: Recording | dict | None = None,
    notes: tuple[str, ...] = (),
    prompt_text: str | None = None,
) -> RoundReport:
    """Analyse `transcript` for the rubric round `round_id` as played by role `role_id`.

    `prompt_text`: the question this take answered when it is not the rubric prompt's own text
    (a follow-up question written from an earlier answer). `recording` may be a saved report's
    "recording" dict (a re-scored round keeps its own)."""
    role = services.rubric.role(role_id)
    round_ = services.rubric.round(round_id)
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
        recording=recording.to_dict() if isinstance(recording, Recording) else recording,
        notes=notes,
    )


def save_new(services: Services, report: RoundReport, *, source: str, audio_path: str | None,
             follows: int | None = None, kind: str | None = None) -> RoundReport:
    """Save a report made in one go as a new history row; the report with its history id."""
    history_id = services.store.add_completed(
        report.to_dict(),
        prompt_id=report.prompt_id,
        prompt_text=report.prompt_text,
        audio_path=audio_path,
        source=source,
        follows=follows,
        kind=kind,
    )
    return replace(report, id=history_id)


def save_completed(services: Services, history_id: int, report: RoundReport) -> RoundReport:
    """Save the report of a round whose history row already exists (begun by a live round);
    it becomes complete. The report with its history id."""
    report = replace(report, id=history_id)
    services.store.complete_round(history_id, report.to_dict())
    return report
