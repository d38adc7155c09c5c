"""`mockloop import FILE`: a typed answer or an audio file becomes a round; the round owns
a copy of the audio, so it plays after the original is gone."""

from __future__ import annotations

import json

import pytest

from mockloop.audio import audio_duration

from .conftest import ANSWER, files_under, one_sentence, run_cli

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", ["answer.txt", "notes.md"])
def test_a_typed_answer_imports_as_a_text_round(services, tmp_path, name):
    path = tmp_path / name
    path.write_text(ANSWER, encoding="utf-8")
    ran = run_cli("import", path, "--role", "mle", "--round", "ml-design", "--json")
    assert ran.code == 0, ran.err
    data = json.loads(ran.out)
    row = services.store.get(data["id"])
    assert row.source == "text" and row.audio_path is None
    assert services.store.report(data["id"])["transcript"]["text"] == ANSWER
    direct = services.analyze_text("mle", "ml-design", ANSWER, save=False).to_dict()
    assert data["signals"] == direct["signals"]


def test_an_audio_file_imports_with_its_own_copy(services, speak, tmp_path, mockloop_home):
    wav = speak(ANSWER, "spoken.wav")
    length = audio_duration(wav)
    ran = run_cli("import", wav, "--role", "mle", "--round", "ml-design")
    assert ran.code == 0, ran.err
    assert "Imported the recording as round" in ran.out
    row = services.store.list_rounds()[0]
    assert row.source == "file" and row.status == "complete"
    assert row.audio_path.parent == mockloop_home / "recordings"
    assert row.audio_path.name.startswith("import-")
    assert row.audio_path.read_bytes() == wav.read_bytes()
    wav.unlink()  # the user tidies up the original: the round keeps its audio
    assert audio_duration(row.audio_path) == pytest.approx(length)
    report = services.store.report(row.id)
    assert report["transcript"]["words"] and report["delivery"]["duration_s"] > 0


def test_a_file_that_is_not_audio_is_refused_and_nothing_is_copied(services, tmp_path,
                                                                   mockloop_home):
    fake = tmp_path / "answer.mp3"
    fake.write_bytes(b"this is not sound" * 200)
    before = files_under(mockloop_home)
    one_sentence(run_cli("import", fake, "--role", "mle", "--round", "ml-design"))
    assert files_under(mockloop_home) == before
    assert services.store.list_rounds() == []


@pytest.mark.parametrize("args,says", [
    ([], "give --role and --round"),
    (["--role", "mle"], "give --role and --round"),
    (["--role", "nobody", "--round", "ml-design"], "nobody"),
])
def test_role_and_round_are_needed_for_a_plain_file(services, tmp_path, args, says):
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    assert says in one_sentence(run_cli("import", path, *args))
    assert services.store.list_rounds() == []


@pytest.mark.parametrize("content,says", [
    (b"", "is empty"),
    (b"\xff\xfe bad bytes", "not UTF-8"),
])
def test_a_bad_text_file_is_one_sentence(services, tmp_path, content, says):
    path = tmp_path / "answer.txt"
    path.write_bytes(content)
    assert says in one_sentence(run_cli("import", path, "--role", "mle", "--round",
                                        "ml-design"))


def test_a_missing_file_or_a_folder_is_one_sentence(services, tmp_path):
    assert "No such file" in one_sentence(run_cli("import", tmp_path / "nope.txt"))
    assert "is a folder" in one_sentence(run_cli("import", tmp_path))
