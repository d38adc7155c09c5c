"""The data folder row of Settings: where the history is, "Open" (the file manager), and
"Change…" (another folder, with the history moved there or a fresh start), unless
MOCKLOOP_HOME decides. The move itself is datafolder.py's, run off the GUI thread by
`move_from_window`, which then reopens the history from the new folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockloop.datafolder import env_lock
from mockloop.ui.file_choice import FileChooser


class DataFolderRow(QWidget):
    move_requested = Signal(object, bool)  # the new folder (Path), and whether to copy

    def __init__(self, data_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chooser = FileChooser()
        self.url_opener: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.edit = QLineEdit(data_dir)
        self.edit.setReadOnly(True)
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Show the data folder in the file manager")
        self.change_button = QPushButton("Change…")
        self.note = QLabel()
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        lock = env_lock()
        if lock:
            self.change_button.setEnabled(False)
            self.edit.setToolTip(lock)
            self.note.setText(lock)
        else:
            self.edit.setToolTip("Your history, recordings and settings")
            self.note.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.change_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        col.addLayout(row)
        col.addWidget(self.note)
        self.open_button.clicked.connect(self.open_folder)
        self.change_button.clicked.connect(self.choose)
        self.question: QMessageBox | None = None

    def url(self) -> QUrl:
        return QUrl.fromLocalFile(self.edit.text())

    def open_folder(self) -> None:
        self.url_opener(self.url())

    def set_folder(self, folder: str | Path) -> None:
        self.edit.setText(str(folder))

    def choose(self) -> None:
        folder = self.chooser.folder(self, "Choose an empty folder for your history",
                                     Path(self.edit.text()).parent)
        if folder is not None:
            self.ask(folder)

    def ask(self, folder: Path) -> QMessageBox:
        """Move the history there, or start afresh there? (Non-blocking; tests press.)"""
        box = QMessageBox(QMessageBox.Icon.Question, "Use another data folder",
                          f"Use {folder} for mockloop's data from now on?",
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirm")
        box.setInformativeText("Moving copies your history, recordings and settings there and "
                               "checks the copy; the current folder is left as it is.")
        move = box.addButton("Move my history there", QMessageBox.ButtonRole.AcceptRole)
        fresh = box.addButton("Start empty there", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(move)
        box.setEscapeButton(cancel)

        def answered(button) -> None:
            if button is move:
                self.move_requested.emit(folder, True)
            elif button is fresh:
                self.move_requested.emit(folder, False)

        box.buttonClicked.connect(answered)
        box.finished.connect(box.deleteLater)
        self.question = box
        box.open()
        return box


def move_from_window(window, folder: Path, with_history: bool) -> None:
    """Move (or switch) the data folder for the running window: off the GUI thread, then the
    history is reopened from the new folder and the banner says what happened."""
    from mockloop.datafolder import move_data_folder
    from mockloop.store import Store
    from mockloop.ui.tasks import run_task

    if window.practice.busy or window.history.busy:
        window.show_error("A round is being recorded or transcribed; change the data folder "
                          "once it is done.")
        return
    services = window.services
    current = services.store.data_dir

    def work(_p):
        moved = move_data_folder(current, folder, with_history=with_history)
        return moved, Store()  # opened here: the new folder's history (created if new)

    def done(result) -> None:
        moved, store = result
        old, services.store = services.store, store
        old.close()
        window.history.refresh()
        dialog = window.settings_dialog
        if dialog is not None and hasattr(dialog, "data_folder"):
            dialog.data_folder.set_folder(moved.folder)
        window.banner.show_message(moved.message, "info")

    run_task(window, work, name="data-folder", on_done=done, on_failed=window.show_error)
