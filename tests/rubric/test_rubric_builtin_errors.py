"""A broken built-in rubric stops loading with a RubricError naming the file and the key."""

from __future__ import annotations

import copy

import pytest

from mockloop.errors import RubricError
from mockloop.rubric.builtin import FILES, build, read_resource


@pytest.fixture
def tables():
    return {name.removesuffix(".toml"): copy.deepcopy(read_resource(name)) for name in FILES}


def test_the_shipped_tables_build(tables):
    assert len(build(**tables).rounds) == 7


def test_unknown_signal_in_a_builtin_round(tables):
    tables["rounds"]["coding"]["signals"][1] = "complexty"
    with pytest.raises(RubricError, match=r"^rubric/rounds\.toml: rounds\.coding\.signals\[1\]: "
                                          r"unknown signal 'complexty'"):
        build(**tables)


def test_role_loop_naming_a_missing_round(tables):
    tables["roles"]["swe"]["loop"].append("sys-design")
    with pytest.raises(RubricError, match=r"^rubric/roles\.toml: roles\.swe\.loop\[4\]: "
                                          r"unknown round 'sys-design'"):
        build(**tables)


def test_missing_lens(tables):
    del tables["lenses"]["model"]
    with pytest.raises(RubricError, match=r"^rubric/lenses\.toml: lenses: must define exactly"):
        build(**tables)


def test_prompts_for_an_unknown_round_and_duplicate_prompt_ids(tables):
    broken = copy.deepcopy(tables)
    broken["prompts"]["codingg"] = broken["prompts"].pop("coding")
    expected = r"^rubric/prompts\.toml: prompts\.codingg: unknown round"
    with pytest.raises(RubricError, match=expected):
        build(**broken)
    tables["prompts"]["coding"].append(dict(tables["prompts"]["coding"][0]))
    with pytest.raises(RubricError, match=r"^rubric/prompts\.toml: prompts\.coding\[4\]\.id: "
                                          r"duplicate prompt id"):
        build(**tables)


def test_checkpoint_after_the_end_of_a_builtin_round(tables):
    tables["rounds"]["story-90"]["checkpoints"][0]["at_s"] = 95
    with pytest.raises(RubricError, match=r"rounds\.story-90\.checkpoints\[0\]\.at_s: 95 s is "
                                          r"past the round's end"):
        build(**tables)


def test_signal_missing_its_suggestion(tables):
    del tables["signals"]["fallback"]["suggestion"]
    with pytest.raises(RubricError, match=r"^rubric/signals\.toml: signals\.fallback\.suggestion: "
                                          r"missing"):
        build(**tables)
