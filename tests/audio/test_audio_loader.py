"""Loading user audio files: every common format comes back as 16 kHz mono; bad files say why."""

from __future__ import annotations

import shutil
import struct
import subprocess

import numpy as np
import pytest
from support.vmic import align

from mockloop.audio import MAX_DURATION_S, audio_duration, load_audio
from mockloop.errors import AudioError

SENTENCE = "We log every prediction so that we can retrain the model when the data drifts."


@pytest.fixture
def reference(speak):
    """The sentence as a 16 kHz mono WAV, and its samples."""
    path = speak(SENTENCE, "reference.wav")
    return path, load_audio(path)


@pytest.mark.parametrize(
    ("name", "kw"),
    [
        ("narrow.wav", {"rate": 8000, "channels": 2}),
        ("studio.wav", {"rate": 48000}),
        ("answer.flac", {"rate": 44100, "channels": 2}),
        ("answer.ogg", {"rate": 22050}),
        ("answer.mp3", {"rate": 44100, "channels": 2}),
    ],
)
def test_common_formats_load_as_16k_mono_of_the_right_length(speak, reference, name, kw):
    _, ref = reference
    path = speak(SENTENCE, name, **kw)
    audio = load_audio(path)
    assert audio.dtype == np.float32 and audio.ndim == 1
    # MP3 encoders pad a few tens of milliseconds; everything else is exact to a block.
    assert abs(len(audio) - len(ref)) / 16000 < 0.1
    assert abs(audio_duration(path) - len(ref) / 16000) < 0.1
    _lag, corr = align(ref[: len(ref) - 3200], audio)
    # 8 kHz keeps only the band below 4 kHz, so it matches less closely than the others.
    assert corr > (0.8 if kw.get("rate") == 8000 else 0.9)


def test_m4a_from_ffmpeg_loads(speak, tmp_path, reference):
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg is needed to make an M4A file")
    src, ref = reference
    out = tmp_path / "answer.m4a"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-i", str(src), str(out)], check=True)
    audio = load_audio(out)
    assert abs(len(audio) - len(ref)) / 16000 < 0.1


def _error(path) -> str:
    with pytest.raises(AudioError) as info:
        load_audio(path)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_missing_file(tmp_path):
    assert "does not exist" in _error(tmp_path / "nowhere.wav")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.mp3"
    path.write_bytes(b"")
    message = _error(path)
    assert "empty.mp3" in message and "empty" in message.replace("empty.mp3", "")


def test_text_file_is_not_audio(tmp_path):
    path = tmp_path / "notes.wav"
    path.write_text("These are my interview notes, not a recording.\n" * 20)
    message = _error(path)
    assert "notes.wav" in message and "not an audio file" in message


def test_folder_is_not_audio(tmp_path):
    assert "folder" in _error(tmp_path)


def test_wav_cut_off_mid_file(reference, tmp_path):
    src, ref = reference
    data = src.read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(data[: len(data) // 3])
    message = _error(cut)
    assert "cut.wav" in message and "cut off" in message
    assert f"{len(ref) / 16000:.1f} s" in message  # says how much the header promised


def test_file_without_audio_stream(tmp_path):
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg is needed to make a video without sound")
    path = tmp_path / "screen.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "color=c=black:s=32x32:d=1",
            str(path),
        ],
        check=True,
    )
    message = _error(path)
    assert "screen.mp4" in message and "no sound" in message


def _wav_header(rate: int, data_bytes: int) -> bytes:
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + data_bytes,
        b"WAVE",
        b"fmt ",
        16,
        1,
        1,
        rate,
        rate * 2,
        2,
        16,
        b"data",
        data_bytes,
    )


def test_absurdly_long_file_is_refused_without_decoding_it(tmp_path):
    # A 4-hour 8 kHz WAV made sparse: its size is real, the disk blocks are not.
    rate = 8000
    data_bytes = int(4 * 3600 * rate * 2)
    path = tmp_path / "marathon.wav"
    with open(path, "wb") as f:
        f.write(_wav_header(rate, data_bytes))
        f.truncate(44 + data_bytes)
    message = _error(path)
    assert "marathon.wav" in message and f"{MAX_DURATION_S / 3600:.0f} hours" in message


def test_wav_with_no_samples(tmp_path):
    path = tmp_path / "silent.wav"
    path.write_bytes(_wav_header(16000, 0))
    assert "contains no audio" in _error(path)


def test_a_file_just_over_the_limit_says_how_long_it_is(tmp_path):
    # 3 h 0 min 30 s: "lasts 3.0 hours; the limit is 3 hours" would contradict itself.
    rate = 8000
    data_bytes = int((3 * 3600 + 30) * rate * 2)
    path = tmp_path / "long-call.wav"
    with open(path, "wb") as f:
        f.write(_wav_header(rate, data_bytes))
        f.truncate(44 + data_bytes)
    message = _error(path)
    assert "3.0 hours" not in message
    assert "long-call.wav lasts 3:00:30 (h:mm:ss); the limit is 3 hours." in message
