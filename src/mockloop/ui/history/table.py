"""The list of past rounds as a table; one row per RoundRow, its id kept in the first cell."""

from __future__ import annotations

import html

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
)

from mockloop.followup import link_note
from mockloop.rubric.model import Rubric
from mockloop.store.search import SNIPPET_MARKS
from mockloop.ui import palette
from mockloop.ui.fmt import mmss, when

COLUMNS = ("When", "Round", "Role", "Signals", "Length", "Status", "Prompt / match")
STATUS = {"complete": "Complete", "interrupted": "Interrupted", "recording": "Recording",
          "failed": "Failed"}
ID_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a click on the column header sorts by
ROUND_COLUMN, MATCH_COLUMN = 1, len(COLUMNS) - 1


MARKS = SNIPPET_MARKS  # how the store wraps the matched words of a search snippet


def _plain(snippet: str | None) -> str:
    return (snippet or "").replace(MARKS[0], "").replace(MARKS[1], "")


def _snippet_label(snippet: str, tip: str) -> QLabel:
    """The search hit in context, the matched words in bold (the only text in its cell)."""
    text = html.escape(" ".join(snippet.split()))
    text = text.replace(MARKS[0], f"<b style='color:{palette.INK.name()}'>").replace(
        MARKS[1], "</b>")
    label = QLabel(f"<span style='color:{palette.MUTED.name()}'>{text}</span>")
    label.setObjectName("snippet")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setContentsMargins(8, 0, 8, 0)
    label.setToolTip(tip)
    return label


class _Item(QTableWidgetItem):
    """A cell that sorts by its SORT_ROLE value (times, numbers), not by its shown text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        a, b = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if a is None or b is None or type(a) is not type(b):
            return str(a if a is not None else "") < str(b if b is not None else "")
        return a < b


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
        self.setWordWrap(True)  # a long round name wraps onto a second line, never "…"
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(40)
        self.verticalHeader().setMinimumSectionSize(40)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i in range(len(COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        # The round title gets the room its name needs (wrapping when short of it); the
        # prompt / match takes the rest and is elided (its full text is on hover).
        header.setSectionResizeMode(ROUND_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(MATCH_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setToolTip("Click a column's name to sort by it; click again to reverse")
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first

    def show_rows(self, rows: list) -> None:
        sort = self.horizontalHeader()
        column, order = sort.sortIndicatorSection(), sort.sortIndicatorOrder()
        self.setSortingEnabled(False)  # fill first, then sort once
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
            matched = " ".join(_plain(getattr(row, "snippet", None)).split())
            snippet = matched or " ".join(str(row.prompt_text or "").split())
            edited = bool(getattr(row, "edited", False))
            shown_status = STATUS.get(status, status.title()) + (" · edited" if edited else "")
            title = rnd.title if rnd else row.round
            link = link_note(getattr(row, "follows", None), getattr(row, "kind", None))
            if link:  # "↳ follow-up to round #12" under the round's name
                title = f"{title}\n↳ {link}"
            cells = (when(row.started_at), title,
                     role.name if role else row.role, signals, mmss(length),
                     shown_status, snippet)
            keys = (f"{row.started_at or ''}#{row.id:012d}", cells[1].lower(), cells[2].lower(),
                    (hits / scored) if status == "complete" and scored else -1.0,
                    float(length or 0.0), cells[5], snippet.lower())
            tip = (f"Matched: {matched}\n\nPrompt: {row.prompt_text}" if matched and
                   row.prompt_text else matched or (row.prompt_text or ""))
            for c, text in enumerate(cells):
                item = _Item(text)
                item.setData(ID_ROLE, row.id)
                item.setData(STATUS_ROLE, status)
                item.setData(SORT_ROLE, keys[c])
                if c == MATCH_COLUMN:
                    item.setToolTip(tip)
                    if matched:  # the label below draws it; the item keeps it for screen readers
                        item.setText("")
                        item.setData(Qt.ItemDataRole.AccessibleTextRole, matched)
                elif c == ROUND_COLUMN:
                    item.setToolTip(text + (f"\n\n{row.prompt_text}" if row.prompt_text else ""))
                elif c == 5 and edited:
                    item.setToolTip("You corrected this round's transcript; it is scored from "
                                    "your text and the recognised original is kept.")
                if c == 5 and status != "complete":
                    item.setForeground(QColor(palette.AMBER.darker(130)) if
                                       status == "interrupted" else palette.RED)
                elif c in (0, 2, 4, 6):
                    item.setForeground(palette.MUTED)
                self.setItem(r, c, item)
            if matched:
                self.setCellWidget(r, MATCH_COLUMN, _snippet_label(row.snippet, tip))
        self.setSortingEnabled(True)
        self.sortByColumn(column, order)
        self._fit_round_column()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_round_column()

    def _fit_round_column(self) -> None:
        """The round names' width when it fits, else at most half of what is left (wrapped)."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        titles = [self.item(r, ROUND_COLUMN).text() for r in range(self.rowCount())
                  if self.item(r, ROUND_COLUMN) is not None]
        widest = max([metrics.horizontalAdvance(t) for t in titles] +
                     [metrics.horizontalAdvance(COLUMNS[ROUND_COLUMN])]) + 24
        others = sum(header.sectionSize(c) for c in range(len(COLUMNS))
                     if c not in (ROUND_COLUMN, MATCH_COLUMN))
        room = self.viewport().width() - others
        # Narrow and not searching: the prompt column gives way (the prompt is on the round's
        # hover); a search hit always shows.
        searching = any(self.cellWidget(r, MATCH_COLUMN) is not None
                        for r in range(self.rowCount()))
        compact = self.viewport().width() < 900 and not searching
        self.setColumnHidden(MATCH_COLUMN, compact)
        width = max(120, min(widest, room if compact else int(room * 0.55)))
        if header.sectionSize(ROUND_COLUMN) != width:
            header.resizeSection(ROUND_COLUMN, width)
        # Each row as tall as its wrapped round name (the item padding of the style sheet is
        # not in Qt's own size hint, which would cut the last line).
        room = QRect(0, 0, max(1, width - 24), 10_000)
        for r, title in enumerate(titles):
            needed = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, title).height() + 12
            self.setRowHeight(r, max(40, needed))

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
