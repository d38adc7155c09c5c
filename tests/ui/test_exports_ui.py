"""Export… on a debrief, Export all… and Import… on History, driven as a user would (the
file dialogs answered with a chosen path), and the files opened afterwards."""

from __future__ import annotations

import csv
import json
import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mockloop.exporting import export_round
from mockloop.ui.file_choice import FixedChooser

from .helpers import on_page, wait_for_debrief

pytestmark = pytest.mark.gui

ANSWER = ("First I would check the data quality and look for missing values. To avoid "
          "leakage I would split the data by time. I would monitor the prediction "
          "distribution in production and retrain the model every week.")


def _spoken(services, speak):
    wav = speak(ANSWER, "answer.wav")
    prompt = services.rubric.round("ml-design").prompts[0].id
    return services.analyze_audio("mle", "ml-design", wav, prompt_id=prompt).id


def _saved(qtbot, window, path) -> None:
    qtbot.waitUntil(lambda: window.banner.isVisible() and (
        "Saved" in window.banner.text or window.banner.kind == "error"), timeout=20_000)
    assert window.banner.kind == "info", window.banner.text
    assert str(path) in window.banner.text
    assert path.is_file()


@pytest.mark.slow
def test_every_export_of_a_debrief_opens_as_what_it_says(make_window, services, speak,
                                                         qtbot, tmp_path):
    rid = _spoken(services, speak)
    window = make_window(services)
    window.open_round(rid)
    button = window.debrief.export_button
    assert button.isVisible() and button.text() == "Export…"
    report = services.store.report(rid)
    row = services.store.get(rid)
    for kind in ("md", "json", "txt", "srt", "vtt", "audio", "bundle"):
        path = tmp_path / f"out-{kind}"
        button.chooser = FixedChooser(path)
        button.menu_.aboutToShow.emit()
        assert button.actions_[kind].isEnabled(), kind
        button.actions_[kind].trigger()
        _saved(qtbot, window, path)
        window.banner.hide()
        qtbot.waitUntil(lambda: not button.busy, timeout=5000)
    assert "## Signals" in (tmp_path / "out-md").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "out-json").read_text(encoding="utf-8")) == {**report, "id": rid}
    assert (tmp_path / "out-txt").read_text().strip() == report["transcript"]["text"]
    assert "-->" in (tmp_path / "out-srt").read_text()
    assert (tmp_path / "out-vtt").read_text().startswith("WEBVTT")
    assert (tmp_path / "out-audio").read_bytes() == row.audio_path.read_bytes()
    with zipfile.ZipFile(tmp_path / "out-bundle") as zf:
        assert json.loads(zf.read("debrief.json"))["signals"] == report["signals"]
        assert "audio.wav" in zf.namelist()
    # The file dialog was offered a name from the round and its date.
    _title, suggested = button.chooser.asked[-1]
    assert suggested.name.startswith("ml-design-") and suggested.suffix == ".zip"


def test_a_typed_round_offers_no_recording_nor_subtitles_and_copies_its_transcript(
        make_window, services, qtbot):
    rid = services.analyze_text("mle", "ml-design", ANSWER).id
    window = make_window(services)
    window.open_round(rid)
    button = window.debrief.export_button
    button.menu_.aboutToShow.emit()
    assert not button.actions_["audio"].isEnabled()
    assert "none kept" in button.actions_["audio"].text()
    assert not button.actions_["srt"].isEnabled() and not button.actions_["vtt"].isEnabled()
    button.copy_action.trigger()
    assert QApplication.clipboard().text() == ANSWER
    assert "clipboard" in window.banner.text


def test_export_onto_the_history_itself_is_refused_in_one_sentence(make_window, services,
                                                                   qtbot, mockloop_home):
    rid = services.analyze_text("mle", "ml-design", ANSWER).id
    window = make_window(services)
    window.open_round(rid)
    db = mockloop_home / "history.db"
    before = db.read_bytes()
    window.debrief.export_button.chooser = FixedChooser(db)
    window.debrief.export_button.choose("md")
    qtbot.waitUntil(lambda: window.banner.isVisible() and window.banner.kind == "error",
                    timeout=10_000)
    assert "one of mockloop's own files" in window.banner.text
    assert "\n" not in window.banner.text and "Traceback" not in window.banner.text
    assert db.read_bytes() == before
    assert len(services.store.list_rounds()) == 1


def test_the_export_button_shows_only_with_a_round(make_window, services):
    window = make_window(services)
    window.show_page(1)
    assert not window.debrief.export_button.isVisible()


def test_export_all_writes_a_csv_with_a_row_per_round(make_window, services, qtbot, tmp_path):
    for text in (ANSWER, "We fall back to the rules when the model is down.", "I led it."):
        services.analyze_text("mle", "ml-design", text)
    window = make_window(services)
    window.show_page(2)
    out = tmp_path / "all.csv"
    window.history.export_all.chooser = FixedChooser(out)
    window.history.export_all.choose("csv")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    assert window.banner.text == f"Saved 3 rounds as {out}."
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["id"]) for r in rows] == [r.id for r in services.store.list_rounds()]
    assert all(r["signal:monitoring"] in ("0", "1") for r in rows)


def test_import_a_typed_answer_opens_its_debrief(make_window, services, qtbot):
    window = make_window(services)
    window.show_page(2)
    dialog = window.history.importer.type_answer()
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # nothing typed yet
    assert dialog.isVisible() and "Type or paste" in dialog.error.text()
    dialog.role_box.setCurrentIndex(dialog.role_box.findData("mle"))
    dialog.round_box.setCurrentIndex(dialog.round_box.findData("ml-design"))
    dialog.text.setPlainText(ANSWER)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_for_debrief(qtbot, window)
    [row] = services.store.list_rounds()
    assert (row.role, row.round, row.source) == ("mle", "ml-design", "text")
    assert window.debrief.title.text() == services.rubric.round("ml-design").title
    assert ANSWER.split()[0] in window.debrief.transcript.toPlainText()


@pytest.mark.slow
def test_import_a_recording_shows_progress_then_its_debrief(make_window, services, speak,
                                                           qtbot, mockloop_home):
    wav = speak(ANSWER, "elsewhere.wav")
    window = make_window(services)
    window.show_page(2)
    importer = window.history.importer
    importer.chooser = FixedChooser(wav)
    importer.choose_file()
    dialog = importer.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5000)
    dialog.role_box.setCurrentIndex(dialog.role_box.findData("mle"))
    dialog.round_box.setCurrentIndex(dialog.round_box.findData("ml-design"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert importer.status.isVisible() and "Transcribing elsewhere.wav" in importer.status.text()
    assert not importer.button.isEnabled()
    wait_for_debrief(qtbot, window)
    assert not importer.status.isVisible() and importer.button.isEnabled()
    [row] = services.store.list_rounds()
    assert row.source == "file" and row.audio_path.parent == mockloop_home / "recordings"
    assert window.debrief.playback.available  # its own copy plays
    assert "data" in window.debrief.transcript.toPlainText().lower()


@pytest.mark.slow
def test_import_a_mentor_bundle_recreates_the_round(make_window, services, speak, qtbot,
                                                    tmp_path):
    rid = _spoken(services, speak)
    report = services.store.report(rid)
    row = services.store.get(rid)
    bundle = tmp_path / "from-a-mentee.zip"
    export_round("bundle", {**report, "id": rid}, bundle, data_dir=services.store.data_dir,
                 rubric=services.rubric, audio=row.audio_path, started_at=row.started_at,
                 source=row.source)
    services.store.delete(rid, delete_audio=False)
    window = make_window(services)
    window.show_page(2)
    window.history.importer.import_path(bundle)
    wait_for_debrief(qtbot, window)
    [new] = services.store.list_rounds()
    assert services.store.report(new.id)["signals"] == report["signals"]
    assert window.debrief.playback.available
    assert window.banner.text == f"Imported from-a-mentee.zip as round #{new.id}."


def test_a_bad_bundle_is_one_sentence_in_the_window(make_window, services, qtbot, tmp_path):
    bad = tmp_path / "evil.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("../../outside.txt", "x")
    window = make_window(services)
    window.show_page(2)
    window.history.importer.import_path(bad)
    qtbot.waitUntil(lambda: window.banner.isVisible() and window.banner.kind == "error",
                    timeout=10_000)
    assert window.banner.text == ("evil.zip was not imported: it holds a file whose path "
                                  "leaves its folder (../../outside.txt).")
    assert on_page(window, window.history)
    assert services.store.list_rounds() == []


def test_a_text_file_chosen_to_import_opens_the_typed_answer_dialog_filled_in(
        make_window, services, qtbot, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(ANSWER, encoding="utf-8")
    window = make_window(services)
    window.show_page(2)
    importer = window.history.importer
    importer.chooser = FixedChooser(path)
    importer.choose_file()
    dialog = importer.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5000)
    assert dialog.text.toPlainText() == ANSWER
    dialog.round_box.setCurrentIndex(dialog.round_box.findData("ml-design"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_for_debrief(qtbot, window)
    [row] = services.store.list_rounds()
    assert row.source == "text" and row.round == "ml-design"
