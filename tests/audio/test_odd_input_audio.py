"""Odd audio inputs: pipes (`<(cat a.wav)`), a FIFO nobody writes to, a device, and a WAV
whose header claims less audio than the file holds (a recorder that died)."""

from __future__ import annotations

import logging
import os
import struct
import threading
import time

import numpy as np
import pytest

from mockloop.audio import audio_duration, load_audio
from mockloop.audio import loader as loader_module
from mockloop.errors import AudioError

pytestmark = pytest.mark.timeout(60)  # the old loader waited forever on a FIFO

RATE = 16000


def _wav(path, seconds: float, *, declared_s: float | None = None, tail: bytes = b""):
    """A 16-bit mono tone; `declared_s` puts a smaller data size in the header."""
    t = np.arange(int(seconds * RATE)) / RATE
    data = (np.sin(2 * np.pi * 440 * t) * 0.3 * 32767).astype("<i2").tobytes()
    declared = len(data) if declared_s is None else int(declared_s * RATE) * 2
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + declared + len(tail), b"WAVE",
                         b"fmt ", 16, 1, 1, RATE, RATE * 2, 2, 16, b"data", declared)
    path.write_bytes(header + data + tail)
    return path


def _feed(fd: int, data: bytes, delay: float = 0.0) -> threading.Thread:
    def run():
        time.sleep(delay)
        with os.fdopen(fd, "wb") as w:
            w.write(data)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_process_substitution_pipe_is_read_whole(tmp_path):
    # `mockloop analyze <(cat a.wav)` passes /dev/fd/63: it was "The audio file 63 is empty".
    data = _wav(tmp_path / "a.wav", 2.0).read_bytes()
    r, w = os.pipe()
    writer = _feed(w, data, delay=0.2)  # the writer may start a little after us
    try:
        audio = load_audio(f"/dev/fd/{r}")
    finally:
        os.close(r)
    writer.join(5)
    assert abs(len(audio) / RATE - 2.0) < 0.01


def test_fifo_with_nothing_writing_is_refused_after_a_short_wait(tmp_path, monkeypatch):
    monkeypatch.setattr(loader_module, "PIPE_WAIT_S", 0.5)
    fifo = tmp_path / "answer.wav"
    os.mkfifo(fifo)
    with pytest.raises(AudioError) as info:
        load_audio(fifo)
    message = str(info.value)
    assert "answer.wav" in message and "Nothing was written to the pipe" in message
    assert "\n" not in message


def test_fifo_with_a_writer_is_read(tmp_path):
    data = _wav(tmp_path / "a.wav", 1.0).read_bytes()
    fifo = tmp_path / "stream.wav"
    os.mkfifo(fifo)

    def write():
        with open(fifo, "wb") as w:  # blocks until the loader opens its end
            w.write(data)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    assert abs(len(load_audio(fifo)) / RATE - 1.0) < 0.01
    writer.join(5)


def test_a_device_is_refused_not_read_forever():
    with pytest.raises(AudioError, match=r"/dev/zero is a device, not an audio file\."):
        load_audio("/dev/zero")


def test_stale_wav_header_is_read_to_the_real_end(tmp_path, caplog):
    # The header claims 0.1 s of a 19 s file (its writer died): all 19 s are the answer.
    path = _wav(tmp_path / "crashed.wav", 19.0, declared_s=0.1)
    with caplog.at_level(logging.WARNING, logger="mockloop"):
        audio = load_audio(path)
    assert abs(len(audio) / RATE - 19.0) < 0.01
    assert abs(audio_duration(path) - 19.0) < 0.01
    notes = [r.getMessage() for r in caplog.records]
    assert any("crashed.wav says 0.1 s in its header but holds 19.0 s" in n for n in notes)
    # Bytes after the data that form a real chunk (LIST metadata) mean the header is right.
    info = b"INFOISFT" + struct.pack("<I", 6) + b"sox\x00\x00\x00"
    tagged = _wav(tmp_path / "tagged.wav", 2.0,
                  tail=b"LIST" + struct.pack("<I", len(info)) + info)
    assert abs(len(load_audio(tagged)) / RATE - 2.0) < 0.01
