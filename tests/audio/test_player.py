"""Playback through PortAudio into the virtual sound card's speaker."""

from __future__ import annotations

import threading
import time

import pytest
from support.vmic import align
from support.waiting import wait_for

from mockloop.audio import Player, load_audio

pytestmark = [pytest.mark.audio, pytest.mark.slow]

SENTENCE = "Thanks, that answer covered monitoring and rollback."


def test_plays_to_the_end_and_the_speaker_gets_the_sound(vmic, speak):
    src = speak(SENTENCE, "answer.wav")
    ref = load_audio(src)
    finished = threading.Event()
    player = Player(src, on_finished=finished.set)
    assert player.duration_s == pytest.approx(len(ref) / 16000)
    assert not player.is_playing and player.position_s == 0
    vmic.clear_played()
    player.play()
    assert player.is_playing
    assert finished.wait(20)
    assert not player.is_playing
    assert player.position_s == pytest.approx(player.duration_s)
    player.close()
    # PulseAudio may still be passing the last buffer on to the speaker: let it settle.
    heard = vmic.played()
    for _ in range(25):
        time.sleep(0.2)
        if len(later := vmic.played()) == len(heard):
            break
        heard = later
    _lag, corr = align(ref, heard)
    assert corr > 0.99  # what reached the speaker is the recording, sample for sample


def test_pause_holds_the_position_and_play_resumes(vmic, speak):
    src = speak(SENTENCE, "answer.wav")
    finished = threading.Event()
    player = Player(src, on_finished=finished.set)
    player.play()
    wait_for(lambda: player.position_s > 0.5)
    player.pause()
    held = player.position_s
    assert not player.is_playing and 0.4 < held < player.duration_s
    time.sleep(0.3)
    assert player.position_s == held and not finished.is_set()
    player.play(None)
    wait_for(lambda: player.position_s > held)
    assert finished.wait(20)
    player.close()


def test_play_from_a_point_and_stop_goes_back_to_the_start(vmic, speak):
    src = speak(SENTENCE, "answer.wav")
    player = Player(src)
    player.play(from_s=1.5)
    assert player.position_s >= 1.5 - 0.25  # allowing for the device's buffer
    wait_for(lambda: player.position_s > 1.6)
    player.stop()
    assert not player.is_playing and player.position_s == 0
