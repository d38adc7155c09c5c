"""`Recording`: what a report's "recording" key holds, one value for every flow that has audio."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockloop.audio.recorder import RecordingResult


@dataclass(frozen=True)
class Recording:
    """The audio a round was recorded to, and what its recorder counted.

    Two kinds, with the keys reports have always had (to_dict):

    * recorded from the microphone by this process (`from_result`): path, dropped_frames,
      overflows, duration_s;
    * finished after it was cut short (`cut_short`): the recorder that made it is gone, so
      dropped_frames is unknown (None) and overflows is left out; interrupted_at_s is how much
      audio survived (also its duration_s).

    A file analysed with `mockloop analyze` has no Recording (the report has no "recording").
    """

    path: str
    dropped_frames: int | None
    duration_s: float | None
    overflows: int | None = None
    interrupted_at_s: float | None = None
    interrupted: bool = False  # the cut-short kind: which keys to_dict writes

    @classmethod
    def from_result(cls, path: str | Path, result: RecordingResult) -> Recording:
        """A round recorded live, from what the recorder returned at Stop."""
        return cls(path=str(path), dropped_frames=result.dropped_frames,
                   duration_s=result.duration_s, overflows=result.overflows)

    @classmethod
    def cut_short(cls, path: str | Path, audio_s: float | None) -> Recording:
        """A round whose recording stopped early (killed, crashed, cancelled), finished later
        from the `audio_s` seconds that were saved."""
        return cls(path=str(path), dropped_frames=None, duration_s=audio_s,
                   interrupted_at_s=audio_s, interrupted=True)

    def to_dict(self) -> dict:
        """The report's "recording" object (cli.md), keys in the order reports have them."""
        out: dict = {"path": self.path, "dropped_frames": self.dropped_frames}
        if not self.interrupted:
            out["overflows"] = self.overflows
        out["duration_s"] = self.duration_s
        if self.interrupted:
            out["interrupted_at_s"] = self.interrupted_at_s
        return out
