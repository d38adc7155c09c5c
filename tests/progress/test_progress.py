"""`mockloop progress` and mockloop.progress on a history made by the real analysis."""

from __future__ import annotations

from datetime import date

import pytest
from cli.helpers import mockloop

from mockloop.progress import HALF_LIFE, NO_ROUNDS_HINT, progress, weighted_rate
from mockloop.session import Services
from mockloop.transcript import Segment, Transcript, Word

from .conftest import DAY0, at, pick, seed

SD = "system-design"


@pytest.fixture
def services():
    s = Services()
    yield s
    s.close()


def _landed_lately(answers):
    """Signals A, B of system-design and answers: 3 missing both, then 3 hitting A only."""
    pool = answers[SD]
    signals = [s for s in _round_signals(SD)]
    for a in signals:
        for b in signals:
            if a == b:
                continue
            early = pick(pool, miss={a, b}, n=3)
            late = pick(pool, hit={a}, miss={b}, n=3)
            if early and late:
                return a, b, early, late
    pytest.fail("the dev set has no answers that land one signal and miss another")


def _round_signals(round_id):
    from mockloop.rubric import get_rubric

    return get_rubric().round(round_id).signals


def test_a_signal_landed_lately_rates_above_one_always_missed(services, answers):
    a, b, early, late = _landed_lately(answers)
    seed(services, [(d, x) for d, x in enumerate(early + late)])
    p = progress(services.store, services.rubric, "swe")
    sa, sb = p.signal(a), p.signal(b)
    assert [pt.hit for pt in sa.points] == [False] * 3 + [True] * 3
    assert sb.hits == 0 and sb.attempts == 6 and sb.recent_rate == 0.0
    assert sa.recent_rate is not None and sa.recent_rate > sb.recent_rate
    # recency-weighted: three late hits weigh more than three early misses
    assert sa.rate == 0.5 and sa.recent_rate > 0.5
    assert sa.recent_rate == pytest.approx(weighted_rate([False] * 3 + [True] * 3))
    assert sa.last_hits == 3 and sa.last_n == 5 and sa.streak == 3
    # the rolling rate rises over the last three points
    rates = [pt.recent_rate for pt in sa.points]
    assert rates[2] == 0.0 and rates[3] < rates[4] < rates[5]
    assert sa.points[0].date == DAY0.isoformat()
    assert p.rounds_counted == 6 and [r.id for r in p.rounds] == [SD]
    assert sum(n for _, n in p.weeks) == 6 and len(p.weeks) == 1


def test_half_life_halves_the_weight():
    # one hit HALF_LIFE attempts before a miss: weight 0.5 against 1
    assert weighted_rate([True] + [False] * int(HALF_LIFE)) == pytest.approx(
        0.5 / (sum(0.5 ** (k / HALF_LIFE) for k in range(int(HALF_LIFE) + 1))))
    assert weighted_rate([]) is None


def test_incomplete_rounds_and_takes_without_speech_do_not_count(services, answers):
    seed(services, [(0, answers[SD][0])])
    silent = services.build_report("swe", SD, Transcript.from_text(""))
    assert silent.no_speech
    services.store.add_completed(silent.to_dict(), source="text", started_at=at(1))
    services.store.begin_round(role="swe", round_id=SD, prompt_id=None, prompt_text=None,
                               audio_path=None, started_at=at(2))
    p = progress(services.store, services.rubric, "swe")
    assert p.rounds_counted == 1
    assert all(s.attempts <= 1 for s in p.signals)


def _timed(text: str, wpm: float) -> Transcript:
    step = 60.0 / wpm
    words = tuple(Word(" " + w, 1.0 + k * step, 1.0 + k * step + 0.8 * step)
                  for k, w in enumerate(text.split()))
    return Transcript.from_segments([Segment(text, words[0].start, words[-1].end, words)],
                                    (words[-1].end or 0.0) + 1.0)


def test_delivery_trend_time_used_and_pace(services, answers):
    texts = [a.report["transcript"]["text"] for a in answers["story-90"][:7]]
    # two slow rounds, then five brisk ones (a timed transcript, as a recording gives)
    for day, (text, wpm) in enumerate(zip(texts, [100] * 2 + [160] * 5, strict=True)):
        report = services.build_report("swe", "story-90", _timed(text, wpm))
        services.store.add_completed(report.to_dict(), source="file", started_at=at(day))
    p = progress(services.store, services.rubric, "swe")
    (story,) = p.rounds
    assert story.id == "story-90" and story.takes == 7 and story.length_s == 90.0
    assert story.wpm.n == 7 and story.wpm.earlier_mean is not None
    assert story.wpm.recent_mean is not None and story.wpm.recent_mean > story.wpm.earlier_mean
    for pt in story.points:
        assert pt.duration_s is not None and pt.time_used == pytest.approx(pt.duration_s / 90)
    assert story.fillers_per_minute.n == 7


def test_since_filters(services, answers, mockloop_home):
    pool = answers[SD]
    seed(services, [(d, pool[d]) for d in range(4)] + [(20 + d, pool[4 + d]) for d in range(3)])
    services.close()
    since = date.fromordinal(DAY0.toordinal() + 20).isoformat()
    run = mockloop("progress", "--role", "swe", "--since", since, "--json", home=mockloop_home)
    assert run.code == 0, run.err
    data = run.json()
    assert data["since"] == since and data["rounds_counted"] == 3
    for s in data["signals"]:
        assert all(pt["date"] >= since for pt in s["points"])
        assert s["attempts"] <= 3
    whole = mockloop("progress", "--role", "swe", "--json", home=mockloop_home).json()
    assert whole["rounds_counted"] == 7
    later = mockloop("progress", "--role", "swe", "--since", "2031-01-01", home=mockloop_home)
    assert later.code == 0 and later.out.startswith("No rounds since 2031-01-01")


def test_json_names_every_signal_of_the_role(services, answers, mockloop_home):
    seed(services, [(0, answers[SD][0]), (1, answers["story-90"][0])])
    services.close()
    data = mockloop("progress", "--role", "swe", "--json", home=mockloop_home).json()
    from mockloop.rubric import get_rubric

    rubric = get_rubric()
    expected = {s for r in rubric.loop("swe") for s in r.signals}
    assert set(data["signal_ids"]) == expected == {s["id"] for s in data["signals"]}
    assert len(data["signal_ids"]) == len(set(data["signal_ids"]))
    unseen = next(s for s in data["signals"] if s["id"] == "edge_cases")
    assert unseen["attempts"] == 0 and unseen["recent_rate"] is None and unseen["points"] == []
    tradeoff = next(s for s in data["signals"] if s["id"] == "tradeoff")
    assert tradeoff["attempts"] == 2 and set(tradeoff["rounds"]) >= {SD, "story-90"}
    assert {r["id"] for r in data["rounds"]} == {SD, "story-90"}
    assert data["weeks"] == [{"week": "2025-W10", "start": DAY0.isoformat(), "rounds": 2}]
    text = mockloop("progress", "--role", "swe", home=mockloop_home)
    assert text.code == 0 and "Concrete tradeoff" in text.out and "2 rounds" in text.out


def test_empty_history_says_what_to_do(mockloop_home):
    run = mockloop("progress", home=mockloop_home)
    assert run.code == 0 and run.out.strip() == NO_ROUNDS_HINT
    data = mockloop("progress", "--json", home=mockloop_home).json()
    assert data["empty"] is True and data["message"] == NO_ROUNDS_HINT
    assert data["role"] == "swe" and data["rounds_counted"] == 0 and data["signal_ids"]


def test_unknown_role_and_bad_date_are_plain_errors(mockloop_home):
    from cli.helpers import assert_plain_error

    assert_plain_error(mockloop("progress", "--role", "chef", home=mockloop_home))
    bad = mockloop("progress", "--since", "March", home=mockloop_home)
    assert bad.code == 2 and "YYYY-MM-DD" in bad.err


def test_drill_takes_are_not_story_attempts_but_follow_ups_are(services, answers):
    # A three-framings take is told through one lens on purpose; counting its story checklist
    # would drag the user's story trends down for doing the drill as asked.
    from support.drill_story import MODEL, PRODUCT, SYSTEM

    first = services.analyze_text("swe", "story-90", PRODUCT, kind="framing-product")
    for kind, text in (("framing-model", MODEL), ("framing-system", SYSTEM)):
        services.analyze_text("swe", "story-90", text, follows=first.id, kind=kind)
    design = services.analyze_text("swe", SD, answers[SD][0].report["transcript"]["text"])
    services.analyze_text("swe", "failure-followup", "I would reject it if the cache served "
                          "stale prices for more than a minute, and I would alert on it.",
                          follows=design.id, kind="followup")
    p = progress(services.store, services.rubric, "swe")
    assert p.rounds_counted == 2
    assert p.signal("tradeoff").attempts == 1  # the design round's, none from the drill
    assert p.signal("rejection_criterion").attempts == 1
