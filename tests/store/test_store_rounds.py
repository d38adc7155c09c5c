"""Saving, reading, listing and deleting rounds."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from store_reports import build_report

from mockloop import paths
from mockloop.errors import NotFoundError
from mockloop.store import Store


def test_report_round_trips_with_its_summary(store):
    report = build_report(hits=2, dropped_frames=3)
    round_id = store.add_completed(report, prompt_id="ml-1", prompt_text="Design a ranker.",
                                   source="file")

    assert store.report(round_id) == report
    row = store.get(round_id)
    assert (row.role, row.round, row.status, row.source) == ("mle", "ml-design", "complete", "file")
    assert (row.hits, row.scored, row.dominant_lens, row.off_center) == (2, 3, "model", False)
    assert (row.duration_s, row.wpm, row.fillers_per_minute) == (30.0, 120.0, 4.0)
    assert row.dropped_frames == 3
    assert row.prompt_text == "Design a ranker."
    assert [w["word"] for w in store.words(round_id)] == report["transcript"]["text"].split()


def test_the_database_lives_in_the_data_directory(mockloop_home):
    with Store() as store:
        store.add_completed(build_report())
    assert paths.db_path().parent == mockloop_home
    with Store(mockloop_home / "history.db") as again:
        assert len(again.list_rounds()) == 1


def test_a_recorded_round_goes_from_recording_to_complete(store, mockloop_home):
    audio = paths.recordings_dir() / "take.wav"
    round_id = store.begin_round(role="swe", round_id="coding", prompt_id="c-1",
                                 prompt_text="Reverse a list.", audio_path=audio, source="mic")
    assert store.get(round_id).status == "recording"
    assert store.report(round_id) is None

    store.set_audio(round_id, audio, 41.5)
    store.complete_round(round_id, build_report(role="swe", round_id="coding"))

    row = store.get(round_id)
    assert row.status == "complete" and row.finished_at is not None
    assert row.audio_path == audio and row.audio_s == 41.5
    assert store.report(round_id)["round"] == "coding"


def test_a_failed_round_keeps_its_message(store):
    round_id = store.begin_round(role="mle", round_id="coding", prompt_id=None, prompt_text=None,
                                 audio_path=None, source="mic")
    store.fail_round(round_id, "The microphone vanished.")
    row = store.get(round_id)
    assert (row.status, row.error) == ("failed", "The microphone vanished.")


def test_history_is_newest_first_and_filters(store):
    start = datetime(2025, 1, 1, tzinfo=UTC)
    ids = [
        store.add_completed(build_report(role=role, round_id=rnd), source="text",
                            started_at=start + timedelta(hours=n))
        for n, (role, rnd) in enumerate(
            [("mle", "coding"), ("swe", "coding"), ("mle", "ml-design"), ("mle", "coding")]
        )
    ]
    recording = store.begin_round(role="mle", round_id="coding", prompt_id=None,
                                  prompt_text=None, audio_path=None,
                                  started_at=start + timedelta(hours=9))

    assert [r.id for r in store.list_rounds()] == [recording, *reversed(ids)]
    assert [r.id for r in store.list_rounds(role="mle", round_id="coding", status="complete")] \
        == [ids[3], ids[0]]
    assert [r.id for r in store.list_rounds(status="recording")] == [recording]
    assert [r.id for r in store.list_rounds(limit=2)] == [recording, ids[3]]


def test_history_json_has_the_keys_the_cli_promises(store):
    round_id = store.add_completed(build_report(), source="text")
    data = json.loads(json.dumps([r.to_dict() for r in store.list_rounds()]))
    assert data[0]["id"] == round_id
    assert {"id", "role", "round", "status", "started_at", "audio_s"} <= data[0].keys()
    assert data[0]["started_at"].endswith("+00:00")


def test_delete_removes_the_round_and_its_recording(store):
    audio = paths.recordings_dir() / "answer.wav"
    audio.write_bytes(b"RIFF....")
    keep = store.add_completed(build_report(), source="text")
    gone = store.add_completed(build_report(), audio_path=audio, source="mic")

    store.delete(gone)

    assert not audio.exists()
    assert [r.id for r in store.list_rounds()] == [keep]
    with pytest.raises(NotFoundError):
        store.get(gone)
    # Its words and signal rows went with it.
    assert store.db.execute("SELECT count(*) FROM words WHERE round_id = ?", [gone]).fetchone() \
        == (0,)


def test_delete_never_removes_a_file_the_user_analysed_from_elsewhere(store, tmp_path):
    outside = tmp_path / "my interview.wav"
    outside.write_bytes(b"RIFF....")
    round_id = store.add_completed(build_report(), audio_path=outside, source="file")
    assert store.get(round_id).audio_path == outside

    store.delete(round_id)

    assert outside.exists()


def test_unknown_ids_raise_a_plain_not_found(store):
    for action in (store.get, store.report, store.delete,
                   lambda i: store.complete_round(i, build_report())):
        with pytest.raises(NotFoundError, match=r"There is no round 42 in the history\."):
            action(42)


def test_recordings_follow_a_moved_data_folder(tmp_path, monkeypatch, mockloop_home):
    with Store() as store:
        audio = paths.recordings_dir() / "answer.wav"
        audio.write_bytes(b"RIFF....")
        round_id = store.add_completed(build_report(), audio_path=audio, source="mic")
    moved = tmp_path / "restored"
    mockloop_home.rename(moved)
    monkeypatch.setenv("MOCKLOOP_HOME", str(moved))

    with Store() as store:
        assert store.get(round_id).audio_path == moved / "recordings" / "answer.wav"
        assert store.get(round_id).audio_path.read_bytes() == b"RIFF...."


def test_a_follow_up_is_linked_to_its_round_and_outlives_it(store):
    design = store.add_completed(build_report("We put a cache in front of the database."),
                                 source="text")
    follow = store.add_completed(build_report("I would reject it if the cache served stale "
                                              "prices."), source="text", follows=design,
                                 kind="followup")
    row = store.get(follow)
    assert (row.follows, row.kind) == (design, "followup")
    assert row.to_dict()["follows"] == design
    assert store.get(design).follows is None

    store.delete(design)
    kept = store.get(follow)  # the follow-up stays in history; only its link goes
    assert (kept.follows, kept.kind) == (None, "followup")


def test_a_link_to_a_round_that_is_not_there_is_refused(store):
    with pytest.raises(NotFoundError, match="no round 999"):
        store.begin_round(role="swe", round_id="failure-followup", prompt_id=None,
                          prompt_text=None, audio_path=None, follows=999, kind="followup")
    with pytest.raises(ValueError):
        store.add_completed(build_report(), source="text", follows=None, kind="followup")
    assert store.list_rounds() == []


def test_a_drill_starts_with_a_product_framing_that_follows_nothing(store):
    first = store.add_completed(build_report("We cut the export to ship."), source="text",
                                kind="framing-product")
    second = store.add_completed(build_report("The labels were noisy."), source="text",
                                 follows=first, kind="framing-model")
    assert (store.get(first).follows, store.get(first).kind) == (None, "framing-product")
    assert (store.get(second).follows, store.get(second).kind) == (first, "framing-model")
    with pytest.raises(ValueError):  # the first take starts the chain: it follows nothing
        store.add_completed(build_report(), source="text", follows=first,
                            kind="framing-product")
    with pytest.raises(ValueError):  # a later take needs the take it follows
        store.add_completed(build_report(), source="text", kind="framing-system")
    assert len(store.list_rounds()) == 2
