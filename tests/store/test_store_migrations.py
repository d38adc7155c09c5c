"""Numbered migrations: an old database is upgraded in place, after a backup, keeping rounds."""

from __future__ import annotations

import json
import sqlite3

import pytest
from store_reports import build_report

from mockloop import paths
from mockloop.errors import StorageError
from mockloop.store import LATEST_VERSION, Store, backup_path, migrations
from mockloop.store.columns import signal_rows, summary_columns, word_rows
from mockloop.store.connection import open_database
from mockloop.store.migrations import migrate


def make_version_1_database(path, reports):
    """What mockloop with schema version 1 wrote: its migration, then rows in its columns."""
    db = open_database(path)
    assert migrate(db, path, target=1) == 1
    with db.atomic():
        for n, report in enumerate(reports):
            columns = summary_columns(report)
            columns.pop("dropped_frames")  # a version-2 column
            columns.update(status="complete", source="mic",
                           started_at=f"2025-01-0{n + 1}T09:00:00.000+00:00")
            round_id = db["rounds"].insert(columns).last_pk
            db["words"].insert_all(word_rows(round_id, report))
            db["signal_results"].insert_all(signal_rows(round_id, report))
    db.close()


def user_version(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def test_a_new_database_starts_at_the_latest_version_without_a_backup(mockloop_home):
    with Store():
        pass
    assert user_version(paths.db_path()) == LATEST_VERSION
    assert list(mockloop_home.glob("*.bak-*")) == []


def test_a_version_1_database_migrates_and_keeps_every_round(mockloop_home):
    path = paths.db_path()
    reports = [build_report("We cached the embeddings.", dropped_frames=4),
               build_report("The queue sheds load under pressure.", round_id="system-design"),
               build_report("Fallback to the rules engine.", round_id="ai-design")]
    make_version_1_database(path, reports)

    with Store() as store:
        rows = store.list_rounds()
        assert [store.report(r.id) for r in reversed(rows)] == reports
        assert [r.round for r in store.list_rounds(query="sheds")] == ["system-design"]
        # Migration 2 filled the new column from the reports already saved.
        assert [r.dropped_frames for r in reversed(rows)] == [4, None, None]
        assert store.integrity_ok()
    assert user_version(path) == LATEST_VERSION

    backup = backup_path(path, 1)
    assert backup.name == "history.db.bak-v1"
    assert user_version(backup) == 1
    with sqlite3.connect(backup) as old:
        stored = old.execute("SELECT report_json FROM rounds ORDER BY id").fetchall()
        assert old.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [json.loads(r[0]) for r in stored] == reports


def test_a_failing_migration_leaves_the_old_database_as_it_was(mockloop_home, monkeypatch):
    path = paths.db_path()
    make_version_1_database(path, [build_report()])

    def broken(db):
        db["rounds"].add_column("half_done", int)
        raise sqlite3.OperationalError("disk I/O error")

    # Only this patch is undone: monkeypatch.undo() would also drop the test's MOCKLOOP_HOME.
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", (migrations.MIGRATIONS[0], broken))
        with pytest.raises(StorageError):
            Store()

    assert user_version(path) == 1
    with sqlite3.connect(path) as conn:
        columns = [c[1] for c in conn.execute("PRAGMA table_info(rounds)")]
    assert "half_done" not in columns
    with Store() as store:
        assert len(store.list_rounds()) == 1


def test_a_database_from_a_newer_mockloop_is_refused_untouched(mockloop_home):
    path = paths.db_path()
    with Store():
        pass
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(StorageError, match="newer mockloop"):
        Store()
    assert user_version(path) == LATEST_VERSION + 1


def test_the_backup_taken_before_migrating_is_private(mockloop_home):
    import os
    import stat

    old_umask = os.umask(0o022)
    try:
        make_version_1_database(paths.db_path(), [build_report("We cached the embeddings.")])
        with Store():
            pass
    finally:
        os.umask(old_umask)
    backup = backup_path(paths.db_path(), 1)
    assert stat.S_IMODE(backup.stat().st_mode) & 0o077 == 0
