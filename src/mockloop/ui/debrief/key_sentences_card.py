"""The debrief's "Key sentences" card: each saved sentence for this round's role, said (with
the words heard and a ▶ time chip that plays from there) or not said. Ctrl+K, or "Save as a
key sentence…" on the transcript's right-click menu, saves the selected words; Manage… opens
the list. What counts as said is the core's (mockloop.key_sentences); this only shows it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mockloop import key_sentences as ks
from mockloop.report import RoundReport
from mockloop.ui.fmt import mmss

SHORTCUT = "Ctrl+K"


class SentenceRow(QFrame):
    """One saved sentence; `said` and `start_s` are there for whoever reads the page."""

    play_from = Signal(float)

    def __init__(self, result: ks.SentenceResult, has_audio: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signalRow")
        self.said = result.said
        self.number = result.number
        first = result.first
        self.start_s = first.start_s if first is not None else None
        self.setProperty("hit", "yes" if self.said else "no")
        mark = QLabel("✓" if self.said else "–")
        mark.setObjectName("hitMark" if self.said else "missMark")
        mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mark.setFixedSize(24, 24)
        self.text = QLabel(f"“{result.sentence.text}”")
        self.text.setObjectName("signalName")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if first is not None:
            n = len(result.matches)
            again = "" if n == 1 else " (said twice)" if n == 2 else f" (said {n} times)"
            detail = f"You said: “{first.said}”{again}"
        else:
            detail = "Not said in this round."
        self.detail = QLabel(detail)
        self.detail.setObjectName("evidence" if self.said else "suggestion")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setToolTip(f"Key sentence {result.number}: {ks.said_line(result)}")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.addWidget(mark, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.text, 0, 1)
        grid.addWidget(self.detail, 1, 1)
        grid.setColumnStretch(1, 1)
        self.play_button: QPushButton | None = None
        if has_audio and self.start_s is not None:
            start = float(self.start_s)
            self.play_button = QPushButton(f"▶  {mmss(start)}")
            self.play_button.setObjectName("timeChip")
            self.play_button.setToolTip("Hear it from here")
            self.play_button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.play_button.clicked.connect(lambda: self.play_from.emit(start))
            grid.addWidget(self.play_button, 0, 2, 2, 1, Qt.AlignmentFlag.AlignTop)


class KeySentencesCard(QFrame):
    play_from = Signal(float)

    def __init__(self, transcript: QTextBrowser, roles: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.transcript = transcript
        self.roles = roles or {}
        self.title = QLabel("Key sentences")
        self.title.setObjectName("sectionTitle")
        self.score = QLabel()
        self.score.setObjectName("score")
        self.score.setToolTip("The sentences you saved to land in interviews: ✓ shows where "
                              "you said one (▶ plays it), even with a word misheard or a "
                              "little reworded; – means not in this answer.")
        self.empty = QLabel("Save the sentences you want to land in interviews: select words "
                            f"in the transcript and press {SHORTCUT}, or use Manage…. Every "
                            "debrief then shows whether you said them, and when.")
        self.empty.setObjectName("muted")
        self.empty.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("muted")
        self.warning.setProperty("tone", "warning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self._rows = QVBoxLayout()
        self._rows.setSpacing(6)
        self.add_button = QPushButton(f"Save selection  ({SHORTCUT})")
        self.add_button.setToolTip("Save the words selected in the transcript as a key "
                                   "sentence (you can edit them first)")
        self.manage_button = QPushButton("Manage…")
        self.manage_button.setToolTip("Add, edit or remove your key sentences")
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.manage_button)
        buttons.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(10)
        col.addWidget(self.title)
        col.addWidget(self.score)
        col.addWidget(self.empty)
        col.addWidget(self.warning)
        col.addLayout(self._rows)
        col.addLayout(buttons)
        self.rows: list[SentenceRow] = []
        self.dialog = None
        self._role: str | None = None
        self._words: list = []
        self._has_audio = False
        self.add_button.clicked.connect(self.save_selection)
        self.manage_button.clicked.connect(lambda: self.open_dialog())
        shortcut = QShortcut(QKeySequence(SHORTCUT), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # while the debrief shows
        shortcut.activated.connect(self.save_selection)
        transcript.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        transcript.customContextMenuRequested.connect(self._menu_at)
        from mockloop.ui.key_sentences_dialog import notifier

        notifier().changed.connect(self.refresh)

    # -- showing a round -----------------------------------------------------------------

    def show_for(self, report: RoundReport, has_audio: bool) -> None:
        self._role = report.role
        self._words = list(report.transcript.words)
        self._has_audio = has_audio
        self.refresh()

    def refresh(self) -> None:
        """Read the saved sentences again and show this round against them."""
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        book = ks.load()
        results = ks.check_round(book, self._role, self._words)
        self.score.setText(ks.summary(results) if results else "")
        self.score.setVisible(bool(results))
        self.empty.setVisible(not results)
        self.warning.setText("\n".join(f"⚠  {w}" for w in book.warnings))
        self.warning.setVisible(bool(book.warnings))
        for result in results:
            row = SentenceRow(result, self._has_audio)
            row.play_from.connect(self.play_from)
            self._rows.addWidget(row)
            self.rows.append(row)

    def row(self, number: int) -> SentenceRow | None:
        return next((r for r in self.rows if r.number == number), None)

    # -- saving the selection ------------------------------------------------------------

    def selected_text(self) -> str:
        text = self.transcript.textCursor().selectedText()
        return " ".join(text.replace("\u2029", " ").split()).strip(" ,;:")

    def context_menu(self, pos: QPoint) -> QMenu:
        """The transcript's own menu (Copy, Select All) with "Save as a key sentence…" on
        top when words are selected."""
        menu = self.transcript.createStandardContextMenu(pos)
        menu.setParent(self.transcript, menu.windowFlags())
        if self.selected_text():
            action = menu.addAction(f"Save as a key sentence…\t{SHORTCUT}")
            action.setObjectName("saveKeySentence")
            action.triggered.connect(self.save_selection)
            first = menu.actions()[0]
            menu.insertAction(first, action)
            menu.insertSeparator(first)
        return menu

    def _menu_at(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.exec(self.transcript.mapToGlobal(pos))
        menu.deleteLater()

    def save_selection(self) -> None:
        """Open the list with the selected words ready to save (to fix a misheard word
        first); with nothing selected it opens for a sentence to type."""
        self.open_dialog(self.selected_text())

    def open_dialog(self, text: str = "") -> None:
        from mockloop.ui.key_sentences_dialog import KeySentencesDialog

        if self.dialog is not None:
            self.dialog.raise_()
            if text:
                self.dialog.start_new(text)
            return
        dialog = KeySentencesDialog(self.roles, text=text, parent=self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self) -> None:
        self.dialog = None
