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


@pytest.mark.parametrize(("signal_id", "text"), [
    ("restraint", "i honestly would not bring in a crdt library for a grocery list"),
    ("restraint", "we um would uh not shard anything at first"),
    ("fallback", "if the model is down we, you know, basically just show the plain search page"),
])
def test_fillers_and_stance_words_inside_a_phrase_do_not_hide_it(signal_id, text):
    result = signal(text, signal_id)
    assert result.hit
    assert result.evidence.split()[0] == text.split()[0]  # quoted as said, fillers included


@pytest.mark.parametrize("said", ["the Q is capped at ten thousand jobs",
                                  "writes go into a bounded Q"])
def test_queue_written_as_the_letter_q_is_still_a_queue(said):
    result = signal(said, "backpressure")
    assert result.hit and "Q" in result.evidence
