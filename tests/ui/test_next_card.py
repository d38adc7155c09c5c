"""What to practise next: the card on Practice and the line at the bottom of the debrief, on a
history made by the real analysis of dev answers. The card names the signal the user keeps
missing; "Practise this" (or Space) selects that round and prompt and starts it."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import soundfile as sf
from PySide6.QtCore import Qt
from support.history import analysed, pick, seed

from mockloop.audio import wav_stream_factory
from mockloop.session import RoundRequest

from .helpers import on_page, press

pytestmark = pytest.mark.gui

SD, STORY = "system-design", "story-90"
STORY_SIGNALS = {"tradeoff", "constraint", "fallout", "ownership"}


@pytest.fixture(scope="module")
def swe():
    return analysed("swe", (SD, STORY))


def _kept_missing(rubric, swe):
    """A system-design signal and five designs that all miss it, while each other signal of
    the round is landed in at least one of them: the one signal the user keeps missing."""
    signals = rubric.round(SD).signals
    for sig in sorted(signals, key=lambda s: -sum(s not in a.hits for a in swe[SD])):
        pool = [a for a in swe[SD] if sig not in a.hits][:14]
        for five in itertools.combinations(pool, 5):
            landed = set().union(*(a.hits for a in five))
            if landed >= set(signals) - {sig}:
                return sig, list(five)
    pytest.fail("the dev set has no five designs that keep missing just one signal")


@pytest.fixture
def kept_missing(services, swe):
    """Three stories that land everything, then five designs that keep missing one signal."""
    stories = pick(swe[STORY], hit=STORY_SIGNALS, n=3)
    assert stories, "no dev story lands all four signals"
    sig, designs = _kept_missing(services.rubric, swe)
    ids = seed(services, [(d, a) for d, a in enumerate(stories)]
               + [(3 + d, a) for d, a in enumerate(designs)])
    return sig, ids


@pytest.fixture
def started(monkeypatch):
    """Rounds the practice page starts (the request it hands the driver), not recorded."""
    from mockloop.ui.practice.driver import RoundDriver

    got: list[RoundRequest] = []
    monkeypatch.setattr(RoundDriver, "start", lambda self, request: got.append(request))
    return got


def test_the_card_names_the_signal_you_keep_missing_and_practise_this_starts_it(
        make_window, services, kept_missing, started, qtbot):
    sig, _ids = kept_missing
    name = services.rubric.signals[sig].name
    window = make_window(services)
    card = window.practice.next_card
    assert on_page(window, window.practice) and card.isVisible()
    assert card.why.text().startswith(f"You missed {name} in 5 of your last 5 {SD} rounds")
    assert services.rubric.round(SD).title in card.what.text()
    suggested = card.suggestion
    assert suggested is not None and suggested.round == SD
    assert window.practice.picker.round_id != SD  # the picker still shows the last choice

    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    want = RoundRequest("swe", SD, suggested.prompt_id)
    assert window.practice.picker.request() == want
    assert [(r.role_id, r.round_id, r.prompt_id) for r in started] == [
        ("swe", SD, suggested.prompt_id)]
    prompt = services.rubric.round(SD).prompt(suggested.prompt_id)
    assert window.practice.prompt_card.prompt.text() == prompt.text


def test_space_starts_the_suggestion_unless_another_round_was_picked(
        make_window, services, kept_missing, started, qtbot):
    window = make_window(services)
    card = window.practice.next_card
    assert card.space_starts and "(Space)" in card.button.text()
    assert "(Space)" not in window.practice.clock.start_button.text()  # one button says Space
    press(qtbot, window, Qt.Key.Key_Space)
    assert [r.round_id for r in started] == [SD]
    assert window.practice.picker.round_id == SD

    # the user picks another round: Space starts that one, and the button says so
    started.clear()
    window.practice.picker.select(round_id="coding")
    assert not card.space_starts and "(Space)" not in card.button.text()
    assert "(Space)" in window.practice.clock.start_button.text()
    press(qtbot, window, Qt.Key.Key_Space)
    assert [r.round_id for r in started] == ["coding"]


def test_the_debrief_ends_with_the_same_suggestion_and_its_button_starts_it(
        make_window, services, kept_missing, started, qtbot):
    sig, ids = kept_missing
    window = make_window(services)
    suggested = window.practice.next_card.suggestion
    window.open_round(ids[-1])
    assert on_page(window, window.debrief)
    line = window.debrief.next_line
    assert line.isVisible() and line.suggestion is not None
    assert line.suggestion.to_dict() == suggested.to_dict()
    assert services.rubric.signals[sig].name in line.text.text()
    assert services.rubric.round(SD).title in line.text.text()
    qtbot.mouseClick(line.button, Qt.MouseButton.LeftButton)
    assert on_page(window, window.practice)
    assert [(r.round_id, r.prompt_id) for r in started] == [(SD, suggested.prompt_id)]


def test_with_no_history_the_card_starts_the_loop(make_window, services, started, qtbot):
    window = make_window(services)
    card = window.practice.next_card
    assert card.isVisible() and card.why.text().startswith("No rounds yet for Software Engineer")
    first = services.rubric.role("swe").loop[0]
    assert card.suggestion is not None and card.suggestion.round == first
    # another role in the picker: the card follows it
    window.practice.picker.select(role_id="mle")
    assert card.suggestion.role == "mle" and "ML Engineer" in card.why.text()


def test_a_full_loops_break_keeps_space_for_the_loops_next_round(
        make_window, services, kept_missing, started, qtbot):
    window = make_window(services)
    practice, card = window.practice, window.practice.next_card
    assert card.isVisible() and card.suggestion.round == SD
    practice.picker.loop_check.setChecked(True)  # swe's loop, from its first round
    first = services.analyze_text("swe", practice.loop.round_id, "We had two weeks, so I cut "
                                  "the export and we accepted stale numbers for a day.")
    practice.loop = practice.loop.with_take(first.id)  # the loop's first round was answered
    practice.next_round()  # as after the loop's first debrief: the break before round 2
    assert practice.break_card.isVisible() and not card.isVisible()
    assert "(Space)" in practice.break_card.go_button.text()
    # One button on the page names Space: the break's, not also the clock's Start.
    from PySide6.QtWidgets import QPushButton
    spaced = [b.text() for b in practice.findChildren(QPushButton)
              if b.isVisibleTo(practice) and "(Space)" in b.text()]
    assert spaced == [practice.break_card.go_button.text()], spaced
    press(qtbot, window, Qt.Key.Key_Space)
    second = services.rubric.role("swe").loop[1]
    assert [r.round_id for r in started] == [second] != [SD]
    practice.end_loop()
    assert not practice.break_card.isVisible() and card.isVisible()


def test_while_a_round_runs_only_stop_names_space(make_window, services, kept_missing):
    window = make_window(services)
    card = window.practice.next_card
    assert "(Space)" in card.button.text()
    card._round_state("recording")  # the driver's state_changed slot, as a round starts
    assert not card.button.isEnabled() and "(Space)" not in card.button.text()
    assert card.isHidden()  # the running clock keeps the room
    card._round_state("idle")
    assert card.button.isEnabled() and "(Space)" in card.button.text()
    assert not card.isHidden()  # back when the round is over


def test_at_1024x700_a_running_round_keeps_the_clock_and_stop_on_screen(
        make_window, services, kept_missing, qtbot, tmp_path):
    # A real round from a (silent) WAV microphone, at the smallest supported window.
    clip = tmp_path / "quiet.wav"
    sf.write(clip, np.zeros(16000 * 20, dtype=np.float32), 16000)
    window = make_window(services, stream_factory=wav_stream_factory(clip, realtime=True))
    window.resize(1024, 700)
    practice = window.practice
    qtbot.waitUntil(practice.next_card.isVisible)
    press(qtbot, window, Qt.Key.Key_Space)  # starts the suggestion
    qtbot.waitUntil(practice.clock.rec.isVisible, timeout=30_000)
    qtbot.wait(100)
    assert not practice.next_card.isVisible()
    viewport = practice.scroll.viewport()
    for widget in (practice.clock.stop_button, practice.clock.rec):
        top_left = widget.mapTo(viewport, widget.rect().topLeft())
        bottom_right = widget.mapTo(viewport, widget.rect().bottomRight())
        assert viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right), \
            f"{widget.text()!r} is off screen at 1024x700"
    practice.driver.cancel()
    qtbot.waitUntil(lambda: practice.driver.state == "idle", timeout=30_000)
