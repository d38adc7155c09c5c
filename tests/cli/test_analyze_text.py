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
