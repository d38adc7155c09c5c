"""A recogniser puts a full stop wherever the voice dips, often mid-clause ("So at that.
Point the hash map approach falls over"). The detector reads across such a stop when no
pause follows it, for a signal the sentences as cut would miss, and quotes the clause whole;
a real pause still ends the thought, and typed text keeps its own stops."""

from __future__ import annotations

import pytest

from .helpers import signal, timed

# (signal, answer with a recogniser's stop in the middle of the clause that does it)
BROKEN = [
    ("tradeoff", "We went with nightly batch scores. The price of that, and we knew it up "
                 "front. Was that a new listing could wait a full day before anyone saw it "
                 "ranked."),
    ("scale_under_load", "So at that. Point the hash map approach falls over and the memory "
                         "grows with the number of distinct keys not the number of lines."),
]


def _stops(text: str) -> list[int]:
    return [i for i, w in enumerate(text.split()) if w.endswith(".")]


@pytest.mark.parametrize("signal_id, text", BROKEN)
def test_a_clause_the_recogniser_broke_without_a_pause_still_counts(signal_id, text):
    result = signal(timed(text), signal_id)
    assert result.hit
    assert result.evidence.endswith(text.split()[-1])  # the clause is quoted whole


@pytest.mark.parametrize("signal_id, text", BROKEN)
def test_a_real_pause_or_typed_stops_still_end_the_thought(signal_id, text):
    paused = timed(text, gaps={i + 1: 0.8 for i in _stops(text)})
    assert not signal(paused, signal_id).hit
    assert not signal(text, signal_id).hit


def test_one_sentence_that_does_it_is_quoted_alone():
    text = ("So I would log the exact feature values at serving time and train from those "
            "logs. Not from the warehouse.")
    result = signal(timed(text), "train_serve_skew")
    assert result.hit and result.evidence.endswith("from those logs.")


def test_explain_says_when_a_hit_was_found_reading_across_a_stop():
    from mockloop.analysis.explain import explain, render
    from mockloop.rubric import get_rubric

    rubric = get_rubric()
    signal_id, text = BROKEN[1]
    expl = explain(timed(text), rubric.round("coding"), rubric.role("swe"))
    view = next(s for s in expl.signals if s.id == signal_id)
    assert view.hit and view.across_units and any(f.fired for f in view.families)
    assert "reading across the recogniser's full stops" in render(expl)
    assert expl.to_dict()["signals"][[s.id for s in expl.signals].index(signal_id)]["read_across"]
