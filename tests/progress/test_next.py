"""`mockloop next` and mockloop.next_round on a history made by the real analysis."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from cli.helpers import mockloop

from mockloop.next_round import interval_days, suggest
from mockloop.session import Services

from .conftest import DAY0, pick, seed

SD = "system-design"
STORY = ("tradeoff", "constraint", "fallout", "ownership")


@pytest.fixture
def services():
    s = Services()
    yield s
    s.close()


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def test_no_history_starts_the_loop(services, mockloop_home):
    s = suggest(services.store, services.rubric, "swe", day(0))
    assert s.first_round and s.round == services.rubric.role("swe").loop[0] == "story-90"
    assert s.prompt_id == "story-90/launch-cut" and "No rounds yet" in s.why
    services.close()
    run = mockloop("next", home=mockloop_home)
    assert run.code == 0 and "story-90" in run.out and "No rounds yet" in run.out
    data = mockloop("next", "--role", "mle", "--json", home=mockloop_home).json()
    assert data["round"]["id"] == "story-90" and data["first_round"] is True


def test_picks_the_round_of_the_most_missed_signal_and_says_why(services, answers):
    stories = pick(answers["story-90"], hit=set(STORY), n=3)
    assert stories, "no dev story lands all four signals"
    # the system-design signal the dev answers miss most, missed in every round here
    signals = services.rubric.round(SD).signals
    missed = max(signals, key=lambda s: sum(s not in a.hits for a in answers[SD]))
    designs = pick(answers[SD], miss={missed}, n=5)
    assert designs
    ids = seed(services, [(d, a) for d, a in enumerate(stories)]
               + [(3 + d, a) for d, a in enumerate(designs)])
    s = suggest(services.store, services.rubric, "swe", day(7))
    assert s.round == SD and missed in services.rubric.round(SD).signals
    top = s.due[0]
    assert top.last_hits == 0 and top.last_n == 5 and top.streak == -5
    assert missed in [d.id for d in s.due if d.streak == -5]
    assert s.why.startswith(f"You missed {top.name} in 5 of your last 5 system-design rounds")
    # story-90 landed everything: nothing of it is due but what it shares with design
    story = next(r for r in s.scores if r.round == "story-90")
    assert set(story.due) <= set(signals)
    # the prompt just done is not given again
    last_prompt = services.store.get(ids[-1]).prompt_id
    assert s.prompt_id != last_prompt and s.prompt_id.startswith(SD + "/")
    # deterministic for the same history and date
    assert suggest(services.store, services.rubric, "swe", day(7)).to_dict() == s.to_dict()


def test_a_signal_landed_twice_drops_out_and_comes_back_later(services, answers):
    pool = answers[SD]
    target = "caching"
    misses, hits = pick(pool, miss={target}, n=3), pick(pool, hit={target}, n=2)
    assert misses and hits
    seed(services, [(d, a) for d, a in enumerate(misses)])
    before = suggest(services.store, services.rubric, "swe", day(2))
    assert target in [d.id for d in before.due] and before.round == SD
    seed(services, [(3, hits[0])])
    once = suggest(services.store, services.rubric, "swe", day(3))
    assert target not in [d.id for d in once.due]  # landed once: back tomorrow
    tomorrow = suggest(services.store, services.rubric, "swe", day(4))
    assert target in [d.id for d in tomorrow.due]
    seed(services, [(4, hits[1])])
    twice = suggest(services.store, services.rubric, "swe", day(4))
    entry = next(x for x in twice.signals if x.id == target)
    assert entry.streak == 2 and not entry.is_due and entry.due == day(4 + interval_days(2))
    assert target not in [d.id for d in twice.due] and target not in twice.why
    for later in (day(5), day(6)):
        assert target not in [d.id for d in
                              suggest(services.store, services.rubric, "swe", later).due]
    assert target in [d.id for d in suggest(services.store, services.rubric, "swe",
                                            day(4 + interval_days(2))).due]


def test_intervals_grow_after_hits():
    assert interval_days(-3) == interval_days(0) == 0
    assert [interval_days(n) for n in range(1, 6)] == [1, 3, 6, 12, 24]
    assert interval_days(50) == 60


def test_next_json_from_the_command_line(services, answers, mockloop_home):
    seed(services, [(0, answers[SD][0]), (1, answers[SD][1])])
    services.close()
    run = mockloop("next", "--role", "swe", "--json", home=mockloop_home)
    assert run.code == 0, run.err
    data = run.json()
    assert data["round"]["id"] in services.rubric.role("swe").loop
    assert data["prompt"]["id"].startswith(data["round"]["id"] + "/") and data["why"]
    assert {s["id"] for s in data["signals"]} == {
        s for r in services.rubric.loop("swe") for s in r.signals}
    text = mockloop("next", home=mockloop_home)
    assert text.code == 0 and "Why:" in text.out and "mockloop practice" in text.out
