"""Numbered schema migrations, applied in order inside one transaction after a backup copy.

The schema version lives in PRAGMA user_version. Each step is frozen once released:
a database made by an older mockloop must reach today's schema by running the steps after it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import cast

import sqlite_utils
import sqlite_utils.db

from mockloop.errors import StorageError

_SCHEMA_V1 = """
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reuse an id: recordings are named after it
    role TEXT NOT NULL,
    round TEXT NOT NULL,
    prompt_id TEXT,
    prompt_text TEXT,
    status TEXT NOT NULL
        CHECK (status IN ('recording', 'interrupted', 'complete', 'failed')),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    audio_path TEXT,
    audio_s REAL,
    source TEXT NOT NULL CHECK (source IN ('mic', 'file', 'text')),
    pid INTEGER,
    hits INTEGER,
    scored INTEGER,
    dominant_lens TEXT,
    off_center INTEGER,
    duration_s REAL,
    wpm REAL,
    fillers_per_minute REAL,
    error TEXT,
    transcript TEXT,
    report_json TEXT
);
CREATE INDEX rounds_started_at ON rounds (started_at);
CREATE INDEX rounds_status ON rounds (status);
CREATE TABLE words (
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    word TEXT NOT NULL,
    start REAL,
    "end" REAL,
    PRIMARY KEY (round_id, idx)
);
CREATE TABLE signal_results (
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    signal_id TEXT NOT NULL,
    hit INTEGER NOT NULL,
    evidence TEXT,
    start REAL,
    PRIMARY KEY (round_id, signal_id)
);
"""


def _v1_initial_schema(db: sqlite_utils.Database) -> None:
    db.executescript(_SCHEMA_V1)
    # Porter stemming: searching "retrain" also finds "retraining".
    cast(sqlite_utils.db.Table, db["rounds"]).enable_fts(
        ["transcript", "prompt_text"], tokenize="porter unicode61", create_triggers=True
    )


def _v2_dropped_frames(db: sqlite_utils.Database) -> None:
    """Keep the recorder's dropped-frame count as a column, filled from reports already saved."""
    cast(sqlite_utils.db.Table, db["rounds"]).add_column("dropped_frames", int)
    db.execute(
        "UPDATE rounds SET dropped_frames = json_extract(report_json, '$.recording.dropped_frames')"
        " WHERE report_json IS NOT NULL AND json_valid(report_json)"
    )


def _v3_transcript_edits(db: sqlite_utils.Database) -> None:
    """Corrections the user makes to a transcript: one row per correction, each keeping the
    transcript as it was before it (so the first one holds the recognised original, and any
    correction can be undone). `rounds.edited` marks a corrected round for listing; the
    report, words and signal rows of a corrected round are those of its corrected text."""
    # Statement by statement: executescript() would commit the migration's transaction.
    db.execute("ALTER TABLE rounds ADD COLUMN edited INTEGER NOT NULL DEFAULT 0")
    db.execute("""
        CREATE TABLE transcript_edits (
            round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,          -- 1, 2, ... in the order they were made
            made_at TEXT NOT NULL,
            start_word INTEGER NOT NULL,   -- word range replaced, end exclusive
            end_word INTEGER NOT NULL,
            old_text TEXT NOT NULL,
            new_text TEXT NOT NULL,
            before_json TEXT NOT NULL,     -- the transcript ({"text", "words"}) before it
            PRIMARY KEY (round_id, seq)
        )
    """)


def _v4_linked_rounds(db: sqlite_utils.Database) -> None:
    """Rounds that continue another: `follows` is the history id of the round this one
    follows up (a design round's "what would make you reject it?" follow-up, the next take of a
    three-framings drill); deleting that round keeps this one and clears the link. `kind` says
    what the continuation is (NULL: a round of its own; see rows.KINDS)."""
    db.execute("ALTER TABLE rounds ADD COLUMN follows INTEGER"
               " REFERENCES rounds (id) ON DELETE SET NULL")
    db.execute("ALTER TABLE rounds ADD COLUMN kind TEXT")
    db.execute("CREATE INDEX rounds_follows ON rounds (follows)")


MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _v1_initial_schema,
    _v2_dropped_frames,
    _v3_transcript_edits,
    _v4_linked_rounds,
)
LATEST_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def backup_path(path: Path, version: int) -> Path:
    """Where the copy taken before migrating a version-`version` database goes."""
    return path.with_name(f"{path.name}.bak-v{version}")


def migrate(db: sqlite_utils.Database, path: Path, target: int = LATEST_VERSION) -> int:
    """Bring the database at `path` (open as `db`) up to `target`; returns the version reached.

    The write lock is taken first, so two processes opening a fresh data directory at once
    migrate it exactly once; the version is read again under the lock for that reason.
    """
    version = schema_version(db)
    if version > LATEST_VERSION:
        raise StorageError(
            f"The history database at {path} was written by a newer mockloop; update mockloop."
        )
    if version >= target:
        return version
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(db)
        if version < target and version > 0:
            _backup(path, backup_path(path, version))
        for number in range(version + 1, target + 1):
            MIGRATIONS[number - 1](db)
            # PRAGMA user_version is transactional: it rolls back with a failed step.
            db.execute(f"PRAGMA user_version = {number}")
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    return max(version, target)


def _backup(source: Path, destination: Path) -> None:
    # A second, read-only connection: a connection holding the write lock cannot be a backup
    # source (the copy would wait on itself). In WAL mode it reads the last committed state.
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        # Private like the database itself (created before SQLite opens it).
        fd = os.open(destination, os.O_RDWR | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)
        os.close(fd)
        copy = sqlite3.connect(destination)
        try:
            reader.backup(copy)
            # One self-contained file, with no -wal beside it.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    finally:
        reader.close()
