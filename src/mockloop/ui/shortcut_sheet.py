"""Every keyboard shortcut on one sheet (F1 or ?), so none has to be discovered by chance."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from mockloop.ui.pages import PAGES, PageSpec

# Before the page row (built from the registry) and after it.
_FIRST: tuple[tuple[str, str], ...] = (
    ("Space", "Start or stop a round (Practice: the suggested one, unless you picked another);"
              " play or pause the recording (Debrief)"),
    ("Esc", "Cancel the round being recorded (asks first); hide a message"),
)
_REST: tuple[tuple[str, str], ...] = (
    ("Ctrl+R", "Retake the same prompt"),
    ("Ctrl+D", "Three framings drill: one story as a product, model and system risk "
     "(Practice)"),
    ("Ctrl+K", "Save the words selected in the transcript as a key sentence (Debrief)"),
    ("Ctrl+Shift+F", "Answer the follow-up question of a design round's debrief"),
    ("Ctrl+F", "Search what you said, in History"),
    ("Ctrl+,", "Settings"),
    ("Alt+R / Alt+O / Alt+P", "Choose the role / round / prompt"),
    ("Ctrl+plus / Ctrl+minus / Ctrl+0", "Larger / smaller / normal text (remembered)"),
    ("Tab / Shift+Tab", "Move between controls; the one with focus has a blue ring"),
    ("F1 or ?", "This list"),
    ("Ctrl+Q", "Quit (a round being recorded is kept as interrupted)"),
)


def shortcut_rows(pages: Sequence[PageSpec] = PAGES) -> tuple[tuple[str, str], ...]:
    """Every shortcut with what it does; one row for all the pages' own keys."""
    row = (" / ".join(p.shortcut for p in pages), " / ".join(p.title for p in pages))
    return (*_FIRST, row, *_REST)


SHORTCUTS = shortcut_rows()


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None,
                 pages: Sequence[PageSpec] = PAGES) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle("Keyboard shortcuts")
        rows = "".join(f"<tr><td style='padding:4px 18px 4px 0'><b>{html.escape(k)}</b></td>"
                       f"<td style='padding:4px 0'>{html.escape(v)}</td></tr>"
                       for k, v in shortcut_rows(pages))
        self.table = QLabel(f"<table>{rows}</table>")
        self.table.setTextFormat(Qt.TextFormat.RichText)
        self.table.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for b in buttons.buttons():
            b.setIcon(b.icon().__class__())
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(16)
        col.addWidget(self.table)
        col.addWidget(buttons)
