"""The history only ever deletes or rewrites recordings it made, and never a live round's.

Each test reproduces a way the history used to lose data: a re-analysis deleting another
round's audio, a damaged row deleting the database, recovery rewriting a file outside the data
folder, a round in another PID namespace or behind a reused pid taken for the wrong state, a
start cut short leaving a round that can never be finished.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli.helpers import mockloop
from store_reports import build_report

from mockloop import paths
from mockloop.audio import WavWriter, wav_stream_factory
from mockloop.errors import UserError
from mockloop.session import LiveRound, Services
from mockloop.store import Store
from mockloop.store.liveness import lock_path


def _tone_wav(path: Path, seconds: float = 2.0) -> Path:
    import numpy as np

    t = np.arange(int(16000 * seconds)) / 16000
    writer = WavWriter(path, 16000)
    writer.write((0.2 * np.sin(2 * np.pi * 220 * t)).astype("float32"))
    writer.close()
    return path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _orphan(store: Store, audio_path, *, source: str = "mic") -> int:
    """A round left 'recording' by a process that is gone, as after a crash."""
    round_id = store.begin_round(role="swe", round_id="coding", prompt_id=None, prompt_text=None,
                                 audio_path=audio_path, source=source)
    store.db.execute("UPDATE rounds SET pid = ? WHERE id = ?", [_dead_pid(), round_id])
    store.db.conn.commit()
    return round_id


# -- 1: a recording analysed again belongs to the round that recorded it ----------------------

def test_deleting_a_reanalysis_keeps_the_recording_it_shares(store):
    audio = _tone_wav(paths.recordings_dir() / "20260101-000000-swe-story-90.wav")
    recorded = store.add_completed(build_report(), audio_path=audio, source="mic")
    # `mockloop analyze --role mle --round ml-design <that recording>` saves a second round.
    again = store.add_completed(build_report(), audio_path=audio, source="file")

    done = store.delete(again)

    assert audio.exists(), "the recording of the first round was deleted with the re-analysis"
    assert not done.audio_deleted and "analysed" in done.audio_kept_because
    assert store.get(recorded).audio_path == audio


def test_the_owner_keeps_a_recording_another_round_still_uses_then_frees_it(store):
    audio = _tone_wav(paths.recordings_dir() / "answer.wav")
    recorded = store.add_completed(build_report(), audio_path=audio, source="mic")
    again = store.add_completed(build_report(), audio_path=audio, source="file")

    first = store.delete(recorded)
    assert audio.exists() and "another round" in first.audio_kept_because

    store.delete(again)
    assert audio.exists()  # the re-analysis never owned it: kept, not lost


def test_cli_delete_of_a_reanalysed_recording_keeps_the_audio(mockloop_home, speak):
    clip = speak("I would write the simplest version first and add a test for the empty input.")
    audio = paths.recordings_dir() / "20260101-000000-swe-coding.wav"
    shutil.copy(clip, audio)
    with Store() as store:
        store.add_completed(build_report(role="swe", round_id="coding"), audio_path=audio,
                            source="mic")
    run = mockloop("analyze", "--role", "mle", "--round", "ml-design", audio, home=mockloop_home)
    assert run.code == 0, run.err

    run = mockloop("delete", "2", "--yes", home=mockloop_home)

    assert run.code == 0, run.err
    assert audio.exists()
    assert "was kept" in run.out
    assert mockloop("show", "1", "--json", home=mockloop_home).code == 0


# -- 3: a damaged row can never delete the database or the rubric -----------------------------

@pytest.mark.parametrize("target", ["history.db", "rubric.toml", "../elsewhere.wav", "recordings"])
def test_a_crafted_audio_path_deletes_nothing_of_ours(store, target):
    (store.data_dir / "rubric.toml").write_text("# mine\n")
    (store.data_dir.parent / "elsewhere.wav").write_bytes(b"RIFF")
    paths.recordings_dir()
    keep = store.add_completed(build_report(), source="text")
    victim = store.add_completed(build_report(), source="mic")
    store.db.execute("UPDATE rounds SET audio_path = ? WHERE id = ?", [target, victim])
    store.db.conn.commit()

    done = store.delete(victim)

    assert not done.audio_deleted
    assert (store.data_dir / "history.db").exists()
    assert (store.data_dir / "rubric.toml").read_text() == "# mine\n"
    assert (store.data_dir.parent / "elsewhere.wav").exists()
    assert (store.data_dir / "recordings").is_dir()
    assert [r.id for r in store.list_rounds()] == [keep]


def test_cli_delete_of_a_row_naming_the_database_leaves_the_history(mockloop_home, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("I chose the simpler queue because the deadline was two weeks away.")
    for _ in range(3):
        assert mockloop("analyze", "--role", "swe", "--round", "story-90", "--text", text,
                        home=mockloop_home).code == 0
    with Store() as store:
        store.db.execute("UPDATE rounds SET audio_path = 'history.db', source = 'mic' WHERE id = 3")
        store.db.conn.commit()

    assert mockloop("delete", "3", "--yes", home=mockloop_home).code == 0

    listed = mockloop("history", "--json", home=mockloop_home).json()
    assert [r["id"] for r in listed] == [2, 1]


# -- 9: symbolic links and outside files are never touched ------------------------------------

def test_deleting_through_a_symlinked_recordings_folder_says_the_audio_was_kept(
        mockloop_home, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (mockloop_home / "recordings").symlink_to(elsewhere, target_is_directory=True)
    audio = _tone_wav(elsewhere / "answer.wav")
    with Store() as store:
        store.add_completed(build_report(), audio_path=mockloop_home / "recordings" / "answer.wav",
                            source="mic")

    run = mockloop("delete", "1", "--yes", home=mockloop_home)

    assert run.code == 0, run.err
    assert audio.exists()
    assert "kept" in run.out and "symbolic link" in run.out


def test_recovery_never_rewrites_a_file_outside_the_recordings_folder(mockloop_home, tmp_path):
    outside = _tone_wav(tmp_path / "my own.wav", seconds=1.0)
    # A header that claims more data than the file holds: recovery would "fix" it.
    raw = bytearray(outside.read_bytes())
    raw[40:44] = (10**6).to_bytes(4, "little")
    outside.write_bytes(bytes(raw))
    before = outside.read_bytes()
    with Store() as store:
        crafted = _orphan(store, outside)

    run = mockloop("history", "--json", home=mockloop_home)

    assert run.code == 0, run.err
    assert outside.read_bytes() == before
    assert {r["id"]: r["status"] for r in run.json()}[crafted] == "interrupted"


# -- 10: liveness is the recorder's lock, not a pid -------------------------------------------

def _live_round(services: Services, clip: Path) -> LiveRound:
    live = LiveRound(services, "swe", "coding", live_transcription=False,
                     stream_factory=wav_stream_factory(clip, realtime=True))
    live.start()
    deadline = time.monotonic() + 20
    while live.elapsed_s < 0.5 and time.monotonic() < deadline:
        time.sleep(0.05)
    return live


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare (util-linux)")
def test_a_command_in_another_pid_namespace_leaves_a_live_round_alone(mockloop_home, speak):
    clip = speak("We had two weeks, so I shipped the smaller change first and measured it.")
    services = Services()
    live = _live_round(services, clip)
    try:
        env = dict(os.environ, MOCKLOOP_HOME=str(mockloop_home), HF_HUB_OFFLINE="1")
        probe = subprocess.run(
            ["unshare", "-p", "-f", "--mount-proc", sys.executable, "-m", "mockloop", "history",
             "--json"], env=env, capture_output=True, text=True, timeout=120)
        if probe.returncode != 0 and "unshare" in probe.stderr:
            pytest.skip(f"unshare -p is not allowed here: {probe.stderr.strip()}")
        assert probe.returncode == 0, probe.stderr
        assert "interrupted round" not in probe.stderr
        assert services.store.get(live.history_id).status == "recording"
        assert live.error is None and live.recorder.is_recording
    finally:
        live.cancel()
        services.close()


def test_a_reused_pid_does_not_keep_a_crashed_round_recording_forever(store):
    round_id = store.begin_round(role="swe", round_id="coding", prompt_id=None, prompt_text=None,
                                 audio_path=None, source="mic")
    # The recorder died long ago; its pid now belongs to a process that started later.
    stranger = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        an_hour_ago = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
        store.db.execute("UPDATE rounds SET pid = ?, started_at = ? WHERE id = ?",
                         [stranger.pid, an_hour_ago, round_id])
        store.db.conn.commit()

        assert [r.id for r in store.find_orphans()] == [round_id]
    finally:
        stranger.kill()
        stranger.wait()


def test_a_live_round_cannot_be_deleted_or_finished_from_a_command(mockloop_home, speak):
    clip = speak("We had two weeks, so I shipped the smaller change first and measured it.")
    services = Services()
    live = _live_round(services, clip)
    try:
        for args in (("delete", "1", "--yes"), ("finish", "1")):
            run = mockloop(*args, home=mockloop_home)
            assert run.code == 2, (args, run.out, run.err)
            assert "still being recorded" in run.err
        assert services.store.get(live.history_id).status == "recording"
        assert live.path.exists() and live.recorder.is_recording
    finally:
        live.cancel()
        services.close()
    assert not lock_path(live.path).exists()  # the lock goes with the round


# -- 11: a start cut short leaves nothing that pretends to be a round -----------------------

def test_ctrl_c_while_the_round_starts_leaves_no_unfinishable_round(mockloop_home):
    def interrupted(**_kw):
        raise KeyboardInterrupt

    services = Services()
    live = LiveRound(services, "swe", "coding", live_transcription=False,
                     stream_factory=interrupted)
    with pytest.raises(KeyboardInterrupt):
        live.start()
    assert services.store.list_rounds() == []
    assert not lock_path(live.path).exists()
    services.close()


def test_a_round_that_died_before_any_sound_is_failed_not_offered_to_finish(mockloop_home):
    with Store() as store:
        gone = _orphan(store, paths.recordings_dir() / "never-written.wav")

    listed = mockloop("history", "--json", home=mockloop_home).json()
    shown = mockloop("show", str(gone), home=mockloop_home)

    assert listed[0]["status"] == "failed"
    assert "before any sound" in listed[0]["error"]
    assert "finish" not in shown.out


def test_a_round_finishing_while_recovery_looks_keeps_its_report(store):
    round_id = store.begin_round(role="swe", round_id="coding", prompt_id=None, prompt_text=None,
                                 audio_path=None, source="mic")
    store.complete_round(round_id, build_report(role="swe", round_id="coding"))

    # Recovery listed it as an orphan a moment earlier; marking it now must change nothing.
    assert not store.mark_interrupted(round_id, 3.0, only_if_recording=True)
    assert store.get(round_id).status == "complete"


def test_a_store_refuses_to_delete_a_live_round_plainly(mockloop_home, speak):
    clip = speak("We had two weeks, so I shipped the smaller change first.")
    services = Services()
    live = _live_round(services, clip)
    try:
        with pytest.raises(UserError, match="still being recorded"):
            services.store.delete(live.history_id)
    finally:
        live.cancel()
        services.close()


# -- 15: a file name that is not UTF-8 --------------------------------------------------------

def test_an_audio_file_whose_name_is_not_utf8_is_analysed_saved_and_found_again(
        mockloop_home, speak, tmp_path):
    clip = speak("I would add a test for the empty input first.")
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9 answer.wav"))
    shutil.copy(clip, odd)

    run = mockloop("analyze", "--role", "swe", "--round", "coding", odd, "--json",
                   home=mockloop_home)

    assert run.code == 0, run.err
    assert "test" in run.json()["transcript"]["text"].lower()
    with Store() as store:
        [row] = store.list_rounds()
        assert row.audio_path == odd and row.audio_path.exists()
    assert mockloop("history", home=mockloop_home).code == 0


def test_a_finished_interrupted_round_says_where_it_was_cut_and_keeps_its_id(
        mockloop_home, speak):
    clip = speak("We had two weeks to ship, so I cut the export feature.")
    audio = paths.recordings_dir() / "20260101-000000-swe-story-90.wav"
    shutil.copy(clip, audio)
    with Store() as store:
        crashed = _orphan(store, audio)

    run = mockloop("finish", str(crashed), "--json", home=mockloop_home)

    assert run.code == 0, run.err
    data = run.json()
    assert data["id"] == crashed
    assert data["recording"]["interrupted_at_s"] == pytest.approx(data["delivery"]["duration_s"],
                                                                  abs=0.5)
    assert any("cut short at 0:0" in note for note in data["notes"])
    with Store() as store:
        assert store.report(crashed)["id"] == crashed
