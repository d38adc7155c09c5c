"""Evidence is the speaker's own sentence, and its start is that sentence's first word."""

from __future__ import annotations

from mockloop.transcript import Transcript

from .helpers import run, timed

STORY = ("We had to ship before the renewal in six weeks. I decided to drop the second "
         "retrieval pass. That cost us some recall on two-part questions. After launch "
         "abandonment dropped from eighteen to seven percent.")


def _is_run_of_words(evidence: str, text: str) -> bool:
    words, ev = text.split(), evidence.split()
    return any(words[i:i + len(ev)] == ev for i in range(len(words) - len(ev) + 1))


def test_evidence_is_a_real_sentence_of_the_input():
    result = run(STORY, ("constraint", "ownership", "tradeoff", "fallout"))
    for s in result.signals:
        assert s.hit, s.id
        assert _is_run_of_words(s.evidence, STORY), s
    by_id = {s.id: s for s in result.signals}
    assert by_id["ownership"].evidence == "I decided to drop the second retrieval pass."
    assert by_id["tradeoff"].evidence.startswith("That cost us")


def test_start_is_the_first_word_of_the_evidence_sentence():
    transcript = timed(STORY, start=1.5)
    result = run(transcript, ("constraint", "ownership", "fallout"))
    words = transcript.words
    for s in result.signals:
        first = s.evidence.split()[0]
        idx = next(i for i, w in enumerate(words)
                   if w.word == first and " ".join(w.word for w in words[i:]).startswith(
                       s.evidence))
        assert s.start == words[idx].start, s


def test_typed_text_has_no_start_times():
    result = run(STORY, ("ownership",))
    assert result.signals[0].hit and result.signals[0].start is None


def test_a_miss_has_no_evidence_and_results_keep_round_order():
    order = ("fallout", "caching", "ownership")
    result = run("I decided to move the export to a queue.", order)
    assert tuple(s.id for s in result.signals) == order
    caching = result.signals[1]
    assert not caching.hit and caching.evidence is None and caching.why is None


def test_first_appearance_is_reported():
    text = ("I owned the rollout. Later I also decided to kill the old cron job.")
    result = run(text, ("ownership",))
    assert result.signals[0].evidence == "I owned the rollout."


def test_evidence_from_unpunctuated_speech_is_cut_at_a_pause():
    text = "so we looked at the numbers for a while then i decided to drop the reranker"
    transcript = timed(text, gaps={9: 1.5})  # a pause before "then"
    s = run(transcript, ("ownership",)).signals[0]
    assert s.evidence == "then i decided to drop the reranker"
    assert s.start == transcript.words[9].start


def test_words_without_text_in_transcript_are_handled():
    transcript = Transcript(text="I decided to use Postgres.", words=(), timed=False)
    assert run(transcript, ("ownership",)).signals[0].hit
