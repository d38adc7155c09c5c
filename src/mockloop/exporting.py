"""Writing exports to files the user names, without ever putting the history at risk.

An export never writes over the history database (or its -wal/-shm/backups), the settings,
the user's rubric, the log or any recording; it writes a temporary file beside the target and
renames it into place, so a full disk or a crash never leaves half a file; and it refuses a
file that already exists unless told to replace it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from pathlib import Path

from mockloop.errors import UserError

# Files in the data folder that belong to mockloop (besides everything under recordings/).
_PROTECTED_NAMES = ("settings.json", "rubric.toml", "mockloop.log")
_PROTECTED_PREFIXES = ("history.db", "settings.json")


def protected(target: Path, data_dir: Path) -> bool:
    """True when writing `target` would touch a file mockloop keeps in its data folder."""
    try:
        resolved = target.resolve()
        home = data_dir.resolve()
    except OSError:
        return False
    if resolved.is_relative_to(home / "recordings"):
        return True
    if resolved.parent != home:
        return False
    name = resolved.name
    return name in _PROTECTED_NAMES or name.startswith(_PROTECTED_PREFIXES)


def write_export(target: Path, text: str, *, data_dir: Path, replace: bool = False) -> None:
    """Write `text` to `target` atomically; UserError with one plain sentence if it cannot."""
    if protected(target, data_dir):
        raise UserError(
            f"{target} is one of mockloop's own files (the history, settings or recordings); "
            "choose another file to export to."
        )
    if target.is_dir():
        raise UserError(f"{target} is a folder; give the name of a file to write.")
    if target.exists() and not replace:
        raise UserError(f"{target} already exists; add --force to replace it.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"The folder {folder} does not exist.")
    data = text.encode("utf-8")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UserError(_write_failed(target, exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UserError(_write_failed(target, exc)) from None


def write_stdout(text: str) -> None:
    """Write to standard output, turning a failed write into one plain sentence."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise UserError(output_failed(exc)) from None


def output_failed(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "The output could not be written: the disk is full."
    return f"The output could not be written ({exc.strerror or exc})."


def _write_failed(target: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"{target} could not be written: the disk is full (nothing was changed)."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{target} could not be written: you do not have permission to write there."
    return f"{target} could not be written ({exc.strerror or exc})."
