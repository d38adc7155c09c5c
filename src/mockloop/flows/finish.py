"""Rounds whose recording stopped early: found at start-up, finished from the saved audio."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mockloop.errors import UserError
from mockloop.flows.recording import Recording
from mockloop.flows.steps import Progress, build_report, save_completed, transcribe_file
from mockloop.report import RoundReport

if TYPE_CHECKING:
    from mockloop.session import Services


def recover_interrupted(services: Services) -> list[int]:
    """Rounds whose recording process died: fix their audio files and mark them interrupted.

    Only recordings this history made are repaired (a path a row names outside the
    recordings folder is never written to). A round that died before any sound reached
    the disk has nothing to finish: it is marked failed, saying so. Returns the history ids
    of the rounds that can now be finished.
    """
    from mockloop.audio import recover_wav
    from mockloop.store.liveness import lock_path

    store = services.store
    if store.read_only:
        return []
    found = []
    for row in store.find_orphans():
        ours = store.owns_recording(row)
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
            store.fail_orphan(row.id, "The round ended before any sound was recorded.")
        elif store.mark_interrupted(row.id, audio_s, only_if_recording=True):
            found.append(row.id)
        if ours and audio is not None:
            lock_path(audio).unlink(missing_ok=True)  # stale: its process is gone
    return found


def finish_round(services: Services, history_id: int, *,
                 progress: Progress | None = None) -> RoundReport:
    """Transcribe and analyse a round that never finished (interrupted or cancelled)."""
    from mockloop.audio import recover_wav
    from mockloop.errors import AudioError

    store = services.store
    row = store.get(history_id)
    store.refuse_if_live(history_id, "finished")
    if row.status == "complete":
        data = store.report(history_id)
        raise UserError(
            f"Round {history_id} is already complete"
            + (" (nothing to finish)." if data else ".")
        )
    if not row.audio_path or not Path(row.audio_path).exists():
        raise AudioError(f"Round {history_id} has no audio file left to finish.")
    audio_path = str(row.audio_path)
    recover_wav(audio_path)
    # The report needs the round anyway: look it up before spending seconds on transcription.
    round_ = services.rubric.round(row.round)
    transcript, transcribe_s = transcribe_file(services, audio_path, round_, progress=progress)
    report = build_report(
        services,
        row.role,
        row.round,
        transcript,
        prompt_id=row.prompt_id,
        prompt_text=row.prompt_text,
        timings={"transcribe_s": transcribe_s},
        recording=Recording.cut_short(audio_path, row.audio_s),
        notes=(cut_short_note(row.audio_s),),
    )
    return save_completed(services, history_id, report)


def cut_short_note(audio_s: float | None) -> str:
    """The note a report finished from a cut-short recording carries."""
    if not audio_s:
        return "This round was cut short; the debrief covers the audio that was saved."
    m, s = divmod(round(audio_s), 60)
    return f"This round was cut short at {m}:{s:02d}; the debrief covers what was recorded."
