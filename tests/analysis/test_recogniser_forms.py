"""What the speech recogniser actually writes: numbers timed in pieces ("1" ".85"), pay ranges
whose "base" or "k" was lost, words it hears as homophones. The checklist must read these the
way the speaker meant them."""

from __future__ import annotations

import pytest

from mockloop.transcript import Segment, Transcript, Word

from .helpers import signal


def pieces(*words: str) -> Transcript:
    """A transcript whose words are exactly `words` (as whisper times them, 0.4 s apart)."""
    ws = tuple(Word(w, round(i * 0.4, 3), round(i * 0.4 + 0.3, 3), 0.9)
               for i, w in enumerate(words))
    return Transcript.from_segments([Segment(" ".join(words), ws[0].start, ws[-1].end, ws)],
                                    duration_s=ws[-1].end)


def test_a_number_timed_in_pieces_is_still_one_figure_of_a_range():
    result = signal(pieces("For", "base,", "I'm", "looking", "at", "1", ".85", "to", "210."),
                    "exact_range")
    assert result.hit
    assert "1 .85 to 210" in result.evidence


def test_a_k_timed_on_its_own_still_belongs_to_its_figure():
    assert signal(pieces("I'm", "targeting", "175", "K", "to", "195", "K", "base."),
                  "exact_range").hit


@pytest.mark.parametrize("text", [
    "okay um i'd say 170 to 190 and i want to check the level",
    "my number is somewhere between 185 and 200",
    "honestly one seventy to one ninety would work for me",
])
def test_a_salary_sized_range_counts_without_the_word_base(text):
    assert signal(text, "exact_range").hit


@pytest.mark.parametrize("text", [
    "i managed 120 to 150 engineers across the org",
    "the team shipped 200 to 300 tickets a quarter",
    "i'm hoping for something in the two hundreds",
    "around 200 all in is what i'm after",
])
def test_counts_of_other_things_and_single_figures_are_not_a_pay_range(text):
    assert not signal(text, "exact_range").hit


@pytest.mark.parametrize(("signal_id", "text"), [
    ("restraint", "i honestly would not bring in a crdt library for a grocery list"),
    ("restraint", "we um would uh not shard anything at first"),
    ("fallback", "if the model is down we, you know, basically just show the plain search page"),
])
def test_fillers_and_stance_words_inside_a_phrase_do_not_hide_it(signal_id, text):
    result = signal(text, signal_id)
    assert result.hit
    assert result.evidence.split()[0] == text.split()[0]  # quoted as said, fillers included


@pytest.mark.parametrize(("signal_id", "text"), [
    ("restraint", "i um would uh bring in everything we might need on day one"),
    ("fallback", "honestly we, you know, never had a fallback for that"),
])
def test_dropping_fillers_does_not_drop_a_negation_or_invent_an_act(signal_id, text):
    assert not signal(text, signal_id).hit


@pytest.mark.parametrize("said", ["the Q is capped at ten thousand jobs",
                                  "writes go into a bounded Q"])
def test_queue_written_as_the_letter_q_is_still_a_queue(said):
    result = signal(said, "backpressure")
    assert result.hit and "Q" in result.evidence


@pytest.mark.parametrize("said", [
    "before it ships it has to beat the current one on a heldout month",
    "Evaluation, holdout the last quarter by time",
    "we score it on a holdout of the most recent six weeks",
])
def test_held_out_run_together_is_still_a_time_holdout(said):
    assert signal(said, "generalization").hit


@pytest.mark.parametrize("said", ["the holdout is small", "we keep a holdout set somewhere"])
def test_a_holdout_named_without_time_or_groups_is_not_a_generalisation_check(said):
    assert not signal(said, "generalization").hit
