"""Real audio through PortAudio: PulseAudio virtual microphone -> sounddevice -> recorder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.vmic import align
from support.waiting import wait_for

from mockloop.audio import Recorder, check_input, list_input_devices, load_audio, resolve_device
from mockloop.errors import DeviceError

pytestmark = [pytest.mark.audio, pytest.mark.slow]

CHILD = Path(__file__).with_name("record_child.py")
SENTENCE = "I would start with a baseline and measure precision at the top of the list."


def test_speech_fed_to_the_microphone_is_what_gets_recorded(vmic, speak, tmp_path):
    src = speak(SENTENCE, "answer.wav")
    ref = load_audio(src)
    out = tmp_path / "round.wav"
    rec = Recorder(out)
    rec.start()
    wait_for(lambda: rec.elapsed_s > 0)  # the stream is flowing before we speak
    vmic.feed(src, pad_before_s=0.3).wait()
    final_level = rec.level()
    result = rec.stop()
    assert result.error is None and result.dropped_frames == 0 and result.overflows == 0
    assert result.device_samplerate == 16000
    got = load_audio(out)
    assert abs(len(got) / 16000 - result.duration_s) < 1e-3
    assert result.duration_s >= len(ref) / 16000 + 0.3
    lag, corr = align(ref, got)
    assert corr > 0.95  # the very sentence, sample for sample
    assert lag / 16000 >= 0.2  # after the padding: nothing invented before it
    assert check_input(got[lag : lag + len(ref)]) is None
    assert check_input(got[: lag // 2]) is not None  # the silence before it reads as silent
    assert final_level[0] < -60  # the meter had fallen back to silence at the end


def test_input_devices_are_listed_and_resolved(vmic):
    devices = list_input_devices()
    assert devices and sum(d.is_default for d in devices) == 1
    default = resolve_device(None)
    assert default is not None and default.is_default and default.max_input_channels >= 1
    assert resolve_device(default.index) == default
    assert resolve_device(str(default.index)) == default
    assert resolve_device(default.name.upper()) == default
    with pytest.raises(DeviceError) as info:
        resolve_device("Blue Yeti")
    assert "'Blue Yeti'" in str(info.value) and default.name in str(info.value)
    with pytest.raises(DeviceError):
        resolve_device(999)


def test_recording_from_a_named_device(vmic, tmp_path):
    rec = Recorder(tmp_path / "round.wav", device=resolve_device(None).name)
    rec.start()
    wait_for(lambda: rec.elapsed_s >= 0.5)
    assert rec.stop().error is None


def _child(mode: str, *args: object, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(CHILD), mode, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env, "PYTHONUNBUFFERED": "1"},
    )


def _result(out: str) -> dict:
    lines = [line for line in out.splitlines() if line.startswith("result ")]
    assert lines, out[-2000:]
    return json.loads(lines[-1].split(" ", 1)[1])


def test_microphone_pulled_out_mid_round_keeps_the_audio(make_vmic, speak, tmp_path):
    # A private PulseAudio daemon is the child's microphone; killing it yanks the device.
    mic = make_vmic()
    src = speak(SENTENCE, "answer.wav")
    out = tmp_path / "round.wav"
    proc = _child("mic", out, env=mic.env)
    fed = None
    elapsed = 0.0
    for line in proc.stdout:
        if line.startswith("elapsed "):
            elapsed = float(line.split()[1])
            if elapsed > 0 and fed is None:
                fed = mic.feed(src)
            if elapsed >= 2.0:
                break
    mic.kill()
    stdout, stderr = proc.communicate(timeout=30)
    result = _result(stdout)
    assert result["error"] is not None, stderr[-2000:]
    assert result["error"].startswith("The microphone stopped")
    assert result["duration_s"] >= elapsed
    assert f"the first {result['duration_s']:.1f} s were saved" in result["error"]
    got = load_audio(out)
    assert abs(len(got) / 16000 - result["duration_s"]) < 1e-3
    assert align(load_audio(src)[:8000], got)[1] > 0.95  # the speech before the cut is there


def test_no_input_device_is_a_plain_error(tmp_path, speak):
    src = speak("hello", "hello.wav")
    # No PulseAudio server here, and ALSA offers pulse only when one runs.
    env = {"PULSE_SERVER": f"unix:{tmp_path}/nobody-home", "PULSE_CLIENTCONFIG": "/dev/null"}
    proc = _child("nodevice", tmp_path / "round.wav", src, env=env)
    stdout, stderr = proc.communicate(timeout=60)
    result = _result(stdout)
    if result["inputs"]:
        pytest.skip(f"this machine has real input devices: {result['inputs']}")
    assert result["record"] == {
        "type": "DeviceError",
        "message": "No microphone was found: connect one and check that the system can see it.",
    }
    assert result["play"]["type"] == "DeviceError"
    assert "No speaker or headphones" in result["play"]["message"]
    assert "Traceback" not in stderr
