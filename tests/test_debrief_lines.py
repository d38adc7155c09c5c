"""One set of debrief lines (mockloop.debrief_lines): the window's delivery card and the
Markdown export show the same rows, hedges, checkpoints and speaking pace included."""

from __future__ import annotations

from analysis.helpers import timed

from mockloop.analysis import analyze
from mockloop.analysis.results import CheckpointResult, Delivery, Pause
from mockloop.debrief_lines import MEANING, checkpoint_value, delivery_rows, rows_of
from mockloop.report import RoundReport, to_markdown
from mockloop.rubric.builtin import builtin_rubric
from mockloop.transcript import Transcript

STORY = ("um so I think maybe the decision was moving the export onto a queue because the "
         "deadline was two weeks away and we gave up replay. As a result p99 fell from 800 "
         "to 200 ms and I decided it myself, probably the right call.")


def _report(transcript: Transcript, round_id: str = "story-90") -> RoundReport:
    rubric = builtin_rubric()
    return RoundReport(role="swe", round=round_id, transcript=transcript,
                       analysis=analyze(transcript, rubric.round(round_id), rubric.role("swe")))


def test_a_timed_round_has_every_row_in_order_with_its_meaning():
    report = _report(timed(STORY, start=4.0, gaps={12: 4.0}))
    rows = delivery_rows(report)
    keys = [r.key for r in rows]
    assert keys[:7] == ["time", "pace", "words", "fillers", "hedges", "start", "pauses"]
    assert keys[7] == "i_we" and set(keys[8:]) == {"checkpoint"}
    assert len(keys[8:]) == len(report.analysis.delivery.checkpoints) > 0
    assert all(r.tooltip == MEANING[r.key] for r in rows)
    by = {r.key: r for r in rows}
    assert "while speaking" in by["pace"].value
    assert by["start"].value == "at 0:04"
    assert by["hedges"].value.startswith(f"{report.analysis.delivery.hedges_total}  (")


def test_the_markdown_delivery_is_the_same_rows():
    report = _report(timed(STORY, start=4.0, gaps={12: 4.0}))
    md = to_markdown(report.to_dict())
    delivery = md.split("## Delivery\n\n", 1)[1].split("\n\n## Transcript", 1)[0]
    assert delivery.splitlines() == [f"- {r.label}: {r.value}" for r in delivery_rows(report)]
    assert "- Hedges: " in delivery and "while speaking)" in delivery
    assert "- By " in delivery or "- Last " in delivery  # the checkpoints
    assert to_markdown(report) == md  # a RoundReport or its dictionary, the same text


def test_a_typed_round_has_no_pace_or_start():
    report = _report(Transcript.from_text(STORY))
    keys = [r.key for r in delivery_rows(report)]
    assert "pace" not in keys and "start" not in keys
    assert delivery_rows(report)[0].value.startswith("– of 1:30")


def test_an_older_report_s_lead_in_pause_is_said_as_the_start():
    d = Delivery(duration_s=30.0, target_s=90.0, time_status="under", overtime_s=0.0, words=40,
                 wpm=80.0, wpm_speaking=None, fillers_total=0, fillers_per_minute=0.0,
                 long_pauses=(Pause(0.0, 6.2), Pause(12.0, 15.5)))
    by = {r.key: r.value for r in rows_of(d)}
    assert by["start"] == "at 0:06"
    assert by["pauses"] == "0:12 (3.5 s)"
    assert by["pace"] == "80 words per minute"


def test_an_older_checkpoint_without_its_signals_results_reads_its_own_verdict():
    c = CheckpointResult.from_dict({"label": "Outcome", "at_s": 60.0, "signals": ["fallout"],
                                    "first_hit_s": 24.0, "on_time": True})
    assert checkpoint_value(c) == "Outcome: at 0:24, on time"
    late = CheckpointResult.from_dict({"label": "Outcome", "at_s": 60.0, "signals": ["fallout"],
                                       "first_hit_s": 70.0, "on_time": False})
    assert checkpoint_value(late) == "Outcome: at 1:10, late"
    none = CheckpointResult.from_dict({"label": "Outcome", "at_s": 60.0, "first_hit_s": None})
    assert checkpoint_value(none) == "Outcome: not heard"
