"""Cutting a stream at pauses: pieces end in silence, and a growing stream gets the same cuts."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import soundfile as sf
from support.speech import synth

from mockloop.asr import DecodeSettings
from mockloop.asr import cuts as cuts_mod
from mockloop.asr.cuts import find_cut, split_stream

SR = 16000
SETTINGS = DecodeSettings()
LINES = [
    "The first thing I would check is where the labels come from.",
    "Then I would look at the latency budget.",
    "A simple baseline goes first.",
    "We retrain every week on a rolling window of data.",
    "Finally we watch the metrics after launch.",
]


@pytest.fixture(scope="module")
def answer(tmp_path_factory) -> np.ndarray:
    """About 20 s of speech with pauses of different lengths, as one stream."""
    from support.speech import have_speech_tools

    if not have_speech_tools():
        pytest.skip("espeak-ng and sox are needed")
    work = tmp_path_factory.mktemp("cuts")
    parts = []
    for i, (line, pause) in enumerate(zip(LINES, [0.4, 1.0, 0.6, 2.0, 0.0], strict=True)):
        samples, _ = sf.read(synth(line, work / f"{i}.wav"), dtype="float32")
        parts += [samples, np.zeros(int(pause * SR), np.float32)]
    return np.concatenate(parts)


def test_pieces_cover_the_stream_and_end_in_pauses(answer):
    pieces = list(split_stream(answer, SETTINGS))
    assert len(pieces) >= 2
    assert pieces[0][0] == 0 and pieces[-1][1] == answer.size
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    for start, end in pieces[:-1]:
        assert end - start >= SETTINGS.min_piece_s * SR
        assert end - start <= SETTINGS.max_piece_s * SR
        around = answer[end - 800:end + 800]  # 50 ms each side of the cut: espeak's pauses
        assert np.abs(around).max() < 0.01, "cut inside a word"


def test_a_growing_stream_is_cut_where_the_whole_one_is(answer):
    """Live transcription sees the stream grow; it must choose the same cuts as a file."""
    whole = [end for _, end in split_stream(answer, SETTINGS)][:-1]
    live, start = [], 0
    for n in range(SR // 2, answer.size + 1, SR // 2):
        cut = find_cut(answer[start:n], SETTINGS)
        if cut is not None:
            start += cut
            live.append(start)
    assert live == whole[:len(live)] and len(live) >= len(whole) - 1


def test_silence_is_cut_without_waiting_for_speech():
    silence = np.zeros(12 * SR, np.float32)
    assert find_cut(silence, SETTINGS) == int(SETTINGS.min_piece_s * SR)


def test_speech_without_any_pause_is_cut_before_the_limit(monkeypatch):
    n = int(25 * SR)
    audio = np.random.default_rng(1).standard_normal(n).astype(np.float32)
    audio[int(19 * SR):int(19 * SR) + 320] = 0.0  # the quietest 20 ms before the limit
    monkeypatch.setattr(cuts_mod, "raw_speech", lambda a, s: [(0, a.size)])
    assert find_cut(audio, SETTINGS) == int(19 * SR)
