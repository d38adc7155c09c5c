"""The list of past rounds as a table; one row per RoundRow, its id kept in the first cell."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
)

from mockloop.rubric.model import Rubric
from mockloop.store.search import SNIPPET_MARKS
from mockloop.ui import palette
from mockloop.ui.fmt import mmss, when

COLUMNS = ("When", "Round", "Role", "Signals", "Length", "Status", "Prompt / match")
STATUS = {"complete": "Complete", "interrupted": "Interrupted", "recording": "Recording",
          "failed": "Failed"}
ID_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1


MARKS = SNIPPET_MARKS  # how the store wraps the matched words of a search snippet


def _plain(snippet: str | None) -> str:
    return (snippet or "").replace(MARKS[0], "").replace(MARKS[1], "")


def _snippet_label(snippet: str) -> QLabel:
    """The search hit in context, the matched words in bold."""
    text = html.escape(" ".join(snippet.split()))
    text = text.replace(MARKS[0], "<b style='color:#1d2430'>").replace(MARKS[1], "</b>")
    label = QLabel(f"<span style='color:#667085'>{text}</span>")
    label.setObjectName("snippet")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setContentsMargins(8, 0, 8, 0)
    return label


class HistoryTable(QTableWidget):
    def __init__(self, rubric: Rubric) -> None:
        super().__init__(0, len(COLUMNS))
        self.rubric = rubric
        self.setObjectName("historyTable")
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(40)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i in range(len(COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        # The round title and the prompt share what is left; long ones are elided.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def show_rows(self, rows: list) -> None:
        self.setRowCount(0)
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            rnd = self.rubric.rounds.get(row.round)
            role = self.rubric.roles.get(row.role)
            status = row.status or ""
            hits = getattr(row, "hits", None)
            scored = getattr(row, "scored", None)
            signals = f"{hits} / {scored}" if status == "complete" and scored else "–"
            length = getattr(row, "duration_s", None) or getattr(row, "audio_s", None)
            snippet = _plain(getattr(row, "snippet", None)) or row.prompt_text or ""
            cells = (when(row.started_at), rnd.title if rnd else row.round,
                     role.name if role else row.role, signals, mmss(length),
                     STATUS.get(status, status.title()), " ".join(str(snippet).split()))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, row.id)
                item.setData(STATUS_ROLE, status)
                if c == len(cells) - 1:
                    item.setToolTip(row.prompt_text or "")
                if c == 5 and status != "complete":
                    item.setForeground(QColor(palette.AMBER.darker(130)) if
                                       status == "interrupted" else palette.RED)
                elif c in (0, 2, 4, 6):
                    item.setForeground(palette.MUTED)
                self.setItem(r, c, item)
            if getattr(row, "snippet", None):
                self.setCellWidget(r, len(cells) - 1, _snippet_label(row.snippet))

    def selected_id(self) -> int | None:
        items = self.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    def selected_status(self) -> str | None:
        items = self.selectedItems()
        return items[0].data(STATUS_ROLE) if items else None

    def ids(self) -> list[int]:
        return [self.item(r, 0).data(ID_ROLE) for r in range(self.rowCount())]

    def select_id(self, round_id: int) -> bool:
        for r in range(self.rowCount()):
            if self.item(r, 0).data(ID_ROLE) == round_id:
                self.selectRow(r)
                return True
        return False
