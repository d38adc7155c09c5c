"""Problems show as a plain banner and the window keeps working."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mockloop.audio import wav_stream_factory
from mockloop.session import Services

from .helpers import REPORT_TIMEOUT_MS, on_page, press

pytestmark = pytest.mark.gui


def test_no_microphone_shows_a_banner_and_the_app_stays_usable(make_window, services, qtbot):
    # No injected stream: the real sounddevice path, asked for a device that does not exist.
    services.settings = services.settings.with_(input_device="Imaginary USB Microphone 9000")
    window = make_window(services)
    practice = window.practice
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(window.banner.isVisible, timeout=30_000)
    assert window.banner.kind == "error"
    text = window.banner.text.lower()
    assert "microphone" in text or "input device" in text
    assert "Traceback" not in window.banner.text
    # Still usable: back to idle, everything can be changed, other pages open.
    qtbot.waitUntil(lambda: practice.driver.state == "idle", timeout=5000)
    assert practice.clock.start_button.isEnabled()
    assert practice.picker.round_box.isEnabled()
    practice.picker.select(round_id="coding")
    assert "Coding" in practice.prompt_card.kicker.text().title()
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert on_page(window, window.history)


def test_missing_speech_model_is_explained(make_window, tmp_path, qtbot, speak, request):
    services = Services(model_dir=tmp_path / "no-model-here")
    request.addfinalizer(services.close)
    window = make_window(services, stream_factory=wav_stream_factory(speak("Hello.")))
    window.warm_model()
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert "speech model" in window.banner.text.lower()
    assert "unavailable" in window.nav.model_state.text().lower()
    window.banner.hide()
    press(qtbot, window, Qt.Key.Key_Space)  # trying anyway explains it again
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert "speech model" in window.banner.text.lower()
    qtbot.waitUntil(lambda: window.practice.driver.state == "idle", timeout=5000)
    assert window.practice.clock.start_button.isEnabled()


@pytest.mark.slow
def test_device_lost_mid_round_keeps_what_was_recorded(make_window, services, speak, qtbot):
    clip = speak("We had a hard deadline of two weeks, so I decided to cut the export feature.")
    window = make_window(services, stream_factory=wav_stream_factory(clip, fail_after_s=3.0))
    press(qtbot, window, Qt.Key.Key_Space)
    # The loss is announced at once; the debrief of what was kept follows.
    qtbot.waitUntil(window.banner.isVisible, timeout=30_000)
    assert "recorded is kept" in window.banner.text
    qtbot.waitUntil(lambda: on_page(window, window.debrief), timeout=REPORT_TIMEOUT_MS)
    assert window.debrief.notes.isVisible()  # the debrief says what happened
    assert window.debrief.notes.text().strip()
    assert window.debrief.transcript.toPlainText().strip()  # the first seconds were kept
    [row] = services.store.list_rounds()
    assert row.status == "complete"
