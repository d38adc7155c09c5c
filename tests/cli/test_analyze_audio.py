"""`mockloop analyze AUDIO`: real speech (espeak-ng) through the embedded model, end to end."""

from __future__ import annotations

import json
import math
import struct
import wave

import pytest
from support.speech import wer

from .helpers import assert_plain_error, mockloop

pytestmark = pytest.mark.slow

ML_ANSWER = (
    "First I would check the data quality. I would look for missing values, duplicate rows and "
    "noisy labels before training anything. To avoid leakage, I would split the data by time, so "
    "no future information reaches the features. I would monitor the prediction distribution in "
    "production and alert the team when it drifts. We would retrain the model every week, and the "
    "new model only replaces the old one if it wins on a fresh holdout set."
)


def test_spoken_ml_design_answer(speak, mockloop_home):
    wav = speak(ML_ANSWER, "answer.wav")
    run = mockloop(
        "analyze", "--role", "mle", "--round", "ml-design", wav, "--json", home=mockloop_home
    )
    assert run.code == 0, run.err
    data = run.json()
    assert data["no_speech"] is False
    assert wer(ML_ANSWER, data["transcript"]["text"]) <= 0.15
    hits = {s["id"] for s in data["signals"] if s["hit"]}
    assert {"data_quality", "label_leakage", "monitoring", "retraining"} <= hits
    assert "fallback" not in hits and "train_serve_skew" not in hits
    words = data["transcript"]["words"]
    assert words and all(w["start"] is not None for w in words)
    duration = data["delivery"]["duration_s"]
    for s in data["signals"]:
        if s["hit"]:
            assert 0 <= s["start"] <= duration
    assert data["delivery"]["wpm"] > 60
    assert data["dominant_lens"] == "model" and data["off_center"] is False
    assert "transcribe_s" in data["timings"]


@pytest.mark.parametrize(
    "kw,name,max_wer",
    [
        # Telephone-band audio loses the high frequencies: recognisable, but less exactly.
        ({"rate": 8000, "channels": 2}, "narrow-stereo.wav", 0.35),
        ({"rate": 48000}, "studio.wav", 0.2),
        ({"rate": 22050}, "answer.mp3", 0.2),
        ({"rate": 44100, "channels": 2}, "answer.flac", 0.2),
    ],
)
def test_unusual_but_valid_audio_just_works(speak, mockloop_home, kw, name, max_wer):
    text = (
        "I would add a cache in front of the database and expire entries after five "
        "minutes. When the queue gets too long, the service rejects new requests and "
        "tells the client to retry later."
    )
    path = speak(text, name, **kw)
    run = mockloop(
        "analyze",
        "--role",
        "swe",
        "--round",
        "system-design",
        path,
        "--json",
        "--no-save",
        home=mockloop_home,
    )
    assert run.code == 0, run.err
    assert wer(text, run.json()["transcript"]["text"]) <= max_wer


def _write_wav(path, samples, rate=16000):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", s) for s in samples))


def test_silence_and_noise_say_no_speech(tmp_path, mockloop_home):
    import random

    silent = tmp_path / "silence.wav"
    _write_wav(silent, [0] * 16000 * 5)
    rnd = random.Random(7)
    noisy = tmp_path / "noise.wav"
    _write_wav(noisy, [int(rnd.gauss(0, 2500)) for _ in range(16000 * 5)])
    hum = tmp_path / "hum.wav"
    _write_wav(hum, [int(3000 * math.sin(2 * math.pi * 50 * i / 16000)) for i in range(16000 * 5)])
    for path in (silent, noisy, hum):
        run = mockloop(
            "analyze",
            "--role",
            "swe",
            "--round",
            "coding",
            path,
            "--json",
            "--no-save",
            home=mockloop_home,
        )
        assert run.code == 0, run.err
        data = run.json()
        assert data["no_speech"] is True, (path.name, data["transcript"]["text"])
        assert data["transcript"]["text"] == ""
        assert not any(s["hit"] for s in data["signals"])


def test_bad_audio_is_one_plain_line(tmp_path, speak, mockloop_home):
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    text = tmp_path / "notes.wav"
    text.write_text("these are my notes, not audio\n" * 20)
    cut = tmp_path / "cut.wav"
    full = speak("This answer will be cut off in the middle of the file.", "full.wav").read_bytes()
    cut.write_bytes(full[: len(full) // 2])
    for path in (tmp_path / "missing.wav", empty, text, cut):
        run = mockloop(
            "analyze", "--role", "swe", "--round", "coding", path, "--json", home=mockloop_home
        )
        assert_plain_error(run)
        assert path.name in run.err
    assert mockloop("history", "--json", home=mockloop_home).json() == []


def test_audio_from_a_pipe_is_analysed_and_saved(speak, mockloop_home):
    # `mockloop analyze <(cat answer.wav)`: the shell passes /dev/fd/63, a pipe. It was
    # refused as "The audio file 63 is empty".
    import os
    import subprocess
    import sys
    import threading

    text = "I would add a cache in front of the database and expire entries after five minutes."
    data = speak(text, "piped.wav").read_bytes()
    r, w = os.pipe()

    def feed():
        with os.fdopen(w, "wb") as out:
            out.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    env = dict(os.environ, MOCKLOOP_HOME=str(mockloop_home), HF_HUB_OFFLINE="1")
    p = subprocess.run(
        [sys.executable, "-m", "mockloop", "analyze", "--role", "swe", "--round",
         "system-design", f"/dev/fd/{r}", "--json"],
        pass_fds=(r,), capture_output=True, text=True, env=env, timeout=300)
    os.close(r)
    writer.join(5)
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout)
    assert "database" in report["transcript"]["text"].lower()
    assert abs(report["delivery"]["duration_s"] - len(data[44:]) / 2 / 16000) < 0.1
    rows = mockloop("history", "--json", home=mockloop_home).json()
    assert len(rows) == 1 and rows[0]["status"] == "complete"


def test_a_fifo_nobody_writes_to_is_refused_instead_of_hanging(tmp_path, mockloop_home):
    import os

    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    run = mockloop("analyze", "--role", "swe", "--round", "coding", fifo,
                   home=mockloop_home, timeout=60)  # it used to wait forever
    assert_plain_error(run)
    assert "Nothing was written to the pipe" in run.err and str(fifo) in run.err
    assert mockloop("history", "--json", home=mockloop_home).json() == []
