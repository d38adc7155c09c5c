"""A recording survives its process: SIGKILL mid-round, a full disk, a WAV left half-written."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
from support.vmic import align

from mockloop.audio import WavWriter, load_audio, recover_wav
from mockloop.errors import AudioError

CHILD = Path(__file__).with_name("record_child.py")
SENTENCE = (
    "Tell me about a model you shipped. We started with a simple baseline, measured it "
    "offline, then ran a shadow deployment before the real launch."
)


def _child(mode: str, *args: object, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, str(CHILD), mode, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, **kw.pop("env", {})},
        **kw,
    )


def _result(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=60)
    lines = [line for line in out.splitlines() if line.startswith("result ")]
    assert lines, f"no result from the child:\n{out[-2000:]}\n{err[-2000:]}"
    return json.loads(lines[-1].split(" ", 1)[1])


@pytest.mark.slow
def test_sigkill_mid_round_loses_at_most_a_second(speak, tmp_path):
    src = speak(SENTENCE, "answer.wav")
    ref = load_audio(src)
    out = tmp_path / "round.wav"
    proc = _child("crash", out, src)
    delivered = 0.0
    try:
        for line in proc.stdout:
            if line.startswith("delivered "):
                delivered = float(line.split()[1])
                if delivered >= 3.0:
                    break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert delivered >= 3.0, proc.stderr.read()[-2000:]
    seconds = recover_wav(out)
    assert delivered - 1.0 <= seconds <= delivered + 0.2
    got = load_audio(out)  # plays and loads like any other file once recovered
    assert abs(len(got) / 16000 - seconds) < 1e-3
    lag, corr = align(ref[: len(got) - 1600], got)
    assert lag == 0 and corr > 0.999
    with wave.open(str(out)) as w:  # the header now tells the truth to any player
        assert w.getnframes() == len(got)
    assert recover_wav(out) == seconds  # recovering again changes nothing


@pytest.mark.slow
def test_disk_full_keeps_what_was_written_and_says_how_much(speak, tmp_path):
    src = speak(SENTENCE, "answer.wav")
    out = tmp_path / "round.wav"
    limit = 44 + 2 * 16000 * 2  # room for exactly 2 s of audio

    def starve_disk() -> None:
        # Writes past the limit then fail with EFBIG, as they would with ENOSPC on a full disk.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = _result(_child("diskfull", out, src, preexec_fn=starve_disk))
    assert result["error"] == (
        "The disk has no room left for the recording; the first 2.0 s were kept in round.wav."
    )
    assert result["duration_s"] == pytest.approx(2.0, abs=1e-3)
    got = load_audio(out)
    assert len(got) == 32000
    ref = load_audio(src)
    assert align(ref[:30000], got)[1] > 0.999


def test_wav_writer_header_is_current_while_recording(tmp_path):
    path = tmp_path / "live.wav"
    tone = (0.3 * np.sin(np.arange(16000) / 5)).astype(np.float32)
    writer = WavWriter(path, sync_interval_s=0.0)
    writer.write(tone)
    # Another process reading mid-recording sees a complete, valid file.
    assert len(load_audio(path)) == 16000
    writer.write(tone)
    writer.close()
    assert len(load_audio(path)) == 32000


def test_recover_truncates_a_half_written_sample(tmp_path):
    path = tmp_path / "torn.wav"
    with WavWriter(path) as writer:
        writer.write(np.zeros(8000, np.float32))
    with open(path, "ab") as f:
        f.write(b"\x01")  # the process died halfway through a sample
    assert recover_wav(path) == 0.5
    assert path.stat().st_size == 44 + 16000


def test_recover_leaves_a_complete_file_with_trailing_chunks_alone(speak, tmp_path):
    path = speak("short", "tagged.wav")
    size = path.stat().st_size
    with open(path, "ab") as f:
        f.write(b"LIST" + (12).to_bytes(4, "little") + b"INFOISFT\x00\x00\x00\x00")
    expected = len(load_audio(path)) / 16000
    assert recover_wav(path) == pytest.approx(expected, abs=1e-3)
    assert path.stat().st_size == size + 20


def test_recover_refuses_what_is_not_a_wav(tmp_path):
    path = tmp_path / "notes.wav"
    path.write_text("not audio")
    with pytest.raises(AudioError, match="not a WAV file"):
        recover_wav(path)
