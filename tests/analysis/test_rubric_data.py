"""The packaged phrase data covers every signal of the shipped rubric and loads cleanly."""

from __future__ import annotations

from mockloop.analysis import analyze
from mockloop.analysis.families import families
from mockloop.analysis.lens import lexicon
from mockloop.rubric import get_rubric
from mockloop.transcript import Transcript


def test_every_scored_signal_has_phrase_families():
    rubric = get_rubric()
    scored = {s for r in rubric.rounds.values() for s in r.signals}
    missing = scored - set(families())
    assert not missing


def test_every_family_names_its_reason_and_has_cues():
    for signal_id, fams in families().items():
        for fam in fams:
            assert fam.name and fam.cues, signal_id


def test_lexicon_covers_all_three_lenses():
    exact, _ = lexicon()
    lenses = {lens for weights in exact.values() for lens in weights}
    assert lenses == {"product", "model", "system"}


def test_analyze_with_the_shipped_rubric():
    rubric = get_rubric()
    answer = Transcript.from_text(
        "The constraint was a 200 ms latency budget. I chose a smaller model over the big one, "
        "giving up two points of recall. After launch p95 went from 900 ms to 180 ms.")
    result = analyze(answer, rubric.round("story-90"), rubric.role("ai-engineer"))
    assert [s.id for s in result.signals] == list(rubric.round("story-90").signals)
    assert all(s.hit for s in result.signals)
