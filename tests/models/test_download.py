"""`mockloop models download NAME` against a stand-in hub on 127.0.0.1 (never a real one)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from mockloop.asr import SpeechModel
from mockloop.asr.catalog import list_models
from mockloop.asr.download import OFFLINE, DownloadCancelled, download, models_root
from mockloop.errors import ModelError
from mockloop.paths import default_model_dir

pytestmark = pytest.mark.slow

MODEL_BIN = (default_model_dir() / "model.bin").stat().st_size


def _names() -> set[str]:
    return {e.name for e in list_models(with_speed=False)}


def _model_bin_gets(hub) -> list[str | None]:
    return [rng for method, path, rng, _h in hub.requests
            if method == "GET" and path.endswith("/model.bin")]


def test_a_download_is_listed_and_transcribes(hub, speak):
    seen: list[tuple[int, int]] = []
    path = download("base.en", progress=lambda done, total: seen.append((done, total)))
    assert path == (models_root() / "base.en").resolve()
    assert os.environ["HF_HUB_OFFLINE"] == "1"  # lifted for the download's own process only
    total = sum(len(b) for b in hub.files.values())
    assert seen[-1] == (total, total)  # progress in bytes, ending at 100%
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    models = {e.name: e for e in list_models()}
    assert models["base.en"].source == "downloaded" and models["base.en"].size_bytes == total
    assert models["tiny.en"].in_use  # choosing it is the user's move
    got = SpeechModel(path, cpu_threads=2).transcribe(
        speak("We shipped the ranking model last spring."))
    assert "ranking" in got.text.lower()
    assert any(p.endswith("/api/models/Systran/faster-whisper-base.en")
               for _m, p, _r, _h in hub.requests)
    assert not (models_root().parent / ".downloads" / "base.en").exists()


def test_a_dropped_connection_resumes_on_the_next_try(hub):
    hub.drop_after, hub.drops, hub.fail_after_drop = MODEL_BIN // 3, 1, True
    with pytest.raises(ModelError) as info:
        download("base.en")
    assert "connection dropped" in info.value.message and "again" in info.value.message
    assert "\n" not in info.value.message and "http" not in info.value.message.lower()
    assert not (models_root() / "base.en").exists() and "base.en" not in _names()
    assert "tiny.en" in _names()  # the built-in model is untouched
    hub.fail_after_drop = False
    path = download("base.en")
    assert (path / "model.bin").stat().st_size == MODEL_BIN
    last = _model_bin_gets(hub)[-1]  # asks only for the rest (from a whole 10 MiB chunk)
    assert last is not None and 0 < int(last.split("=")[1].rstrip("-")) <= MODEL_BIN // 3
    assert hub.served < MODEL_BIN * 1.5  # the first third was not fetched again
    assert "base.en" in _names()


def test_a_corrupt_file_is_refused_and_leaves_no_model(hub):
    hub.corrupt = True
    with pytest.raises(ModelError) as info:
        download("small.en")
    assert "did not match" in info.value.message
    assert not (models_root() / "small.en").exists() and "small.en" not in _names()
    hub.corrupt = False  # the next try fetches the refused file again, and is accepted
    assert (download("small.en") / "model.bin").stat().st_size == MODEL_BIN


def test_offline_is_one_sentence():
    with pytest.raises(ModelError) as info:  # HF_ENDPOINT points at a port nobody listens on
        download("distil-small.en")
    assert info.value.message == OFFLINE
    assert not (models_root() / "distil-small.en").exists()


def test_offline_on_the_command_line(tmp_path, mockloop_home):
    run = subprocess.run([sys.executable, "-m", "mockloop", "models", "download", "base.en"],
                         capture_output=True, text=True, timeout=120)  # env: see conftest
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1] == f"mockloop: {OFFLINE}"
    assert "Traceback" not in run.stderr and run.stdout == ""


def test_cancel_stops_at_once_and_the_next_try_continues(hub):
    hub.delay_s = 0.02  # about 25 s for the whole model.bin
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done > MODEL_BIN // 10:
            cancel.set()

    with pytest.raises(DownloadCancelled):
        download("base.en", progress=progress, cancel=cancel)
    assert not (models_root() / "base.en").exists()
    hub.delay_s = 0.0
    download("base.en")
    last = _model_bin_gets(hub)[-1]
    assert last is not None and int(last.split("=")[1].rstrip("-")) > 0


def test_an_unknown_name_lists_the_choices():
    with pytest.raises(Exception) as info:
        download("large-v9")
    assert "base.en, small.en, distil-small.en" in str(info.value)
