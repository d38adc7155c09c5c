"""Import…: a typed answer (a text box and the role and round it answers), an audio file (the
role and round asked for, then transcribed with progress shown) or a mentor bundle (it says
its own round) becomes a round, and its debrief opens.

The work is mockloop.importing's, run off the GUI thread; `import_path(path)` and
`TypedAnswerDialog` are what the menu uses, and what tests drive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockloop.errors import UserError
from mockloop.importing import import_file, kind_of
from mockloop.ui.file_choice import FileChooser, start_folder
from mockloop.ui.tasks import run_task

OPEN_FILTERS = ("Answers, recordings and mentor bundles (*.txt *.md *.wav *.flac *.mp3 *.ogg "
                "*.m4a *.opus *.webm *.zip);;Typed answers (*.txt *.md);;Audio (*.wav *.flac "
                "*.mp3 *.ogg *.m4a *.opus *.webm);;Mentor bundles (*.zip);;All files (*)")


class TypedAnswerDialog(QDialog):
    """A typed answer (or, with `path`, a file that needs its round): the role and round
    pickers, and for a typed answer the text box. `choice()` once accepted."""

    def __init__(self, services, *, path: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.path = path
        self.setWindowTitle("Import a typed answer" if path is None else "Import a recording")
        self.setMinimumWidth(560)
        rubric = services.rubric
        self.role_box = QComboBox()
        for role in rubric.roles.values():
            self.role_box.addItem(role.name, role.id)
        self.round_box = QComboBox()
        for rnd in rubric.rounds.values():
            self.round_box.addItem(rnd.title, rnd.id)
        s = services.settings
        self.role_box.setCurrentIndex(max(0, self.role_box.findData(s.last_role)))
        self.round_box.setCurrentIndex(max(0, self.round_box.findData(s.last_round)))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Paste or type your answer here…")
        self.text.setMinimumHeight(200)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        intro = QLabel("The answer is scored like a spoken one, without the timing measures."
                       if path is None else
                       f"{path.name} will be transcribed here, then scored as an answer to:")
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setSpacing(10)
        form.addRow("Role", self.role_box)
        form.addRow("Round", self.round_box)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("Score it" if path is None else "Transcribe and score",
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primary")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.setSpacing(12)
        col.addWidget(intro)
        col.addLayout(form)
        if path is None:
            col.addWidget(self.text, 1)
        else:
            self.text.hide()
        col.addWidget(self.error)
        col.addWidget(buttons)

    def choice(self) -> tuple[str, str, str]:
        """(role id, round id, the typed text)."""
        return self.role_box.currentData(), self.round_box.currentData(), \
            self.text.toPlainText()

    def accept(self) -> None:
        if self.path is None and not self.text.toPlainText().strip():
            self.error.setText("Type or paste the answer first.")
            self.error.show()
            return
        super().accept()


class ImportControls(QWidget):
    """Import… (a menu) with its own progress line while a recording is transcribed."""

    imported = Signal(int)  # the new round's history id
    failed = Signal(str)
    notice = Signal(str)

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.chooser = FileChooser()
        self.dialog: TypedAnswerDialog | None = None
        self.busy = False
        self._what = ""
        self._text = ""
        self.button = QPushButton("Import…")
        self.button.setObjectName("importButton")
        self.button.setToolTip("Make a round from a typed answer, a recording made elsewhere, "
                               "or a mentor bundle")
        menu = QMenu(self.button)
        menu.addAction("A typed answer…").triggered.connect(self.type_answer)
        menu.addAction("A recording or a mentor bundle…").triggered.connect(self.choose_file)
        self.button.setMenu(menu)
        self.status = QLabel()
        self.status.setObjectName("statusLine")
        self.status.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setFixedWidth(120)
        self.progress.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.button)
        row.addWidget(self.status)
        row.addWidget(self.progress)

    # -- asking ----------------------------------------------------------------------------

    def type_answer(self) -> TypedAnswerDialog:
        return self._open_dialog(None)

    def choose_file(self) -> None:
        path = self.chooser.open(self, "Import a typed answer, a recording or a mentor bundle",
                                 start_folder(), OPEN_FILTERS)
        if path is not None:
            self.import_path(path)

    def import_path(self, path: str | Path, *, role: str | None = None,
                    round_id: str | None = None) -> None:
        """Import a file: a bundle at once, a text or audio file once its round is known
        (asked for in a dialog unless given)."""
        path = Path(path)
        kind = kind_of(path)
        if kind == "bundle" or (role and round_id):
            self._run(path, kind, role, round_id)
        elif kind == "text":
            dialog = self._open_dialog(None)
            try:
                from mockloop.importing import read_text_file

                dialog.text.setPlainText(read_text_file(path))
            except UserError as exc:
                dialog.reject()
                self.failed.emit(exc.message)
        else:
            self._open_dialog(path)

    def _open_dialog(self, path: Path | None) -> TypedAnswerDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog = TypedAnswerDialog(self.services, path=path, parent=self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog

        def accepted() -> None:
            role, round_id, text = dialog.choice()
            if path is None:
                self._run_text(text, role, round_id)
            else:
                self._run(path, kind_of(path), role, round_id)

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # -- doing ------------------------------------------------------------------------------

    def _run_text(self, text: str, role: str, round_id: str) -> None:
        services = self.services
        self._start("Scoring the typed answer…", busy_bar=False)
        self._what = "the typed answer"
        run_task(self, lambda _p: services.analyze_text(role, round_id, text).id,
                 name="import", on_done=self._done, on_failed=self._failed)

    def _run(self, path: Path, kind: str, role: str | None, round_id: str | None) -> None:
        if self.busy:
            self.failed.emit("An import is still running; wait for it to finish.")
            return
        services = self.services
        self._what = path.name
        self._start({"audio": f"Transcribing {path.name}…",
                     "bundle": f"Importing {path.name}…",
                     "text": f"Scoring {path.name}…"}[kind], busy_bar=kind == "audio")

        def work(progress) -> int:
            return import_file(services, path, role=role, round_id=round_id,
                               progress=progress).id

        run_task(self, work, name="import", on_done=self._done, on_failed=self._failed,
                 on_progress=self._step)

    def _start(self, text: str, *, busy_bar: bool) -> None:
        self.busy = True
        self.button.setEnabled(False)
        self._text = text
        self.status.setText(text)
        self.status.show()
        self.progress.setRange(0, 0)  # moves until the first percentage arrives
        self.progress.setVisible(busy_bar)

    def _step(self, fraction: float) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(int(100 * fraction))
        self.status.setText(f"{self._text} {round(100 * fraction)}%")

    def _idle(self) -> None:
        self.busy = False
        self.button.setEnabled(True)
        self.status.hide()
        self.progress.hide()

    def _done(self, new_id: int) -> None:
        self._idle()
        self.notice.emit(f"Imported {self._what} as round #{new_id}.")
        self.imported.emit(new_id)

    def _failed(self, message: str) -> None:
        self._idle()
        self.failed.emit(message)
