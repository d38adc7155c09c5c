"""An exact range anchors: its width is at most a quarter of its low end (numbers.py)."""

from __future__ import annotations

import pytest

from mockloop.analysis.numbers import EXACT_RANGE_WIDTH, range_is_exact, spoken_ranges
from mockloop.analysis.text import tokenize

from .helpers import signal


def _ranges(text: str) -> list[tuple[float, float]]:
    return spoken_ranges([t.text for t in tokenize(text.split())])


@pytest.mark.parametrize("text", [
    "I'm looking for a base somewhere between 100 and 300 thousand.",
    "For base, anything from 150 to 200k works for me.",
    "My base expectation is one twenty to one eighty.",
    "I'd say base of $90,000 to $140,000.",
])
def test_a_wide_range_is_not_an_exact_range(text):
    assert not signal(text, "exact_range").hit


@pytest.mark.parametrize("text", [
    "My base range is 170 to 190k.",
    "I'd want one seventy to one ninety base.",
    "Base between $180,000 and $210,000, equity on top.",
    "For base I'm at one eighty-five to two ten.",
    "Base of 200 to 250 thousand.",  # exactly a quarter: still exact
])
def test_a_narrow_range_is_an_exact_range(text):
    assert signal(text, "exact_range").hit


def test_the_bound_is_a_quarter_of_the_low_end_inclusive():
    assert EXACT_RANGE_WIDTH == 0.25
    assert range_is_exact(160_000, 200_000)  # 25 %
    assert not range_is_exact(150_000, 200_000)  # 33 %: the borderline case is out
    assert range_is_exact(170_000, 190_000)


def test_spoken_figures_are_read_at_the_same_scale():
    assert _ranges("between 100 and 300 thousand") == [(100_000, 300_000)]
    assert _ranges("180-210k base") == [(180_000, 210_000)]
    assert _ranges("one eighty five to two ten") == [(185, 210)]
    assert _ranges("two hundred to two twenty five") == [(200, 225)]
    assert _ranges("between $1.8 and 2.1 million") == [(1_800_000, 2_100_000)]


def test_a_wide_range_next_to_an_exact_one_does_not_hide_it():
    text = "Base of 180 to 195k, and equity anywhere from 20 to 60 thousand a year."
    result = signal(text, "exact_range")
    assert result.hit and "180 to 195k" in result.evidence


def test_a_figure_the_recogniser_wrote_as_a_decimal_keeps_its_scale():
    assert _ranges("1.85 to 210") == [(185, 210)]
    assert _ranges("1.85 to 2.1 million") == [(1_850_000, 2_100_000)]
