"""Settings: input device, speech model folder, overtime allowance; the data folder is shown.

The dialog only collects and checks values; the window applies them (Services + save).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockloop.errors import ModelError
from mockloop.settings import Settings

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


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, *, devices: list[str], data_dir: str,
                 parent: QWidget | None = None) -> None:
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
        self.data_edit = QLineEdit(data_dir)
        self.data_edit.setReadOnly(True)
        self.data_edit.setToolTip("Set MOCKLOOP_HOME before starting to use another folder")
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
        form.addRow("", self.model_error)
        form.addRow("Overtime allowance", self.overtime)
        form.addRow("Data folder", self.data_edit)
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

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Speech model folder",
                                                self.model_edit.text())
        if path:
            self.model_edit.setText(path)

    def accept(self) -> None:
        """Check the model folder first: a broken one is explained and nothing changes."""
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
