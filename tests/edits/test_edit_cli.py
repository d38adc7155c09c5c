"""From the command line: `mockloop edit`, and the edit shown by history, show and export."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CASH = "We keep a catch of prices with a ttl of five minutes so stale prices are fine."


def run(*args: str, home, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "MOCKLOOP_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "mockloop", *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=300)


def test_edit_rescores_and_history_show_and_export_say_so(mockloop_home, tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text(CASH + "\nWe shed load with a queue. The catch is warmed at start.")
    made = run("analyze", "--role", "swe", "--round", "system-design", "--text", str(answer),
               "--json", home=mockloop_home)
    assert made.returncode == 0, made.stderr
    rid = str(json.loads(made.stdout)["id"] or 1)
    listed = json.loads(run("history", "--json", home=mockloop_home).stdout)
    assert listed[0]["edited"] is False

    done = run("edit", rid, "--replace", "Catch", "--with", "cache", "--all", "--json",
               home=mockloop_home)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert "caching" in {s["id"] for s in data["signals"] if s["hit"]}
    assert data["transcript"]["text"].count("cache") == 2 and "catch" not in data[
        "transcript"]["text"].lower()
    assert "\nWe shed load" in data["transcript"]["text"]  # the typed line break is kept
    assert [e["old"] for e in data["edits"]] == ["catch", "catch"]

    assert json.loads(run("history", "--json", home=mockloop_home).stdout)[0]["edited"] is True
    shown = json.loads(run("show", rid, "--json", home=mockloop_home).stdout)
    assert shown["edited"] and shown["transcript_original"]["text"].lower().count("catch") == 2
    exported = json.loads(run("export", rid, "--format", "json", home=mockloop_home).stdout)
    assert exported["transcript"] == data["transcript"]
    md = run("export", rid, "--format", "md", home=mockloop_home).stdout
    assert "Corrected by hand (2 corrections)" in md and "a cache of prices" in md
    assert "Corrected by hand" in run("show", rid, home=mockloop_home).stdout

    undone = run("edit", rid, "--undo", home=mockloop_home)
    assert undone.returncode == 0 and "Took back" in undone.stdout
    reverted = run("edit", rid, "--revert", home=mockloop_home)
    assert reverted.returncode == 0, reverted.stderr
    assert json.loads(run("history", "--json", home=mockloop_home).stdout)[0]["edited"] is False
    again = run("edit", rid, "--undo", home=mockloop_home)
    assert again.returncode == 2 and "no correction" in again.stderr


def test_edit_of_words_not_in_the_transcript_is_one_plain_line(mockloop_home, tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text(CASH)
    run("analyze", "--role", "swe", "--round", "system-design", "--text", str(answer),
        home=mockloop_home)
    out = run("edit", "1", "--replace", "kafka", "--with", "Kafka", home=mockloop_home)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "kafka" in out.stderr
    missing = run("edit", "9", "--replace", "catch", "--with", "cache", home=mockloop_home)
    assert missing.returncode == 2 and "no round 9" in missing.stderr


def test_srt_and_vtt_of_a_corrected_recording_carry_the_corrected_words(mockloop_home):
    from helpers_edits import timed

    from mockloop.report import to_srt, to_vtt
    from mockloop.session import Services

    services = Services()
    report = services.build_report("swe", "system-design", timed(CASH))
    rid = services._save_new(report, source="file", audio_path=None).id
    i = [w.word.strip() for w in report.transcript.words].index("catch")
    services.correct(rid, i, i + 1, "cache")
    services.close()
    srt = run("export", str(rid), "--format", "srt", home=mockloop_home).stdout
    vtt = run("export", str(rid), "--format", "vtt", home=mockloop_home).stdout
    data = json.loads(run("show", str(rid), "--json", home=mockloop_home).stdout)
    assert srt == to_srt(data) and "a cache of prices" in srt and "catch" not in srt
    assert vtt == to_vtt(data) and "NOTE Transcript corrected by hand (1 correction)" in vtt
    # The cue times are those of the recording: the same as before the correction.
    original = {**data, "transcript": data["transcript_original"]}
    assert [ln for ln in srt.splitlines() if "-->" in ln] == [
        ln for ln in to_srt(original).splitlines() if "-->" in ln]
