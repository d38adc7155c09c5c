"""Asking the user for a file to write or read: the file dialogs, swappable in tests.

Widgets that ask call `choose_save(...)` / `choose_open(...)` through their own `chooser`
attribute (a `FileChooser`), so a test gives them one that answers with a path.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


class FileChooser:
    """The real dialogs. Each returns the chosen path, or None when the user cancelled."""

    def save(self, parent: QWidget, title: str, suggested: Path, filters: str) -> Path | None:
        path, _f = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
        return Path(path) if path else None

    def open(self, parent: QWidget, title: str, folder: Path, filters: str) -> Path | None:
        path, _f = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
        return Path(path) if path else None

    def folder(self, parent: QWidget, title: str, folder: Path) -> Path | None:
        path = QFileDialog.getExistingDirectory(parent, title, str(folder))
        return Path(path) if path else None


class FixedChooser(FileChooser):
    """Answers every question with the given path (None: the user cancels)."""

    def __init__(self, path: Path | str | None) -> None:
        self.path = None if path is None else Path(path)
        self.asked: list[tuple[str, Path | None]] = []  # (title, suggested) of each question

    def save(self, parent, title, suggested, filters):
        self.asked.append((title, suggested))
        return self.path

    def open(self, parent, title, folder, filters):
        self.asked.append((title, folder))
        return self.path

    def folder(self, parent, title, folder):
        self.asked.append((title, folder))
        return self.path


def start_folder() -> Path:
    """Where a file dialog opens first: the user's documents, or home."""
    from PySide6.QtCore import QStandardPaths

    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()
