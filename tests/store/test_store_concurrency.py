"""The app and the command line share one data directory: concurrent writers both succeed."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from store_reports import build_report

from mockloop.store import Store
from mockloop.store.connection import open_database

ROUNDS_EACH = 25

# Waits for "go" on stdin so both processes open a brand-new database and write at the same time.
WRITER = f"""
import sys
from concurrent.futures import ThreadPoolExecutor
sys.path.insert(0, {str(Path(__file__).parent)!r})
from store_reports import build_report
from mockloop.store import Store
sys.stdin.readline()
with Store() as store:
    for n in range({ROUNDS_EACH}):
        round_id = store.begin_round(role=sys.argv[1], round_id="coding", prompt_id=None,
                                     prompt_text=None, audio_path=None)
        store.complete_round(round_id, build_report(f"writer {{sys.argv[1]}} answer {{n}}",
                                                    role=sys.argv[1], round_id="coding"))
print("done")
"""


def test_two_processes_writing_at_once_both_succeed(mockloop_home):
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, role], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for role in ("mle", "swe")
    ]
    for writer in writers:  # release both before waiting for either
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outputs = [w.communicate(timeout=120) for w in writers]

    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    with Store() as store:
        assert store.integrity_ok()
        for role in ("mle", "swe"):
            rows = store.list_rounds(role=role)
            assert len(rows) == ROUNDS_EACH
            assert {r.status for r in rows} == {"complete"}
        assert len(store.list_rounds(query="writer swe answer")) == ROUNDS_EACH


def test_a_reader_sees_rounds_another_connection_saved(store):
    with Store(store.path) as other:
        other.add_completed(build_report("saved by the command line"), source="text")
    assert [r.role for r in store.list_rounds(query="command line")] == ["mle"]


def test_one_store_can_be_shared_by_worker_threads(store):
    # The window saves from worker threads while its GUI thread lists the history.
    def work(role: str) -> None:
        for n in range(10):
            round_id = store.begin_round(role=role, round_id="coding", prompt_id=None,
                                         prompt_text=None, audio_path=None)
            store.complete_round(round_id, build_report(f"thread {role} answer {n}", role=role))
            store.list_rounds(query="answer")

    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(work, ["mle", "swe", "ai-engineer"]))  # re-raises a worker's error

    assert len(store.list_rounds(status="complete")) == 30
    assert store.integrity_ok()


def test_windows_and_commands_opening_a_new_history_at_once_never_see_locked(tmp_path):
    # Two openers switching a brand-new file to WAL at the same moment made SQLite answer
    # "database is locked" at once (no busy wait), so a first-ever round could fail to start.
    failures: list[BaseException] = []
    for trial in range(300):
        path = tmp_path / f"trial-{trial}" / "history.db"
        barrier = threading.Barrier(3)

        def open_once(path: Path = path, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            try:
                db = open_database(path)
                assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
                db.conn.close()
            except BaseException as exc:  # collected and reported below
                failures.append(exc)

        threads = [threading.Thread(target=open_once) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
