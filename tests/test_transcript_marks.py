"""What the debrief marks in a transcript, from real analysed answers: the evidence sentences
the checklist quotes, the fillers and hedges the delivery counted, and the long pauses."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from mockloop.analysis.text import clean_word
from mockloop.session import Services
from mockloop.transcript import Segment, Transcript, Word
from mockloop.transcript_marks import (
    KIND_NAMES,
    KINDS,
    marks_of_kind,
    shown_kinds,
    transcript_marks,
    with_shown,
)

STORY = ("We had a hard deadline of two weeks to launch the billing page. Um, I decided to cut "
         "the export feature. We chose a nightly batch job over live sync, and we accepted "
         "stale numbers for a day. I think maybe that was fine, you know, and it probably "
         "saved the launch.")


@pytest.fixture
def services():
    s = Services()  # in the test's own data folder (tests/conftest.py)
    yield s
    s.close()


@pytest.fixture
def names(services):
    return {k: v.name for k, v in services.rubric.signals.items()}


def timed(services, text: str, gaps: dict[int, float] | None = None, round_id="story-90"):
    """The real analysis of `text` with word timings (word k starts 0.4 s after the one
    before, plus a silence of gaps[k] seconds before word k), as a recording gives."""
    gaps = gaps or {}
    words, t = [], 1.0
    for k, w in enumerate(text.split()):
        t += gaps.get(k, 0.0)
        words.append(Word(" " + w, round(t, 3), round(t + 0.3, 3)))
        t += 0.4
    transcript = Transcript.from_segments([Segment(text, words[0].start, words[-1].end,
                                                   tuple(words))], words[-1].end + 1.0)
    return services.build_report("swe", round_id, transcript)


def said(report, mark) -> str:
    return " ".join(w.word.strip() for w in report.transcript.words[mark.start_word:
                                                                     mark.end_word])


def test_a_typed_answer_marks_each_evidence_filler_and_hedge(services, names):
    report = services.analyze_text("swe", "story-90", STORY, save=False)
    marks = transcript_marks(report, names)
    hits = [s for s in report.analysis.signals if s.hit]
    assert hits
    evidence = marks_of_kind(marks, {"evidence"})
    # Every hit's quoted sentence is marked, exactly the words the checklist quotes.
    for s in hits:
        mark = next(m for m in evidence if s.id in m.signals)
        assert said(report, mark) == s.evidence
        assert names[s.id] in mark.label
    assert sum(len(m.signals) for m in evidence) == len(hits)
    # The fillers and hedges marked are the ones the delivery card counts, word for word.
    d = report.analysis.delivery
    fillers = marks_of_kind(marks, {"filler"})
    assert Counter(" ".join(clean_word(w) for w in said(report, m).split())
                   for m in fillers) == Counter(d.fillers_by_word)
    assert {said(report, m) for m in fillers} == {"Um,", "you know,"}
    hedges = marks_of_kind(marks, {"hedge"})
    assert Counter(" ".join(clean_word(w) for w in said(report, m).split())
                   for m in hedges) == Counter(d.hedges_by_phrase)
    assert {said(report, m) for m in hedges} == {"I think maybe", "probably"}
    assert "“um”" in fillers[0].label
    # Typed text: no times, no pauses.
    assert not marks_of_kind(marks, {"pause"})
    assert all(m.start_s is None for m in marks)
    assert [m.start_word for m in marks] == sorted(m.start_word for m in marks)


def test_the_dict_of_a_saved_report_gives_the_same_marks(services, names):
    report = timed(services, STORY, {20: 4.0})
    assert transcript_marks(report.to_dict(), names) == transcript_marks(report, names)


def test_a_long_pause_is_the_gap_before_the_word_after_it(services, names):
    words = STORY.split()
    k = words.index("We", 5)  # "... the export feature. ⏸ We chose ..."
    report = timed(services, STORY, {k: 4.2})
    pauses = marks_of_kind(transcript_marks(report, names), {"pause"})
    assert len(pauses) == 1
    p = pauses[0]
    assert p.start_word == p.end_word == k
    assert p.start_s == pytest.approx(report.transcript.words[k - 1].end)
    assert p.end_s == pytest.approx(report.transcript.words[k].start)
    assert p.label == "Pause of 4.3 s"  # 4.2 s more than the usual 0.1 s between words
    # A short gap is not one.
    assert not marks_of_kind(transcript_marks(timed(services, STORY, {k: 1.5})), {"pause"})


def test_timed_evidence_starts_when_the_checklist_says(services, names):
    report = timed(services, STORY)
    for m in marks_of_kind(transcript_marks(report, names), {"evidence"}):
        quoted = {s.start for s in report.analysis.signals if s.id in m.signals}
        assert quoted == {m.start_s}
        assert m.end_s == report.transcript.words[m.end_word - 1].end


def test_a_sentence_said_twice_is_marked_where_it_was_quoted(services, names):
    again = "We chose a nightly batch job over live sync, and we accepted stale numbers " \
            "for a day."
    report = timed(services, STORY + " " + again)
    tradeoff = next(s for s in report.analysis.signals if s.id == "tradeoff")
    assert tradeoff.hit and tradeoff.evidence == again
    mark = next(m for m in transcript_marks(report, names) if "tradeoff" in m.signals)
    first = mark.start_word
    assert report.transcript.words[first].start == tradeoff.start
    # Quoted at its second saying (as a report may be, when the first stands for another
    # signal): the mark follows the quote's time, not the first place the words occur.
    data = report.to_dict()
    second = len(STORY.split())
    entry = next(s for s in data["signals"] if s["id"] == "tradeoff")
    entry["start"] = data["transcript"]["words"][second]["start"]
    mark = next(m for m in transcript_marks(data, names) if "tradeoff" in m.signals)
    assert (mark.start_word, mark.end_word) == (second, second + len(again.split()))
    assert first != second


def test_no_more_are_marked_than_the_report_counted(services, names):
    """A report saved by an older mockloop (which counted fewer fillers) keeps its count."""
    data = copy.deepcopy(services.analyze_text("swe", "story-90", STORY, save=False).to_dict())
    data["delivery"]["fillers"]["by_word"] = {"um": 1}
    data["delivery"]["hedges"] = {"total": 0, "by_phrase": {}}
    marks = transcript_marks(data, names)
    assert [m.label for m in marks_of_kind(marks, {"filler"})] == ["Filler: “um”"]
    assert not marks_of_kind(marks, {"hedge"})


def test_a_lead_in_listed_as_a_pause_by_an_older_report_is_not_marked(services, names):
    data = timed(services, "Um, so we shipped it on time.", {0: 5.0}).to_dict()
    first = data["transcript"]["words"][0]["start"]
    data["delivery"]["long_pauses"] = [{"start": 0.0, "end": first}]
    assert not marks_of_kind(transcript_marks(data, names), {"pause"})


def test_no_words_or_a_mangled_report_gives_no_marks():
    assert transcript_marks({"transcript": {"text": "", "words": []}}) == []
    assert transcript_marks({"transcript": "nonsense", "signals": "x", "delivery": 3}) == []
    assert set(KIND_NAMES) == set(KINDS)


def test_which_kinds_are_shown_is_remembered_and_a_bad_value_never_fails():
    assert shown_kinds({}) == set(KINDS)
    saved = with_shown({"text_scale": 1.15}, {"evidence", "pause"})
    assert saved["text_scale"] == 1.15
    assert shown_kinds(saved) == {"evidence", "pause"}
    # Hand edits: not an object, not booleans, unknown kinds: those kinds stay on.
    assert shown_kinds({"transcript_marks": "off"}) == set(KINDS)
    assert shown_kinds({"transcript_marks": {"filler": 0, "hedge": False, "x": False}}) == \
        set(KINDS) - {"hedge"}
    assert shown_kinds(None) == set(KINDS)
