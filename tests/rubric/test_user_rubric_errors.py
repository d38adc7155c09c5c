"""Each kind of mistake in a user rubric.toml is named with file and key; built-ins still load."""

from __future__ import annotations

import textwrap

import pytest

from mockloop import paths
from mockloop.rubric import get_rubric, load_rubric, validate_user_rubric

BUILTIN_ROUNDS = ["story-90", "coding", "system-design", "ml-design", "ai-design",
                  "failure-followup", "comp-anchor"]


def round_toml(round_id: str = "mine", **overrides: str) -> str:
    """A valid user round, with some lines replaced (value None drops the key)."""
    keys = {
        "title": '"My round"',
        "length_s": "120",
        "lens": '"role"',
        "signals": '["tradeoff", "constraint", "fallout"]',
    }
    keys.update(overrides)
    body = "\n".join(f"{k} = {v}" for k, v in keys.items() if v is not None)
    return (f"[rounds.{round_id}]\n{body}\n\n[[rounds.{round_id}.prompts]]\n"
            f'id = "q1"\ntext = "Tell me about it."\n')


CASES = {
    "vocabulary not a list": (round_toml(vocabulary='"Postgres"'),
                              "rubric.toml: rounds.mine.vocabulary: expected a list", "mine"),
    "vocabulary term too long": (round_toml(vocabulary=f'["{"x" * 41}"]'),
                                 "rubric.toml: rounds.mine.vocabulary[0]: must be a word or short "
                                 "phrase", "mine"),
    "vocabulary too long": (round_toml(vocabulary=str([f"t{i}" for i in range(41)])),
                            "rubric.toml: rounds.mine.vocabulary: has 41 terms", "mine"),
    "toml syntax": ("[rounds.mine\ntitle = 1\n", "rubric.toml: not valid TOML", None),
    "wrong type for length": (round_toml(length_s='"two minutes"'),
                              "rubric.toml: rounds.mine.length_s: expected a number, got a string",
                              "mine"),
    "boolean is not a number": (round_toml(length_s="true"),
                                "rubric.toml: rounds.mine.length_s: expected a number", "mine"),
    "signals not a list": (round_toml(signals='"tradeoff"'),
                           "rubric.toml: rounds.mine.signals: expected a list", "mine"),
    "missing title": (round_toml(title=None), "rubric.toml: rounds.mine.title: missing", "mine"),
    "missing length": (round_toml(length_s=None), "rubric.toml: rounds.mine.length_s: missing",
                       "mine"),
    "unknown signal": (round_toml(signals='["tradeoff", "constraint", "tradoff"]'),
                       ("rubric.toml: rounds.mine.signals[2]: unknown signal 'tradoff' "
                       "(did you mean 'tradeoff'?)"), "mine"),
    "duplicate signal": (round_toml(signals='["tradeoff", "fallout", "tradeoff"]'),
                         "rubric.toml: rounds.mine.signals[2]: duplicate signal 'tradeoff'",
                         "mine"),
    "unknown lens": (round_toml(lens='"producct"'),
                     "rubric.toml: rounds.mine.lens: unknown lens 'producct'", "mine"),
    "zero length": (round_toml(length_s="0"),
                    "rubric.toml: rounds.mine.length_s: must be more than 0 seconds", "mine"),
    "negative length": (round_toml(length_s="-90"),
                        "rubric.toml: rounds.mine.length_s: must be more than 0 seconds", "mine"),
    "red before amber": (round_toml(amber_at_s="100", red_at_s="80"),
                         "rubric.toml: rounds.mine.red_at_s: must come after amber_at_s", "mine"),
    "red after the end": (round_toml(amber_at_s="60", red_at_s="130"),
                          "rubric.toml: rounds.mine.red_at_s: must come before the round ends",
                          "mine"),
    "negative overtime": (round_toml(overtime_s="-5"),
                          "rubric.toml: rounds.mine.overtime_s: cannot be negative", "mine"),
    "misspelt key": (round_toml(lenght_s="120"),
                     "rubric.toml: rounds.mine.lenght_s: unknown key (did you mean 'length_s'?)",
                     "mine"),
    "bad round id": (round_toml(round_id='"My Round"'),
                     "rubric.toml: rounds.My Round: round id 'My Round' must use lowercase",
                     "My Round"),
    "duplicate round id": (round_toml(round_id="coding"),
                           "rubric.toml: rounds.coding: duplicate round id: 'coding' is built in",
                           None),
    "checkpoint past the end": (
        round_toml() + "\n[[rounds.mine.checkpoints]]\nat_s = 150\nlabel = \"late\"\n",
        ("rubric.toml: rounds.mine.checkpoints[0].at_s: 150 s is past the round's end "
        "(length_s = 120 s)"), "mine"),
    "checkpoint with a signal the round does not score": (
        round_toml() + '\n[[rounds.mine.checkpoints]]\nat_s = 30\nlabel = "x"\n'
        'signals = ["monitoring"]\n',
        ("rubric.toml: rounds.mine.checkpoints[0].signals[0]: 'monitoring' is not one of this "
        "round's signals"), "mine"),
    "round without prompts": (
        '[rounds.mine]\ntitle = "x"\nlength_s = 60\nsignals = ["tradeoff"]\n',
        "rubric.toml: rounds.mine: has no prompts", "mine"),
    "duplicate prompt id in a new round": (
        round_toml() + '\n[[rounds.mine.prompts]]\nid = "q1"\ntext = "Again."\n',
        "rubric.toml: rounds.mine.prompts[1].id: duplicate prompt id 'q1'", "mine"),
    "prompt for an unknown round": (
        '[[prompts.story-900]]\nid = "x"\ntext = "Tell me."\n',
        "rubric.toml: prompts.story-900: unknown round 'story-900' (did you mean 'story-90'?)",
        None),
    "prompt missing its text": ('[[prompts.coding]]\nid = "x"\n',
                                "rubric.toml: prompts.coding[0].text: missing", None),
    "prompt text of the wrong type": ('[[prompts.coding]]\nid = "x"\ntext = 3\n',
                                      "rubric.toml: prompts.coding[0].text: expected a string",
                                      None),
    "prompt reusing a built-in prompt id": (
        '[[prompts.coding]]\nid = "lru-cache"\ntext = "Mine."\n',
        "rubric.toml: prompts.coding[0].id: duplicate prompt id 'lru-cache'", None),
    "prompts not an array of tables": ('[prompts]\ncoding = "Write a parser."\n',
                                       "rubric.toml: prompts.coding: expected a list of tables",
                                       None),
    "a section users cannot add": ('[signals.charisma]\nname = "Charisma"\n',
                                   "rubric.toml: signals: unknown section", None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_user_file_is_reported_by_file_and_key_and_builtins_still_load(case):
    text, message, skipped_round = CASES[case]
    path = paths.user_rubric_path()
    path.write_text(textwrap.dedent(text), encoding="utf-8")

    rubric = get_rubric()

    assert any(w.startswith(message) for w in rubric.warnings), rubric.warnings
    assert list(rubric.rounds)[:7] == BUILTIN_ROUNDS
    assert len(rubric.roles) == 3 and len(rubric.signals) == 39
    if skipped_round:
        assert skipped_round not in rubric.rounds
    assert validate_user_rubric(path) == list(rubric.warnings)


def test_good_entries_survive_next_to_bad_ones():
    path = paths.user_rubric_path()
    path.write_text(
        round_toml("good-one") + round_toml("bad-one", signals='["nope"]')
        + '[[prompts.coding]]\nid = "fine"\ntext = "Reverse a linked list."\n'
        + '[[prompts.coding]]\nid = "Not OK"\ntext = "Bad id."\n',
        encoding="utf-8",
    )
    rubric = load_rubric()
    assert "good-one" in rubric.rounds and "bad-one" not in rubric.rounds
    assert rubric.round("coding").prompt("fine").text == "Reverse a linked list."
    assert [w.split(":")[1].strip() for w in rubric.warnings] == [
        "rounds.bad-one.signals[0]", "prompts.coding[1].id"]
    assert all(w.endswith("was skipped") for w in rubric.warnings)


def test_unreadable_bytes_skip_the_file_with_one_warning():
    path = paths.user_rubric_path()
    path.write_bytes(b"\xff\xfe[rounds]\n")
    rubric = load_rubric()
    assert rubric.warnings == ("rubric.toml: is not UTF-8 text; the file was skipped",)
    assert list(rubric.rounds) == BUILTIN_ROUNDS
