"""`mockloop explain`: which family fired on which cue, and what vetoed a cue that matched."""

from __future__ import annotations

import json

import pytest

from mockloop import cli
from mockloop.analysis.explain import explain, render
from mockloop.rubric import get_rubric
from mockloop.transcript import Transcript

from .helpers import timed


def _signal(text_or_transcript, round_id: str, signal_id: str):
    rubric = get_rubric()
    transcript = (text_or_transcript if isinstance(text_or_transcript, Transcript)
                  else Transcript.from_text(text_or_transcript))
    expl = explain(transcript, rubric.round(round_id), rubric.role("swe"))
    return expl, next(s for s in expl.signals if s.id == signal_id)


def test_a_hit_shows_the_family_that_fired_and_its_cue():
    _, sig = _signal("I decided to drop the reranker, which cost us two points of recall.",
                     "story-90", "tradeoff")
    assert sig.hit and sig.why == "named the cost accepted"
    fired = [f for f in sig.families if f.fired]
    assert fired[0].name == "named the cost accepted" and fired[0].unit == 0
    assert fired[0].cue[1] == "which cost us"
    assert sig.rule_file == "signals/tradeoff.toml"


def test_a_negated_cue_shows_its_negator():
    _, sig = _signal("we never fell back to the old model", "failure-followup", "fallback")
    assert not sig.hit
    vetoes = [v for f in sig.families for v in f.vetoes if v["kind"] == "negation"]
    assert vetoes and vetoes[0]["negator"] == "never" and vetoes[0]["text"].startswith("fell back")


def test_never_had_a_fallback_is_a_miss_the_explanation_accounts_for():
    # "had a fallback" names the thing without doing it: no cue reaches it, or one is vetoed.
    expl, sig = _signal("we never had a fallback for that", "failure-followup", "fallback")
    assert not sig.hit
    assert all(not f.fired for f in sig.families)
    assert "fallback: miss" in render(expl)


def test_a_keyword_only_sentence_shows_the_unless_that_cancelled_it():
    expl, sig = _signal("Edge cases are important.", "coding", "edge_cases")
    assert not sig.hit
    unless = [v for f in sig.families for v in f.vetoes if v["kind"] == "unless"]
    assert unless and unless[0]["text"] == "edge cases are important"
    assert "cancelled by unless" in render(expl)


def test_a_timed_answer_shows_unit_times():
    expl, _ = _signal(timed("so i owned the rollout. then it shipped.", start=2.0),
                      "story-90", "ownership")
    assert expl.units[0].start == 2.0
    assert "[0] 0:02.0" in render(expl)


def test_cli_prints_units_and_json(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MOCKLOOP_HOME", str(tmp_path / "home"))
    answer = tmp_path / "a.txt"
    answer.write_text("We never fell back to the old model. Edge cases are important.\n")
    assert cli.main(["explain", "--role", "swe", "--round", "coding", "--text",
                     str(answer)]) == 0
    out = capsys.readouterr().out
    assert "[0] We never fell back to the old model." in out and "edge_cases: miss" in out
    assert cli.main(["explain", "--role", "swe", "--round", "coding", "--text", str(answer),
                     "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [u["index"] for u in data["units"]] == [0, 1]
    assert [s["id"] for s in data["signals"]] == list(get_rubric().round("coding").signals)


@pytest.mark.parametrize("round_id", ["no-such-round"])
def test_unknown_round_is_exit_2_with_one_sentence(tmp_path, monkeypatch, capsys, round_id):
    monkeypatch.setenv("MOCKLOOP_HOME", str(tmp_path / "home"))
    answer = tmp_path / "a.txt"
    answer.write_text("anything\n")
    assert cli.main(["explain", "--role", "swe", "--round", round_id, "--text",
                     str(answer)]) == 2
    err = capsys.readouterr().err
    assert f"Unknown round '{round_id}'" in err and "Traceback" not in err
