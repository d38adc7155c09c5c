"""History, show, export and rounds from the command line."""

from __future__ import annotations

from .helpers import assert_plain_error, mockloop

DESIGN = (
    "I would put a rate limiter in front of the write queue so producers cannot outrun the "
    "consumers, and when the queue is full we shed the lowest priority requests. "
    "The read path gets a cache with a five minute expiry and we invalidate on every write."
)


def _add(home, text, role="swe", round_id="system-design"):
    run = mockloop(
        "analyze",
        "--role",
        role,
        "--round",
        round_id,
        "--text",
        "-",
        "--json",
        stdin=text,
        home=home,
    )
    assert run.code == 0, run.err
    return run.json()


def test_history_lists_newest_first_and_searches(mockloop_home):
    _add(mockloop_home, "We kept the design simple and used one postgres table for the orders.")
    second = _add(mockloop_home, DESIGN)
    run = mockloop("history", "--json", home=mockloop_home)
    assert run.code == 0, run.err
    rows = run.json()
    assert len(rows) == 2
    for key in ("id", "role", "round", "status", "started_at", "audio_s"):
        assert key in rows[0]
    assert rows[0]["status"] == "complete"
    assert rows[0]["started_at"] >= rows[1]["started_at"]
    found = mockloop("history", "--search", "limiter", "--json", home=mockloop_home).json()
    assert [r["id"] for r in found] == [rows[0]["id"]]
    assert second["round"] == "system-design"
    none = mockloop("history", "--search", "kubernetes", "--json", home=mockloop_home).json()
    assert none == []


def test_show_and_exports(mockloop_home, tmp_path):
    _add(mockloop_home, DESIGN)
    rid = mockloop("history", "--json", home=mockloop_home).json()[0]["id"]
    shown = mockloop("show", rid, "--json", home=mockloop_home)
    assert shown.code == 0 and shown.json()["transcript"]["text"].startswith("I would put")
    md = mockloop("export", rid, "--format", "md", home=mockloop_home)
    assert md.code == 0 and "rate limiter" in md.out
    # The debrief names the role and round as the app does, not by their ids.
    assert md.out.startswith("# Software Engineer · System design walkthrough\n"), md.out[:80]
    out = tmp_path / "r.json"
    assert mockloop("export", rid, "-f", "json", "-o", out, home=mockloop_home).code == 0
    assert '"signals"' in out.read_text()
    vtt = mockloop("export", rid, "--format", "vtt", home=mockloop_home)
    assert vtt.code == 0 and vtt.out.startswith("WEBVTT")


def test_show_unknown_id_is_plain_error(mockloop_home):
    assert_plain_error(mockloop("show", "999", home=mockloop_home))
    assert_plain_error(mockloop("export", "999", "--format", "md", home=mockloop_home))


def test_rounds_lists_every_round_and_prompt(mockloop_home):
    run = mockloop("rounds", "--json", home=mockloop_home)
    assert run.code == 0, run.err
    data = run.json()
    assert {r["id"] for r in data["rounds"]} == {
        "story-90",
        "coding",
        "system-design",
        "ml-design",
        "ai-design",
        "failure-followup",
        "comp-anchor",
    }
    assert all(len(r["prompts"]) >= 3 for r in data["rounds"])
    text = mockloop("rounds", home=mockloop_home)
    assert "ml-design" in text.out
