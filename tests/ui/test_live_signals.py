"""Signals that light up while the user speaks: chips and track ticks on the Practice page,
the same hits as the debrief, an interview mode that shows none, remembered across starts."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt

from mockloop.audio import wav_stream_factory
from mockloop.settings import load_settings

from .conftest import SharedModelServices
from .helpers import press, signal_rows, wait_for_debrief

pytestmark = pytest.mark.gui

CONSTRAINT = "We had a hard deadline of two weeks to launch the billing page."
REST = ("I decided to cut the export feature. We chose a nightly batch job over live sync, "
        "and we accepted stale numbers for a day.")


def _answer(speak, tmp_path):
    """The constraint, four seconds of thinking, then the rest of the story."""
    first, rest = speak(CONSTRAINT, "first.wav"), speak(REST, "rest.wav")
    padded, out = tmp_path / "padded.wav", tmp_path / "answer.wav"
    subprocess.run(["sox", str(first), str(padded), "pad", "0", "4"], check=True)
    subprocess.run(["sox", str(padded), str(rest), str(out)], check=True)
    return out


def _chips(window) -> dict:
    return {c.signal_id: c for c in window.practice.clock.signals.chips}


def _ticked(window) -> set[str]:
    """What the user sees ticked: a visible chip whose mark is a tick."""
    signals = window.practice.clock.signals
    if not signals.chip_box.isVisible():
        return set()
    return {c.signal_id for c in signals.chips if c.isVisible() and c.mark.text() == "✓"}


def _track_label(window, signal_id: str) -> str:
    track = window.practice.clock.track
    [mark] = [m for m in track.marks if signal_id in m.signals]
    return track.label_of(mark)


@pytest.mark.slow
def test_signals_tick_as_they_are_heard_and_agree_with_the_debrief(make_window, services, speak,
                                                                   tmp_path, qtbot):
    clip = _answer(speak, tmp_path)
    window = make_window(services, stream_factory=wav_stream_factory(clip, realtime=True))
    window.practice.picker.select("swe", "story-90")
    chips = _chips(window)
    assert set(chips) == {"tradeoff", "constraint", "fallout", "ownership"}
    assert _ticked(window) == set()

    seen_live: set[str] = set()
    pieces: list[str] = []
    driver = window.practice.driver
    driver.piece.connect(lambda t: pieces.append(t.text))
    window.practice.clock.signals.heard_changed.connect(
        lambda _ids: seen_live.update(_ticked(window)) if driver.state == "recording" else None)

    press(qtbot, window, Qt.Key.Key_Space)
    # The constraint is ticked while the user is still thinking about what comes next.
    qtbot.waitUntil(lambda: "constraint" in _ticked(window), timeout=60_000)
    assert driver.state == "recording"
    assert "tradeoff" not in _ticked(window)  # still missing, and the page says so
    assert chips["tradeoff"].mark.text() == "–"
    assert _track_label(window, "constraint").startswith("✓")
    assert not _track_label(window, "tradeoff").startswith("✓")
    assert "Heard at 0:" in chips["constraint"].toolTip()

    qtbot.waitUntil(lambda: "ownership" in _ticked(window), timeout=60_000)
    press(qtbot, window, Qt.Key.Key_Space)
    wait_for_debrief(qtbot, window)

    # Each analysis was of new text: a piece arrived, nothing re-analysed the same words.
    assert pieces and len(pieces) == len(set(pieces))
    debrief_hits = {sid for sid, row in signal_rows(window).items() if row.hit}
    assert seen_live, "nothing was ticked during the round"
    assert seen_live <= debrief_hits, f"ticked live but not in the debrief: {seen_live}"
    window.show_page(0)
    assert _ticked(window) == debrief_hits  # after the round: exactly the debrief's hits


@pytest.mark.slow
def test_interview_mode_shows_no_ticks_and_is_remembered(make_window, services, speech_model,
                                                         speak, qtbot):
    clip = speak(CONSTRAINT)
    window = make_window(services, stream_factory=wav_stream_factory(clip, realtime=True))
    signals = window.practice.clock.signals
    assert signals.toggle.isChecked()  # on for a new user
    assert not signals.note.isVisible()
    signals.toggle.click()  # interview mode
    assert not signals.chip_box.isVisible()
    assert signals.note.isVisible() and "Interview mode" in signals.note.text()

    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "deadline" in window.practice.clock.partial.text(),
                    timeout=60_000)  # the words were heard...
    assert _ticked(window) == set()  # ...but nothing lights up
    assert not _track_label(window, "constraint").startswith("✓")
    assert signals.analyser.runs == 0  # nothing is analysed until Stop
    press(qtbot, window, Qt.Key.Key_Space)
    wait_for_debrief(qtbot, window)
    assert signal_rows(window)["constraint"].hit  # the debrief still scores it

    window.close()
    assert load_settings().extra.get("live_signals") is False
    again = make_window(SharedModelServices(speech_model))
    assert not again.practice.clock.signals.toggle.isChecked()
    assert not again.practice.clock.signals.chip_box.isVisible()


def test_chips_wrap_at_1024x700_and_explain_themselves(make_window, services, qtbot):
    window = make_window(services)
    window.resize(1024, 700)
    window.practice.picker.select("swe", "coding")
    qtbot.wait(50)
    signals = window.practice.clock.signals
    box = signals.chip_box
    chips = signals.chips
    assert len(chips) == len(services.rubric.round("coding").signals)
    qtbot.waitUntil(lambda: all(c.isVisible() for c in chips), timeout=5000)
    for chip in chips:
        g = chip.geometry()
        assert g.left() >= 0 and g.right() <= box.width(), f"{chip.name} is cut off"
        d = services.rubric.signal(chip.signal_id)
        assert d.name in chip.toolTip() and d.description in chip.toolTip()
        assert chip.mark.text() == "–"  # not heard: a dash, not only a colour
        assert "not heard" in chip.accessibleName()
    assert len({c.geometry().top() for c in chips}) > 1  # they wrap onto a second line
    assert signals.geometry().right() <= window.practice.clock.width()
