"""Open the history database with the settings every mockloop process must share."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import sqlite_utils

DEFAULT_BUSY_TIMEOUT_S = 10.0
# SQLite's own files (-wal, -shm, -journal) take the database file's mode.
_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _make_private(path: Path) -> None:
    """Create the database file readable by its owner only (0600), and take the group's and
    others' access away from one an older mockloop left open (and from its side files)."""
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError:
        return  # SQLite's own open then says what is wrong, in the caller's words
    if os.name != "posix":
        return
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        try:
            st = os.stat(side, follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and st.st_mode & 0o077:
                os.chmod(side, stat.S_IMODE(st.st_mode) & 0o600)
        except OSError:
            continue


def _enable_wal(conn: sqlite3.Connection, busy_timeout_s: float) -> None:
    """Switch the file to WAL (once; the mode is kept in the file), waiting for other openers.

    Changing the journal mode needs the file to itself, and SQLite answers "database is locked"
    at once, without its busy timeout, when two processes open a brand-new history at the same
    moment (the window and a command line). So the switch is retried until the timeout.
    """
    deadline = time.monotonic() + busy_timeout_s
    delay = 0.005
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() == "wal":
                return
            mode = conn.execute("PRAGMA journal_mode = wal").fetchone()[0]
            if str(mode).lower() == "wal":
                return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise
        if time.monotonic() >= deadline:
            return  # another journal mode still works; readers then wait for the writer
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def open_database(
    path: Path,
    *,
    read_only: bool = False,
    immutable: bool = False,
    busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
) -> sqlite_utils.Database:
    """A sqlite-utils Database on `path`: WAL, foreign keys on, waiting on locks held elsewhere.

    `immutable` (read-only, for a full disk) reads the file without the -shm/-wal files SQLite
    would otherwise have to create. Raises sqlite3.Error or OSError; the caller turns those
    into a StorageError.
    """
    if read_only or immutable:
        query = "mode=ro&immutable=1" if immutable else "mode=ro"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True,
                               timeout=busy_timeout_s, check_same_thread=False)
        read_only = True
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        _make_private(path)
        # timeout= is SQLite's busy timeout: the app and a command line writing at the same
        # moment wait for each other instead of failing. Any thread may use the connection;
        # the Store serialises calls with its own lock.
        conn = sqlite3.connect(path, timeout=busy_timeout_s, check_same_thread=False)
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False)
        # Reads the file header, so a file that is not a database fails here, untouched.
        db.execute("PRAGMA user_version").fetchone()
        db.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            # WAL: readers never block the writer (the window can list history mid-recording).
            _enable_wal(conn, busy_timeout_s)
            # FULL: every commit reaches the disk before it returns, so a round's row survives
            # a power cut as its fsynced recording does (NORMAL would lose the last commits).
            # Writes are a few per round, so the cost does not show.
            db.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return db
