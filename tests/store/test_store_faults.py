"""Storage faults give one plain sentence (StorageError) and never damage what was saved."""

from __future__ import annotations

import sqlite3

import pytest
from store_reports import build_report

from mockloop import paths
from mockloop.errors import StorageError
from mockloop.store import Store


def one_sentence(error: StorageError) -> str:
    message = str(error)
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    return message


@pytest.fixture
def saved(store):
    """A store holding two finished rounds, and their reports."""
    reports = [build_report("First answer about caching."), build_report("Second about queues.")]
    for report in reports:
        store.add_completed(report, source="text")
    return store, reports


def assert_intact(path, reports):
    with Store(path) as store:
        assert store.integrity_ok()
        assert [store.report(r.id) for r in reversed(store.list_rounds())] == reports


def test_a_read_only_database_refuses_writes_plainly(saved):
    store, reports = saved
    # Root ignores file permissions, so open it the way a read-only folder would leave it.
    with Store(store.path, read_only=True) as read_only:
        assert len(read_only.list_rounds()) == 2
        with pytest.raises(StorageError, match="read-only") as caught:
            read_only.add_completed(build_report("never saved"), source="text")
        one_sentence(caught.value)
        with pytest.raises(StorageError, match="read-only"):
            read_only.delete(read_only.list_rounds()[0].id)
    assert_intact(store.path, reports)


def test_a_data_directory_that_cannot_exist_is_reported(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StorageError) as caught:
        Store(blocker / "history.db")
    one_sentence(caught.value)
    monkeypatch.setenv("MOCKLOOP_HOME", str(blocker / "home"))
    with pytest.raises(StorageError):
        Store()
    assert blocker.read_text() == "a file where the data folder should be"


def test_a_database_locked_for_too_long_is_reported_and_then_works(saved):
    store, reports = saved
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    try:
        with Store(store.path, busy_timeout_s=0.2) as impatient:
            with pytest.raises(StorageError, match="busy") as caught:
                impatient.add_completed(build_report("waits in vain"), source="text")
            one_sentence(caught.value)
            assert len(impatient.list_rounds()) == 2  # reading still works meanwhile
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_intact(store.path, reports)
    store.add_completed(build_report("after the lock"), source="text")
    assert len(store.list_rounds()) == 3


def fill_disk(store: Store) -> None:
    """Let the database grow no further, as on a full disk."""
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_fails_the_new_round_and_keeps_the_old_ones(saved):
    store, reports = saved
    fill_disk(store)
    big = build_report("ranking latency budget " * 5000)
    with pytest.raises(StorageError, match="disk is full") as caught:
        store.add_completed(big, source="text")
    one_sentence(caught.value)

    assert len(store.list_rounds()) == 2
    assert store.db.execute("SELECT count(*) FROM words").fetchone()[0] == sum(
        len(r["transcript"]["words"]) for r in reports)
    assert store.integrity_ok()
    assert store.list_rounds(query="latency") == []
    assert_intact(store.path, reports)


def test_a_full_disk_while_finishing_leaves_the_round_recording(store):
    round_id = store.begin_round(role="mle", round_id="coding", prompt_id=None, prompt_text=None,
                                 audio_path=None, source="mic")
    fill_disk(store)
    with pytest.raises(StorageError, match="disk is full"):
        store.complete_round(round_id, build_report("ranking latency budget " * 5000))
    row = store.get(round_id)
    assert (row.status, store.report(round_id), store.words(round_id)) == ("recording", None, [])
    assert store.integrity_ok()


def test_a_file_that_is_not_a_database_is_reported_and_left_alone(mockloop_home):
    garbage = b"these are someone's notes, not a database\n" * 200
    paths.db_path().write_bytes(garbage)
    with pytest.raises(StorageError, match="damaged or is not a mockloop history") as caught:
        Store()
    one_sentence(caught.value)
    assert paths.db_path().read_bytes() == garbage
    assert list(mockloop_home.glob("history.db.bak-*")) == []


def test_damaged_pages_surface_as_a_storage_error_not_a_crash(saved):
    store, _ = saved
    path = store.path
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page:] = b"\xff" * (len(data) - page)  # keep the header page, wreck the rest
    path.write_bytes(bytes(data))

    try:
        with Store(path) as damaged:
            healthy = damaged.integrity_ok()
            damaged.list_rounds(query="caching")
    except StorageError as error:
        one_sentence(error)
    else:
        assert not healthy
