"""A known mishearing of one of the round's own terms is put right in the transcript the user
reads ("dick" -> "dict" in a coding round); outside a round that has the term, the word is left
as it was heard; timing and punctuation stay."""

from __future__ import annotations

from mockloop.asr.respell import respell
from mockloop.rubric import get_rubric
from mockloop.transcript import Segment, Word


def seg(*words: str) -> Segment:
    ws = tuple(Word(w, float(i), float(i) + 0.5, 0.9) for i, w in enumerate(words))
    return Segment(" ".join(words), 0.0, float(len(words)), ws)


def test_a_coding_round_reads_dict_and_o1_as_its_terms():
    vocabulary = get_rubric().round("coding").vocabulary
    (out,) = respell([seg("I'd", "use", "a", "dick,", "so", "lookups", "are", "O1.")], vocabulary)
    assert [w.word for w in out.words] == ["I'd", "use", "a", "dict,", "so", "lookups", "are",
                                           "O(1)."]
    assert out.text == "I'd use a dict, so lookups are O(1)."
    assert [(w.start, w.end) for w in out.words] == [(float(i), i + 0.5) for i in range(8)]


def test_a_round_without_the_term_keeps_the_word_as_heard():
    vocabulary = get_rubric().round("story-90").vocabulary
    (out,) = respell([seg("my", "manager", "Dick", "signed", "off")], vocabulary)
    assert [w.word for w in out.words] == ["my", "manager", "Dick", "signed", "off"]


def test_system_design_terms():
    vocabulary = get_rubric().round("system-design").vocabulary
    (out,) = respell([seg("events", "go", "to", "cafka", "and", "postgress")], vocabulary)
    assert out.text == "events go to Kafka and Postgres"
