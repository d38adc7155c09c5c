"""`mockloop analyze --text`: the report contract, saving, and plain errors for bad input."""

from __future__ import annotations

import sqlite3

from .helpers import assert_plain_error, mockloop

STORY = (
    "Last spring I decided to ship the ranking change with a smaller model. "
    "The constraint was a 200 millisecond latency budget on the search page. "
    "We chose the distilled model over the large one and accepted about two points lower recall. "
    "As a result, page load stayed fast and weekly active users went up by four percent."
)


def _history_count(home) -> int:
    db = home / "history.db"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as con:
        return con.execute("select count(*) from rounds").fetchone()[0]


def test_text_answer_gives_the_contract_json(tmp_path, mockloop_home):
    answer = tmp_path / "story.txt"
    answer.write_text(STORY, encoding="utf-8")
    run = mockloop(
        "analyze",
        "--role",
        "swe",
        "--round",
        "story-90",
        "--text",
        answer,
        "--json",
        home=mockloop_home,
    )
    assert run.code == 0, run.err
    data = run.json()
    assert data["role"] == "swe" and data["round"] == "story-90"
    ids = [s["id"] for s in data["signals"]]
    assert ids == ["tradeoff", "constraint", "fallout", "ownership"]
    hits = {s["id"] for s in data["signals"] if s["hit"]}
    assert {"tradeoff", "constraint", "ownership"} <= hits
    for s in data["signals"]:
        assert s["start"] is None  # typed text has no timings
        if s["hit"]:
            assert s["evidence"] and s["evidence"].lower().rstrip(".") in STORY.lower()
        else:
            assert s["evidence"] is None
    assert abs(sum(data["lens"].values()) - 1) < 0.01 or sum(data["lens"].values()) == 0
    assert "dominant_lens" in data and "off_center" in data
    assert data["transcript"]["text"].startswith("Last spring")
    d = data["delivery"]
    assert d["duration_s"] is None and d["wpm"] is None
    assert d["words"] >= 50
    assert set(d["fillers"]) >= {"total", "per_minute", "by_word"}
    assert "long_pauses" in d and "timings" in data
    assert _history_count(mockloop_home) == 1


def test_stdin_and_no_save(mockloop_home):
    run = mockloop(
        "analyze",
        "--role",
        "mle",
        "--round",
        "story-90",
        "--text",
        "-",
        "--json",
        "--no-save",
        stdin=STORY,
        home=mockloop_home,
    )
    assert run.code == 0, run.err
    assert run.json()["round"] == "story-90"
    assert _history_count(mockloop_home) == 0


def test_human_readable_output_names_hits_and_misses(tmp_path, mockloop_home):
    answer = tmp_path / "a.txt"
    answer.write_text(STORY, encoding="utf-8")
    run = mockloop(
        "analyze", "--role", "swe", "--round", "story-90", "--text", answer, home=mockloop_home
    )
    assert run.code == 0, run.err
    assert "[x]" in run.out and "latency budget" in run.out


def test_bad_input_is_one_plain_line_and_history_untouched(tmp_path, mockloop_home):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    assert (
        mockloop(
            "analyze", "--role", "swe", "--round", "story-90", "--text", good, home=mockloop_home
        ).code
        == 0
    )
    before = _history_count(mockloop_home)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    cases = [
        ("--role", "pm", "--round", "story-90", "--text", good),
        ("--role", "swe", "--round", "story-91", "--text", good),
        ("--role", "swe", "--round", "story-90", "--text", tmp_path / "missing.txt"),
        ("--role", "swe", "--round", "story-90", "--text", empty),
        ("--role", "swe", "--round", "story-90", "--text", binary),
    ]
    for args in cases:
        run = mockloop("analyze", *args, home=mockloop_home)
        assert_plain_error(run)
    assert _history_count(mockloop_home) == before
    with sqlite3.connect(mockloop_home / "history.db") as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_unknown_round_message_lists_choices(tmp_path, mockloop_home):
    run = mockloop(
        "analyze",
        "--role",
        "swe",
        "--round",
        "sytem-design",
        "--text",
        "-",
        stdin=STORY,
        home=mockloop_home,
    )
    assert_plain_error(run)
    assert "system-design" in run.err


def _analyze_stdin_bytes(home, data: bytes):
    """`analyze --text -` with raw bytes on stdin (the helper only sends text)."""
    import os
    import subprocess
    import sys

    from .helpers import Run

    env = dict(os.environ, MOCKLOOP_HOME=str(home), HF_HUB_OFFLINE="1")
    p = subprocess.run(
        [sys.executable, "-m", "mockloop", "analyze", "--role", "swe", "--round", "story-90",
         "--text", "-"], input=data, capture_output=True, env=env, timeout=120)
    return Run(p.returncode, p.stdout.decode("utf-8", "replace"),
               p.stderr.decode("utf-8", "replace"))


def test_stdin_is_checked_like_a_file(mockloop_home):
    # Empty stdin was saved as an empty round; a file with the same content is refused.
    for data in (b"", b"  \n\t\n"):
        run = _analyze_stdin_bytes(mockloop_home, data)
        assert_plain_error(run)
        assert "standard input is empty" in run.err
    # Bytes that are not UTF-8 were an "unexpected error" with exit 1.
    run = _analyze_stdin_bytes(mockloop_home, b"\xff\xfe\x00\x81 we chose the cache")
    assert_plain_error(run)
    assert "standard input is not UTF-8 text" in run.err
    assert _history_count(mockloop_home) == 0


def test_typed_answers_over_200_kb_are_refused_before_analysis(tmp_path, mockloop_home):
    # 10 MB used to take two minutes and a couple of GB, then sat in the history and the
    # full-text index; now both a file and stdin are one sentence, and nothing is saved.
    huge = tmp_path / "pasted-log.txt"
    huge.write_text(STORY * (10 * 1024 * 1024 // len(STORY)), encoding="utf-8")
    run = mockloop("analyze", "--role", "swe", "--round", "story-90", "--text", huge,
                   home=mockloop_home)
    assert_plain_error(run)
    assert "pasted-log.txt is 10" in run.err and " MB, over the 200 KB of text" in run.err
    run = _analyze_stdin_bytes(mockloop_home, b"word " * (41 * 1024))  # 205 KB
    assert_plain_error(run)
    assert "standard input is over the 200 KB of text" in run.err
    assert _history_count(mockloop_home) == 0
    # Just under the cap is still analysed.
    ok = tmp_path / "long-answer.txt"
    ok.write_text((STORY + " ") * (190 * 1024 // (len(STORY) + 1)), encoding="utf-8")
    run = mockloop("analyze", "--role", "swe", "--round", "story-90", "--text", ok, "--json",
                   "--no-save", home=mockloop_home)
    assert run.code == 0, run.err
    assert run.json()["delivery"]["words"] > 30_000


def test_a_fifo_given_as_text_is_refused_without_waiting(tmp_path, mockloop_home):
    import os

    fifo = tmp_path / "answer.txt"
    os.mkfifo(fifo)
    run = mockloop("analyze", "--role", "swe", "--round", "story-90", "--text", fifo,
                   home=mockloop_home, timeout=60)
    assert_plain_error(run)
    assert "answer.txt is not a plain text file" in run.err and "--text -" in run.err
