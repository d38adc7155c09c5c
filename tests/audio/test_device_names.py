"""Microphones by the sound server's names, and recording from the one picked by name."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from support.vmic import align, reinit_portaudio
from support.waiting import wait_for

from mockloop.audio import Recorder, list_input_devices, load_audio

pytestmark = [pytest.mark.audio, pytest.mark.slow]


@pytest.fixture
def two_mics(make_vmic, monkeypatch):
    mic = make_vmic()
    for k, v in mic.env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("PULSE_SOURCE", raising=False)
    builtin = mic.add_source("builtin", "Built-in microphone")
    headset = mic.add_source("headset", "USB headset")
    reinit_portaudio()
    import sounddevice  # noqa: F401  (loaded, so the fixture's end re-reads the devices)
    reinit_portaudio()
    yield builtin, headset
    monkeypatch.undo()
    reinit_portaudio()


def _noise(seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (0.3 * rng.standard_normal(int(seconds * 16000))).clip(-1, 1).astype(np.float32)


def test_both_inputs_are_listed_by_name(two_mics):
    names = [d.name for d in list_input_devices()]
    assert "Built-in microphone" in names and "USB headset" in names
    assert "pulse" not in names and "default" not in names
    out = subprocess.run([sys.executable, "-m", "mockloop", "devices"], capture_output=True,
                         text=True, timeout=60, env=dict(os.environ), check=True).stdout
    assert "Built-in microphone" in out and "USB headset" in out and "pulse" not in out


def test_recording_from_the_second_input_records_what_it_hears(two_mics, tmp_path):
    mic, headset = two_mics
    sound = _noise(1.5, 1)
    rec = Recorder(tmp_path / "headset.wav", device="USB headset")
    rec.start()
    wait_for(lambda: rec.elapsed_s > 0.3)
    headset.feed(sound).wait()
    mic.feed(_noise(1.0, 2))  # the other microphone hears something else meanwhile
    assert rec.stop().error is None
    got = load_audio(tmp_path / "headset.wav")
    _lag, corr = align(sound, got)
    assert corr > 0.9  # the headset's sound, sample for sample

    # And the built-in one, picked by name again, does not hear the headset.
    rec = Recorder(tmp_path / "builtin.wav", device="Built-in microphone")
    rec.start()
    wait_for(lambda: rec.elapsed_s > 0.3)
    headset.feed(sound).wait()
    assert rec.stop().error is None
    assert float(np.abs(load_audio(tmp_path / "builtin.wav")).max()) < 0.01


@pytest.mark.gui
def test_a_remembered_microphone_that_is_gone_falls_back_to_the_default(qtbot):
    from mockloop.audio import InputDevice
    from mockloop.session import Services
    from mockloop.settings import Settings
    from mockloop.ui.practice.mic_card import MicCard

    services = Services(settings=Settings(input_device="USB headset"))
    here = [InputDevice(0, "Built-in microphone", 48000.0, 2, True, source="builtin")]
    card = MicCard(services, device_lister=lambda: here)
    qtbot.addWidget(card)
    chosen = []
    card.device_chosen.connect(chosen.append)
    card.load_devices()
    qtbot.waitUntil(lambda: card.device_box.count() == 2, timeout=5000)
    assert card.device is None  # the round records from the system default
    assert "“USB headset” is not connected" in card.result.text()
    assert chosen == [] and services.settings.input_device == "USB headset"  # back when plugged in
    services.close()
