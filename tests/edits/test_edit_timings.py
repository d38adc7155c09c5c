"""Correcting a transcript keeps the words' times, so replay still follows the words."""

from __future__ import annotations

import pytest
from helpers_edits import CASH, timed

from mockloop.analysis import analyze
from mockloop.edits import apply_edit, find_phrase, sentence_bounds
from mockloop.rubric import get_rubric
from mockloop.transcript import Transcript


def spans(t: Transcript) -> list[tuple[str, float | None, float | None]]:
    return [(w.word.strip(), w.start, w.end) for w in t.words]


def test_a_word_replaced_by_one_word_takes_its_time_span():
    t = timed(CASH)
    i = [w.word.strip() for w in t.words].index("catch")
    edited = apply_edit(t, i, i + 1, "cache")
    assert spans(edited)[i] == ("cache", t.words[i].start, t.words[i].end)
    assert spans(edited)[:i] == spans(t)[:i] and spans(edited)[i + 1:] == spans(t)[i + 1:]
    assert "a cache of prices" in edited.text and "catch" not in edited.text
    assert edited.timed and edited.duration_s == t.duration_s
    assert "catch" in t.text  # the transcript given is left as it was


def test_a_word_replaced_by_several_words_splits_its_span_evenly():
    t = timed("we used a dee bee for it")
    i = 3
    edited = apply_edit(apply_edit(t, i, i + 1, "dee"), i + 1, i + 2, "key value store")
    a, b = t.words[i + 1].start, t.words[i + 1].end
    got = spans(edited)[i + 1:i + 4]
    assert [g[0] for g in got] == ["key", "value", "store"]
    assert got[0][1] == a and got[-1][2] == b
    widths = [round(g[2] - g[1], 3) for g in got]
    assert max(widths) - min(widths) < 0.002
    assert [g[1] for g in got] == sorted(g[1] for g in got)  # in order: replay can follow


def test_a_sentence_edit_keeps_the_times_of_the_words_it_did_not_change():
    t = timed("so first we shard the users by region. then we add a catch in front of it.")
    start, end = sentence_bounds(t, 10)  # "catch" is in the second sentence
    assert t.words[start].word.strip() == "then"
    edited = apply_edit(t, start, end, "Then we add a cache in front, with a TTL.")
    old, new = spans(t), spans(edited)
    assert new[:start] == old[:start]
    # "Then we add a" and "in" keep their own times (case and punctuation aside)...
    for k in range(4):
        assert new[start + k][1:] == old[start + k][1:]
    assert new[start][0] == "Then"
    cache = [w[0] for w in new].index("cache")
    assert new[cache][1:] == old[[w[0] for w in old].index("catch")][1:]
    assert new[cache + 1][1:] == old[[w[0] for w in old].index("in")][1:]
    # ...and every word still has a time, in order.
    starts = [w[1] for w in new]
    assert None not in starts and starts == sorted(starts)


def test_an_inserted_word_sits_in_the_silence_between_its_neighbours():
    t = timed("we cache prices", step=1.0, length=0.4)
    edited = apply_edit(t, 1, 3, "cache the prices")
    the = spans(edited)[2]
    assert the[0] == "the"
    assert t.words[1].end <= the[1] <= the[2] <= t.words[2].start


def test_deleting_words_drops_them_and_their_times():
    t = timed("we um cache prices")
    edited = apply_edit(t, 1, 2, "")
    assert [w[0] for w in spans(edited)] == ["we", "cache", "prices"]
    assert edited.text == "we cache prices"


def test_a_typed_answer_keeps_its_line_breaks_and_has_no_times():
    t = Transcript.from_text("We keep a catch of prices.\n\nStale prices are fine.")
    i = [w.word for w in t.words].index("catch")
    edited = apply_edit(t, i, i + 1, "cache")
    assert edited.text == "We keep a cache of prices.\n\nStale prices are fine."
    assert not edited.timed and all(w.start is None for w in edited.words)


def test_a_word_range_outside_the_transcript_is_refused():
    t = timed("one two three")
    with pytest.raises(ValueError):
        apply_edit(t, 2, 5, "x")
    with pytest.raises(ValueError):
        apply_edit(t, 2, 1, "x")


def test_find_phrase_ignores_case_and_punctuation():
    t = timed("A catch, then another Catch. catch")
    assert find_phrase(t, "catch") == [(1, 2), (4, 5), (5, 6)]
    assert find_phrase(t, "then another") == [(2, 4)]


def test_the_corrected_transcript_scores_the_corrected_words():
    rubric = get_rubric()
    rnd, role = rubric.round("system-design"), rubric.role("swe")
    t = timed(CASH)
    hits = {s.id for s in analyze(t, rnd, role).signals if s.hit}
    assert "caching" not in hits
    i = [w.word.strip() for w in t.words].index("catch")
    edited = analyze(apply_edit(t, i, i + 1, "cache"), rnd, role)
    hit = {s.id: s for s in edited.signals}["caching"]
    assert hit.hit and "cache" in hit.evidence and hit.start == t.words[0].start


def test_a_saved_transcript_reads_back_as_it_was_scored():
    rubric = get_rubric()
    rnd, role = rubric.round("system-design"), rubric.role("swe")
    t = timed(CASH.replace("catch", "cache") + " um so we retry with backoff when it fails.")
    back = Transcript.from_dict(t.to_dict(), duration_s=t.duration_s)
    assert back.timed and spans(back) == spans(t)
    assert analyze(back, rnd, role) == analyze(t, rnd, role)
