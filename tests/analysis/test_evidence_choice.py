"""The checklist quotes the sentence that best does each signal, not merely the first one."""

from __future__ import annotations

from mockloop.analysis import analyze
from mockloop.rubric.builtin import builtin_rubric
from mockloop.ui.debrief.delivery_card import delivery_lines

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


# -- checkpoints take their names and verdicts from the signals they check --------------------

_FILL = "The team met on Tuesdays to walk through the plan together. "
_OUTCOME = ("In the end all 12 shards moved with 90 seconds of downtime, and p99 went from 800 "
            "to 200 ms. ")
_HEAD = ("I led the move of our orders database onto a sharded cluster. The deadline was a "
         "holiday code freeze in four weeks. ")


def _story(outcome_after_words: int) -> str:
    """A 90-second story (at 0.4 s a word) whose outcome comes after about this many words."""
    fill = _FILL * max(0, (outcome_after_words - len(_HEAD.split())) // len(_FILL.split()))
    text = _HEAD + fill + _OUTCOME
    while len(text.split()) < 215:
        text += _FILL
    return text


def _story_debrief(outcome_after_words: int):
    rubric = builtin_rubric()
    transcript = timed(_story(outcome_after_words), rate=0.4)
    analysis = analyze(transcript, rubric.round("story-90"), rubric.role("swe"))
    lines = {label: value for key, label, value in delivery_lines(analysis.delivery.to_dict())
             if key == "checkpoint"}
    return analysis, lines


def test_an_outcome_at_0_22_of_a_90_second_story_is_early_for_the_last_20_seconds():
    analysis, lines = _story_debrief(60)
    (cp,) = [c for c in analysis.delivery.checkpoints if c.signal_ids == ("fallout",)]
    assert cp.verdict == "early" and cp.on_time is False
    assert cp.label == builtin_rubric().signal("fallout").name
    value = lines["Last 20 s"]
    assert value.startswith("Outcome and fallout: at 0:22, early")
    assert "on time" not in value


def test_an_outcome_in_the_closing_stretch_is_on_time():
    analysis, lines = _story_debrief(190)
    (cp,) = [c for c in analysis.delivery.checkpoints if c.signal_ids == ("fallout",)]
    assert cp.verdict == "on_time"
    assert lines["Last 20 s"] == "Outcome and fallout: at 1:15, on time"


def test_a_checkpoint_times_the_sentence_the_checklist_quotes():
    # fallout fires first on the tradeoff sentence (0:12) but quotes the outcome (0:27)
    rubric = builtin_rubric()
    analysis = analyze(timed(STORY), rubric.round("story-90"), rubric.role("swe"))
    fallout = next(s for s in analysis.signals if s.id == "fallout")
    (cp,) = [c for c in analysis.delivery.checkpoints if c.signal_ids == ("fallout",)]
    outcome_at = next(w.start for w in timed(STORY).words if w.word == "In")
    assert fallout.start == outcome_at and cp.first_hit_s == outcome_at


def test_every_builtin_checkpoint_is_named_after_the_signals_it_checks():
    rubric = builtin_rubric()
    for rnd in rubric.rounds.values():
        for cp in rnd.checkpoints:
            assert cp.signals
            assert cp.label == " · ".join(rubric.signal(s).name for s in cp.signals), rnd.id
    skew = [c for c in rubric.round("ml-design").checkpoints if "train_serve_skew" in c.signals]
    assert skew[0].label == rubric.signal("train_serve_skew").name


def test_a_checkpoint_whose_signals_all_missed_is_not_heard_even_if_another_was_said():
    rubric = builtin_rubric()
    text = ("If the question is vague or the retrieved notes are stale, the assistant asks one "
            "clarifying question before answering. ") + _FILL * 6
    analysis = analyze(timed(text, start=20.0), rubric.round("ai-design"),
                       rubric.role("ai-engineer"))
    hits = {s.id for s in analysis.signals if s.hit}
    assert "vague_or_stale_input" in hits
    assert not {"user_failure_path", "fallback"} & hits
    (cp,) = [c for c in analysis.delivery.checkpoints if "user_failure_path" in c.signal_ids]
    value = next(v for k, _, v in delivery_lines(analysis.delivery.to_dict())
                 if k == "checkpoint" and v.startswith(rubric.signal("vague_or_stale_input").name))
    assert set(cp.to_dict()["missed"]) == {"user_failure_path", "fallback"}
    assert "not heard: User-facing failure path, Fallback path" in value
    # when none of a checkpoint's signals hit, it is missed outright
    (gates,) = [c for c in analysis.delivery.checkpoints if c.signal_ids == ("eval_gates",)]
    assert gates.verdict == "missed" and gates.first_hit_s is None
