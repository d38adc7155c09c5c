"""What the app's Progress page says (mockloop.progress: last_role, signal_trend, signal_words,
delivery_series, delivery_words), on histories made by the real analysis of dev answers."""

from __future__ import annotations

import pytest
from support.history import analysed

from mockloop.progress import (
    delivery_series,
    delivery_words,
    last_role,
    progress,
    signal_trend,
    signal_words,
)
from mockloop.session import Services
from mockloop.transcript import Transcript

from .conftest import at, pick, seed

SD = "system-design"


@pytest.fixture
def services():
    s = Services()
    yield s
    s.close()


def test_last_role_is_the_latest_round_with_speech(services, answers):
    assert last_role(services.store) is None
    mle = analysed("mle", ("story-90",))["story-90"]
    seed(services, [(0, answers[SD][0]), (2, mle[0]), (1, answers[SD][1])])
    assert last_role(services.store) == "mle"  # the latest by date, not the latest saved
    silent = services.build_report("swe", SD, Transcript.from_text(""))
    services.store.add_completed(silent.to_dict(), source="text", started_at=at(5))
    assert last_role(services.store) == "mle"  # a take with no speech does not count


def test_a_signal_landed_lately_is_rising_and_one_lost_is_falling(services, answers):
    pool = answers[SD]
    a, b = "caching", "storage"
    early = pick(pool, miss={a}, hit={b}, n=3)
    late = pick(pool, hit={a}, miss={b}, n=3)
    if not (early and late):
        pytest.skip("the dev set has no designs that swap caching and storage")
    seed(services, [(d, x) for d, x in enumerate(early + late)])
    p = progress(services.store, services.rubric, "swe")
    assert signal_trend(p.signal(a)) == "rising" and signal_trend(p.signal(b)) == "falling"
    words = signal_words(p.signal(a))
    assert words.startswith("Landed in 3 of your last 5; rising from 0% 5 attempts ago")
    assert signal_words(p.signal(b)).startswith("Landed in 2 of your last 5; falling")
    unseen = p.signal("edge_cases")
    assert signal_trend(unseen) == "" and signal_words(unseen).startswith("Not practised yet")
    assert "coding" in signal_words(unseen)


def test_one_attempt_has_no_trend(services, answers):
    seed(services, [(0, answers[SD][0])])
    p = progress(services.store, services.rubric, "swe")
    s = p.signal("caching")
    assert signal_trend(s) == ""
    landed = "caching" in answers[SD][0].hits
    assert signal_words(s) == ("Landed the one time you tried." if landed
                               else "Missed the one time you tried.")


def test_delivery_series_is_every_timed_round_in_time_order(services, answers):
    from .test_progress import _timed

    stories = answers["story-90"][:3]
    # saved out of order: the series follows the dates
    for day, ans, wpm in ((2, stories[0], 170), (0, stories[1], 110), (1, stories[2], 140)):
        report = services.build_report("swe", "story-90",
                                       _timed(ans.report["transcript"]["text"], wpm))
        services.store.add_completed(report.to_dict(), source="file", started_at=at(day))
    seed(services, [(3, answers[SD][0])])  # typed: no timing, left out
    p = progress(services.store, services.rubric, "swe")
    series = delivery_series(p)
    pace = series["wpm"]
    assert len(pace) == 3 and pace[0].value < pace[1].value < pace[2].value
    assert [pt.date for pt in pace] == sorted(pt.date for pt in pace)
    assert len(series["time_used"]) == 3 and len(series["fillers_per_minute"]) == 3
    assert all(pt.round == "story-90" for pt in series["time_used"])
    mean = sum(pt.value for pt in pace) / 3
    assert delivery_words("wpm", pace) == f"Lately {mean:.0f} words a minute (last 3 rounds)."
    assert "of the round's length" in delivery_words("time_used", series["time_used"])
    assert "typed answers have no timing" in delivery_words("wpm", [])


def test_the_history_stamp_moves_with_every_write_from_any_connection(services, answers,
                                                                     mockloop_home):
    from mockloop.progress import history_version
    from mockloop.store import Store

    first = history_version(services.store)
    progress(services.store, services.rubric, "swe")  # reading leaves it alone
    assert history_version(services.store) == first
    seed(services, [(0, answers[SD][0])])
    second = history_version(services.store)
    assert second != first
    other = Store(services.store.path) if hasattr(services.store, "path") else None
    if other is None:
        pytest.skip("the store does not say where its file is")
    try:
        other.add_completed(answers[SD][1].report, source="text", started_at=at(1))
    finally:
        other.close()
    assert history_version(services.store) != second  # another process's round counts too
