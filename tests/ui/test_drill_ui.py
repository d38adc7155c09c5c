"""The three-framings drill in the real window: started from Practice, three spoken takes in
a row from a WAV microphone (espeak-ng), a card between takes naming the next framing, then
the three takes side by side; the history keeps them linked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mockloop.audio import wav_stream_factory
from mockloop.ui.widgets.lens_bar import LensBar

from .helpers import on_page, press

pytestmark = [pytest.mark.gui, pytest.mark.slow]

TAKE_TIMEOUT_MS = 90_000


class Takes:
    """A microphone that says the next take's clip: `use(i)` before each take."""

    def __init__(self, paths) -> None:
        self.factories = [wav_stream_factory(p) for p in paths]
        self.index = 0

    def use(self, i: int) -> None:
        self.index = i

    def __call__(self, *args, **kwargs):
        return self.factories[self.index](*args, **kwargs)


@pytest.fixture
def spoken(tmp_path):
    from support import drill_story, voices

    # Take 1 (product risk) is told as the system story: a framing that does not land.
    texts = (drill_story.SPOKEN[2], drill_story.SPOKEN[1], drill_story.SPOKEN[2])
    out = []
    for i, text in enumerate(texts):
        path = tmp_path / f"take{i}.wav"
        voices.speak(text, path, voice="espeak")
        out.append((path, voices.read(path).size / voices.SAMPLE_RATE))
    return out


def record_take(qtbot, window, takes, i, seconds) -> None:
    practice = window.practice
    takes.use(i)
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(practice.clock.rec.isVisible, timeout=30_000)
    qtbot.waitUntil(lambda: practice.clock.track.elapsed_s > seconds + 0.8, timeout=60_000)
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not practice.busy, timeout=TAKE_TIMEOUT_MS)
    assert not window.banner.isVisible() or window.banner.kind != "error", window.banner.text


def test_three_framings_in_a_row_then_side_by_side(make_window, services, spoken, qtbot):
    takes = Takes([p for p, _s in spoken])
    window = make_window(services, stream_factory=takes)
    practice = window.practice
    practice.picker.select("ai-engineer", "coding")
    press(qtbot, window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)

    # Take 1: the story round, the product-risk framing asked.
    assert practice.picker.round_id == "story-90"
    assert practice.drill_step.isVisible()
    assert "Take 1 of 3: Product risk" in practice.drill_step.title.text()
    assert "product risk" in practice.prompt_card.summary.text()
    assert "TAKE 1 OF 3" in practice.prompt_card.kicker.text()
    story = practice.prompt_card.prompt.text()

    record_take(qtbot, window, takes, 0, spoken[0][1])
    assert on_page(window, practice)  # no single-take debrief in between
    step = practice.drill_step
    assert "Take 2 of 3: Model risk" in step.title.text()
    assert "still spent most on the system" in step.last.text()
    assert "model risk" in practice.prompt_card.summary.text()
    assert practice.prompt_card.prompt.text() == story  # the same story, framed anew

    record_take(qtbot, window, takes, 1, spoken[1][1])
    assert "Take 3 of 3: System risk" in step.title.text()
    assert "on the model: it landed" in step.last.text()

    record_take(qtbot, window, takes, 2, spoken[2][1])
    view = practice.drill_view
    qtbot.waitUntil(view.isVisible, timeout=5000)
    assert not step.isVisible() and not practice.clock.isVisible()
    bars = [b for b in view.findChildren(LensBar) if b.isVisible()]
    assert len(bars) == 3
    assert [b.expected for b in bars] == ["product", "model", "system"]
    sentences = view.sentences.text()
    assert "Your product-risk take still spent most on the system" in sentences
    assert "Your model-risk take spent" in sentences and "it landed" in sentences
    assert view.headline.text() == "2 of 3 framings landed on their lens."
    columns = view.columns_widgets
    assert [c.result.text() for c in columns] == ["✗ Did not land", "✓ Landed", "✓ Landed"]
    assert all(set(c.checks) == {"tradeoff", "constraint", "fallout", "ownership"}
               for c in columns)

    # The history keeps the three takes linked to the first.
    rows = sorted(services.store.list_rounds(), key=lambda r: r.id)
    assert [(r.round, r.kind) for r in rows] == [
        ("story-90", "framing-product"), ("story-90", "framing-model"),
        ("story-90", "framing-system")]
    assert [r.follows for r in rows] == [None, rows[0].id, rows[0].id]
    assert "product risk" in rows[0].prompt_text and "system risk" in rows[2].prompt_text

    # Space does not start a stray round over the debrief; Done goes back to practising.
    press(qtbot, window, Qt.Key.Key_Space)
    assert not practice.busy
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert not view.isVisible() and practice.clock.isVisible()
    assert practice.drill is None


def test_choosing_another_prompt_leaves_the_drill(make_window, services, qtbot):
    window = make_window(services)
    practice = window.practice
    qtbot.mouseClick(practice.drill_button, Qt.MouseButton.LeftButton)
    assert practice.drill is not None and practice.drill_step.isVisible()
    practice.picker.select(round_id="coding")
    assert practice.drill is None and not practice.drill_step.isVisible()
    assert "product risk" not in practice.prompt_card.summary.text()
    assert not practice.prompt_card.kicker.text().startswith("THREE FRAMINGS")


def test_a_cancelled_take_is_asked_again(make_window, services, tmp_path, qtbot):
    from support import voices

    clip = tmp_path / "take.wav"
    voices.speak("I decided every draft goes to an agent first.", clip, voice="espeak")
    window = make_window(services, stream_factory=wav_stream_factory(clip))
    practice = window.practice
    qtbot.mouseClick(practice.drill_button, Qt.MouseButton.LeftButton)
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(practice.clock.rec.isVisible, timeout=30_000)
    assert not practice.drill_step.isVisible()  # the clock comes first while recording
    practice.driver.cancel()
    qtbot.waitUntil(lambda: not practice.busy, timeout=TAKE_TIMEOUT_MS)
    assert practice.drill is not None and practice.drill.index == 0
    assert practice.drill_step.isVisible()
    assert "Take 1 of 3: Product risk" in practice.drill_step.title.text()
    assert "product risk" in practice.prompt_card.summary.text()
    kept = services.store.list_rounds()
    assert [(r.status, r.kind) for r in kept] == [("interrupted", "framing-product")]
