"""analyze() never raises, whatever the text, and its numbers stay well formed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockloop.analysis import analyze
from mockloop.transcript import Segment, Transcript, Word

from .helpers import ALL_SIGNALS, ROLES, make_round

ROUND = make_round()


def _check(result) -> None:
    assert tuple(s.id for s in result.signals) == ALL_SIGNALS
    for s in result.signals:
        assert (s.evidence is not None) == s.hit
    lens = result.lens
    total = lens.product + lens.model + lens.system
    assert total == 0.0 or abs(total - 1.0) < 1e-9
    assert (lens.dominant is None) == (total == 0.0)
    assert result.delivery.words >= 0 and result.delivery.fillers_total >= 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode_text(text):
    _check(analyze(Transcript.from_text(text), ROUND, ROLES["mle"]))


VOCAB = ["we", "i", "not", "no", "never", "fallback", "cache", "ttl", "if", "the", "model",
         "fails", "o(n)", "one", "eighty", "$180k-$210k", "um", "like", "you", "know", ",", ".",
         "/api/{id}", "send(", "kind", "of", "isn't", "\u2019s", "\u00e9t\u00e9", "\U0001f600"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=200))
def test_word_salad_from_signal_vocabulary(words):
    _check(analyze(Transcript.from_text(" ".join(words)), ROUND, ROLES["swe"]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12),
                          st.floats(min_value=0, max_value=1e4, allow_nan=False),
                          st.floats(min_value=0, max_value=5)), max_size=80),
       st.one_of(st.none(), st.floats(min_value=0, max_value=1e4, allow_nan=False)))
def test_arbitrary_timed_words(items, duration):
    words = tuple(Word(w, s, s + d, 0.5) for w, s, d in sorted(items, key=lambda x: x[1]))
    seg = Segment(text=" ".join(w.word for w in words), start=None, end=None, words=words)
    result = analyze(Transcript.from_segments([seg], duration_s=duration), ROUND,
                     ROLES["ai-engineer"])
    _check(result)
    d = result.delivery
    assert all(p.end - p.start >= 3.0 - 1e-6 for p in d.long_pauses)


def test_empty_and_whitespace_only():
    for text in ("", " ", "\n\t  \r\n", "\u00a0\u2003"):
        result = analyze(Transcript.from_text(text), ROUND, ROLES["swe"])
        _check(result)
        assert not any(s.hit for s in result.signals)
        assert result.lens.dominant is None and result.delivery.words == 0


def test_huge_answer_of_100k_words():
    sentence = ("um so if the model is not confident we fall back to keyword search and i "
                "decided to cache results with a ttl of five minutes. ")
    text = sentence * (100_000 // len(sentence.split()) + 1)
    result = analyze(Transcript.from_text(text), ROUND, ROLES["swe"])
    _check(result)
    assert result.delivery.words >= 100_000
    assert {s.id for s in result.signals if s.hit} >= {"fallback", "ownership", "caching"}
