"""Your key sentences, listed to add, edit and remove (from the debrief's card and from
Settings). Every change is written at once by the core (mockloop.key_sentences), which reads
the file afresh each time, so an edit made meanwhile with `mockloop sentences` is kept."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mockloop import key_sentences as ks
from mockloop.errors import UserError
from mockloop.ui.style import Theme, themed_sheet

_LIST_STYLE = """
QTreeWidget { background: #ffffff; color: #1d2430; border: 1px solid #e3e7ee;
              border-radius: 6px; selection-background-color: #eaeeff;
              selection-color: #1d2430; outline: 0; }
QTreeWidget::item { padding: 5px 4px; border-bottom: 1px solid #f0f2f6; }
"""


class _Notifier(QObject):
    changed = Signal()  # the saved sentences changed: cards showing them read them again


_NOTIFIER: _Notifier | None = None


def notifier() -> _Notifier:
    global _NOTIFIER
    if _NOTIFIER is None:
        _NOTIFIER = _Notifier()
    return _NOTIFIER


class KeySentencesDialog(QDialog):
    def __init__(self, roles: dict[str, str] | None = None, *, text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keySentencesDialog")
        self.setWindowTitle("Key sentences")
        self.setMinimumWidth(620)
        self.roles = roles or {}
        intro = QLabel("The sentences you want to land in interviews. Each debrief shows "
                       "whether you said them and when, even with a word misheard or a few "
                       "words changed; saying the opposite does not count.")
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("keySentenceList")
        self.list.setHeaderLabels(["Sentence", "For"])
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(160)
        self.list.setAlternatingRowColors(False)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # The sheet has no rule for a plain list; this one is drawn in the theme's colours.
        self.list.setStyleSheet(themed_sheet(_LIST_STYLE, dark=Theme.dark, scale=Theme.scale))
        self.list.itemSelectionChanged.connect(self._picked)
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Key sentence")
        self.edit.setPlaceholderText("e.g. A better model is not the same as a more reliable "
                                     "product")
        self.edit.setMaxLength(ks.MAX_CHARS)
        self.role = QComboBox()
        self.role.setAccessibleName("For which role")
        self.role.addItem("Every role", None)
        for role_id, name in self.roles.items():
            self.role.addItem(name, role_id)
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("primary")
        self.save_button = QPushButton("Save changes")
        self.remove_button = QPushButton("Remove")
        self.new_button = QPushButton("New")
        self.new_button.setToolTip("Clear the box to type another sentence")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.warning = QLabel()
        self.warning.setObjectName("muted")
        self.warning.setWordWrap(True)
        self.warning.hide()
        edit_row = QHBoxLayout()
        edit_row.setSpacing(8)
        edit_row.addWidget(self.edit, 1)
        edit_row.addWidget(self.role)
        buttons_row = QHBoxLayout()
        buttons_row.setSpacing(8)
        buttons_row.addWidget(self.add_button)
        buttons_row.addWidget(self.save_button)
        buttons_row.addWidget(self.new_button)
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.remove_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in close.buttons():
            button.setIcon(QIcon())
        close.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(12)
        col.addWidget(intro)
        col.addWidget(self.list, 1)
        col.addWidget(self.warning)
        col.addLayout(edit_row)
        col.addWidget(self.error)
        col.addLayout(buttons_row)
        col.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save_changes)
        self.remove_button.clicked.connect(self.remove)
        self.new_button.clicked.connect(lambda: self.start_new(""))
        self.edit.returnPressed.connect(self._enter)
        self.edit.textChanged.connect(lambda _t: self.error.hide())
        self.reload()
        self.start_new(text)

    # -- the list ---------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        book = ks.load()
        self.sentences = book.sentences
        self.list.blockSignals(True)
        self.list.clear()
        for n, s in enumerate(book.sentences, 1):
            item = QTreeWidgetItem([s.text, self._role_name(s.role)])
            item.setData(0, Qt.ItemDataRole.UserRole, n)
            item.setToolTip(0, s.text)
            self.list.addTopLevelItem(item)
            if n == select:
                item.setSelected(True)
        self.list.blockSignals(False)
        self.warning.setText("\n".join(f"⚠  {w}" for w in book.warnings))
        self.warning.setVisible(bool(book.warnings))
        self._buttons()

    def _role_name(self, role: str | None) -> str:
        if role is None:
            return "Every role"
        return self.roles.get(role, role)

    def selected(self) -> int | None:
        items = self.list.selectedItems()
        return int(items[0].data(0, Qt.ItemDataRole.UserRole)) if items else None

    def _picked(self) -> None:
        n = self.selected()
        if n is not None:
            s = self.sentences[n - 1]
            self.edit.setText(s.text)
            i = self.role.findData(s.role)
            if i < 0:  # a role from a rubric that is gone: still shown, kept as it is
                self.role.addItem(s.role or "", s.role)
                i = self.role.count() - 1
            self.role.setCurrentIndex(i)
        self._buttons()

    def _buttons(self) -> None:
        chosen = self.selected() is not None
        self.save_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def start_new(self, text: str) -> None:
        """An empty box (or `text`, the words selected in a transcript) for a new sentence."""
        self.list.clearSelection()
        self.edit.setText(text)
        self.role.setCurrentIndex(0)
        self.error.hide()
        self.edit.setFocus()
        self._buttons()

    # -- changes (each written at once) --------------------------------------------------------

    def _enter(self) -> None:
        if self.selected() is None:
            self.add()
        else:
            self.save_changes()

    def add(self) -> None:
        if self._do(lambda: ks.add(self.edit.text(), self.role.currentData())):
            self.reload()
            self.start_new("")

    def save_changes(self) -> None:
        n = self.selected()
        if n is not None and self._do(lambda: ks.update(n, self.edit.text(),
                                                        self.role.currentData())):
            self.reload(select=n)

    def remove(self) -> None:
        n = self.selected()
        if n is not None and self._do(lambda: ks.remove(n)):
            self.reload()
            self.start_new("")

    def _do(self, change) -> bool:
        try:
            change()
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return False
        self.error.hide()
        notifier().changed.emit()
        return True
