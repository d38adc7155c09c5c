"""A natural (Piper) voice through the real path: `mockloop analyze FILE` keeps words and hits."""

from __future__ import annotations

import pytest
from cli.helpers import mockloop
from support.voices import have_voice, missing_reason, wer

pytestmark = pytest.mark.slow

ANSWER = (
    "For storage I would keep the links in Postgres, keyed by the short code, and put a Redis "
    "cache in front of the reads with a one hour expiry. When traffic grows ten times, the "
    "write queue applies backpressure and we shed requests over the rate limit. If the cache "
    "goes down, reads fall back to the database, so nothing is lost."
)


@pytest.mark.parametrize("condition,max_wer", [("clean", 0.2), ("phone", 0.25)])
def test_piper_voiced_answer_through_analyze(speak, mockloop_home, condition, max_wer):
    if not have_voice("piper"):
        pytest.skip(missing_reason("piper"))
    wav = speak(ANSWER, f"piper-{condition}.wav", engine="piper", condition=condition)
    run = mockloop("analyze", "--role", "swe", "--round", "system-design", wav, "--json",
                   home=mockloop_home)
    assert run.code == 0, run.err
    data = run.json()
    assert wer(ANSWER, data["transcript"]["text"]) <= max_wer, data["transcript"]["text"]
    hits = {s["id"] for s in data["signals"] if s["hit"]}
    assert {"caching", "backpressure", "scale_under_load"} <= hits, hits
