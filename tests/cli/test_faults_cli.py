"""Faults a user can run into from the command line: a broken model, a broken data folder."""

from __future__ import annotations

import json

import pytest

from .helpers import assert_plain_error, mockloop

ANSWER = "I would start with the simplest loop and add a test for the empty list."


def _analyze_typed(home):
    return mockloop(
        "analyze",
        "--role",
        "swe",
        "--round",
        "coding",
        "--text",
        "-",
        "--json",
        stdin=ANSWER,
        home=home,
    )


@pytest.mark.slow
def test_missing_or_corrupt_model_is_a_plain_error_and_history_still_works(
    tmp_path, speak, mockloop_home
):
    wav = speak(ANSWER, "a.wav")
    missing = mockloop(
        "analyze",
        "--role",
        "swe",
        "--round",
        "coding",
        wav,
        "--model",
        tmp_path / "no-such-model",
        home=mockloop_home,
    )
    assert_plain_error(missing)
    assert "model" in missing.err.lower()

    broken = tmp_path / "broken-model"
    broken.mkdir()
    for name in ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt"):
        (broken / name).write_text("not a model")
    corrupt = mockloop(
        "analyze", "--role", "swe", "--round", "coding", wav, "--model", broken, home=mockloop_home
    )
    assert_plain_error(corrupt)

    # A broken model in the settings does not stop typed answers or the history.
    (mockloop_home / "settings.json").write_text(json.dumps({"model_dir": str(broken)}))
    text = _analyze_typed(mockloop_home)
    assert text.code == 0, text.err
    assert mockloop("history", "--json", home=mockloop_home).json()[0]["round"] == "coding"


def test_data_folder_that_cannot_be_created_is_a_plain_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the data folder should be")
    run = mockloop("history", home=blocker / "home")
    assert_plain_error(run)


def test_settings_file_garbage_falls_back_to_defaults(mockloop_home):
    (mockloop_home / "settings.json").write_text("{not json")
    run = _analyze_typed(mockloop_home)
    assert run.code == 0, run.err


def test_unknown_input_device_is_a_plain_error(mockloop_home):
    run = mockloop(
        "practice",
        "--role",
        "swe",
        "--round",
        "coding",
        "--headless",
        "--duration",
        "2",
        "--device",
        "no such microphone",
        home=mockloop_home,
    )
    assert_plain_error(run)
