"""Test microphone: two seconds through the real recorder, then a plain verdict."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mockloop.audio import wav_stream_factory

from .test_loop import silence

pytestmark = pytest.mark.gui


def _check(make_window, services, qtbot, clip) -> str:
    window = make_window(services, stream_factory=wav_stream_factory(clip, realtime=True))
    mic = window.practice.mic
    qtbot.mouseClick(mic.test_button, Qt.MouseButton.LeftButton)
    assert not mic.test_button.isEnabled()  # one check at a time
    qtbot.waitUntil(lambda: mic.test_button.isEnabled(), timeout=20_000)
    window.close()
    return mic.result.text()


def test_speech_sounds_good_and_silence_is_flagged(make_window, services, speak, tmp_path,
                                                   qtbot):
    good = _check(make_window, services, qtbot, speak("Testing my microphone, one two three."))
    assert "sounds good" in good
    quiet = _check(make_window, services, qtbot, silence(tmp_path / "quiet.wav"))
    assert "silent" in quiet
