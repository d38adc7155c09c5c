"""A microphone that vanishes mid-round is told in one plain sentence, nothing raw from C.

PortAudio's ALSA backend prints `Expression '…' failed in 'src/hostapi/alsa/…'` lines to
stderr from its own thread the moment the device dies; they must not reach the terminal.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.audio]


def test_microphone_lost_mid_round_is_one_plain_sentence(make_vmic, mockloop_home):
    mic = make_vmic()  # a private sound server: killing it pulls the microphone out
    env = dict(os.environ, MOCKLOOP_HOME=str(mockloop_home), HF_HUB_OFFLINE="1", **mic.env)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mockloop", "practice", "--role", "swe", "--round", "story-90",
         "--headless", "--duration", "10", "--json"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        lines.append(line)
        if not line or line.startswith("Recording"):
            break
    assert lines[-1].startswith("Recording"), "".join(lines)
    time.sleep(2.0)
    mic.kill()
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    said = [line for line in err.splitlines() if line.strip()]
    assert not [line for line in said if "Expression" in line or "pa_linux_alsa" in line], err
    about_mic = [line for line in said if "microphone stopped working" in line]
    # Said once, as one plain sentence (not also as a log line of the recorder's).
    assert len(about_mic) == 1, err
    assert about_mic[0].startswith("mockloop: The microphone stopped working mid-round")
