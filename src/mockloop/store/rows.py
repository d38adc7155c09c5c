"""One saved round as the history lists it: a frozen value, JSON-ready via to_dict()."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

STATUSES = ("recording", "interrupted", "complete", "failed")
SOURCES = ("mic", "file", "text")
# What a round that continues another is (RoundRow.kind); None: a round of its own.
KINDS = ("followup", "framing-product", "framing-model", "framing-system")
# The kind that starts a chain of its own (the drill's first take): it follows nothing.
DRILL_START = "framing-product"


@dataclass(frozen=True)
class RoundRow:
    id: int
    role: str
    round: str
    prompt_id: str | None
    prompt_text: str | None
    status: str  # one of STATUSES
    started_at: str  # ISO-8601, UTC
    finished_at: str | None
    audio_path: Path | None
    audio_s: float | None  # seconds of audio on disk (what survived, for an interrupted round)
    source: str  # one of SOURCES
    pid: int | None  # the process that recorded it
    hits: int | None
    scored: int | None
    dominant_lens: str | None
    off_center: bool | None
    duration_s: float | None
    wpm: float | None
    fillers_per_minute: float | None
    dropped_frames: int | None
    error: str | None
    snippet: str | None = None  # search hit in context, matches wrapped in SNIPPET_MARKS
    edited: bool = False  # the user corrected its transcript (the original is kept)
    follows: int | None = None  # the history id this round continues (its link is cleared
    # when that round is deleted)
    kind: str | None = None  # one of KINDS when it continues another round

    def to_dict(self) -> dict:
        """The object `mockloop history --json` prints for this round."""
        data = asdict(self)
        data["audio_path"] = str(self.audio_path) if self.audio_path else None
        return data

    @classmethod
    def from_record(cls, record: dict, audio_path: Path | None) -> RoundRow:
        """Build from a `rounds` row (extra columns such as the report JSON are ignored)."""
        values: dict[str, Any] = {f.name: record.get(f.name) for f in fields(cls)}
        values["audio_path"] = audio_path
        if values["off_center"] is not None:
            values["off_center"] = bool(values["off_center"])
        values["edited"] = bool(values["edited"])
        return cls(**values)
