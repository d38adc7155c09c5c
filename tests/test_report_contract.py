"""Every report the command line prints keeps the committed contract (docs/report.schema.json):
the keys scripts rely on are there with their types, typed and spoken, saved and shown again."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from cli.helpers import mockloop

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "report.schema.json")
                    .read_text(encoding="utf-8"))
STORY = ("I chose the simpler queue over streaming because the deadline was two weeks away, and "
         "we gave up replay. As a result p99 fell from 800 to 200 ms. I decided it myself.")


def _check(report: dict) -> None:
    jsonschema.validate(report, SCHEMA)  # raises with the path of the first broken key


def test_the_schema_is_itself_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("role,round_id", [("swe", "story-90"), ("mle", "ml-design"),
                                            ("ai-engineer", "comp-anchor")])
def test_typed_reports_keep_the_contract_when_printed_shown_and_exported(
        mockloop_home, tmp_path, role, round_id):
    text = tmp_path / "answer.txt"
    text.write_text(STORY)
    printed = mockloop("analyze", "--role", role, "--round", round_id, "--text", text, "--json",
                       home=mockloop_home)
    assert printed.code == 0, printed.err
    _check(printed.json())
    shown = mockloop("show", "1", "--json", home=mockloop_home)
    _check(shown.json())
    exported = mockloop("export", "1", "-f", "json", home=mockloop_home)
    _check(json.loads(exported.out))


def test_a_report_missing_a_contract_key_is_caught(mockloop_home, tmp_path):
    text = tmp_path / "answer.txt"
    text.write_text(STORY)
    report = mockloop("analyze", "--role", "swe", "--round", "story-90", "--text", text,
                      "--json", "--no-save", home=mockloop_home).json()
    del report["signals"][0]["evidence"]
    with pytest.raises(jsonschema.ValidationError):
        _check(report)


@pytest.mark.slow
def test_a_spoken_report_keeps_the_contract(mockloop_home, speak):
    clip = speak("I would write the simplest version first and add a test for the empty input.")
    run = mockloop("analyze", "--role", "swe", "--round", "coding", clip, "--json",
                   home=mockloop_home)
    assert run.code == 0, run.err
    report = run.json()
    _check(report)
    assert all(isinstance(w["start"], float | int) for w in report["transcript"]["words"])
