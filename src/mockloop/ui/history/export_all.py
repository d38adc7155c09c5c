"""History's "Export all…": every round as one CSV (a row per round, a column per signal) or
one JSON file (the list of full reports), written off the GUI thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from mockloop.exporting import history_csv, history_json, write_export
from mockloop.ui.file_choice import FileChooser, start_folder
from mockloop.ui.tasks import run_task

CHOICES = {"csv": ("A table for a spreadsheet (.csv)…", "CSV (*.csv)"),
           "json": ("Every debrief as JSON (.json)…", "JSON (*.json)")}


class ExportAllButton(QPushButton):
    notice = Signal(str)
    failed = Signal(str)

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__("Export all…", parent)
        self.setObjectName("exportAllButton")
        self.setToolTip("Save the whole history as one file")
        self.services = services
        self.chooser = FileChooser()
        self.busy = False
        menu = QMenu(self)
        for kind, (text, _f) in CHOICES.items():
            menu.addAction(text).triggered.connect(lambda _c=False, k=kind: self.choose(k))
        self.setMenu(menu)

    def choose(self, kind: str) -> None:
        suggested = start_folder() / f"mockloop-history-{date.today().isoformat()}.{kind}"
        path = self.chooser.save(self, "Export the whole history", suggested, CHOICES[kind][1])
        if path is not None:
            self.export_to(kind, path, replace=True)  # the dialog asked before replacing

    def export_to(self, kind: str, path: str | Path, *, replace: bool = False) -> None:
        if self.busy:
            return
        store = self.services.store
        target = Path(path)
        render = history_csv if kind == "csv" else history_json

        def work(_p) -> int:
            write_export(target, render(store), data_dir=store.data_dir, replace=replace)
            return len(store.list_rounds())

        def done(n: int) -> None:
            self._idle()
            self.notice.emit(f"Saved {n} round{'s' if n != 1 else ''} as {target}.")

        def failed(message: str) -> None:
            self._idle()
            self.failed.emit(message)

        self.busy = True
        self.setEnabled(False)
        run_task(self, work, name="export-all", on_done=done, on_failed=failed)

    def _idle(self) -> None:
        self.busy = False
        self.setEnabled(True)
