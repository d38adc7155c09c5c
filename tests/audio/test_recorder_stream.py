"""The recorder fed by an injected stream (a file played at real-time pace, as a mic would)."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from support.vmic import align
from support.waiting import wait_for

from mockloop.audio import Recorder, check_input, load_audio, wav_stream_factory
from mockloop.errors import DeviceError, StorageError

SENTENCE = "Before training I check the label distribution and look for leakage."


@pytest.fixture
def answer(speak):
    path = speak(SENTENCE, "answer.wav")
    return path, load_audio(path)


def test_recording_holds_what_the_stream_delivered(answer, tmp_path):
    src, ref = answer
    out = tmp_path / "round.wav"
    rec = Recorder(out, stream_factory=wav_stream_factory(src, realtime=False))
    rec.start()
    assert rec.is_recording
    wait_for(lambda: rec.elapsed_s >= len(ref) / 16000)
    result = rec.stop()
    assert not rec.is_recording
    assert result.error is None and result.dropped_frames == 0 and result.overflows == 0
    got = load_audio(out)
    assert abs(result.duration_s - len(got) / 16000) < 1e-3
    lag, corr = align(ref, got)
    assert lag == 0 and corr > 0.999
    assert check_input(got) is None  # speech at a sane level, neither silent nor clipping


def test_subscribers_get_the_same_audio_then_none(answer, tmp_path):
    src, ref = answer
    rec = Recorder(tmp_path / "round.wav", stream_factory=wav_stream_factory(src))
    first, second = rec.subscribe(), rec.subscribe()
    rec.start()
    wait_for(lambda: rec.elapsed_s >= len(ref) / 16000)
    result = rec.stop()
    for q in (first, second):
        blocks = []
        while (block := q.get(timeout=5)) is not None:
            assert block.dtype == np.float32 and block.ndim == 1
            blocks.append(block)
        heard = np.concatenate(blocks)
        assert len(heard) == round(result.duration_s * 16000)
        assert align(ref, heard)[1] > 0.999
    late = rec.subscribe()
    assert late.get(timeout=1) is None


def test_device_that_refuses_16k_is_recorded_at_its_rate_and_resampled(speak, tmp_path):
    src = speak(SENTENCE, "studio.wav", rate=48000, channels=2)
    ref = load_audio(src)
    out = tmp_path / "round.wav"
    factory = wav_stream_factory(src, realtime=False, native_rate_only=True)
    rec = Recorder(out, stream_factory=factory)
    rec.start()
    wait_for(lambda: rec.elapsed_s >= len(ref) / 16000 + 0.2)
    result = rec.stop()
    assert result.device_samplerate == 48000 and result.error is None
    got = load_audio(out)
    _lag, corr = align(ref, got)
    assert corr > 0.98
    assert abs(len(got) / 16000 - result.duration_s) < 1e-3


def test_level_follows_the_signal(tmp_path):
    # A 0.5-amplitude tone: about -9 dBFS RMS and -6 dBFS peak; then the quiet room.
    import soundfile

    t = np.arange(16000 * 2) / 16000
    tone = tmp_path / "tone.wav"
    soundfile.write(tone, 0.5 * np.sin(2 * np.pi * 440 * t), 16000)
    rec = Recorder(tmp_path / "round.wav", stream_factory=wav_stream_factory(tone))
    rec.start()
    wait_for(lambda: rec.elapsed_s >= 0.5)
    rms, peak = rec.level()
    assert -10 < rms < -8 and -7 < peak < -5
    wait_for(lambda: rec.elapsed_s >= 2.5)
    assert rec.level()[1] < -90
    rec.stop()


def test_input_overflow_is_counted_and_reported(answer, tmp_path):
    src, _ref = answer
    factory = wav_stream_factory(src, realtime=False, overflow_at_s=(0.5, 1.2, 2.0))
    rec = Recorder(tmp_path / "round.wav", stream_factory=factory)
    rec.start()
    wait_for(lambda: rec.elapsed_s >= 2.5)
    result = rec.stop()
    assert result.overflows == 3


def test_frames_lost_to_a_full_queue_are_counted(answer, tmp_path):
    # A queue of a few blocks and a stream pushing a whole file at once: frames get dropped,
    # and every frame is either in the file or counted as dropped.
    src, ref = answer
    rec = Recorder(
        tmp_path / "round.wav",
        queue_seconds=0.1,
        stream_factory=wav_stream_factory(src, realtime=False),
    )
    rec.start()
    wait_for(lambda: rec.elapsed_s > 0)
    time.sleep(0.2)
    result = rec.stop()
    delivered = len(ref) + 800 - len(ref) % 800  # whole blocks
    assert result.duration_s * 16000 + result.dropped_frames >= delivered
    assert result.dropped_frames > 0


def test_device_vanishing_mid_round_keeps_the_audio(answer, tmp_path):
    src, ref = answer
    out = tmp_path / "round.wav"
    failed = threading.Event()
    messages: list[str] = []

    def on_error(message: str) -> None:
        messages.append(message)
        failed.set()

    rec = Recorder(out, stream_factory=wav_stream_factory(src, fail_after_s=1.5), on_error=on_error)
    listener = rec.subscribe()
    rec.start()
    assert failed.wait(15)
    assert not rec.is_recording
    result = rec.stop()
    assert messages == [result.error] == [rec.error]
    assert "microphone stopped" in result.error and "1.5 s were saved" in result.error
    got = load_audio(out)
    assert abs(len(got) / 16000 - 1.5) < 0.06
    assert align(ref[:16000], got)[1] > 0.999
    while listener.get(timeout=5) is not None:
        pass  # the live transcriber is told the round is over


def test_stream_that_never_delivers_is_reported(tmp_path):
    class DeadStream:
        samplerate, active = 16000.0, True

        def __init__(self, **kw):
            pass

        def start(self):
            pass

        def stop(self):
            pass

        def close(self):
            pass

    rec = Recorder(tmp_path / "round.wav", stream_factory=DeadStream, stall_timeout_s=0.5)
    failed = threading.Event()
    rec.on_error = lambda message: failed.set()
    rec.start()
    assert failed.wait(15)
    result = rec.stop()
    assert "sent no sound" in result.error and result.duration_s == 0


def test_device_that_cannot_be_opened(tmp_path):
    def refuse(**kw):
        raise OSError("Device unavailable")

    with pytest.raises(DeviceError, match="Could not open the microphone"):
        Recorder(tmp_path / "round.wav", stream_factory=refuse).start()


def test_unwritable_recording_folder_is_a_plain_error(answer, tmp_path):
    src, _ref = answer
    opened = []

    def factory(**kw):
        opened.append(wav_stream_factory(src)(**kw))
        return opened[-1]

    with pytest.raises(StorageError, match="Cannot create the recording file"):
        Recorder(tmp_path / "gone" / "round.wav", stream_factory=factory).start()
    assert opened and opened[0].closed  # the microphone is released again
