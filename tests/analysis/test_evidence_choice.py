"""The checklist quotes the sentence that best does each signal, not merely the first one."""

from __future__ import annotations

from .helpers import run, timed

STORY = ("I led the move of our orders database onto a sharded cluster. "
         "I went with an online migration using dual writes instead of a weekend maintenance "
         "window, which meant a longer project and more moving parts, but customers barely "
         "noticed the switch. "
         "It took us six weeks, a lot longer than a cutover would have. "
         "In the end all 12 shards moved with 90 seconds of downtime, and p99 went from "
         "800 to 200 ms.")

STORY_SIGNALS = ("tradeoff", "constraint", "fallout", "ownership")


def _by_id(analysis):
    return {s.id: s for s in analysis.signals}


def test_fallout_quotes_the_measured_outcome_not_the_earlier_tradeoff_sentence():
    transcript = timed(STORY)
    got = _by_id(run(transcript, STORY_SIGNALS))
    fallout = got["fallout"]
    assert fallout.hit
    assert fallout.evidence.startswith("In the end all 12 shards moved")
    outcome_at = next(w.start for w in transcript.words if w.word == "In")
    assert fallout.start == outcome_at
    assert got["tradeoff"].evidence.startswith("I went with an online migration")


def test_a_label_sentence_is_quoted_with_the_sentence_that_states_the_constraint():
    text = ("We rebuilt search ranking last spring. The constraint was hard. Legal would not "
            "let us keep raw queries for more than seven days. I chose a rules-based ranker "
            "over the learned one, which cost us some relevance.")
    transcript = timed(text)
    constraint = _by_id(run(transcript, STORY_SIGNALS))["constraint"]
    assert constraint.hit
    assert "more than seven days" in constraint.evidence
    assert constraint.evidence.startswith("The constraint was hard.")
    label_at = next(w.start for w in transcript.words if w.word == "constraint") - 0.4
    assert abs(constraint.start - label_at) < 1e-6


def test_one_sentence_does_not_stand_for_two_signals_when_another_fits():
    # The first sentence does both the tradeoff and (with its figures) an outcome; a later
    # sentence also states an outcome. Tradeoff keeps the first, fallout takes the later one.
    text = ("We picked the managed queue over running Kafka ourselves, which cost about "
            "30 percent more each month but cut on-call pages from 12 to 2 a week. "
            "I made that call after the second outage. "
            "After the switch, export jobs finished in five minutes instead of an hour.")
    got = _by_id(run(text, STORY_SIGNALS))
    assert got["tradeoff"].hit and got["fallout"].hit
    assert got["tradeoff"].evidence.startswith("We picked the managed queue")
    assert got["fallout"].evidence.startswith("After the switch")


def test_a_sentence_is_shared_when_it_is_the_only_one_for_both():
    text = ("I chose a rules-based ranker over the learned one, which cost us some relevance. "
            "Nothing else changed that quarter.")
    got = _by_id(run(text, ("tradeoff", "ownership")))
    assert got["tradeoff"].hit and got["ownership"].hit
    assert got["tradeoff"].evidence == got["ownership"].evidence


def test_a_hedged_mention_loses_to_a_plain_measured_one():
    text = ("I guess latency maybe went down a bit after launch, probably. "
            "Median checkout latency fell from 900 to 350 milliseconds in the first week.")
    fallout = _by_id(run(text, ("fallout",)))["fallout"]
    assert fallout.hit and fallout.evidence.startswith("Median checkout latency")


def test_hit_or_miss_is_the_same_whichever_sentence_is_quoted():
    # A miss stays a miss and a hit stays a hit: choice only changes the quote.
    got = _by_id(run("We talked about it for a while. The constraint was hard.",
                     STORY_SIGNALS))
    assert got["constraint"].hit  # the label alone still counts, as it did before
    assert got["constraint"].evidence == "The constraint was hard."
    assert not got["fallout"].hit and got["fallout"].evidence is None
