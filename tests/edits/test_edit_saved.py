"""A correction is saved with the round: re-scored, the original kept, undoable, and marked."""

from __future__ import annotations

import json
import sqlite3

import pytest
from helpers_edits import CASH, timed

from mockloop import paths
from mockloop.errors import UserError
from mockloop.session import Services
from mockloop.store import LATEST_VERSION, Store, backup_path
from mockloop.store.connection import open_database
from mockloop.store.migrations import migrate


@pytest.fixture
def services(mockloop_home):
    s = Services()
    yield s
    s.close()


def saved_round(services: Services, text: str = CASH) -> int:
    report = services.build_report("swe", "system-design", timed(text))
    return services._save_new(report, source="file", audio_path=None).id


def hits(data: dict) -> set[str]:
    return {s["id"] for s in data["signals"] if s["hit"]}


def cash_index(services: Services, rid: int) -> int:
    return [w.word.strip() for w in services.saved_transcript(rid).words].index("catch")


def test_a_corrected_word_rescores_and_is_saved_with_the_round(services):
    rid = saved_round(services)
    before = services.store.report(rid)
    assert "caching" not in hits(before)
    i = cash_index(services, rid)
    report = services.correct(rid, i, i + 1, "cache")
    assert "caching" in hits(report.to_dict())

    data = services.store.report(rid)  # what show/export read
    assert "caching" in hits(data)
    assert data["transcript"]["text"] == CASH.replace("catch", "cache")
    assert data["transcript_original"] == before["transcript"]
    assert data["edited"] is True
    assert [(e["start_word"], e["end_word"], e["old"], e["new"]) for e in data["edits"]] == [
        (i, i + 1, "catch", "cache")]
    # Everything the round is, apart from the words and what they scored, is as it was.
    assert data["id"] == rid  # (a report saved by analyze has none: the id came after)
    for key in ("role", "round", "prompt", "recording", "notes"):
        assert data.get(key) == before.get(key)
    assert data["delivery"]["duration_s"] == before["delivery"]["duration_s"]
    row = services.store.get(rid)
    assert row.edited and row.hits == before["hits"] + 1
    assert row.to_dict()["edited"] is True
    assert services.store.words(rid)[i] == {"word": " cache", "start": before["transcript"][
        "words"][i]["start"], "end": before["transcript"]["words"][i]["end"]}
    # Search finds the corrected word.
    assert [r.id for r in services.store.list_rounds(query="cache")] == [rid]


def test_an_unedited_round_says_so(services):
    rid = saved_round(services)
    assert services.store.report(rid)["edited"] is False
    assert "transcript_original" not in services.store.report(rid)
    assert services.store.get(rid).to_dict()["edited"] is False


def test_undo_takes_back_the_last_correction_and_revert_all_of_them(services):
    rid = saved_round(services)
    original = services.store.report(rid)
    i = cash_index(services, rid)
    services.correct(rid, i, i + 1, "cache")
    services.correct(rid, 0, 1, "They")
    assert services.store.report(rid)["transcript"]["text"].startswith("They keep a cache")

    undone = services.undo_edit(rid).to_dict()
    assert undone["transcript"]["text"].startswith("We keep a cache")
    assert len(undone["edits"]) == 1 and "caching" in hits(undone)
    assert services.store.report(rid)["edits"] == undone["edits"]

    back = services.revert_edits(rid).to_dict()
    saved = services.store.report(rid)
    assert saved["transcript"] == original["transcript"]
    assert hits(saved) == hits(original) and saved["edited"] is False
    assert "transcript_original" not in saved
    assert not services.store.get(rid).edited
    assert back["signals"] == original["signals"]
    with pytest.raises(UserError):
        services.undo_edit(rid)


def test_a_correction_survives_reopening_the_history(services, mockloop_home):
    rid = saved_round(services)
    i = cash_index(services, rid)
    services.correct(rid, i, i + 1, "cache")
    services.close()
    with Store() as store:
        assert store.get(rid).edited
        assert store.report(rid)["transcript_original"]["text"] == CASH
        assert [e["new_text"] for e in store.edits(rid)] == ["cache"]


def test_deleting_a_round_deletes_its_corrections(services):
    rid = saved_round(services)
    services.correct(rid, 0, 1, "They")
    services.store.delete(rid)
    left = services.store.db.execute("SELECT count(*) FROM transcript_edits").fetchone()[0]
    assert left == 0


def test_a_round_without_a_report_cannot_be_corrected(services):
    rid = services.store.begin_round(role="swe", round_id="system-design", prompt_id=None,
                                     prompt_text=None, audio_path=None, source="mic")
    services.store.mark_interrupted(rid, 3.0)
    with pytest.raises(UserError):
        services.correct(rid, 0, 1, "x")


def test_a_version_2_database_migrates_after_a_backup_and_rounds_are_unedited(mockloop_home):
    path = paths.db_path()
    db = open_database(path)
    assert migrate(db, path, target=2) == 2
    report = {"role": "swe", "round": "system-design", "signals": [], "transcript":
              {"text": "we cache", "words": []}, "delivery": {}}
    db["rounds"].insert({"role": "swe", "round": "system-design", "status": "complete",
                         "source": "text", "started_at": "2025-01-01T09:00:00.000+00:00",
                         "transcript": "we cache", "report_json": json.dumps(report)})
    db.close()
    with Store() as store:
        assert [r.edited for r in store.list_rounds()] == [False]
        assert store.edits(1) == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    with sqlite3.connect(backup_path(path, 2)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
