"""A saved report reads back into the same RoundReport: `RoundReport.from_dict(r.to_dict())
.to_dict() == r.to_dict()` for real analysed answers (every dev-set answer, typed and timed),
a saved and corrected round and a spoken one; older reports without the newer keys still load."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from analysis.helpers import timed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockloop.analysis import analyze
from mockloop.report import RoundReport
from mockloop.rubric.builtin import builtin_rubric
from mockloop.transcript import Transcript

DEV = [json.loads(line) for line in
       (Path(__file__).parent / "devset" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
       if line.strip()]


@cache
def _rubric():
    return builtin_rubric()


def _report(row: dict, transcript: Transcript, prompt: int = 0) -> RoundReport:
    rubric = _rubric()
    rnd = rubric.round(row["round"])
    p = rnd.prompts[prompt % len(rnd.prompts)] if rnd.prompts else None
    return RoundReport(role=row["role"], round=row["round"], transcript=transcript,
                       analysis=analyze(transcript, rnd, rubric.role(row["role"])),
                       prompt_id=p.id if p else None, prompt_text=p.text if p else None,
                       timings={"transcribe_s": 0.0, "analyze_s": 0.01})


def _assert_round_trip(report: RoundReport) -> None:
    data = report.to_dict()
    back = RoundReport.from_dict(data)
    assert back.to_dict() == data
    # and byte for byte, as `--json` prints it (an int stays an int, key order is kept)
    assert json.dumps(back.to_dict(), ensure_ascii=False) == json.dumps(data, ensure_ascii=False)
    # reading it back again changes nothing more
    assert RoundReport.from_dict(back.to_dict()) == back


def test_every_dev_answer_round_trips_typed_and_timed():
    for row in DEV:
        typed = _report(row, Transcript.from_text(row["text"]))
        _assert_round_trip(typed)
        spoken_like = _report(row, timed(row["text"], start=1.5, gaps={7: 3.5}))
        _assert_round_trip(spoken_like)
    assert len(DEV) > 300  # the whole dev set, not a sample


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row=st.sampled_from(DEV), start=st.floats(0.0, 12.0), rate=st.floats(0.15, 0.9),
       gaps=st.dictionaries(st.integers(0, 60), st.floats(0.0, 8.0), max_size=4),
       prompt=st.integers(0, 5))
def test_any_timing_of_a_dev_answer_round_trips(row, start, rate, gaps, prompt):
    transcript = timed(row["text"], start=round(start, 3), rate=round(rate, 3),
                       gaps={k: round(v, 3) for k, v in gaps.items()})
    _assert_round_trip(_report(row, transcript, prompt))


def test_a_saved_corrected_round_with_its_recording_and_notes_round_trips(mockloop_home):
    from mockloop.session import Services

    row = DEV[0]
    services = Services()
    saved = services.analyze_text(row["role"], row["round"], row["text"])
    assert saved.id is not None
    _assert_round_trip(saved)
    corrected = services.correct(saved.id, 3, 4, "shifting")
    assert corrected.edited and corrected.edits
    _assert_round_trip(corrected)
    with_audio = replace(corrected, recording={"path": "/tmp/a.wav", "dropped_frames": 0,
                                               "overflows": 0, "duration_s": 41.5},
                         notes=("fell behind, finished after Stop",))
    _assert_round_trip(with_audio)
    stored = services.store.report(saved.id)  # what History opens
    assert stored is not None
    assert RoundReport.from_dict(stored).to_dict() == stored
    services.close()


def test_a_read_back_report_keeps_its_saved_coaching():
    row = next(r for r in DEV if r["round"] == "ml-design")
    data = _report(row, Transcript.from_text(row["text"])).to_dict()
    miss = next(s for s in data["signals"] if not s["hit"])
    miss["try"] = "An older wording of the Try."
    back = RoundReport.from_dict(data)
    entry = next(s for s in back.to_dict()["signals"] if s["id"] == miss["id"])
    assert entry["try"] == "An older wording of the Try."


def test_a_report_saved_before_the_newer_keys_still_loads_with_their_defaults():
    row = DEV[0]
    data = _report(row, timed(row["text"])).to_dict()
    old = json.loads(json.dumps(data))
    for key in ("id", "prompt", "no_speech", "hits", "scored", "expected_lens", "notes",
                "edited"):
        old.pop(key, None)
    for s in old["signals"]:
        for key in ("why", "named", "meaning", "try", "teach"):
            s.pop(key, None)
    d = old["delivery"]
    for key in ("hedges", "wpm_speaking", "i_we", "time_status", "overtime_s"):
        d.pop(key)
    for c in d["checkpoints"]:
        for key in ("window", "from_s", "until_s", "verdict", "missed", "results"):
            c.pop(key)
    report = RoundReport.from_dict(old)
    delivery = report.analysis.delivery
    assert delivery.hedges_total == 0 and delivery.hedges_by_phrase == {}
    assert delivery.wpm_speaking is None and delivery.i_share is None
    assert delivery.wpm == data["delivery"]["wpm"]
    assert [c.signals for c in delivery.checkpoints] == [()] * len(d["checkpoints"])
    assert all(c.window == "by" for c in delivery.checkpoints)
    assert report.prompt_id is None and report.notes == () and not report.edited
    assert [s.id for s in report.analysis.signals] == [s["id"] for s in data["signals"]]
    assert report.coaching == tuple({} for _ in data["signals"])
    # what it says is written back as it was saved, plus the keys a report has now
    again = report.to_dict()
    assert again["signals"] == [s | {"why": None, "named": None} for s in old["signals"]]
    assert again["transcript"] == data["transcript"]


def test_an_empty_or_broken_dictionary_gives_an_empty_report_rather_than_an_error():
    report = RoundReport.from_dict({"role": "swe", "round": "coding", "delivery": None,
                                    "signals": [None, {"id": "tradeoff", "hit": True}]})
    assert report.analysis.delivery.words == 0
    assert [s.id for s in report.analysis.signals] == ["tradeoff"]
    assert report.transcript.text == "" and report.no_speech


@pytest.mark.slow
def test_a_spoken_report_round_trips(mockloop_home, speak):
    from mockloop.session import Services

    clip = speak("I chose the simpler queue over streaming because the deadline was two weeks "
                 "away, and we gave up replay. Um, as a result p99 fell from 800 to 200 ms. "
                 "I think maybe I decided it myself.")
    services = Services()
    report = services.analyze_audio("swe", "story-90", clip)
    assert report.transcript.timed and report.analysis.delivery.duration_s
    _assert_round_trip(report)
    services.close()
