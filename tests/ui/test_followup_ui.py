"""The follow-up card in the real window, on rounds made by the real analysis: after a design
round it asks about a miss in the answer's words; answering it (Ctrl+Shift+F, then Space) makes
a linked round that History shows under its design round; that round's debrief lists the misses
it recovered and links back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from mockloop import followup
from mockloop.audio import wav_stream_factory

from .helpers import on_page, press, record_take, signal_rows

pytestmark = pytest.mark.gui

DEV = Path(__file__).resolve().parents[1] / "devset" / "dev.jsonl"


def dev_answer(answer_id: str) -> dict:
    for line in DEV.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] == answer_id:
            return row
    raise KeyError(answer_id)


def saved(services, answer_id: str) -> int:
    row = dev_answer(answer_id)
    return services.analyze_text(row["role"], row["round"], row["text"]).id


# The email sending service (MySQL, a queue, no retries): misses failure recovery, caching...
DESIGN = "swe-sysdesign-013"
# Recovers failure recovery and caching; also the follow-up round's own rejection line.
SPOKEN = ("If the primary fails in the middle of a write, we fail over to the replica, and the "
          "worker retries with the same message ID, so the email is never sent twice. If more "
          "than one percent of emails fail to send for ten minutes, I would reject the design. "
          "We cache the templates for five minutes and invalidate them on every edit.")


def test_after_a_system_design_round_the_card_asks_about_a_miss(make_window, services):
    design_id = saved(services, DESIGN)
    story_id = saved(services, "swe-story-001")
    window = make_window(services)
    window.open_round(design_id)
    card = window.debrief.followup
    assert card.isVisible()
    expected = followup.plan(followup.saved_report(services.store, design_id), services.rubric)
    asked = expected.question
    assert card.question.text() == asked.text
    rows = signal_rows(window)
    assert not rows[asked.signal].hit  # a signal the checklist shows as missed
    assert asked.name.upper() in card.kicker.text()
    said = dev_answer(DESIGN)["text"].lower()
    assert asked.slots and all(v.lower() in said for v in asked.slots.values())
    # Another question: another missed signal, never one the answer hit.
    card.other_button.click()
    assert card.question.text() == expected.questions[1].text
    assert not rows[expected.questions[1].signal].hit
    # A story round gets no follow-up card.
    window.open_round(story_id)
    assert not card.isVisible()


@pytest.mark.slow
def test_answering_the_follow_up_makes_a_linked_round_that_recovers_misses(
        make_window, services, speak, qtbot):
    design_id = saved(services, DESIGN)
    clip = speak(SPOKEN)
    window = make_window(services, stream_factory=wav_stream_factory(clip, realtime=True))
    window.open_round(design_id)
    card = window.debrief.followup
    question = card.question.text()
    press(qtbot, window, Qt.Key.Key_F,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    practice = window.practice
    assert on_page(window, practice)
    assert practice.prompt_card.prompt.text().startswith(question)  # the generated question
    assert f"#{design_id}" in practice.prompt_card.kicker.text()
    assert practice.picker.round_id == "failure-followup"

    record_take(qtbot, window, clip, realtime=True, slack_ms=20_000)

    # The saved round follows the design round, with the question as its prompt.
    follow_id = window.debrief.report.id
    row = services.store.get(follow_id)
    assert (row.follows, row.kind, row.round) == (design_id, "followup", "failure-followup")
    assert row.prompt_text.startswith(question)
    # Its debrief: which of the design round's misses it recovered, and a way back.
    assert card.isVisible()
    assert f"FOLLOW-UP TO ROUND #{design_id}" in card.kicker.text()
    recovered = followup.recovery_of(services.store, services.rubric, follow_id)
    assert recovered is not None and recovered.recovered
    shown = card.body.text()
    assert {"caching", "failure_recovery"} & {r.id for r in recovered.recovered}
    for r in recovered.recovered:
        assert r.name in shown
    assert f"{len(recovered.recovered)} of the {len(recovered.missed)}" in shown
    assert not card.answer_button.isVisible()  # a follow-up is not followed up again

    # History: the follow-up's row says which round it follows.
    window.show_page("history")
    table = window.history.table
    cells = {table.item(r, 0).data(Qt.ItemDataRole.UserRole): table.item(r, 1).text()
             for r in range(table.rowCount())}
    assert f"follow-up to round #{design_id}" in cells[follow_id]
    assert "follow-up" not in cells[design_id]

    # Back to the design round from the follow-up's card; it links to its follow-up.
    window.open_round(follow_id)
    card.open_button.click()
    assert window.debrief.report.id == design_id
    assert card.linked.isVisible() and f"#{follow_id}" in card.linked.text()
    card.open_button.click()
    assert window.debrief.report.id == follow_id
