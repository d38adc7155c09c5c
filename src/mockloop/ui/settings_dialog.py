"""Settings: input device, speech model, overtime allowance; the data folder is shown.

The speech model is picked from the models on this computer (asr/catalog.py: size, speed here,
whether it keeps up live), or a folder; "Download a bigger model…" fetches one off the GUI
thread with a progress bar and Cancel. The dialog only collects and checks values; the window
applies them (Services + save).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mockloop.errors import ModelError
from mockloop.settings import Settings
from mockloop.ui.tasks import run_task

OVERTIME_CHOICES = (0, 10, 15, 20, 30, 45, 60, 90)  # seconds after the round's length


def plain_model_message(message: str) -> str:
    """The core's model-folder message without command-line words (`--model DIR`,
    CTranslate2): what the folder must hold, and the way back."""
    head, sep, _how = message.partition("; point the model setting")
    if not sep:
        return message
    return (f"{head}. Choose a folder with a Whisper speech model converted for mockloop (it "
            "holds model.bin, config.json, tokenizer.json and vocabulary.txt), or press "
            "“Use built-in”.")


@dataclass(frozen=True)
class SettingsChoice:
    input_device: str | None
    model_dir: str | None
    overtime_s: float | None


def live_note(entry) -> str:
    """What the dialog says about a model's speed on this computer."""
    if entry is None or entry.speed is None:
        return ("Its speed on this computer is not measured yet: press Measure speed."
                if entry is not None and not entry.builtin else "")
    rtf = entry.speed.rtf
    if entry.speed.keeps_up:
        return (f"{entry.name} takes {rtf:.2f} s per second of speech here: it keeps up with "
                "a live round.")
    return (f"{entry.name} takes {rtf:.2f} s per second of speech here, too slow to keep up "
            "live: it is used after Stop; the live text stays on the built-in model.")


def _speed_text(entry) -> tuple[str, str]:
    if entry.speed is None:
        return "not measured", "-"
    return f"{entry.speed.rtf:.2f} s/s", "yes" if entry.speed.keeps_up else "no"


def _guarded(dialog: QWidget, fn):
    """A task callback that does nothing once the dialog is gone (it closes on Save/Cancel
    while a listing, a timing or a cancelled download is still finishing)."""
    import shiboken6

    def call(*args):
        if shiboken6.isValid(dialog) and dialog.isVisible():
            fn(*args)
    return call


def _run(dialog: QWidget, fn, *, name: str, on_done, on_failed, on_progress=None) -> None:
    """run_task owned by the application, not the dialog: closing the dialog never destroys a
    running thread."""
    from PySide6.QtCore import QCoreApplication

    run_task(QCoreApplication.instance(), fn, name=name, on_done=_guarded(dialog, on_done),
             on_failed=_guarded(dialog, on_failed),
             on_progress=None if on_progress is None else _guarded(dialog, on_progress))


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, *, devices: list[str], data_dir: str,
                 parent: QWidget | None = None, roles: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.setMinimumWidth(660)
        self.device_box = QComboBox()
        self.device_box.addItem("System default", None)
        for name in devices:
            self.device_box.addItem(name, name)
        if settings.input_device is not None:
            i = self.device_box.findData(str(settings.input_device))
            if i < 0:
                self.device_box.addItem(f"{settings.input_device}  (not connected)",
                                        str(settings.input_device))
                i = self.device_box.count() - 1
            self.device_box.setCurrentIndex(i)
        self.model_edit = QLineEdit(settings.model_dir or "")
        self.model_edit.setPlaceholderText("Built-in model (tiny.en)")
        self.model_edit.setMinimumWidth(260)
        browse = QPushButton("Browse…")
        builtin = QPushButton("Use built-in")
        browse.clicked.connect(self._browse)
        builtin.clicked.connect(self.model_edit.clear)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_edit, 1)
        model_row.addWidget(browse)
        model_row.addWidget(builtin)
        self.model_error = QLabel()
        self.model_error.setObjectName("fieldError")
        self.model_error.setWordWrap(True)
        self.model_error.hide()
        from mockloop.ui.data_folder import DataFolderRow  # Open / Change… (its own file)

        self.data_folder = DataFolderRow(data_dir)
        self.data_edit = self.data_folder.edit
        self.overtime = QComboBox()
        self.overtime.addItem("Each round's own", None)
        for seconds in OVERTIME_CHOICES:
            self.overtime.addItem(f"{seconds} s" if seconds else "None: stop on time",
                                  float(seconds))
        self.set_overtime(settings.overtime_s)
        hint = QLabel("Leave the speech model empty to use the built-in one. The data folder "
                      "holds your history and recordings.")
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.setSpacing(12)
        form.addRow("Microphone", self.device_box)
        form.addRow("Speech model", model_row)
        form.addRow("", self._models_box())
        form.addRow("", self.model_error)
        form.addRow("Overtime allowance", self.overtime)
        form.addRow("Data folder", self.data_folder)
        self.key_sentences_button = QPushButton("Manage…")  # the list: key_sentences_dialog.py
        self.key_sentences_button.setToolTip("The sentences you want to land in interviews; "
                                             "each debrief shows whether you said them")
        self.key_sentences_button.clicked.connect(lambda: self._key_sentences(roles))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_sentences_button)
        key_row.addStretch(1)
        form.addRow("Key sentences", key_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        for button in buttons.buttons():
            button.setIcon(QIcon())  # plain text buttons, like every other in the app
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(16)
        col.addLayout(form)
        col.addWidget(hint)
        col.addWidget(buttons)
        self.choice: SettingsChoice | None = None
        self.model_edit.textChanged.connect(self._show_note)
        self.load_models()

    def _key_sentences(self, roles: dict[str, str] | None) -> None:
        from mockloop.ui.key_sentences_dialog import KeySentencesDialog

        dialog = KeySentencesDialog(roles, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.key_sentences_dialog = dialog
        dialog.open()

    # -- the models on this computer ---------------------------------------------------------------

    def _models_box(self) -> QWidget:
        from mockloop.asr.download import DOWNLOADS

        self.models = []
        self.model_list = QTreeWidget()
        self.model_list.setObjectName("modelList")
        self.model_list.setHeaderLabels(["Model", "Size", "Speed here", "Keeps up live",
                                         "Where"])
        self.model_list.setRootIsDecorated(False)
        self.model_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.model_list.setMinimumHeight(90)
        self.model_list.setMaximumHeight(150)
        self.model_list.itemSelectionChanged.connect(self._picked)
        self.measure_button = QPushButton("Measure speed")
        self.measure_button.setToolTip("Time one live piece with the selected model "
                                       "(a few seconds; uses your newest recording)")
        self.measure_button.clicked.connect(self.measure_selected)
        self.download_box = QComboBox()
        for name in DOWNLOADS:
            self.download_box.addItem(name, name)
        self.download_button = QPushButton("Download a bigger model…")
        self.download_button.clicked.connect(self.start_download)
        self.cancel_button = QPushButton("Cancel download")
        self.cancel_button.clicked.connect(self.cancel_download)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.model_note = QLabel()
        self.model_note.setObjectName("muted")
        self.model_note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.measure_button)
        buttons.addStretch(1)
        buttons.addWidget(self.download_box)
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.cancel_button)
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        col.addWidget(self.model_list)
        col.addLayout(buttons)
        col.addWidget(self.progress)
        col.addWidget(self.model_note)
        self._cancel: threading.Event | None = None
        self._download_bytes = (0, 0)
        return box

    def load_models(self) -> None:
        """List the models off the GUI thread (sizes mean reading folders)."""
        from mockloop.asr.catalog import list_models

        chosen = self.model_edit.text().strip() or None
        _run(self, lambda _p: list_models(chosen), name="list-models",
                 on_done=self._fill_models, on_failed=self._say_model)

    def _fill_models(self, models: list) -> None:
        from mockloop.asr.catalog import describe_size

        self.models = models
        current = self._current_entry()
        self.model_list.blockSignals(True)
        self.model_list.clear()
        for e in models:
            speed, live = _speed_text(e)
            where = "built-in" if e.builtin else {"cache": "Hugging Face cache",
                                                  "downloaded": "downloaded",
                                                  "folder": str(e.path)}.get(e.source, e.source)
            item = QTreeWidgetItem([e.name, describe_size(e.size_bytes), speed, live, where])
            item.setToolTip(4, str(e.path))
            item.setData(0, Qt.ItemDataRole.UserRole, e)
            self.model_list.addTopLevelItem(item)
            if current is not None and e.path == current.path:
                item.setSelected(True)
        for i in range(4):
            self.model_list.resizeColumnToContents(i)
        self.model_list.blockSignals(False)
        self._show_note()

    def _current_entry(self):
        """The listed model the speech model field names (the built-in one when empty)."""
        from pathlib import Path

        text = self.model_edit.text().strip()
        for e in self.models:
            if (not text and e.builtin) or (text and not e.builtin and (
                    str(e.path) == text or e.path == Path(text).expanduser().resolve())):
                return e
        return None

    def _picked(self) -> None:
        items = self.model_list.selectedItems()
        if not items:
            return
        entry = items[0].data(0, Qt.ItemDataRole.UserRole)
        self.model_edit.setText(entry.setting or "")
        self.model_error.hide()

    def _show_note(self) -> None:
        self._say_model(live_note(self._current_entry()))

    def _say_model(self, text: str) -> None:
        self.model_note.setText(text)
        self.model_note.setVisible(bool(text))

    def selected_entry(self):
        items = self.model_list.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else self._current_entry()

    def measure_selected(self) -> None:
        from mockloop.asr.catalog import measure_speed

        entry = self.selected_entry()
        if entry is None:
            return
        self.measure_button.setEnabled(False)
        self._say_model(f"Timing {entry.name} on one live piece…")

        def done(_speed) -> None:
            self.measure_button.setEnabled(True)
            self.load_models()

        def failed(message: str) -> None:
            self.measure_button.setEnabled(True)
            self._say_model(message)

        _run(self, lambda _p: measure_speed(entry.path), name="measure-model",
                 on_done=done, on_failed=failed)

    # -- download ----------------------------------------------------------------------------------

    def start_download(self) -> None:
        from mockloop.asr.download import download

        name = self.download_box.currentData()
        self._cancel = cancel = threading.Event()
        self.download_button.setEnabled(False)
        self.download_box.setEnabled(False)
        self.cancel_button.show()
        self.progress.setValue(0)
        self.progress.setFormat(f"Downloading {name}…")
        self.progress.show()
        self._say_model("")

        def work(progress):
            def step(done: int, total: int) -> None:
                self._download_bytes = (done, total)
                progress(done / total if total else 0.0)
            return download(name, progress=step, cancel=cancel)

        _run(self, work, name="download-model", on_done=self._downloaded,
                 on_failed=self._download_failed, on_progress=self._download_progress)

    def _download_progress(self, fraction: float) -> None:
        done, total = self._download_bytes
        self.progress.setValue(int(fraction * 1000))
        name = self.download_box.currentData()
        if total:
            self.progress.setFormat(f"Downloading {name}… {done / 1e6:.0f} of "
                                    f"{total / 1e6:.0f} MB (%p%)")

    def cancel_download(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat("Cancelling…")

    def _download_done(self) -> None:
        self._cancel = None
        self.download_button.setEnabled(True)
        self.download_box.setEnabled(True)
        self.cancel_button.hide()
        self.cancel_button.setEnabled(True)
        self.progress.hide()

    def _downloaded(self, path) -> None:
        self._download_done()
        self.model_edit.setText(str(path))  # chosen; Save keeps it
        self.load_models()

    def _download_failed(self, message: str) -> None:
        self._download_done()
        self._say_model(message)

    def reject(self) -> None:
        self.cancel_download()  # closing the dialog does not leave a download running
        super().reject()

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Speech model folder",
                                                self.model_edit.text())
        if path:
            self.model_edit.setText(path)

    def accept(self) -> None:
        """Check the model folder first: a broken one is explained and nothing changes."""
        self.cancel_download()
        from mockloop.asr import locate_model

        model_dir = self.model_edit.text().strip() or None
        if model_dir is not None:
            try:
                locate_model(model_dir)
            except ModelError as exc:
                self.model_error.setText(f"{plain_model_message(exc.message)} "
                                         "The current model is kept.")
                self.model_error.show()
                # Grow to the whole message (a wrapped label in a form keeps its old height).
                self.model_error.setMinimumHeight(
                    self.model_error.heightForWidth(max(1, self.model_error.width())))
                self.adjustSize()
                return
        self.choice = SettingsChoice(input_device=self.device_box.currentData(),
                                     model_dir=model_dir, overtime_s=self.overtime_s)
        super().accept()

    @property
    def overtime_s(self) -> float | None:
        return self.overtime.currentData()

    def set_overtime(self, seconds: float | None) -> None:
        i = self.overtime.findData(None if seconds is None else float(seconds))
        if i < 0:  # a value written by hand in settings.json still shows
            self.overtime.addItem(f"{seconds:g} s", float(seconds))
            i = self.overtime.count() - 1
        self.overtime.setCurrentIndex(i)
