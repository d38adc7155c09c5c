"""Open the history database with the settings every mockloop process must share."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

DEFAULT_BUSY_TIMEOUT_S = 10.0


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
            db.enable_wal()
            # FULL: every commit reaches the disk before it returns, so a round's row survives
            # a power cut as its fsynced recording does (NORMAL would lose the last commits).
            # Writes are a few per round, so the cost does not show.
            db.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return db
