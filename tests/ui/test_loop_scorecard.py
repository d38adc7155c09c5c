"""The loop scorecard in the real window: a full swe loop answered out loud (dev answers read
into the microphone), the last round's debrief leads to one summary of the loop; a take with
no speech does not count as a loop round."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from .helpers import on_page, press, record_take

pytestmark = [pytest.mark.gui, pytest.mark.slow]

DEV = Path(__file__).resolve().parents[1] / "devset" / "dev.jsonl"


def shortest_answer(role: str, round_id: str) -> str:
    """The shortest written dev answer of the round with at least 40 words (quick to speak)."""
    rows = [json.loads(line) for line in DEV.read_text().splitlines()]
    pool = [r["text"] for r in rows if r["role"] == role and r["round"] == round_id
            and r["style"] == "written" and len(r["text"].split()) >= 40]
    return min(pool, key=len)




def click(qtbot, practice, button) -> None:
    """Scroll the button into view, as the user would, and click it."""
    qtbot.wait(50)  # laid out
    practice.scroll.ensureWidgetVisible(button)
    qtbot.wait(50)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def silence(path: Path, seconds: float = 2.0) -> Path:
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(path), "trim", "0.0",
                    str(seconds)], check=True, capture_output=True)
    return path


def test_finishing_the_last_loop_round_shows_the_scorecard(make_window, services, speak,
                                                           qtbot):
    window = make_window(services)
    practice, debrief = window.practice, window.debrief
    practice.picker.select("swe")
    practice.picker.loop_check.setChecked(True)
    loop = services.rubric.role("swe").loop
    done: list[int] = []
    for i, rid in enumerate(loop):
        assert practice.picker.round_id == rid
        record_take(qtbot, window, speak(shortest_answer("swe", rid), f"{rid}.wav"))
        done.append(debrief.report.id)
        assert debrief.next_button.isVisible()
        if i + 1 < len(loop):
            assert debrief.next_button.text().startswith("Next round")
            assert not practice.scorecard.isVisible()
            qtbot.mouseClick(debrief.next_button, Qt.MouseButton.LeftButton)
            assert practice.break_card.isVisible()
    assert debrief.next_button.text().startswith("Loop scorecard")
    qtbot.mouseClick(debrief.next_button, Qt.MouseButton.LeftButton)
    assert on_page(window, practice)
    card = practice.scorecard
    assert card.isVisible() and not practice.break_card.isVisible()
    assert [line.history_id for line in card.rounds] == done
    for line, hid in zip(card.rounds, done, strict=True):
        saved = services.store.report(hid)
        hit = [s for s in saved["signals"] if s["hit"]]
        assert line.round_id == saved["round"]
        assert line.hit_ids == tuple(s["id"] for s in hit)
        assert f"{len(hit)} of {len(saved['signals'])} signals" in line.figures.text()
        names = [services.rubric.signals[s["id"]].name for s in hit]
        assert all(n in line.hits.text() for n in names)
    total = sum(r["hits"] for r in (services.store.report(h) for h in done))
    assert f"{total} of " in card.headline.text()
    assert card.card.weakest and all(w.name in card.weakest.text() for w in card.card.weakest)
    assert card.next_why.text() and card.card.next is not None
    # A round's debrief is one click away.
    click(qtbot, practice, card.rounds[1].open_button)
    assert on_page(window, debrief) and debrief.report.id == done[1]
    # Practise it next: the suggested round and prompt are picked, the loop is over.
    window.show_page("practice")
    click(qtbot, practice, card.next_button)
    assert not card.isVisible() and practice.loop is None
    assert (practice.picker.round_id, practice.picker.prompt_id) == (card.card.next.round,
                                                                     card.card.next.prompt_id)


def test_a_take_with_no_speech_does_not_advance_the_loop(make_window, services, speak,
                                                          tmp_path, qtbot):
    window = make_window(services)
    practice, debrief = window.practice, window.debrief
    practice.picker.select("swe")
    practice.picker.loop_check.setChecked(True)
    loop = services.rubric.role("swe").loop
    record_take(qtbot, window, silence(tmp_path / "quiet.wav"))
    assert debrief.no_speech.isVisible()
    assert not debrief.next_button.isVisible()  # nothing to go on from
    assert window.banner.isVisible() and "does not count" in window.banner.text
    assert practice.loop.index == 0 and practice.loop.take_ids == ()
    # Retake it with speech: now the loop goes on.
    press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert practice.picker.round_id == loop[0]
    record_take(qtbot, window, speak(shortest_answer("swe", loop[0])))
    assert debrief.next_button.isVisible()
    qtbot.mouseClick(debrief.next_button, Qt.MouseButton.LeftButton)
    assert practice.picker.round_id == loop[1]
    assert practice.prompt_card.kicker.text().startswith(f"ROUND 2 OF {len(loop)}")
    assert practice.loop.take_ids == (debrief.report.id,)
