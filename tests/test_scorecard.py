"""The loop scorecard (mockloop.scorecard), on real analysed dev answers saved in a temp
history: one swe loop, a round per dev answer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mockloop.errors import UserError
from mockloop.next_round import suggest
from mockloop.scorecard import WEAKEST_N, build_scorecard, counts_as_loop_round
from mockloop.session import Services

DEV = Path(__file__).resolve().parent / "devset" / "dev.jsonl"
TODAY = date(2030, 1, 1)


def first_answer(role: str, round_id: str, skip: int = 0) -> str:
    rows = [json.loads(line) for line in DEV.read_text().splitlines()]
    return [r for r in rows if r["role"] == role and r["round"] == round_id][skip]["text"]


@pytest.fixture
def services():
    s = Services()
    yield s
    s.close()


def run_loop(services, role="swe"):
    """One take of each round of the role's loop, its first prompt, as the app saves them."""
    reports = []
    for rid in services.rubric.role(role).loop:
        rnd = services.rubric.round(rid)
        reports.append(services.analyze_text(role, rid, first_answer(role, rid),
                                             prompt_id=rnd.prompts[0].id))
    return reports


def test_each_round_shows_its_hits_time_and_the_loop_total(services):
    reports = run_loop(services)
    card = build_scorecard(services.store, services.rubric, [r.id for r in reports],
                           today=TODAY)
    assert [r.round for r in card.rounds] == list(services.rubric.role("swe").loop)
    for row, report in zip(card.rounds, reports, strict=True):
        hit = tuple(s.id for s in report.analysis.signals if s.hit)
        assert row.hit == hit
        assert row.hits_text == f"{len(hit)} of {len(report.analysis.signals)}"
        assert row.title == services.rubric.round(report.round).title
        assert row.time_text.startswith("typed")  # typed answers carry no time
    assert card.hits == sum(len(r.hit) for r in card.rounds)
    assert f"{card.hits} of {card.scored} signals hit" in card.headline
    assert card.not_counted == ()
    json.dumps(card.to_dict())


def test_the_weakest_signals_are_those_missed_most_across_the_loop(services):
    reports = run_loop(services)
    card = build_scorecard(services.store, services.rubric, [r.id for r in reports],
                           today=TODAY)
    misses: dict[str, int] = {}
    for r in reports:
        for s in r.analysis.signals:
            if not s.hit:
                misses[s.id] = misses.get(s.id, 0) + 1
    assert 0 < len(card.weakest) <= WEAKEST_N
    most = max(misses.values())
    assert card.weakest[0].missed == most
    assert [w.missed for w in card.weakest] == sorted((w.missed for w in card.weakest),
                                                      reverse=True)
    for w in card.weakest:
        assert w.missed == misses[w.id]
        assert w.name == services.rubric.signals[w.id].name
        assert w.name in card.weakest_line


def test_what_to_practise_next_is_next_rounds_suggestion(services):
    reports = run_loop(services)
    card = build_scorecard(services.store, services.rubric, [r.id for r in reports],
                           today=TODAY)
    expected = suggest(services.store, services.rubric, "swe", TODAY)
    assert card.next is not None
    assert (card.next.round, card.next.prompt_id, card.next.why) == (
        expected.round, expected.prompt_id, expected.why)
    # These rounds are part of the history it reads: a round just done is not simply the
    # loop's first round again.
    assert not card.next.first_round


def test_a_take_with_no_speech_is_not_a_loop_round(services):
    reports = run_loop(services)
    silent = services.analyze_text("swe", "coding", "", prompt_id="coding/top-k-errors")
    assert not counts_as_loop_round(silent)
    assert all(counts_as_loop_round(r) for r in reports)
    ids = [reports[0].id, silent.id, *[r.id for r in reports[1:]]]
    card = build_scorecard(services.store, services.rubric, ids, today=TODAY)
    assert card.not_counted == (silent.id,)
    assert [r.id for r in card.rounds] == [r.id for r in reports]
    with pytest.raises(UserError, match="speech"):
        build_scorecard(services.store, services.rubric, [silent.id], today=TODAY)


def test_a_loop_with_every_signal_landed_says_so(services):
    # The story-90 dev answer that hits all four signals, on its own.
    rows = [json.loads(line) for line in DEV.read_text().splitlines()]
    full = next(r for r in rows if r["role"] == "swe" and r["round"] == "story-90"
                and len(r["hits"]) == 4)
    report = services.analyze_text("swe", "story-90", full["text"],
                                   prompt_id="story-90/launch-cut")
    assert all(s.hit for s in report.analysis.signals)  # the real analysis agrees
    card = build_scorecard(services.store, services.rubric, [report.id], today=TODAY)
    assert card.weakest == ()
    assert "landed" in card.weakest_line
