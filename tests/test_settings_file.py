"""settings.json edited by hand: a bad field falls back alone, with one plain warning; saving
never loses the file (atomic write, unknown keys kept, an unreadable file kept aside)."""

from __future__ import annotations

import json
import logging
import wave

import pytest
from cli.helpers import mockloop

from mockloop.errors import StorageError
from mockloop.settings import Settings, load_settings, save_settings


def _write(home, data) -> None:
    text = data if isinstance(data, str) else json.dumps(data)
    (home / "settings.json").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "field,bad",
    [
        ("overtime_s", "abc"),
        ("overtime_s", -5),
        ("overtime_s", 601),
        ("overtime_s", True),
        ("overtime_s", [30]),
        ("model_dir", 5),
        ("model_dir", {"path": "/x"}),
        ("input_device", True),
        ("input_device", 1.5),
        ("last_role", 3),
        ("last_round", ""),
        ("window", [1, 2]),
    ],
)
def test_one_bad_field_falls_back_alone_with_one_warning(mockloop_home, caplog, field, bad):
    good = {"input_device": "USB Mic", "model_dir": "/models/base.en", "overtime_s": 45,
            "last_role": "mle", "last_round": "ml-design", "window": {"page": 2}}
    _write(mockloop_home, {**good, field: bad})
    with caplog.at_level(logging.WARNING, logger="mockloop"):
        s = load_settings()
    assert getattr(s, field) == getattr(Settings(), field)
    for name, value in good.items():
        if name != field:
            assert getattr(s, name) == value, name  # the rest of the file still counts
    assert len(s.warnings) == 1
    assert s.warnings[0].startswith(f"settings.json: {field} must be ")
    assert [r.getMessage() for r in caplog.records] == list(s.warnings)


def test_nan_overtime_is_refused(mockloop_home):
    _write(mockloop_home, '{"overtime_s": NaN, "last_role": "mle"}')
    s = load_settings()
    assert s.overtime_s is None and s.last_role == "mle"
    assert len(s.warnings) == 1


def test_empty_model_dir_means_the_built_in_model(mockloop_home):
    _write(mockloop_home, {"model_dir": "", "input_device": ""})
    s = load_settings()
    assert s.model_dir is None and s.input_device is None
    assert s.warnings == ()


def test_good_values_load_without_warnings(mockloop_home):
    _write(mockloop_home, {"input_device": 3, "overtime_s": 0, "model_dir": None})
    s = load_settings()
    assert (s.input_device, s.overtime_s, s.model_dir) == (3, 0.0, None)
    assert s.warnings == ()


def test_saving_keeps_keys_it_does_not_know(mockloop_home):
    _write(mockloop_home, {"overtime_s": 20, "theme": "dark"})
    save_settings(load_settings().with_(last_role="mle"))
    on_disk = json.loads((mockloop_home / "settings.json").read_text())
    assert on_disk["theme"] == "dark" and on_disk["overtime_s"] == 20
    assert "warnings" not in on_disk and "extra" not in on_disk
    # The last role is the window's state: state.json, not the preferences.
    assert "last_role" not in on_disk
    assert json.loads((mockloop_home / "state.json").read_text())["last_role"] == "mle"


def test_a_file_that_does_not_parse_is_kept_aside_when_settings_are_saved(mockloop_home):
    broken = '{"overtime_s": 30, "input_device": "USB Mic",}'  # a trailing comma
    _write(mockloop_home, broken)
    s = load_settings()
    assert s == Settings()
    assert s.warnings == ("settings.json is not valid JSON (line 1); using the default settings.",)
    save_settings(s.with_(last_role="mle"))
    assert (mockloop_home / "settings.json.broken").read_text() == broken
    assert load_settings().last_role == "mle"


def test_a_settings_file_that_cannot_be_written_is_a_plain_error(mockloop_home):
    (mockloop_home / "settings.json").mkdir()  # e.g. a folder in the way
    with pytest.raises(StorageError) as caught:
        save_settings(Settings(overtime_s=30.0))
    assert "could not be saved" in caught.value.message
    assert "\n" not in caught.value.message
    assert list(mockloop_home.glob("*.tmp")) == [] and list(mockloop_home.glob(".settings-*")) == []


def test_cli_analyze_text_with_a_bad_settings_file_works_and_warns_once(mockloop_home, tmp_path):
    _write(mockloop_home, {"overtime_s": "abc", "last_role": "mle"})
    answer = tmp_path / "answer.txt"
    answer.write_text("I would add a cache in front of the database and measure the hit rate.")
    run = mockloop("analyze", "--role", "swe", "--round", "coding", "--text", answer,
                   home=mockloop_home)
    assert run.code == 0, run.err
    warnings = [line for line in run.err.splitlines() if "settings" in line]
    assert warnings == [
        "mockloop: settings.json: overtime_s must be a number of seconds from 0 to 600; "
        "using each round's own allowance."
    ]
    assert "Traceback" not in run.err
    assert "Saved as round 1." in run.err


@pytest.mark.slow
@pytest.mark.parametrize("model_dir", [5, ""])
def test_cli_audio_with_a_bad_model_dir_uses_the_built_in_model(mockloop_home, tmp_path,
                                                                  model_dir):
    _write(mockloop_home, {"model_dir": model_dir})
    wav = tmp_path / "quiet.wav"
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\0\0" * 16000)
    run = mockloop("analyze", "--role", "swe", "--round", "coding", wav, "--json",
                   home=mockloop_home)
    assert run.code == 0, run.err
    assert run.json()["no_speech"] is True
    assert "Traceback" not in run.err and "TypeError" not in run.err
    warnings = [line for line in run.err.splitlines() if "settings.json" in line]
    assert len(warnings) == (1 if model_dir == 5 else 0)


# -- schema version, and the window's state kept apart ----------------------------------------


def test_settings_are_saved_with_version_2_and_without_the_window_state(mockloop_home):
    save_settings(Settings(overtime_s=30.0, last_role="mle", window={"page": 2}))
    on_disk = json.loads((mockloop_home / "settings.json").read_text())
    assert on_disk == {"version": 2, "input_device": None, "model_dir": None,
                       "overtime_s": 30.0}
    state = json.loads((mockloop_home / "state.json").read_text())
    assert state["last_role"] == "mle" and state["window"] == {"page": 2}
    again = load_settings()
    assert (again.overtime_s, again.last_role, again.window) == (30.0, "mle", {"page": 2})
    assert again.warnings == ()


def test_an_old_settings_file_migrates_without_losing_the_window_state(mockloop_home):
    old = {"input_device": "USB Mic", "overtime_s": 45, "last_role": "mle",
           "last_round": "ml-design", "window": {"page": 2, "text_scale": 1.25}}
    _write(mockloop_home, old)  # version 1: no version key, state and preferences together
    s = load_settings()
    assert s.warnings == ()
    assert (s.last_role, s.last_round, s.window) == ("mle", "ml-design", old["window"])
    save_settings(s.with_(overtime_s=60.0))  # the first save after the update
    on_disk = json.loads((mockloop_home / "settings.json").read_text())
    assert on_disk["version"] == 2 and on_disk["overtime_s"] == 60.0
    assert on_disk["input_device"] == "USB Mic"
    assert not {"last_role", "last_round", "window"} & set(on_disk)
    again = load_settings()
    assert (again.last_role, again.last_round, again.window) == ("mle", "ml-design",
                                                                  old["window"])


def test_once_state_json_exists_the_old_keys_are_not_read_again(mockloop_home):
    _write(mockloop_home, {"last_role": "mle"})
    (mockloop_home / "state.json").write_text(json.dumps({"version": 1, "last_role": "swe"}))
    assert load_settings().last_role == "swe"


def test_a_newer_settings_file_keeps_its_version_and_keys(mockloop_home):
    _write(mockloop_home, {"version": 3, "overtime_s": 20, "theme": "dark"})
    s = load_settings()
    assert s.overtime_s == 20.0 and s.warnings == ()
    save_settings(s)
    on_disk = json.loads((mockloop_home / "settings.json").read_text())
    assert on_disk["version"] == 3 and on_disk["theme"] == "dark"


def test_a_bad_version_is_one_warning_and_the_rest_counts(mockloop_home):
    _write(mockloop_home, {"version": "two", "overtime_s": 20})
    s = load_settings()
    assert s.overtime_s == 20.0
    assert len(s.warnings) == 1 and s.warnings[0].startswith("settings.json: version must be")


def test_a_broken_state_file_is_one_warning_and_the_preferences_still_count(mockloop_home):
    _write(mockloop_home, {"version": 2, "overtime_s": 20})
    (mockloop_home / "state.json").write_text("{nope")
    s = load_settings()
    assert s.overtime_s == 20.0 and s.last_role == Settings().last_role
    assert s.warnings == ("state.json is not valid JSON (line 1); using the window's "
                          "defaults.",)
