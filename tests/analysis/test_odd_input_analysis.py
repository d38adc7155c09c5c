"""Pathological answers: one enormous token, long runs of digits or punctuation, a word
repeated tens of thousands of times. Analysis finishes (linear work: these took minutes, or
crashed, before) and gives a sane result. Timings are in benchmarks/bench_pathological.py;
here pytest-timeout only stops a quadratic regression from hanging the run.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockloop.analysis import analyze
from mockloop.analysis.limits import MAX_TEXT_BYTES, check_text_size
from mockloop.analysis.text import tokenize
from mockloop.errors import UserError
from mockloop.transcript import Transcript

from .helpers import ALL_SIGNALS, ROLES, make_round

pytestmark = pytest.mark.timeout(60)

ROUND = make_round()  # every signal: every phrase family reads the answer
KB = 1024

PATHOLOGICAL = {
    "one 1 MB token": "a" * (1024 * KB),
    "one 200 KB token that starts like a lexicon stem": "latenc" * (200 * KB // 6),
    "one 200 KB run of digits": "1" * (200 * KB),
    "dots inside a word": "a" + "." * (200 * KB) + "a",
    "commas inside a word": "a" + "," * (200 * KB) + "a",
    "semicolons inside a word": "a" + ";" * (200 * KB) + "a",
    "hashes inside a word": "a" + "#" * (200 * KB) + "a",
    "a number tail of dots": "1 .1" + "." * (200 * KB) + "x",
    "number pieces glued back together": "1" + " .1" * (200 * KB // 3),
    "'one hundred' said 2500 times": "one hundred " * 2500,
    "'so' said 50,000 times": "so " * 50_000,
    "digits one by one": "1 " * (50 * KB // 2),
    "a word of 66,000 hyphenated pieces": "-".join(["ab"] * (200 * KB // 3)),
}


def _check_sane(text: str, result) -> None:
    assert tuple(s.id for s in result.signals) == ALL_SIGNALS
    spoken = " ".join(text.split())
    for s in result.signals:
        assert (s.evidence is not None) == s.hit
        if s.hit:
            assert s.evidence in spoken  # the speaker's own words, never invented
    lens = result.lens
    total = lens.product + lens.model + lens.system
    assert total == 0.0 or abs(total - 1.0) < 1e-9
    assert result.delivery.words == len(text.split())
    assert result.delivery.duration_s is None  # typed: no timings made up


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_answer_finishes_with_a_sane_result(name):
    text = PATHOLOGICAL[name]
    _check_sane(text, analyze(Transcript.from_text(text), ROUND, ROLES["swe"]))


@pytest.mark.parametrize(("spoken", "digits"), [
    ("one hundred " * 3000, ["100"] * 3000),
    ("one thousand two thousand three thousand", ["1000", "2000", "3000"]),
    ("a hundred and one hundred", ["100", "and", "100"]),
    ("one hundred twenty thousand three hundred five", ["120305"]),
])
def test_spoken_numbers_stay_numbers_of_a_sensible_size(spoken, digits):
    # "one hundred" again and again is many hundreds, not one number of 6000 digits.
    assert [t.text for t in tokenize(spoken.split())] == digits


BLOCKS = ["a", "1", ".", ",", ";", "-", "/", "'", "$", "%", "(", "one", "hundred", "thousand",
          "so", "not", "we", "um", "like", "latency", "tradeoff", "...", "—", "k", "\u00e9"]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(st.sampled_from(BLOCKS), st.integers(1, 3000),
                          st.sampled_from(["", " ", "-", "."])), min_size=1, max_size=6))
def test_runs_of_anything_finish_with_a_sane_result(runs):
    text = " ".join((block + sep) * count for block, count, sep in runs)
    _check_sane(text, analyze(Transcript.from_text(text), ROUND, ROLES["mle"]))


def test_typed_text_is_capped_at_200_kb_with_one_sentence():
    assert check_text_size("a" * MAX_TEXT_BYTES) == "a" * MAX_TEXT_BYTES
    assert check_text_size("\u00e9" * (MAX_TEXT_BYTES // 2))  # 2 bytes each: exactly 200 KB
    with pytest.raises(UserError) as info:
        check_text_size("\u00e9" * (MAX_TEXT_BYTES // 2 + 1))
    message = str(info.value)
    assert "\n" not in message and "200 KB" in message and "not analysed" in message
    with pytest.raises(UserError, match=r"^The answer is 10 MB, over the 200 KB of text"):
        check_text_size("word " * (2 * 1024 * KB))
