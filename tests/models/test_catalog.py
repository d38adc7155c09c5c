"""The models a user can pick, found without the network, and their speed on this machine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mockloop.asr.catalog import LIVE_RTF_LIMIT, list_models, measure_speed
from mockloop.paths import default_model_dir

BUILTIN = default_model_dir()
FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")


def _hf_cache_model(hub_cache: Path, repo: str, rev: str = "a" * 40, files=FILES) -> Path:
    """A snapshot laid out as huggingface_hub lays it: files are symlinks into blobs/."""
    repo_dir = hub_cache / f"models--{repo.replace('/', '--')}"
    snap = repo_dir / "snapshots" / rev
    (repo_dir / "blobs").mkdir(parents=True, exist_ok=True)
    snap.mkdir(parents=True)
    for name in files:
        blob = repo_dir / "blobs" / f"{name}.blob"
        blob.symlink_to(BUILTIN / name)
        (snap / name).symlink_to(Path("..", "..", "blobs", blob.name))
    (repo_dir / "refs").mkdir(exist_ok=True)
    (repo_dir / "refs" / "main").write_text(rev)
    return snap


def _folder_model(path: Path) -> Path:
    path.mkdir(parents=True)
    for name in FILES:
        (path / name).symlink_to(BUILTIN / name)
    return path


def test_builtin_user_folder_and_hf_cache_models_are_listed(tmp_path):
    cache = Path(os.environ["HF_HOME"]) / "hub"
    _hf_cache_model(cache, "Systran/faster-whisper-base.en")
    _hf_cache_model(cache, "Systran/faster-distil-whisper-small.en")
    _hf_cache_model(cache, "Systran/faster-whisper-small.en", files=FILES[1:])  # no model.bin
    _hf_cache_model(cache, "bert-base/uncased")  # not a whisper model
    mine = _folder_model(tmp_path / "my-medium")
    models = {e.name: e for e in list_models(str(mine))}
    assert set(models) == {"tiny.en", "base.en", "distil-small.en", "my-medium"}
    assert models["tiny.en"].source == "built-in" and not models["tiny.en"].in_use
    assert models["my-medium"].in_use and models["my-medium"].source == "folder"
    assert models["base.en"].source == "cache"
    assert models["base.en"].path.parent.name == "snapshots"
    size = sum((BUILTIN / f).stat().st_size for f in FILES)
    assert models["base.en"].size_bytes == size == models["tiny.en"].size_bytes
    assert [e.name for e in list_models(None) if e.in_use] == ["tiny.en"]


def test_hf_hub_cache_variable_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "elsewhere"))
    _hf_cache_model(tmp_path / "elsewhere", "Systran/faster-whisper-small.en")
    assert "small.en" in {e.name for e in list_models()}


@pytest.mark.slow
def test_speed_is_measured_cached_and_says_whether_live_keeps_up(tmp_path, speak):
    from mockloop.audio import load_audio

    audio = load_audio(speak("So the first thing I would do is look at the data we already "
                             "have, then pick a simple baseline."))
    speed = measure_speed(BUILTIN, audio=audio)
    assert 0 < speed.rtf < 10 and speed.keeps_up == (speed.rtf <= LIVE_RTF_LIMIT)
    tiny = next(e for e in list_models() if e.name == "tiny.en")
    assert tiny.speed == speed and tiny.keeps_up is speed.keeps_up  # from the data folder
    copy = _folder_model(tmp_path / "copy")
    assert next(e for e in list_models(str(copy)) if e.in_use).speed is None  # never measured
    out = subprocess.run([sys.executable, "-m", "mockloop", "models", "--json"],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    listed = {m["name"]: m for m in json.loads(out)}
    assert listed["tiny.en"]["in_use"] and listed["tiny.en"]["rtf"] == round(speed.rtf, 3)
    assert listed["tiny.en"]["keeps_up_live"] is speed.keeps_up
    text = subprocess.run([sys.executable, "-m", "mockloop", "models"], capture_output=True,
                          text=True, timeout=120, check=True).stdout
    row = next(line for line in text.splitlines() if "tiny.en" in line)
    assert row.startswith("*") and f"{speed.rtf:.2f}x" in row and "built-in" in row


def _models(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mockloop", "models", *args],
                          capture_output=True, text=True, timeout=120)


def test_models_use_switches_every_round_and_command_to_the_chosen_model(mockloop_home):
    from mockloop.settings import load_settings

    folder = _folder_model(mockloop_home / "my-models" / "tiny-copy")
    chosen = _models("use", str(folder), "--json")
    assert chosen.returncode == 0, chosen.stderr
    assert json.loads(chosen.stdout)["in_use"] is True
    assert load_settings().model_dir == str(folder)
    listed = {m["name"]: m for m in json.loads(_models("--json").stdout)}
    assert listed["tiny-copy"]["in_use"] and not listed["tiny.en"]["in_use"]

    back = _models("use", "tiny.en")
    assert back.returncode == 0 and "now uses tiny.en" in back.stdout
    assert load_settings().model_dir is None


def test_models_use_refuses_what_is_not_a_model_and_keeps_the_choice(mockloop_home):
    from mockloop.settings import load_settings

    folder = _folder_model(mockloop_home / "good")
    assert _models("use", str(folder)).returncode == 0
    empty = mockloop_home / "empty"
    empty.mkdir()
    for name in ("no-such-model", str(empty)):
        out = _models("use", name)
        assert out.returncode != 0
        assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
        assert load_settings().model_dir == str(folder)  # the earlier choice stands
    assert "Name the model to use" in _models("use").stderr
