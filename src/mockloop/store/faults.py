"""Turn SQLite and file-system failures into one plain sentence (StorageError)."""

from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from mockloop.errors import StorageError

# Primary SQLite result codes (the low byte of the extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_PERM = 3


def storage_error(exc: BaseException, path: Path) -> StorageError:
    """The StorageError a user should see for `exc`, raised while using the database at `path`."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, sqlite3.Error):
        return StorageError(_sqlite_message(exc, path))
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return StorageError(
            "The disk is full, so the history could not be saved; free some space and retry."
        )
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
        return StorageError(f"The history database at {path} could not be used ({reason}).")
    return StorageError(f"The history database at {path} failed ({exc}).")


# Below this much free space SQLite cannot grow its -shm/-wal files: call the disk full.
_FULL_BELOW_BYTES = 256 * 1024


def disk_full(path: Path) -> bool:
    """True when the disk holding `path` (a file or folder) has next to no space left."""
    where = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(where).free < _FULL_BELOW_BYTES
    except OSError:
        return False


def is_damage(exc: BaseException | None) -> bool:
    """True for SQLite's "the file is corrupt / not a database" errors."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc).lower()
    return code in (_NOTADB, _CORRUPT) or "not a database" in text or "malformed" in text


def _sqlite_message(exc: sqlite3.Error, path: Path) -> str:
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc).lower()
    if code == _FULL or "disk is full" in text or (code == _IOERR and disk_full(path)):
        return "The disk is full, so the history could not be saved; free some space and retry."
    if code in (_READONLY, _PERM) or "readonly" in text:
        return (f"The history database at {path} is read-only, so nothing can be saved; "
                "check the folder's permissions.")
    if code in (_BUSY, _LOCKED) or "locked" in text:
        return ("The history database is busy in another mockloop window or command; "
                "try again in a moment.")
    if is_damage(exc):
        return (f"The file {path} is damaged or is not a mockloop history database; "
                "move it aside and mockloop will start a new one.")
    if code == _CANTOPEN:
        return (f"The history database at {path} cannot be opened; "
                "check that its folder exists and is writable.")
    if code == _IOERR:
        return f"Reading or writing the history database at {path} failed (a disk error)."
    return f"The history database at {path} failed ({exc})."


@contextlib.contextmanager
def translated(path: Path) -> Iterator[None]:
    """Re-raise database and file errors from the block as a StorageError."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        raise storage_error(exc, path) from exc
