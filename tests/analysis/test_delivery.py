"""Delivery: time against the round, pace, fillers, hedges, pauses, I/we and checkpoints."""

from __future__ import annotations

import pytest

from mockloop.analysis.fillers import count_fillers, count_hedges, count_i_we
from mockloop.rubric.model import Checkpoint

from .helpers import run, timed


def words(text: str) -> list[str]:
    return text.split()


def fillers(text: str) -> dict[str, int]:
    return dict(count_fillers(text.split()))


def test_fillers_counted_by_word():
    text = "um so uh we basically had, like, a queue and you know it was actually fine erm hmm"
    assert fillers(text) == {"um": 1, "uh": 1, "basically": 1, "like": 1, "you know": 1,
                             "actually": 1, "erm": 1, "hmm": 1}


@pytest.mark.parametrize("text", [
    "i'd like to start with the data",
    "it looks like a cache problem",
    "we used it like a cache",
    "something like redis would do",
    "that is a kind of index",
    "we would like to ship",
    "do you know the answer",
])
def test_real_uses_are_not_fillers(text):
    assert fillers(text) == {}


def test_hedge_uses_of_kind_of_and_sort_of_count():
    assert fillers("it was kind of slow and sort of flaky") == {"kind of": 1, "sort of": 1}


def test_like_as_filler_in_run_on_speech():
    assert fillers("we had like fifty milliseconds and um like the whole thing") == {
        "like": 2, "um": 1}


def test_hedges_count_i_think_maybe_once():
    counts = count_hedges(words("i think maybe we could probably ship i guess hopefully maybe"))
    assert counts == {"i think maybe": 1, "probably": 1, "i guess": 1, "hopefully": 1,
                      "maybe": 1}


def test_i_versus_we():
    assert count_i_we(words("I decided, we shipped, my call, our team, US market")) == (2, 2)


def test_wpm_on_a_synthetic_timed_answer():
    # 60 words, one every 0.5 s, 0.3 s long: the last ends at 29.8 s; audio is 30 s.
    transcript = timed(" ".join(["word"] * 60), rate=0.5, duration_s=30.0)
    d = run(transcript, (), length_s=90).delivery
    assert d.words == 60
    assert d.duration_s == 30.0
    assert d.wpm == 120.0
    assert d.wpm_speaking == pytest.approx(60 * 60 / 29.8, abs=0.1)
    assert d.long_pauses == ()


def test_pauses_found_and_excluded_from_speaking_pace():
    # A 4 s silence before word 10 and 3.5 s of silence before the first word.
    transcript = timed(" ".join(["word"] * 20), start=3.5, rate=0.5, gaps={10: 4.0})
    d = run(transcript, ()).delivery
    # The lead-in before the first word is not a pause: the answer had not started yet.
    assert [(p.start, p.end) for p in d.long_pauses] == [(8.3, 12.5)]
    spoken = transcript.words[-1].end - transcript.words[0].start - 4.2
    assert d.wpm_speaking == pytest.approx(20 * 60 / spoken, abs=0.1)
    assert d.wpm == pytest.approx(20 * 60 / transcript.words[-1].end, abs=0.1)


def test_short_gaps_are_not_long_pauses():
    transcript = timed("one two three four", gaps={2: 2.5})
    assert run(transcript, ()).delivery.long_pauses == ()


@pytest.mark.parametrize(("duration", "status", "overtime"), [
    (50.0, "under", 0.0), (80.0, "on_time", 0.0), (92.0, "on_time", 2.0), (100.0, "over", 10.0)])
def test_time_status(duration, status, overtime):
    transcript = timed("we shipped it", duration_s=duration)
    d = run(transcript, (), length_s=90).delivery
    assert d.time_status == status
    assert d.overtime_s == pytest.approx(overtime)


def test_typed_text_has_counts_but_no_timings():
    d = run("um I decided we would like ship it, you know", ()).delivery
    assert d.duration_s is None and d.wpm is None and d.wpm_speaking is None
    assert d.time_status is None and d.fillers_per_minute is None and d.long_pauses == ()
    assert d.words == 10 and d.fillers_total == 2 and d.i_count == 1 and d.we_count == 1
    assert d.i_share == 0.5


def test_filler_rate_per_minute():
    transcript = timed("um " * 6 + "done", rate=5.0, duration_s=60.0)
    d = run(transcript, ()).delivery
    assert d.fillers_total == 6 and d.fillers_per_minute == 6.0


def test_checkpoints_compare_first_appearance_with_the_checkpoint_time():
    text = ("The story is about exports. " * 3 + "The constraint was a fifteen minute SLA. "
            + "filler words here. " * 10 + "I chose Postgres over Kafka, giving up throughput.")
    transcript = timed(text, rate=1.0)
    cps = (Checkpoint(30, "Constraint out", ("constraint",)),
           Checkpoint(40, "Tradeoff named", ("tradeoff",)),
           Checkpoint(90, "Ownership", ("ownership", "fallout")))
    result = run(transcript, ("constraint", "tradeoff", "ownership", "fallout"),
                 checkpoints=cps)
    c1, c2, c3 = result.delivery.checkpoints
    assert c1.first_hit_s == transcript.words[15].start and c1.on_time  # "The constraint"
    assert c2.first_hit_s == transcript.words[52].start and c2.on_time is False
    assert c3.first_hit_s == transcript.words[52].start and c3.on_time  # "I chose"
    assert c3.signal_ids == ("ownership", "fallout")


def test_checkpoint_without_timings_or_hits_is_undecided():
    cps = (Checkpoint(30, "Constraint out", ("constraint",)),)
    result = run("We chose Postgres.", ("constraint",), checkpoints=cps)
    (cp,) = result.delivery.checkpoints
    assert cp.first_hit_s is None and cp.on_time is None


def test_a_silent_lead_in_is_not_a_long_pause():
    # 6.4 s of silence before the first word, then steady speech: no stall was heard.
    transcript = timed(" ".join(["word"] * 12), start=6.4, rate=0.5)
    d = run(transcript, ()).delivery
    assert d.long_pauses == ()
    assert transcript.words[0].start == pytest.approx(6.4)
