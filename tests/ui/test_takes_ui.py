"""Takes side by side in the real window: a retake's debrief shows the previous take of the
prompt beside it; a first take shows none; a re-read answer is called memorised."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from .helpers import on_page, press, record_take

pytestmark = [pytest.mark.gui]

DEV = Path(__file__).resolve().parents[1] / "devset" / "dev.jsonl"
PROMPT = "story-90/launch-cut"


def story_answers() -> list[dict]:
    rows = [json.loads(line) for line in DEV.read_text().splitlines()]
    return [r for r in rows if r["role"] == "swe" and r["round"] == "story-90"]


def hits(report) -> dict:
    return {s.id: s for s in report.analysis.signals if s.hit}




def test_a_retake_shows_signals_gained_and_lost_with_both_sentences(make_window, services,
                                                                    qtbot):
    # Two real answers to the prompt, each landing a signal the other misses.
    reports = [services.analyze_text("swe", "story-90", a["text"], save=False)
               for a in story_answers()]
    first, second = next((a, b) for a, b in itertools.combinations(reports, 2)
                         if set(hits(a)) - set(hits(b)) and set(hits(b)) - set(hits(a)))
    then = services.analyze_text("swe", "story-90", first.transcript.text, prompt_id=PROMPT)
    now = services.analyze_text("swe", "story-90", second.transcript.text, prompt_id=PROMPT)
    window = make_window(services)
    window.open_round(now.id)
    card = window.debrief.takes
    assert card.isVisible()
    assert f"round #{then.id}" in card.meta.text()
    rows = {r.signal_id: r for r in card.rows}
    gained = set(hits(now)) - set(hits(then))
    lost = set(hits(then)) - set(hits(now))
    assert {k for k, r in rows.items() if r.gained} == gained
    assert {k for k, r in rows.items() if not r.gained} == lost
    for sid in gained:  # what was said now for it, and that it was not heard then
        assert hits(now)[sid].evidence in rows[sid].now.text()
        assert rows[sid].now.text().startswith("This take")
        assert rows[sid].then.text().startswith("Last take")
    for sid in lost:  # what was said for it then
        assert hits(then)[sid].evidence in rows[sid].then.text()
    n_then, n_now = len(hits(then)), len(hits(now))
    assert card.values["signals"][:2] == (f"{n_then} of 4", f"{n_now} of 4")
    assert set(card.values) >= {"time", "pace", "fillers", "lens"}
    assert not card.memorised.isVisible()  # two different answers

    # The earlier take is a first take: nothing beside it.
    window.open_round(then.id)
    assert not window.debrief.takes.isVisible()


@pytest.mark.slow
def test_a_spoken_reread_is_called_memorised_and_a_new_answer_is_not(make_window, services,
                                                                     speak, qtbot):
    answers = sorted(story_answers(), key=lambda a: len(a["text"]))
    script = next(a for a in answers if len(a["text"].split()) >= 70)["text"]
    other = next(a for a in answers if len(a["text"].split()) >= 70 and a["text"] != script)
    window = make_window(services)
    practice, debrief = window.practice, window.debrief
    practice.picker.select("swe", "story-90", PROMPT)

    record_take(qtbot, window, speak(script, "first.wav"))
    assert not debrief.takes.isVisible()  # the first take of this prompt

    press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert on_page(window, practice) and practice.picker.prompt_id == PROMPT
    # The same script read again, a little slower and in a noisy room: the recogniser hears
    # it differently here and there.
    record_take(qtbot, window, speak(script, "again.wav", wpm=140, condition="noise"))
    assert debrief.takes.isVisible()
    cmp = debrief.takes.comparison
    assert cmp is not None and cmp.then.id != cmp.now.id
    first_text = services.store.report(cmp.then.id)["transcript"]["text"]
    again_text = services.store.report(cmp.now.id)["transcript"]["text"]
    assert first_text != again_text  # not the same words: the recogniser differed
    assert debrief.takes.memorised.isVisible()
    assert "recited" in debrief.takes.memorised.text()

    press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    record_take(qtbot, window, speak(other["text"], "other.wav"))
    assert debrief.takes.isVisible()
    assert debrief.takes.comparison.then.id == cmp.now.id  # beside the take just before
    assert not debrief.takes.memorised.isVisible()
