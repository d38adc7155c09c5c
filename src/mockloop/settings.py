"""User settings, stored as JSON in the data directory (so MOCKLOOP_HOME isolates them too)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from mockloop import paths


@dataclass(frozen=True)
class Settings:
    input_device: str | None = None  # name or index; None = system default
    model_dir: str | None = None  # None = the embedded tiny.en model
    overtime_s: float | None = None  # None = each round's own allowance
    last_role: str = "swe"
    last_round: str = "story-90"
    window: dict = field(default_factory=dict)  # UI geometry/state, opaque to the core

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; a missing or unreadable file gives the defaults (never an error at start)."""
    path = path or paths.settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    kept = {k: v for k, v in raw.items() if k in known}
    try:
        return Settings(**kept)
    except TypeError:
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (temp file + rename) so a crash never leaves half a settings file."""
    path = path or paths.settings_path()
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    os.replace(tmp, path)
