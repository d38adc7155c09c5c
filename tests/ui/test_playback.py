"""Replaying a round from history: the transcript follows the sound; a click on a word seeks.

Needs an output device: the virtual PulseAudio server (null sink) of the `vmic` fixture.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from .helpers import on_page

pytestmark = [pytest.mark.gui, pytest.mark.slow, pytest.mark.audio]


def test_transcript_highlights_as_it_plays_and_seeks_on_click(vmic, make_window, services,
                                                              speak, qtbot):
    clip = speak("We had a hard deadline of two weeks to launch the billing page. "
                 "I decided to cut the export feature and ship the rest on time.")
    report = services.analyze_audio("swe", "story-90", clip)
    window = make_window(services)
    window.show_page(2)
    window.history.table.selectRow(0)
    qtbot.mouseClick(window.history.open_button, Qt.MouseButton.LeftButton)
    assert on_page(window, window.debrief)
    view = window.debrief.transcript
    words = [w["word"].strip(".,").lower() for w in view.words]
    assert "export" in words

    # Click "export": playback starts there and the highlight moves on as the words go by.
    target = words.index("export")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.word_rect(target).center())
    assert view.current == target
    playback = window.debrief.playback
    qtbot.waitUntil(lambda: playback.is_playing, timeout=5000)
    qtbot.waitUntil(lambda: view.current > target, timeout=10_000)
    assert window.debrief.player_bar.button.text().endswith("Pause")
    qtbot.mouseClick(window.debrief.player_bar.button, Qt.MouseButton.LeftButton)
    assert not playback.is_playing
    assert report.id is not None
