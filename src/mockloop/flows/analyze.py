"""Analyse an answer given in one go: typed (or pasted) text, or an audio file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mockloop.flows.steps import Progress, build_report, save_new, transcribe_file
from mockloop.report import RoundReport
from mockloop.transcript import Transcript

if TYPE_CHECKING:
    from mockloop.session import Services


def analyze_text(
    services: Services,
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
    report = build_report(
        services,
        role_id,
        round_id,
        Transcript.from_text(text),
        prompt_id=prompt_id,
        prompt_text=prompt_text,
        timings={"transcribe_s": 0.0},
    )
    if not save:
        return report
    return save_new(services, report, source="text", audio_path=None, follows=follows,
                    kind=kind)


def analyze_audio(
    services: Services,
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
    """An audio file's report: transcribed, analysed, saved (unless `save` is false) pointing
    back at the file."""
    # Validate the round before spending seconds on transcription.
    services.rubric.role(role_id)
    round_ = services.rubric.round(round_id)
    transcript, transcribe_s = transcribe_file(services, path, round_, progress=progress)
    report = build_report(
        services, role_id, round_id, transcript, prompt_id=prompt_id,
        timings={"transcribe_s": transcribe_s}, prompt_text=prompt_text,
    )
    if not save:
        return report
    given = Path(path)
    # A pipe (`<(cat a.wav)`) was read into memory: there is no file to point back at.
    kept = str(given.resolve()) if given.is_file() else None
    return save_new(services, report, source="file", audio_path=kept, follows=follows,
                    kind=kind)
