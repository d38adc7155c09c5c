"""Practising as a new user: every wait says what it does, microphone trouble is plain."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mockloop.audio import wav_stream_factory

from .helpers import REPORT_TIMEOUT_MS, answer_question, on_page, press, wait_for_debrief
from .test_loop import silence

pytestmark = pytest.mark.gui

ANSWER = ("We had a hard deadline of two weeks to launch the billing page. "
          "I decided to cut the export feature.")


def _watch(window) -> list[dict]:
    """What the practice page shows at the moment each state begins."""
    practice = window.practice
    clock, mic = practice.clock, practice.mic
    seen: list[dict] = []
    practice.driver.state_changed.connect(lambda state: seen.append({
        "state": state, "status": clock.status.text(), "mic": mic.result.text(),
        "busy_bar": clock.progress.isVisible() and clock.progress.maximum() == 0,
        "buttons": [b.text() for b in (clock.start_button, clock.stop_button,
                                       clock.cancel_button) if b.isVisible()],
        "meter": mic.meter.rms_db}))
    return seen


def _record(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(window.practice.clock.rec.isVisible, timeout=30_000)
    qtbot.waitUntil(lambda: window.practice.clock.track.elapsed_s > 2.0, timeout=20_000)


@pytest.mark.slow
def test_cancelling_says_what_it_does_and_the_microphone_is_closed(make_window, services, speak,
                                                                    qtbot):
    clip = speak(ANSWER)
    window = make_window(services, stream_factory=wav_stream_factory(clip, realtime=True))
    seen = _watch(window)
    _record(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Escape)
    answer_question(qtbot, window, "Cancel round")
    qtbot.waitUntil(lambda: window.practice.driver.state == "idle", timeout=30_000)
    [cancelling] = [s for s in seen if s["state"] == "cancelling"]
    assert cancelling["status"], "the page said nothing while cancelling"
    assert cancelling["busy_bar"]  # a bar that moves
    assert "Listening" not in cancelling["mic"]
    assert cancelling["meter"] < -100  # the meter is not frozen on the last level
    assert cancelling["buttons"], "no button at all while cancelling"


@pytest.mark.slow
def test_after_stop_the_wait_says_what_it_transcribes(make_window, services, speak, qtbot):
    clip = speak(ANSWER)
    window = make_window(services, stream_factory=wav_stream_factory(clip, realtime=True))
    seen = _watch(window)
    _record(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    wait_for_debrief(qtbot, window)
    [stopping] = [s for s in seen if s["state"] == "stopping"]
    assert "Transcribing" in stopping["status"] and " s" in stopping["status"]
    assert stopping["busy_bar"]  # moving until the first percentage arrives
    assert "Listening" not in stopping["mic"]


class _RefusingStream:
    """A microphone that is gone: PortAudio's refusal, as sounddevice raises it."""

    def __call__(self, **_kwargs):
        raise RuntimeError("Illegal combination of I/O devices [PaErrorCode -9993]")


def test_a_microphone_that_will_not_open_is_said_plainly_and_leaves_no_row(make_window,
                                                                            services, qtbot):
    window = make_window(services, stream_factory=_RefusingStream())
    for _ in range(2):
        window.banner.hide()
        press(qtbot, window, Qt.Key.Key_Space)
        qtbot.waitUntil(window.banner.isVisible, timeout=30_000)
        qtbot.waitUntil(lambda: window.practice.driver.state == "idle", timeout=5000)
    text = window.banner.text
    assert "PaErrorCode" not in text and "Illegal combination" not in text
    assert "microphone" in text.lower()
    assert services.store.list_rounds() == []  # no empty "Failed" rows
    window.show_page(2)
    assert window.history.table.rowCount() == 0


def test_no_microphone_at_all_is_said_before_start(make_window, services, qtbot):
    window = make_window(services, device_lister=lambda: [])
    window.start_up()
    mic = window.practice.mic
    qtbot.waitUntil(lambda: "No microphone" in mic.result.text(), timeout=10_000)
    assert "Say a few words" not in mic.result.text()


@pytest.mark.slow
def test_losing_the_microphone_mid_round_clears_the_meter_and_the_banner_catches_up(
        make_window, services, speak, qtbot):
    clip = speak("We had a hard deadline of two weeks, so I decided to cut the export feature.")
    window = make_window(services, stream_factory=wav_stream_factory(clip, fail_after_s=3.0))
    mic = window.practice.mic
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(window.banner.isVisible, timeout=30_000)
    assert "Listening" not in mic.result.text()
    assert mic.meter.rms_db < -100  # not frozen green
    qtbot.waitUntil(lambda: on_page(window, window.debrief), timeout=REPORT_TIMEOUT_MS)
    assert "being analysed" not in window.banner.text


def test_listening_for_two_seconds_is_not_in_the_warning_colour(make_window, services, tmp_path,
                                                                qtbot):
    window = make_window(services, stream_factory=wav_stream_factory(
        silence(tmp_path / "quiet.wav"), realtime=True))
    mic = window.practice.mic
    qtbot.mouseClick(mic.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(mic.test_button.isEnabled, timeout=20_000)
    assert mic.result.property("tone") == "warning"  # silence was flagged
    qtbot.mouseClick(mic.test_button, Qt.MouseButton.LeftButton)
    assert "Listening for 2 seconds" in mic.result.text()
    assert mic.result.property("tone") in (None, "")
    qtbot.waitUntil(mic.test_button.isEnabled, timeout=20_000)
