"""The history of rounds: every read and write of the database goes through `Store`."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Self, cast
from urllib.parse import quote_from_bytes, unquote_to_bytes

import sqlite_utils
import sqlite_utils.db

from mockloop import paths
from mockloop.errors import NotFoundError, StorageError, UserError
from mockloop.store.columns import signal_rows, summary_columns, word_rows
from mockloop.store.connection import DEFAULT_BUSY_TIMEOUT_S, open_database
from mockloop.store.faults import disk_full, is_damage, storage_error, translated
from mockloop.store.liveness import lock_path, recorder_alive
from mockloop.store.migrations import LATEST_VERSION, migrate, schema_version
from mockloop.store.rows import DRILL_START, KINDS, SOURCES, RoundRow
from mockloop.store.search import SNIPPET_MARKS, fts_query

# Recordings the importer copied into recordings/ (importing.py names them so).
IMPORTED_PREFIX = "import-"
# Stored paths are absolute or relative to the data folder, so none can start with this.
_BYTES_PREFIX = "bytes:"


_ROW_COLUMNS = ", ".join(f'rounds."{f.name}"' for f in fields(RoundRow) if f.name != "snippet")


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Deleted:
    """What deleting a round did with its recording."""

    history_id: int
    audio_path: Path | None
    audio_deleted: bool
    # Why a recording was left on disk, as the end of a sentence (None when nothing was kept).
    audio_kept_because: str | None = None


def _iso_utc(moment: datetime) -> str:
    # A naive datetime is taken as local time (Python's rule), then stored as UTC.
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


class Store:
    """The history database: opened (created, migrated) on construction; close() when done.

    Safe to call from any thread: calls are serialised on one connection, so the window's
    workers and its GUI thread can share one Store.

    Files: only recordings this history made (inside the data folder's `recordings/`, reached
    without a symbolic link, and owned by a microphone round) are ever deleted or rewritten;
    any other path a row names is left alone.

    On a full disk the history still opens, read-only (`read_only_reason` says why), so it can
    be listed, searched and exported; saving raises a StorageError naming the full disk.

    Naming, here and in the whole core: `history_id` (an int) is a saved attempt, the id of a
    row of the rounds table (what `mockloop show ID` takes); `round_id` (a str) is always the
    rubric round it was an attempt at ("system-design"), as in begin_round(round_id=...) and
    list_rounds(round_id=...). The words, signal_results and transcript_edits tables keep their
    column named round_id, which holds the history id.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        read_only: bool = False,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    ) -> None:
        try:
            self.path = Path(path) if path is not None else paths.db_path()
        except OSError as exc:
            raise StorageError(f"The data folder cannot be created ({exc.strerror}).") from exc
        self._lock = threading.RLock()
        self.read_only_reason: str | None = None
        with translated(self.path):
            try:
                self._db = open_database(
                    self.path, read_only=read_only, busy_timeout_s=busy_timeout_s
                )
            except (sqlite3.Error, OSError):
                if not self._full_disk_fallback(busy_timeout_s):
                    raise
                return
            try:
                if read_only:
                    self._check_current()
                else:
                    migrate(self._db, self.path)
            except BaseException:
                self._db.close()
                raise

    def _full_disk_fallback(self, busy_timeout_s: float) -> bool:
        """On a full disk SQLite cannot make its -shm/-wal files: read the file as it is."""
        wal = self.path.with_name(self.path.name + "-wal")
        if not self.path.is_file() or not disk_full(self.path):
            return False
        if wal.exists() and wal.stat().st_size > 0:
            return False  # rounds not yet folded into the file would be hidden: refuse
        try:
            self._db = open_database(self.path, immutable=True, busy_timeout_s=busy_timeout_s)
            self._check_current()
        except (sqlite3.Error, OSError, StorageError):
            return False
        self.read_only_reason = (
            "The disk is full, so the history is open read-only: free some space to save rounds."
        )
        return True

    def _table(self, name: str) -> sqlite_utils.db.Table:
        """One of the history's tables (never a view)."""
        return cast(sqlite_utils.db.Table, self._db[name])

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def db(self) -> sqlite_utils.Database:
        """The underlying sqlite-utils Database (for diagnostics and tests)."""
        return self._db

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def begin_round(
        self,
        *,
        role: str,
        round_id: str,
        prompt_id: str | None,
        prompt_text: str | None,
        audio_path: str | Path | None,
        source: str = "mic",
        started_at: datetime | None = None,
        follows: int | None = None,
        kind: str | None = None,
    ) -> int:
        """Record that this process started recording a round; returns the new history id.

        `follows`/`kind`: the saved round this one continues, and how (rows.KINDS)."""
        self._check_source(source)
        self._check_link(follows, kind)
        record = {
            "role": role, "round": round_id, "prompt_id": prompt_id, "prompt_text": prompt_text,
            "status": "recording", "source": source, "pid": os.getpid(),
            "started_at": _iso_utc(started_at) if started_at else utc_now(),
            "audio_path": self._path_to_db(audio_path), "transcript": "",
            "follows": follows, "kind": kind,
        }
        with self._write():
            return int(self._table("rounds").insert(record).last_pk or 0)

    def set_audio(
        self, history_id: int, audio_path: str | Path | None, audio_s: float | None
    ) -> None:
        with self._write():
            self._update(history_id, {"audio_path": self._path_to_db(audio_path),
                                      "audio_s": audio_s})

    def complete_round(self, history_id: int, report: dict) -> None:
        """Store a finished report (the cli.md JSON) for a round; its status becomes complete."""
        columns = self._report_columns(report)
        columns.update(status="complete", finished_at=utc_now(), error=None)
        with self._write():
            current = self._record(history_id)
            if current["audio_s"] is None and current["source"] != "text":
                columns["audio_s"] = columns["duration_s"]
            self._update(history_id, columns)
            self._replace_details(history_id, report)

    def add_completed(
        self,
        report: dict,
        *,
        prompt_id: str | None = None,
        prompt_text: str | None = None,
        audio_path: str | Path | None = None,
        source: str = "file",
        started_at: datetime | None = None,
        follows: int | None = None,
        kind: str | None = None,
    ) -> int:
        """Save an analysis made in one go (`mockloop analyze`); returns the new history id."""
        self._check_source(source)
        self._check_link(follows, kind)
        columns = self._report_columns(report)
        now = utc_now()
        columns.update(
            prompt_id=prompt_id, prompt_text=prompt_text, status="complete", source=source,
            started_at=_iso_utc(started_at) if started_at else now, finished_at=now,
            audio_path=self._path_to_db(audio_path), pid=os.getpid(),
            audio_s=columns["duration_s"] if source != "text" else None,
            edited=int(bool(report.get("edited"))),  # an imported bundle of a corrected round
            follows=follows, kind=kind,
        )
        with self._write():
            new_id = int(self._table("rounds").insert(columns).last_pk or 0)
            self._replace_details(new_id, report)
        return new_id

    def fail_round(self, history_id: int, message: str) -> None:
        with self._write():
            self._update(history_id, {"status": "failed", "error": message,
                                    "finished_at": utc_now()})

    def mark_interrupted(
        self, history_id: int, audio_s: float | None, *, only_if_recording: bool = False
    ) -> bool:
        """A round whose recorder died: keep it, with the length of audio that survived.

        only_if_recording: leave it alone if it finished meanwhile (another process may have
        completed it between being listed as an orphan and now). Returns whether it changed.
        """
        with self._write():
            self._record(history_id)
            sql = "UPDATE rounds SET status = 'interrupted', audio_s = ? WHERE id = ?"
            if only_if_recording:
                sql += " AND status = 'recording'"
            return self._db.execute(sql, [audio_s, history_id]).rowcount > 0

    def fail_orphan(self, history_id: int, message: str) -> bool:
        """A round whose recorder died before any sound reached the disk: nothing to finish."""
        with self._write():
            self._record(history_id)
            return self._db.execute(
                "UPDATE rounds SET status = 'failed', error = ?, finished_at = ?, audio_s = 0"
                " WHERE id = ? AND status = 'recording'",
                [message, utc_now(), history_id],
            ).rowcount > 0

    def discard(self, history_id: int) -> None:
        """Forget a round that never got going (no sound recorded); its files are left alone."""
        with self._write():
            self._table("rounds").delete(history_id)

    def is_live(self, history_id: int) -> bool:
        """True while another (or this) process is still recording the round."""
        row = self.get(history_id)
        return row.status == "recording" and recorder_alive(
            row.pid, row.started_at, row.audio_path
        )

    def refuse_if_live(self, history_id: int, doing: str) -> None:
        """Raise a plain UserError if the round is still being recorded."""
        if self.is_live(history_id):
            raise UserError(
                f"Round {history_id} is still being recorded, so it cannot be {doing}; "
                "stop the round first."
            )

    def delete(self, history_id: int, *, delete_audio: bool = True) -> Deleted:
        """Remove a round; its recording too when this history made it and nothing else uses it.

        A file the user analysed from elsewhere is theirs and is never deleted, nor is a
        recording another round still points at, nor anything reached through a symbolic link.
        A round still being recorded is refused.
        """
        self.refuse_if_live(history_id, "deleted")
        with self._write():
            record = self._record(history_id)
            audio = self._path_from_db(record["audio_path"])
            shared = record["audio_path"] is not None and self._db.execute(
                "SELECT count(*) FROM rounds WHERE audio_path = ? AND id != ?",
                [record["audio_path"], history_id],
            ).fetchone()[0]
            # Words and signal results go with it (ON DELETE CASCADE).
            self._table("rounds").delete(history_id)
        if audio is None:
            return Deleted(history_id, None, False)
        if not delete_audio:
            return Deleted(history_id, audio, False, "it was asked to be kept")
        why = self._why_not_ours(audio, record["source"])
        if why is None and shared:
            why = "another round in the history uses it"
        if why is not None:
            return Deleted(history_id, audio, False, why)
        with self._reading():
            audio.unlink(missing_ok=True)
            lock_path(audio).unlink(missing_ok=True)
        return Deleted(history_id, audio, True)

    def owns_recording(self, row: RoundRow) -> bool:
        """Whether this history made the row's recording and may rewrite or delete it."""
        return row.audio_path is not None and self._why_not_ours(row.audio_path, row.source) is None

    def _why_not_ours(self, audio: Path, source: str) -> str | None:
        """Why the history must not touch `audio`, or None when it is a recording it made."""
        recordings = self.data_dir / "recordings"
        # mockloop's importer copies an imported recording into recordings/ as import-*:
        # that copy belongs to the round like a microphone recording.
        imported = source == "file" and audio.name.startswith(IMPORTED_PREFIX)
        if source != "mic" and not imported:
            return "it is the file that was analysed, not a recording mockloop made"
        if recordings.is_symlink() or audio.is_symlink():
            return "it is reached through a symbolic link"
        try:
            inside = audio.parent.resolve() == recordings.resolve()
        except OSError:
            inside = False
        if not inside:
            return "it is not in mockloop's recordings folder"
        if audio.exists() and not audio.is_file():
            return "it is not a regular file"
        return None

    # -- reading -------------------------------------------------------------------------------

    def get(self, history_id: int) -> RoundRow:
        with self._reading():
            return self._row(self._record(history_id))

    def report(self, history_id: int) -> dict | None:
        """The stored report JSON, or None while the round has none (recording, failed...)."""
        with self._reading():
            stored = self._record(history_id)["report_json"]
        if not stored:
            return None
        try:
            data = json.loads(stored)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise StorageError(
                f"The saved debrief of round {history_id} is damaged and cannot be shown; "
                "the round itself and any recording are kept."
            )
        return data

    def list_rounds(
        self,
        *,
        role: str | None = None,
        round_id: str | None = None,
        status: str | None = None,
        query: str | None = None,
        limit: int | None = None,
    ) -> list[RoundRow]:
        """Rounds newest first, filtered; `query` searches transcripts and prompts."""
        where: list[str] = []
        params: dict[str, object] = {}
        for column, value in (("role", role), ("round", round_id), ("status", status)):
            if value is not None:
                where.append(f'rounds."{column}" = :{column}')
                params[column] = value
        snippet, join = "NULL", ""
        if query is not None and query.strip():
            match = fts_query(query)
            if match is None:
                return []  # only punctuation typed: nothing can match
            opening, closing = SNIPPET_MARKS
            snippet = f"snippet(rounds_fts, -1, '{opening}', '{closing}', '…', 12)"
            join = "JOIN rounds_fts ON rounds_fts.rowid = rounds.id"
            where.append("rounds_fts MATCH :match")
            params["match"] = match
        # Only what a row shows: the report JSON and transcript (most of the bytes) stay put.
        sql = f"SELECT {_ROW_COLUMNS}, {snippet} AS snippet FROM rounds {join}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rounds.started_at DESC, rounds.id DESC"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = max(0, min(limit, 2**63 - 1))
        with self._reading():
            return [self._row(r) for r in self._db.query(sql, params)]

    def find_orphans(self, is_alive: Callable[[RoundRow], bool] | None = None) -> list[RoundRow]:
        """Rounds still marked recording whose recording process is gone (killed, crashed).

        The recorder's lock decides (see liveness.py); `is_alive(row)` may replace it.
        """
        alive = is_alive or (lambda r: recorder_alive(r.pid, r.started_at, r.audio_path))
        return [r for r in self.list_rounds(status="recording") if not alive(r)]

    def integrity_ok(self) -> bool:
        """PRAGMA integrity_check: False when the file is damaged."""
        try:
            with self._reading():
                rows = self._db.execute("PRAGMA integrity_check").fetchall()
        except StorageError as error:
            if is_damage(error.__cause__):
                return False
            raise
        return rows == [("ok",)]

    def words(self, history_id: int) -> list[dict]:
        """The timed words of a round, in order (each: word, start, end)."""
        with self._reading():
            self._record(history_id)
            return list(self._db.query(
                'SELECT word, start, "end" FROM words WHERE round_id = ? ORDER BY idx',
                [history_id],
            ))

    # -- corrections to a transcript -------------------------------------------------------

    def add_edit(self, history_id: int, report: dict, *, start_word: int, end_word: int,
                 old_text: str, new_text: str, before: dict,
                 made_at: str | None = None) -> int:
        """Save a correction of a complete round's transcript, with the report re-scored from
        it (the cli.md JSON, transcript corrected). `before` is the transcript dict it was
        made on. Returns the correction's number (1 for the first)."""
        with self._write():
            record = self._record(history_id)
            if record["status"] != "complete":
                raise UserError(f"Round {history_id} has no transcript to correct yet.")
            seq = self._db.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM transcript_edits WHERE round_id = ?",
                [history_id],
            ).fetchone()[0]
            self._table("transcript_edits").insert({
                "round_id": history_id, "seq": seq, "made_at": made_at or utc_now(),
                "start_word": start_word, "end_word": end_word, "old_text": old_text,
                "new_text": new_text, "before_json": json.dumps(before, ensure_ascii=False),
            })
            self._save_rescored(history_id, report, edited=True)
        return seq

    def drop_edits(self, history_id: int, report: dict, *, keep: int) -> None:
        """Forget the corrections after the first `keep` (0: all of them, back to the
        recognised transcript), saving `report`, re-scored from what is left."""
        with self._write():
            self._record(history_id)
            self._db.execute("DELETE FROM transcript_edits WHERE round_id = ? AND seq > ?",
                             [history_id, keep])
            left = self._db.execute("SELECT count(*) FROM transcript_edits WHERE round_id = ?",
                                    [history_id]).fetchone()[0]
            self._save_rescored(history_id, report, edited=left > 0)

    def edits(self, history_id: int) -> list[dict]:
        """A round's corrections, oldest first: seq, made_at, start_word, end_word, old_text,
        new_text and `before` (the transcript dict it was made on)."""
        with self._reading():
            self._record(history_id)
            rows = list(self._db.query(
                "SELECT seq, made_at, start_word, end_word, old_text, new_text, before_json "
                "FROM transcript_edits WHERE round_id = ? ORDER BY seq", [history_id]))
        for row in rows:
            row["before"] = json.loads(row.pop("before_json"))
        return rows

    def _save_rescored(self, history_id: int, report: dict, *, edited: bool) -> None:
        """The same rows as complete_round writes, with plain executemany (a correction of a
        long answer rewrites its words while the user waits)."""
        columns = self._report_columns(report)
        columns["edited"] = int(edited)
        names = list(columns)
        self._db.execute(
            "UPDATE rounds SET " + ", ".join(f'"{n}" = ?' for n in names) + " WHERE id = ?",
            [columns[n] for n in names] + [history_id])
        conn = self._db.conn
        conn.execute("DELETE FROM words WHERE round_id = ?", [history_id])
        conn.execute("DELETE FROM signal_results WHERE round_id = ?", [history_id])
        conn.executemany(
            'INSERT INTO words (round_id, idx, word, start, "end") VALUES (?, ?, ?, ?, ?)',
            [(r["round_id"], r["idx"], r["word"], r["start"], r["end"])
             for r in word_rows(history_id, report)])
        conn.executemany(
            "INSERT INTO signal_results (round_id, signal_id, hit, evidence, start) "
            "VALUES (?, ?, ?, ?, ?)",
            [(r["round_id"], r["signal_id"], r["hit"], r["evidence"], r["start"])
             for r in signal_rows(history_id, report)])

    # -- inside --------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        """One transaction, taking the write lock up front.

        BEGIN IMMEDIATE makes a second process wait (busy timeout) at the start instead of
        failing halfway when it tries to upgrade a read lock to a write lock.
        """
        if self.read_only_reason is not None:
            raise StorageError(self.read_only_reason)
        conn = self._db.conn
        with self._lock:
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except (sqlite3.Error, OSError) as exc:
                raise storage_error(exc, self.path) from exc

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        with self._lock, translated(self.path):
            yield

    def _check_current(self) -> None:
        if schema_version(self._db) != LATEST_VERSION:
            raise StorageError(
                f"The history database at {self.path} needs upgrading, "
                "which cannot be done while it is opened read-only."
            )

    def _record(self, history_id: int) -> dict:
        if not 0 < history_id < 2**63:  # SQLite's integers; a larger one can name no round
            raise NotFoundError(f"There is no round {history_id} in the history.")
        rows = list(self._db.query("SELECT * FROM rounds WHERE id = ?", [history_id]))
        if not rows:
            raise NotFoundError(f"There is no round {history_id} in the history.")
        return rows[0]

    def _update(self, history_id: int, columns: dict) -> None:
        self._record(history_id)
        self._table("rounds").update(history_id, columns)

    def _replace_details(self, history_id: int, report: dict) -> None:
        self._table("words").delete_where("round_id = ?", [history_id])
        self._table("signal_results").delete_where("round_id = ?", [history_id])
        self._table("words").insert_all(word_rows(history_id, report))
        self._table("signal_results").insert_all(signal_rows(history_id, report))

    @staticmethod
    def _report_columns(report: dict) -> dict:
        if not report.get("role") or not report.get("round"):
            raise ValueError("a round report needs its 'role' and 'round'")
        return summary_columns(report)

    def _check_link(self, follows: int | None, kind: str | None) -> None:
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown round kind {kind!r}")
        # The first take of a three-framings drill starts the chain: it has its kind and
        # follows nothing (the other takes follow it). Any other kind needs what it follows.
        if kind == DRILL_START:
            if follows is not None:
                raise ValueError(f"a {DRILL_START} round starts a drill and follows nothing")
        elif (follows is None) != (kind is None):
            raise ValueError("a round that follows another needs its kind, and only then")
        if follows is not None:
            self.get(follows)  # raises the store's own "no round #N" error

    @staticmethod
    def _check_source(source: str) -> None:
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, not {source!r}")

    def _row(self, record: dict) -> RoundRow:
        return RoundRow.from_record(record, self._path_from_db(record["audio_path"]))

    def _inside_data_dir(self, path: Path) -> bool:
        return path.resolve().is_relative_to(self.data_dir.resolve())

    def _path_to_db(self, path: str | Path | None) -> str | None:
        # Recordings inside the data folder are stored relative to it, so the folder can be
        # moved or restored from a backup elsewhere.
        if path is None:
            return None
        path = Path(path)
        if self._inside_data_dir(path):
            text = path.resolve().relative_to(self.data_dir.resolve()).as_posix()
        else:
            text = str(path.resolve())
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # A file name that is not UTF-8 (bytes the file system allows): kept reversibly.
            return _BYTES_PREFIX + quote_from_bytes(os.fsencode(text), safe="/")
        return text

    def _path_from_db(self, stored: str | None) -> Path | None:
        if not stored:
            return None
        if stored.startswith(_BYTES_PREFIX):
            stored = os.fsdecode(unquote_to_bytes(stored[len(_BYTES_PREFIX):]))
        path = Path(stored)
        return path if path.is_absolute() else self.data_dir / path
