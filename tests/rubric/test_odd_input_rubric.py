"""Odd user rubric files: absurdly deep nesting, and numbers that are not real lengths.

Each is one plain warning naming file and key; the built-in rounds keep working, and nothing
that reaches the history or the JSON output can be infinite or not a number.
"""

from __future__ import annotations

import json

import pytest
from cli.helpers import mockloop

from mockloop import paths
from mockloop.rubric import get_rubric, load_rubric, validate_user_rubric

from .test_user_rubric_errors import BUILTIN_ROUNDS, round_toml


def _strict_json(text: str):
    """json.loads that refuses Infinity/NaN, as every JSON reader but Python's does."""
    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def _deep(depth: int) -> str:
    return "a = " + "[" * depth + "]" * depth + "\n"


@pytest.mark.parametrize("text", [_deep(5000), "a = " + "{b = " * 3000 + "1" + "}" * 3000,
                                  "[rounds.mine]\nlength_s = 1" + "0" * 5000 + "\n"],
                         ids=["5000 nested lists", "3000 nested tables", "5000-digit number"])
def test_a_user_file_too_deep_to_parse_is_one_warning_and_builtins_still_load(text):
    path = paths.user_rubric_path()
    path.write_text(text, encoding="utf-8")
    rubric = load_rubric()
    assert list(rubric.rounds) == BUILTIN_ROUNDS
    assert len(rubric.warnings) == 1
    warning = rubric.warnings[0]
    assert warning.startswith("rubric.toml: ") and warning.endswith("the file was skipped")
    assert "Recursion" not in warning and "\n" not in warning
    assert validate_user_rubric(path) == [warning]


def test_deep_user_file_cli_check_reports_it_and_other_commands_still_work(mockloop_home):
    (mockloop_home / "rubric.toml").write_text(_deep(5000), encoding="utf-8")
    check = mockloop("rounds", "--check", home=mockloop_home)
    assert check.code == 2, check.err
    assert check.out.startswith("rubric.toml: ") and "Traceback" not in check.err + check.out
    listing = mockloop("rounds", home=mockloop_home)
    assert listing.code == 0, listing.err
    assert "story-90" in listing.out
    assert "warning: rubric.toml: " in listing.err and "unexpected" not in listing.err


BAD_NUMBERS = {
    "infinite length": ({"length_s": "inf", "amber_at_s": "60", "red_at_s": "100"},
                        "rounds.mine.length_s"),
    "absurd length": ({"length_s": "1e9", "amber_at_s": "60", "red_at_s": "100"},
                      "rounds.mine.length_s"),
    "a length beyond any float": ({"length_s": "1" + "0" * 400}, "rounds.mine.length_s"),
    "infinite overtime": ({"overtime_s": "inf"}, "rounds.mine.overtime_s"),
    "nan overtime": ({"overtime_s": "nan"}, "rounds.mine.overtime_s"),
}


@pytest.mark.parametrize("case", list(BAD_NUMBERS))
def test_numbers_must_be_finite_and_in_range(case):
    overrides, key = BAD_NUMBERS[case]
    paths.user_rubric_path().write_text(round_toml(**overrides), encoding="utf-8")
    rubric = get_rubric()
    assert "mine" not in rubric.rounds
    assert len(rubric.warnings) == 1, rubric.warnings
    assert rubric.warnings[0].startswith(f"rubric.toml: {key}: "), rubric.warnings
    assert rubric.warnings[0].endswith("the round was skipped")


def test_the_limit_is_three_hours_and_three_hours_is_fine():
    path = paths.user_rubric_path()
    path.write_text(round_toml(length_s="10801"), encoding="utf-8")
    assert validate_user_rubric(path) == [
        "rubric.toml: rounds.mine.length_s: must be at most 3 hours (10800 s), got 10801 s; "
        "the round was skipped"]
    path.write_text(round_toml(length_s="10800"), encoding="utf-8")
    assert validate_user_rubric(path) == []
    assert load_rubric().round("mine").length_s == 10800


def test_an_infinite_round_cannot_reach_the_commands(mockloop_home, tmp_path):
    (mockloop_home / "rubric.toml").write_text(
        round_toml(length_s="inf", amber_at_s="60", red_at_s="100"), encoding="utf-8")
    check = mockloop("rounds", "--check", home=mockloop_home)
    assert check.code == 2 and "rounds.mine.length_s" in check.out
    listing = mockloop("rounds", home=mockloop_home)
    assert listing.code == 0, listing.err
    listed = mockloop("rounds", "--json", home=mockloop_home)
    assert listed.code == 0, listed.err
    assert "mine" not in [r["id"] for r in _strict_json(listed.out)["rounds"]]
    answer = tmp_path / "answer.txt"
    answer.write_text("We chose the smaller model because latency mattered.", encoding="utf-8")
    run = mockloop("analyze", "--role", "swe", "--round", "mine", "--text", answer, "--json",
                   home=mockloop_home)
    assert run.code == 2 and "mine" in run.err and "unexpected" not in run.err
