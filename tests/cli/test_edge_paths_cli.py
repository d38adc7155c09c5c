"""Edge paths of the command line that used to lose data or end in 'unexpected error'.

Export never writes over the history or anything else mockloop keeps; odd ids, limits,
damaged saved debriefs, Ctrl-D at a prompt and a full standard output are one plain sentence.
"""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import subprocess
import sys
import time

import pytest

from .helpers import assert_plain_error, mockloop

ANSWER = (
    "I chose the simpler queue over the streaming design because the deadline was two "
    "weeks away, and we gave up replay to ship on time."
)


@pytest.fixture
def history(mockloop_home, tmp_path):
    """A data folder with two saved rounds (typed answers)."""
    text = tmp_path / "answer.txt"
    text.write_text(ANSWER)
    for _ in range(2):
        run = mockloop("analyze", "--role", "swe", "--round", "story-90", "--text", text,
                       home=mockloop_home)
        assert run.code == 0, run.err
    return mockloop_home


def _rounds(home) -> list[int]:
    return [r["id"] for r in mockloop("history", "--json", home=home).json()]


@pytest.mark.parametrize("name", ["history.db", "history.db-wal", "history.db-shm",
                                  "settings.json", "rubric.toml", "recordings/any.wav"])
def test_export_never_writes_over_mockloops_own_files(history, name):
    (history / "settings.json").write_text("{}")
    target = history / name
    target.parent.mkdir(exist_ok=True)
    before = target.read_bytes() if target.exists() else None

    run = mockloop("export", "1", "-f", "json", "-o", target, "--force", home=history)

    assert_plain_error(run)
    assert "mockloop's own files" in run.err
    assert (target.read_bytes() if target.exists() else None) == before
    assert _rounds(history) == [2, 1]
    with sqlite3.connect(history / "history.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_export_refuses_an_existing_file_unless_told_and_then_replaces_it(history, tmp_path):
    out = tmp_path / "debrief.md"
    out.write_text("my notes")

    refused = mockloop("export", "1", "-o", out, home=history)
    assert_plain_error(refused)
    assert "already exists" in refused.err and "--force" in refused.err
    assert out.read_text() == "my notes"

    replaced = mockloop("export", "1", "-o", out, "--force", home=history)
    assert replaced.code == 0, replaced.err
    assert "deadline" in out.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]  # no temp left


def test_export_into_a_missing_folder_or_onto_a_folder_is_a_sentence(history, tmp_path):
    for target in (tmp_path / "nowhere" / "x.md", tmp_path):
        assert_plain_error(mockloop("export", "1", "-o", target, home=history))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_export_to_a_full_output_says_the_disk_is_full(history):
    env = dict(os.environ, MOCKLOOP_HOME=str(history), HF_HUB_OFFLINE="1")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "mockloop", "export", "1"], stdout=full,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and "disk is full" in proc.stderr
    assert "Traceback" not in proc.stderr and "Exception" not in proc.stderr


def test_a_damaged_saved_debrief_is_a_sentence_and_the_rest_still_works(history):
    with sqlite3.connect(history / "history.db") as db:
        db.execute("UPDATE rounds SET report_json = '{\"role\": \"swe\", \"signals\": 5}' "
                   "WHERE id = 1")
        db.execute("UPDATE rounds SET report_json = 'not json at all' WHERE id = 2")

    for args in (("show", "1"), ("export", "1"), ("export", "1", "-f", "srt"), ("show", "2"),
                 ("export", "2", "-f", "json")):
        run = mockloop(*args, home=history)
        assert_plain_error(run)
        assert "damaged" in run.err, args
    assert mockloop("history", home=history).code == 0


def test_ids_and_limits_beyond_sqlites_integers_are_plain(history):
    assert_plain_error(mockloop("show", "99999999999999999999", home=history))
    assert "There is no round" in mockloop("show", "99999999999999999999", home=history).err
    huge = mockloop("history", "--limit", "9" * 30, "--json", home=history)
    assert huge.code == 0, huge.err
    assert [r["id"] for r in huge.json()] == [2, 1]


def test_filters_that_match_nothing_do_not_claim_the_history_is_empty(history):
    run = mockloop("history", "--role", "mle", home=history)
    assert run.code == 0
    assert "No rounds match" in run.out and "yet" not in run.out


def test_ctrl_d_at_the_delete_prompt_keeps_the_round(history):
    env = dict(os.environ, MOCKLOOP_HOME=str(history), HF_HUB_OFFLINE="1")
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "mockloop", "delete", "1"], stdin=follower,
                            stdout=follower, stderr=follower, env=env, close_fds=True)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    while b"[y/N]" not in seen and time.monotonic() < deadline:
        if select.select([leader], [], [], 0.5)[0]:
            seen += os.read(leader, 1024)
    os.write(leader, b"\x04")  # Ctrl-D: end of input at the terminal
    code = proc.wait(timeout=60)
    while select.select([leader], [], [], 0.2)[0]:
        try:
            chunk = os.read(leader, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)

    assert code == 0, seen
    assert b"Kept." in seen and b"Traceback" not in seen and b"unexpected" not in seen
    assert _rounds(history) == [2, 1]


def test_text_typed_into_the_core_is_capped_like_a_file(mockloop_home):
    from mockloop.errors import UserError
    from mockloop.session import Services

    services = Services()
    try:
        with pytest.raises(UserError, match=r"200 KB|too long"):
            services.analyze_text("swe", "coding", "word " * 60_000)
        assert services.store.list_rounds() == []
    finally:
        services.close()


def test_a_saved_debrief_holding_infinity_exports_as_damaged_not_as_invalid_json(history):
    with sqlite3.connect(history / "history.db") as db:
        db.execute("""UPDATE rounds SET report_json = '{"role": "swe", "round": "story-90",
                      "delivery": {"duration_s": Infinity}}' WHERE id = 1""")
    run = mockloop("export", "1", "-f", "json", home=history)
    assert_plain_error(run)
    assert "damaged" in run.err


def test_a_file_in_the_way_of_a_folder_is_said_in_words(tmp_path):
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("mine")
    for home in (in_the_way, in_the_way / "sub"):
        run = mockloop("history", home=home)
        assert_plain_error(run)
        assert "File exists" not in run.err and "Not a directory" not in run.err
        assert "file" in run.err
    assert in_the_way.read_text() == "mine"
