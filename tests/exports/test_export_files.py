"""Exports opened as a user would: subtitles parse and match the transcript, JSON is the
`show --json` object, the whole history is a CSV with one row per round or a JSON list."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from .conftest import one_sentence, run_cli

pytestmark = pytest.mark.slow

_SRT_TIME = r"(\d\d):(\d\d):(\d\d)[,.](\d\d\d)"


def _seconds(match: tuple[str, ...]) -> float:
    h, m, s, ms = map(int, match)
    return h * 3600 + m * 60 + s + ms / 1000


def _cues(text: str) -> list[tuple[float, float, str]]:
    """(start, end, text) of every cue of an SRT or WebVTT file."""
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            m = re.fullmatch(rf"{_SRT_TIME} --> {_SRT_TIME}", line.strip())
            if m:
                g = m.groups()
                cues.append((_seconds(g[:4]), _seconds(g[4:]), " ".join(lines[i + 1:])))
                break
    return cues


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_subtitles_parse_in_order_and_say_the_transcript(spoken_round, services, tmp_path,
                                                         fmt):
    rid, _wav = spoken_round
    out = tmp_path / f"answer.{fmt}"
    ran = run_cli("export", rid, "--format", fmt, "-o", out)
    assert ran.code == 0, ran.err
    text = out.read_text(encoding="utf-8")
    if fmt == "vtt":
        assert text.startswith("WEBVTT")
    else:
        numbers = [int(b.split("\n", 1)[0]) for b in re.split(r"\n\s*\n", text.strip())]
        assert numbers == list(range(1, len(numbers) + 1))
    cues = _cues(text)
    assert len(cues) >= 2
    previous_end = 0.0
    for start, end, _ in cues:
        assert start <= end and start >= previous_end  # increasing, never overlapping
        previous_end = end
    words = [w["word"].strip() for w in services.store.report(rid)["transcript"]["words"]]
    assert " ".join(c[2] for c in cues).split() == " ".join(words).split()


def test_json_export_is_the_show_json_object(spoken_round, tmp_path):
    rid, _wav = spoken_round
    out = tmp_path / "round.json"
    assert run_cli("export", rid, "--format", "json", "-o", out).code == 0
    shown = run_cli("show", rid, "--json")
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(shown.out)


def _text_rounds(services, n: int) -> list[int]:
    answers = ["I would monitor drift and retrain every week when it moves.",
               "We split the data by time to avoid leakage, and check for missing values.",
               "If the model is down we fall back to the rule based ranking."]
    return [services.analyze_text("mle", "ml-design", answers[i % 3]).id for i in range(n)]


def test_history_csv_has_one_row_per_round_with_hits_per_signal(services, tmp_path):
    ids = _text_rounds(services, 3)
    services.analyze_text("swe", "story-90", "I led the migration and we shipped it on time.")
    out = tmp_path / "history.csv"
    ran = run_cli("export", "--all", "--format", "csv", "-o", out)
    assert ran.code == 0, ran.err
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    listed = json.loads(run_cli("history", "--json").out)
    assert [int(r["id"]) for r in rows] == [h["id"] for h in listed]  # newest first, all 4
    assert len(rows) == 4
    for key in ("role", "round", "status", "started_at", "hits", "scored", "source"):
        assert [r[key] for r in rows] == [str(h[key]) for h in listed], key
    for row in rows:
        report = services.store.report(int(row["id"]))
        for s in report["signals"]:
            assert row[f"signal:{s['id']}"] == ("1" if s["hit"] else "0")
        scored = {s["id"] for s in report["signals"]}
        for key, value in row.items():  # a signal the round does not score is left empty
            if key.startswith("signal:") and key[7:] not in scored:
                assert value == ""
    assert {int(r["id"]) for r in rows} >= set(ids)


def test_history_json_is_the_list_of_full_reports(services, tmp_path):
    ids = _text_rounds(services, 2)
    out = tmp_path / "history.json"
    assert run_cli("export", "--all", "--format", "json", "-o", out).code == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == ids[::-1]
    for item in items:
        shown = json.loads(run_cli("show", item["id"], "--json").out)
        assert item == {**shown, "id": item["id"]}
        assert item["signals"] and item["transcript"]["text"]


def test_history_csv_goes_to_stdout_without_a_file(services):
    _text_rounds(services, 1)
    ran = run_cli("export", "--all", "--format", "csv")
    assert ran.code == 0
    assert len(list(csv.DictReader(io.StringIO(ran.out)))) == 1


@pytest.mark.parametrize("args,says", [
    (["export", "--all"], "csv or --format json"),
    (["export", "--all", "--format", "md"], "csv or --format json"),
    (["export", "1", "--all", "--format", "csv"], "not both"),
    (["export", "--format", "csv", "1"], "add --all"),
    (["export", "1", "--bundle", "--format", "md"], "leave out --format"),
    (["export"], "Give the ID"),
])
def test_wrong_export_options_are_one_sentence(services, args, says):
    _text_rounds(services, 1)
    assert says in one_sentence(run_cli(*args))


def test_history_export_never_writes_over_the_history(services, mockloop_home):
    _text_rounds(services, 1)
    before = (mockloop_home / "history.db").read_bytes()
    line = one_sentence(run_cli("export", "--all", "--format", "csv", "-o",
                                mockloop_home / "history.db", "--force"))
    assert "mockloop's own files" in line
    assert (mockloop_home / "history.db").read_bytes() == before


def test_text_a_spreadsheet_would_run_as_a_formula_stays_text(services, tmp_path):
    services.store.begin_round(role="mle", round_id="ml-design", prompt_id=None,
                               prompt_text='=HYPERLINK("http://x","click")', audio_path=None)
    out = tmp_path / "history.csv"
    assert run_cli("export", "--all", "--format", "csv", "-o", out).code == 0
    with open(out, newline="", encoding="utf-8") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["prompt_text"] == '\'=HYPERLINK("http://x","click")'
