"""The mentor bundle: what is in it, that it imports back to an equal round, and that no
bundle can write outside its place or anything at all when it is refused."""

from __future__ import annotations

import json
import os
import stat
import zipfile

import pytest

from mockloop import bundles
from mockloop.audio import audio_duration
from mockloop.errors import UserError

from .conftest import files_under, one_sentence, rezip, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture
def bundle(spoken_round, tmp_path, monkeypatch):
    """The bundle of a spoken round, made with the default name in the current folder."""
    rid, _wav = spoken_round
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    ran = run_cli("export", rid, "--bundle")
    assert ran.code == 0, ran.err
    made = list(work.glob("*.zip"))
    assert len(made) == 1
    return rid, made[0]


def test_bundle_holds_audio_transcripts_debrief_prompt_and_manifest(bundle, services):
    rid, path = bundle
    assert path.name.startswith("ml-design-") and path.name.endswith(f"-{rid}.zip")
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        assert names == {"manifest.json", "debrief.json", "debrief.md", "transcript.txt",
                         "transcript.srt", "transcript.vtt", "prompt.txt", "audio.wav"}
        manifest = json.loads(zf.read("manifest.json"))
        report = json.loads(zf.read("debrief.json"))
        assert zf.read("transcript.txt").decode().strip() == report["transcript"]["text"]
        assert "-->" in zf.read("transcript.srt").decode()
        assert zf.read("transcript.vtt").decode().startswith("WEBVTT")
        assert "## Signals" in zf.read("debrief.md").decode()
        assert zf.read("prompt.txt").decode().strip() == report["prompt"]["text"]
        row = services.store.get(rid)
        assert zf.getinfo("audio.wav").file_size == row.audio_path.stat().st_size
    assert manifest["format"] == bundles.FORMAT and manifest["version"] == 1
    assert (manifest["role"], manifest["round"]) == ("mle", "ml-design")
    assert manifest["prompt_id"] == report["prompt"]["id"]
    assert manifest["created_at"] and manifest["round_started_at"] == row.started_at


def test_bundle_is_refused_over_an_existing_file_and_replaced_with_force(bundle):
    rid, path = bundle
    before = path.read_bytes()
    assert "already exists" in one_sentence(run_cli("export", rid, "--bundle", "-o", path))
    assert path.read_bytes() == before
    assert run_cli("export", rid, "--bundle", "-o", path, "--force").code == 0


def test_bundle_never_goes_into_the_recordings(bundle, mockloop_home):
    rid, _path = bundle
    target = mockloop_home / "recordings" / "x.zip"
    assert "mockloop's own files" in one_sentence(
        run_cli("export", rid, "--bundle", "-o", target))
    assert not target.exists()


def test_a_bundle_imports_back_to_an_equal_round(bundle, services, tmp_path):
    rid, path = bundle
    original = services.store.report(rid)
    old_row = services.store.get(rid)
    # The mentor's computer: the round and its recording are not there.
    services.store.delete(rid, delete_audio=False)
    ran = run_cli("import", path, "--json")
    assert ran.code == 0, ran.err
    new = json.loads(ran.out)
    assert new["id"] != rid
    row = services.store.get(new["id"])
    again = services.store.report(new["id"])
    for data in (new, again):
        assert data["signals"] == original["signals"]
        assert data["transcript"] == original["transcript"]
        assert data["delivery"] == original["delivery"]
        assert data["prompt"] == original["prompt"]
    assert (row.role, row.round, row.status) == ("mle", "ml-design", "complete")
    assert row.started_at == old_row.started_at  # when it was practised, not imported
    # Its own copy of the audio, in recordings/, as long as the original.
    assert row.audio_path.parent == services.store.data_dir / "recordings"
    assert row.audio_path != old_row.audio_path
    assert audio_duration(row.audio_path) == pytest.approx(audio_duration(old_row.audio_path))
    assert row.audio_s == pytest.approx(old_row.audio_s)
    shown = run_cli("show", new["id"])
    assert shown.code == 0 and "## Signals" in shown.out


def test_a_text_round_bundles_without_audio_and_imports_back(services, tmp_path, monkeypatch):
    rid = services.analyze_text("mle", "ml-design", "We would retrain weekly and monitor "
                                "drift in production.").id
    out = tmp_path / "typed.zip"
    ran = run_cli("export", rid, "--bundle", "-o", out)
    assert ran.code == 0 and "no recording" in ran.err
    with zipfile.ZipFile(out) as zf:
        assert not [n for n in zf.namelist() if n.startswith("audio")]
    new = json.loads(run_cli("import", out, "--json").out)
    row = services.store.get(new["id"])
    assert row.source == "text" and row.audio_path is None
    assert new["signals"] == services.store.report(rid)["signals"]


# -- malicious or broken bundles ----------------------------------------------------------


def _symlink_member(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


def _bad_bundles(good, tmp_path):
    big = b" " * (bundles.MAX_TEXT_MEMBER_BYTES + 1)  # deflates to a few KB
    report = json.loads(zipfile.ZipFile(good).read("debrief.json"))
    broken = dict(report, signals=[{"id": "x", "hit": "yes"}])
    other_round = dict(report, round="coding")
    return {
        "absolute path": ([("/tmp/evil.txt", b"x")], {}, "absolute path"),
        "dot-dot": ([("../evil.txt", b"x")], {}, "leaves its folder"),
        "dot-dot in a folder": ([("recordings/../../evil.wav", b"x")], {},
                                "leaves its folder"),
        "symlink": ([_symlink_member("audio.mp3", "/etc/passwd")], {}, "symbolic link"),
        "zip bomb": ([], {"debrief.md": big}, "too large when unpacked"),
        "unexpected name": ([("run-me.sh", b"#!/bin/sh\n")], {}, "does not have"),
        "a folder": ([("recordings/x.wav", b"x")], {}, "folder"),
        "two recordings": ([("audio.flac", b"x")], {}, "more than one recording"),
        "not a report": ([], {"debrief.json": json.dumps(broken).encode()}, "damaged"),
        "disagreeing manifest": ([], {"debrief.json": json.dumps(other_round).encode()},
                                 "disagree"),
        "not audio": ([], {"audio.wav": b"RIFF nonsense " * 100}, "not audio"),
    }


CASES = ["absolute path", "dot-dot", "dot-dot in a folder", "symlink", "zip bomb",
         "unexpected name", "a folder", "two recordings", "not a report",
         "disagreeing manifest", "not audio"]


@pytest.mark.parametrize("case", CASES)
def test_a_bad_bundle_is_refused_with_a_sentence_and_writes_nothing(bundle, services, tmp_path,
                                                                    mockloop_home, case):
    _rid, good = bundle
    add, replace, says = _bad_bundles(good, tmp_path)[case]
    bad = rezip(good, tmp_path / "bad.zip", add=add, replace=replace)
    rounds_before = [r.id for r in services.store.list_rounds()]
    home_before = files_under(mockloop_home)
    line = one_sentence(run_cli("import", bad))
    assert says in line and "bad.zip" in line
    assert [r.id for r in services.store.list_rounds()] == rounds_before
    assert files_under(mockloop_home) == home_before  # not even a partial copy
    assert not list(tmp_path.parent.rglob("evil*")) and not os.path.exists("/tmp/evil.txt")


def test_the_total_unpacked_size_is_capped(bundle, services, tmp_path, monkeypatch,
                                           mockloop_home):
    _rid, good = bundle
    monkeypatch.setattr(bundles, "MAX_TOTAL_BYTES", 4096)
    home_before = files_under(mockloop_home)
    line = one_sentence(run_cli("import", good))
    assert "too large when unpacked" in line
    assert files_under(mockloop_home) == home_before


def test_a_recording_larger_than_it_says_is_cut_off_and_refused(bundle, services, tmp_path,
                                                                mockloop_home):
    """A member whose header understates its size (a hand-made zip bomb) never unpacks
    beyond what it declared."""
    _rid, good = bundle
    b = bundles.open_bundle(good)
    home_before = files_under(mockloop_home)
    lying = bundles.Bundle(b.path, b.manifest, b.report, b.audio_member, b.audio_size // 2)
    from mockloop.importing import copy_into_recordings

    with pytest.raises(UserError, match="larger than it says"):
        copy_into_recordings(lying.copy_audio, "mle", "ml-design", ".wav")
    assert files_under(mockloop_home) == home_before


@pytest.mark.parametrize("content,says", [
    (b"not a zip at all", "not a zip file"),
    (None, "no manifest.json"),
])
def test_a_zip_that_is_not_a_bundle_is_one_sentence(bundle, tmp_path, content, says):
    _rid, good = bundle
    bad = tmp_path / "other.zip"
    if content is None:
        rezip(good, bad, drop=("manifest.json",))
    else:
        bad.write_bytes(content)
    assert says in one_sentence(run_cli("import", bad))


def test_role_given_with_a_bundle_must_agree(bundle):
    _rid, good = bundle
    assert "leave out --role" in one_sentence(run_cli("import", good, "--role", "swe"))
