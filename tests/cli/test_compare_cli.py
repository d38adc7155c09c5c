"""`mockloop compare ID [ID2] [--json]`: a take beside the previous take of its prompt."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import mockloop

DEV = Path(__file__).resolve().parents[1] / "devset" / "dev.jsonl"


def test_compare_a_retake_with_its_previous_take(mockloop_home, tmp_path):
    rows = [json.loads(line) for line in DEV.read_text().splitlines()]
    story = [r for r in rows if r["role"] == "swe" and r["round"] == "story-90"]
    ids = []
    for i, r in enumerate(story[:2]):
        f = tmp_path / f"{i}.txt"
        f.write_text(r["text"])
        run = mockloop("analyze", "--role", "swe", "--round", "story-90", "--prompt",
                       "story-90/launch-cut", "--text", f, "--json", home=mockloop_home)
        assert run.code == 0, run.err
        ids.append(run.json())
    first, second = ids
    run = mockloop("compare", second["id"], "--json", home=mockloop_home)
    assert run.code == 0, run.err
    out = run.json()
    assert (out["then"]["id"], out["now"]["id"]) == (first["id"], second["id"])
    hit = lambda d: {s["id"] for s in d["signals"] if s["hit"]}  # noqa: E731
    assert {g["id"] for g in out["gained"]} == hit(second) - hit(first)
    assert {g["id"] for g in out["lost"]} == hit(first) - hit(second)
    assert out["memorised"] is False
    text = mockloop("compare", first["id"], second["id"], home=mockloop_home)
    assert text.code == 0 and f"Round #{second['id']} beside round #{first['id']}" in text.out
    # The first take has nothing before it: one plain line, exit 2.
    none = mockloop("compare", first["id"], home=mockloop_home)
    assert none.code == 2 and "no earlier take" in none.err and "Traceback" not in none.err
