"""The data folder: MOCKLOOP_HOME > the folder chosen in Settings (a pointer file) > the
platform default; Open shows it; Change… moves the history (database by the backup API,
recordings, settings), checks the copy, switches and leaves the old folder as it was.
And the window's state lives in state.json, written on page change and close only."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl

from mockloop import datafolder, paths
from mockloop.errors import UserError
from mockloop.session import Services
from mockloop.store import Store
from mockloop.ui.file_choice import FixedChooser

from .helpers import answer_question, press

pytestmark = pytest.mark.gui


@pytest.fixture
def no_home(tmp_path, monkeypatch):
    """No MOCKLOOP_HOME: the platform folders, all inside this test's tmp_path."""
    monkeypatch.delenv("MOCKLOOP_HOME", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "mockloop"


@pytest.fixture
def own_services(no_home, speech_model):
    s = Services(model=speech_model)
    yield s
    s.store.close()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not p.name.startswith("history.db")}


def _history_with_a_recording(services) -> Path:
    for text in ("We retrain weekly and watch drift.", "I led the launch and cut scope."):
        services.analyze_text("mle", "ml-design", text)
    rec = paths.recordings_dir() / "20250101-mle-ml-design.wav"
    rec.write_bytes(b"RIFF" + bytes(range(256)) * 40)
    (paths.data_dir() / "settings.json").write_text(json.dumps({"version": 2,
                                                                "overtime_s": 30}))
    return rec


# -- where the data folder is ---------------------------------------------------------------


def test_home_beats_the_pointer_which_beats_the_default(no_home, tmp_path, monkeypatch):
    assert paths.data_dir() == no_home
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    datafolder.write_pointer(chosen)
    assert paths.data_dir() == chosen
    monkeypatch.setenv("MOCKLOOP_HOME", str(tmp_path / "forced"))
    assert paths.data_dir() == tmp_path / "forced"


def test_a_pointer_to_a_missing_folder_is_one_sentence_not_an_empty_history(no_home,
                                                                             tmp_path):
    datafolder.write_pointer(tmp_path / "unplugged-drive")
    with pytest.raises(UserError) as caught:
        paths.data_dir()
    assert "is missing" in caught.value.message and "\n" not in caught.value.message
    assert not (tmp_path / "unplugged-drive").exists()


# -- moving, in the core --------------------------------------------------------------------


def test_moving_copies_checks_switches_and_leaves_the_old_folder(own_services, no_home,
                                                                tmp_path):
    rec = _history_with_a_recording(own_services)
    before = _snapshot(no_home)
    ids = [r.id for r in own_services.store.list_rounds()]
    new = tmp_path / "elsewhere" / "mockloop"
    (tmp_path / "elsewhere").mkdir()
    moved = datafolder.move_data_folder(no_home, new, with_history=True)
    assert moved.message == (f"Your history (2 rounds, 1 recording) was copied to {new} and "
                             f"checked; mockloop uses it from now on, and {no_home} is left "
                             "as it was.")
    assert paths.data_dir() == new
    with Store(new / "history.db") as copy:
        assert [r.id for r in copy.list_rounds()] == ids
        assert copy.integrity_ok()
    assert (new / "recordings" / rec.name).read_bytes() == rec.read_bytes()
    assert json.loads((new / "settings.json").read_text())["overtime_s"] == 30
    assert _snapshot(no_home) == before  # the old folder as it was
    assert len(own_services.store.list_rounds()) == 2


@pytest.mark.parametrize("case,says", [
    ("not empty", "is not empty"),
    ("a file", "is a file"),
    ("inside", "inside the current data folder"),
    ("relative", "full folder path"),
])
def test_an_unusable_folder_is_refused_with_a_sentence(own_services, no_home, tmp_path,
                                                      case, says):
    target = {"not empty": tmp_path / "full", "a file": tmp_path / "file.txt",
              "inside": no_home / "sub", "relative": Path("relative/folder")}[case]
    if case == "not empty":
        target.mkdir()
        (target / "notes.txt").write_text("mine")
    if case == "a file":
        target.write_text("x")
    with pytest.raises(UserError) as caught:
        datafolder.move_data_folder(no_home, target, with_history=True)
    assert says in caught.value.message and "\n" not in caught.value.message
    assert not paths.pointer_path().exists()
    assert paths.data_dir() == no_home


def test_a_folder_that_cannot_be_written_is_refused(own_services, no_home, tmp_path,
                                                    monkeypatch):
    target = tmp_path / "locked"
    target.mkdir()

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(datafolder.tempfile, "mkstemp", refuse)
    with pytest.raises(UserError, match="is not writable"):
        datafolder.move_data_folder(no_home, target, with_history=True)
    assert not paths.pointer_path().exists()


def test_a_copy_that_does_not_check_out_switches_nothing(own_services, no_home, tmp_path,
                                                         monkeypatch):
    _history_with_a_recording(own_services)
    before = _snapshot(no_home)

    def short_copy(src, dst, **_k):  # a recording cut short on the way (a full disk...)
        Path(dst).write_bytes(Path(src).read_bytes()[:10])

    monkeypatch.setattr(datafolder.shutil, "copy2", short_copy)
    new = tmp_path / "new"
    with pytest.raises(UserError) as caught:
        datafolder.move_data_folder(no_home, new, with_history=True)
    assert "do not match" in caught.value.message
    assert not new.exists() and not paths.pointer_path().exists()
    assert paths.data_dir() == no_home and _snapshot(no_home) == before


def test_the_database_is_copied_with_the_backup_api_while_open(own_services, no_home,
                                                                tmp_path):
    """A round saved a moment ago (still in the -wal file, not in history.db) is in the
    copy: a plain file copy of history.db would miss it."""
    own_services.analyze_text("mle", "ml-design", "We retrain weekly.")
    new = tmp_path / "new"
    datafolder.move_data_folder(no_home, new, with_history=True)
    conn = sqlite3.connect(new / "history.db")
    assert conn.execute("SELECT count(*) FROM rounds").fetchone()[0] == 1
    conn.close()


# -- in Settings ------------------------------------------------------------------------------


def test_with_mockloop_home_set_the_folder_is_read_only_and_says_why(make_window, services,
                                                                      qtbot, mockloop_home):
    window = make_window(services)
    press(qtbot, window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    row = window.settings_dialog.data_folder
    assert row.edit.isReadOnly() and row.edit.text() == str(mockloop_home)
    assert not row.change_button.isEnabled()
    assert row.note.isVisible() and "MOCKLOOP_HOME is set" in row.note.text()
    opened: list[QUrl] = []
    row.url_opener = opened.append
    qtbot.mouseClick(row.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(mockloop_home))]
    window.settings_dialog.reject()


def test_change_moves_the_history_and_the_window_keeps_working(make_window, own_services,
                                                              no_home, qtbot, tmp_path):
    _history_with_a_recording(own_services)
    window = make_window(own_services)
    press(qtbot, window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    row = window.settings_dialog.data_folder
    assert row.change_button.isEnabled() and not row.note.isVisible()
    new = tmp_path / "my-history"
    row.chooser = FixedChooser(new)
    qtbot.mouseClick(row.change_button, Qt.MouseButton.LeftButton)
    answer_question(qtbot, window.settings_dialog, "Move my history there")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=20_000)
    assert window.banner.kind == "info", window.banner.text
    assert window.banner.text.startswith("Your history (2 rounds, 1 recording) was copied to")
    assert row.edit.text() == str(new)
    window.settings_dialog.reject()
    assert own_services.store.data_dir == new
    window.show_page(2)
    assert window.history.table.rowCount() == 2
    own_services.analyze_text("swe", "story-90", "I cut scope to ship on time.")
    window.history.refresh()
    assert window.history.table.rowCount() == 3
    with Store(no_home / "history.db") as old:
        assert len(old.list_rounds()) == 2  # the old folder was left as it was


def test_change_to_a_folder_that_is_not_empty_is_one_sentence(make_window, own_services,
                                                             no_home, qtbot, tmp_path):
    full = tmp_path / "full"
    full.mkdir()
    (full / "x.txt").write_text("x")
    window = make_window(own_services)
    press(qtbot, window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    row = window.settings_dialog.data_folder
    row.chooser = FixedChooser(full)
    qtbot.mouseClick(row.change_button, Qt.MouseButton.LeftButton)
    answer_question(qtbot, window.settings_dialog, "Move my history there")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    assert window.banner.kind == "error"
    assert window.banner.text.startswith(f"{full} is not empty")
    assert own_services.store.data_dir == no_home
    window.settings_dialog.reject()


# -- the window's state ----------------------------------------------------------------------


def test_window_state_is_written_on_page_change_and_close_not_on_picker_change(
        make_window, services, qtbot, mockloop_home):
    state = mockloop_home / "state.json"
    window = make_window(services)
    window.practice.picker.select("mle", "ml-design")
    window.practice.picker.select("swe", "coding")
    assert not state.exists()  # a new round choice writes nothing
    assert not (mockloop_home / "settings.json").exists()
    window.show_page(2)
    saved = json.loads(state.read_text())
    assert saved["window"]["page"] == 2
    assert (saved["last_role"], saved["last_round"]) == ("swe", "coding")
    window.show_page(0)
    window.close()
    saved = json.loads(state.read_text())
    assert saved["window"]["page"] == 0 and saved["window"]["size"]
    assert not (mockloop_home / "settings.json").exists()  # preferences untouched
