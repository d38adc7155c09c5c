"""The history of rounds: every read and write of the database goes through `Store`."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

import sqlite_utils

from mockloop import paths
from mockloop.errors import NotFoundError, StorageError
from mockloop.store.columns import signal_rows, summary_columns, word_rows
from mockloop.store.connection import DEFAULT_BUSY_TIMEOUT_S, open_database
from mockloop.store.faults import is_damage, storage_error, translated
from mockloop.store.liveness import pid_alive
from mockloop.store.migrations import LATEST_VERSION, migrate, schema_version
from mockloop.store.rows import SOURCES, RoundRow
from mockloop.store.search import SNIPPET_MARKS, fts_query


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _iso_utc(moment: datetime) -> str:
    # A naive datetime is taken as local time (Python's rule), then stored as UTC.
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


class Store:
    """The history database: opened (created, migrated) on construction; close() when done.

    Safe to call from any thread: calls are serialised on one connection, so the window's
    workers and its GUI thread can share one Store.
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
        with translated(self.path):
            self._db = open_database(self.path, read_only=read_only, busy_timeout_s=busy_timeout_s)
            try:
                if read_only:
                    self._check_current()
                else:
                    migrate(self._db, self.path)
            except BaseException:
                self._db.close()
                raise

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
        audio_path: Path | None,
        source: str = "mic",
        started_at: datetime | None = None,
    ) -> int:
        """Record that this process started recording a round; returns the new history id."""
        self._check_source(source)
        record = {
            "role": role, "round": round_id, "prompt_id": prompt_id, "prompt_text": prompt_text,
            "status": "recording", "source": source, "pid": os.getpid(),
            "started_at": _iso_utc(started_at) if started_at else utc_now(),
            "audio_path": self._path_to_db(audio_path), "transcript": "",
        }
        with self._write():
            return self._db["rounds"].insert(record).last_pk

    def set_audio(self, round_id: int, audio_path: Path | None, audio_s: float | None) -> None:
        with self._write():
            self._update(round_id, {"audio_path": self._path_to_db(audio_path), "audio_s": audio_s})

    def complete_round(self, round_id: int, report: dict) -> None:
        """Store a finished report (the cli.md JSON) for a round; its status becomes complete."""
        columns = self._report_columns(report)
        columns.update(status="complete", finished_at=utc_now(), error=None)
        with self._write():
            current = self._record(round_id)
            if current["audio_s"] is None and current["source"] != "text":
                columns["audio_s"] = columns["duration_s"]
            self._update(round_id, columns)
            self._replace_details(round_id, report)

    def add_completed(
        self,
        report: dict,
        *,
        prompt_id: str | None = None,
        prompt_text: str | None = None,
        audio_path: Path | None = None,
        source: str = "file",
        started_at: datetime | None = None,
    ) -> int:
        """Save an analysis made in one go (`mockloop analyze`); returns the new history id."""
        self._check_source(source)
        columns = self._report_columns(report)
        now = utc_now()
        columns.update(
            prompt_id=prompt_id, prompt_text=prompt_text, status="complete", source=source,
            started_at=_iso_utc(started_at) if started_at else now, finished_at=now,
            audio_path=self._path_to_db(audio_path), pid=os.getpid(),
            audio_s=columns["duration_s"] if source != "text" else None,
        )
        with self._write():
            new_id = self._db["rounds"].insert(columns).last_pk
            self._replace_details(new_id, report)
        return new_id

    def fail_round(self, round_id: int, message: str) -> None:
        with self._write():
            self._update(round_id, {"status": "failed", "error": message,
                                    "finished_at": utc_now()})

    def mark_interrupted(self, round_id: int, audio_s: float | None) -> None:
        """A round whose recorder died: keep it, with the length of audio that survived."""
        with self._write():
            self._update(round_id, {"status": "interrupted", "audio_s": audio_s})

    def delete(self, round_id: int, *, delete_audio: bool = True) -> None:
        """Remove a round; its recording too when it lives in the data folder.

        A file the user analysed from elsewhere is theirs and is never deleted.
        """
        with self._write():
            audio = self._path_from_db(self._record(round_id)["audio_path"])
            # Words and signal results go with it (ON DELETE CASCADE).
            self._db["rounds"].delete(round_id)
        if delete_audio and audio is not None and self._inside_data_dir(audio):
            with self._reading():
                audio.unlink(missing_ok=True)

    # -- reading -------------------------------------------------------------------------------

    def get(self, round_id: int) -> RoundRow:
        with self._reading():
            return self._row(self._record(round_id))

    def report(self, round_id: int) -> dict | None:
        """The stored report JSON, or None while the round has none (recording, failed...)."""
        with self._reading():
            stored = self._record(round_id)["report_json"]
        return json.loads(stored) if stored else None

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
        where, params = [], {}
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
        sql = f"SELECT rounds.*, {snippet} AS snippet FROM rounds {join}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rounds.started_at DESC, rounds.id DESC"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = limit
        with self._reading():
            return [self._row(r) for r in self._db.query(sql, params)]

    def find_orphans(self, is_alive: Callable[[int], bool] = pid_alive) -> list[RoundRow]:
        """Rounds still marked recording whose recording process is gone (killed, crashed)."""
        recording = self.list_rounds(status="recording")
        return [r for r in recording if r.pid is None or not is_alive(r.pid)]

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

    def words(self, round_id: int) -> list[dict]:
        """The timed words of a round, in order (each: word, start, end)."""
        with self._reading():
            self._record(round_id)
            return list(self._db.query(
                'SELECT word, start, "end" FROM words WHERE round_id = ? ORDER BY idx',
                [round_id],
            ))

    # -- inside --------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        """One transaction, taking the write lock up front.

        BEGIN IMMEDIATE makes a second process wait (busy timeout) at the start instead of
        failing halfway when it tries to upgrade a read lock to a write lock.
        """
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

    def _record(self, round_id: int) -> dict:
        rows = list(self._db.query("SELECT * FROM rounds WHERE id = ?", [round_id]))
        if not rows:
            raise NotFoundError(f"There is no round {round_id} in the history.")
        return rows[0]

    def _update(self, round_id: int, columns: dict) -> None:
        self._record(round_id)
        self._db["rounds"].update(round_id, columns)

    def _replace_details(self, round_id: int, report: dict) -> None:
        self._db["words"].delete_where("round_id = ?", [round_id])
        self._db["signal_results"].delete_where("round_id = ?", [round_id])
        self._db["words"].insert_all(word_rows(round_id, report))
        self._db["signal_results"].insert_all(signal_rows(round_id, report))

    @staticmethod
    def _report_columns(report: dict) -> dict:
        if not report.get("role") or not report.get("round"):
            raise ValueError("a round report needs its 'role' and 'round'")
        return summary_columns(report)

    @staticmethod
    def _check_source(source: str) -> None:
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, not {source!r}")

    def _row(self, record: dict) -> RoundRow:
        return RoundRow.from_record(record, self._path_from_db(record["audio_path"]))

    def _inside_data_dir(self, path: Path) -> bool:
        return path.resolve().is_relative_to(self.data_dir.resolve())

    def _path_to_db(self, path: Path | None) -> str | None:
        # Recordings inside the data folder are stored relative to it, so the folder can be
        # moved or restored from a backup elsewhere.
        if path is None:
            return None
        path = Path(path)
        if self._inside_data_dir(path):
            return path.resolve().relative_to(self.data_dir.resolve()).as_posix()
        return str(path.resolve())

    def _path_from_db(self, stored: str | None) -> Path | None:
        if not stored:
            return None
        path = Path(stored)
        return path if path.is_absolute() else self.data_dir / path
