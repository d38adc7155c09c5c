"""Corrections of a saved round's transcript: each re-scores the round and saves it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from mockloop.errors import UserError
from mockloop.flows.steps import build_report
from mockloop.report import RoundReport
from mockloop.transcript import Transcript

if TYPE_CHECKING:
    from mockloop.session import Services


def saved_transcript(services: Services, history_id: int) -> Transcript:
    """The transcript a saved round is scored from now (corrected, if it was)."""
    return _transcript_of(_saved_report(services, history_id))


def correct(services: Services, history_id: int, start_word: int, end_word: int,
            new_text: str) -> RoundReport:
    """Replace words `start_word .. end_word - 1` of a saved round's transcript by
    `new_text`, re-score and save (see mockloop.edits for how timings follow)."""
    from mockloop.edits import apply_edit

    data = _saved_report(services, history_id)
    edited = apply_edit(_transcript_of(data), start_word, end_word, new_text)
    return _save_correction(services, history_id, data, edited,
                            (start_word, end_word, new_text))


def rescore(services: Services, history_id: int, edited_transcript: Transcript, *,
            edit: tuple[int, int, str] | None = None) -> RoundReport:
    """Score a saved round again from its corrected transcript and save it as a
    correction: the recognised original is kept (and can be restored), the report,
    history row and words become the corrected ones. `edit` says what changed, as
    (start_word, end_word, new_text); without it the whole transcript was replaced."""
    return _save_correction(services, history_id, _saved_report(services, history_id),
                            edited_transcript, edit)


def undo_edit(services: Services, history_id: int) -> RoundReport:
    """Take back the last correction of a round's transcript; re-score and save."""
    rows = services.store.edits(history_id)
    if not rows:
        raise UserError(f"Round {history_id} has no correction to undo.")
    data = _saved_report(services, history_id)
    back = Transcript.from_dict(rows[-1]["before"])
    left = rows[:-1]
    report = _rescored(
        services, history_id, data, back,
        Transcript.from_dict(rows[0]["before"]) if left else None,
        tuple(_edit_entry(r) for r in left),
    )
    services.store.drop_edits(history_id, report.to_dict(), keep=len(left))
    return report


def revert_edits(services: Services, history_id: int) -> RoundReport:
    """Back to the transcript as it was recognised: every correction is dropped."""
    rows = services.store.edits(history_id)
    if not rows:
        raise UserError(f"Round {history_id} has not been corrected.")
    data = _saved_report(services, history_id)
    report = _rescored(services, history_id, data, Transcript.from_dict(rows[0]["before"]),
                       None, ())
    services.store.drop_edits(history_id, report.to_dict(), keep=0)
    return report


def _save_correction(services: Services, history_id: int, data: dict,
                     edited_transcript: Transcript,
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
    report = _rescored(services, history_id, data, edited_transcript,
                       Transcript.from_dict(original), tuple(edits))
    services.store.add_edit(
        history_id, report.to_dict(), start_word=start, end_word=end,
        old_text=edits[-1]["old"], new_text=edits[-1]["new"],
        before=data.get("transcript") or current.to_dict(), made_at=at,
    )
    return report


def _saved_report(services: Services, history_id: int) -> dict:
    data = services.store.report(history_id)
    if data is None:
        raise UserError(f"Round {history_id} has no transcript to correct yet.")
    return data


def _rescored(services: Services, history_id: int, data: dict, transcript: Transcript,
              original: Transcript | None, edits: tuple[dict, ...]) -> RoundReport:
    """A saved round's report scored again from `transcript`, everything else kept."""
    duration = (data.get("delivery") or {}).get("duration_s")
    transcript = replace(transcript, duration_s=duration)
    if original is not None:
        original = replace(original, duration_s=duration)
    prompt = data.get("prompt") or {}
    report = build_report(
        services, data["role"], data["round"], transcript,
        timings={k: v for k, v in (data.get("timings") or {}).items() if k != "analyze_s"},
        recording=data.get("recording"),
        notes=tuple(str(n) for n in data.get("notes") or ()),
    )
    return replace(report, id=history_id, prompt_id=prompt.get("id"),
                   prompt_text=prompt.get("text"), transcript_original=original,
                   edits=edits)


def _transcript_of(data: dict) -> Transcript:
    """The transcript a saved report was scored from, with its audio's length."""
    return Transcript.from_dict(data.get("transcript") or {},
                                duration_s=(data.get("delivery") or {}).get("duration_s"))


def _edit_entry(row: dict) -> dict:
    """A stored correction as a report lists it."""
    return {"start_word": row["start_word"], "end_word": row["end_word"],
            "old": row["old_text"], "new": row["new_text"], "at": row["made_at"]}
