"""The list of past rounds: a QTableView over HistoryModel (ui/history/model.py), which
sorts itself on a click on a column's name. The round's name wraps (its link line under it,
muted); a search hit is drawn with the matched words in bold ink, the rest muted, the first
match always in view. Column widths and row heights are measured once per distinct text, not
per row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtCore import Signal as _Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from mockloop.history_list import (
    COLUMNS,
    LENGTH,
    MATCH,
    ROLE,
    ROUND,
    SIGNALS,
    WHEN,
    Line,
    lines,
    snippet_parts,
)
from mockloop.rubric.model import Rubric
from mockloop.ui import palette
from mockloop.ui.history.model import (
    ID_ROLE,
    LINE_ROLE,
    SNIPPET_ROLE,
    STATUS_ROLE,
    HistoryModel,
)

ROUND_COLUMN, MATCH_COLUMN = ROUND, MATCH
PAD_X = 12  # the text's inset in a cell we draw (the sheet's item padding and a little)
PAD_Y = 6
SHORT_PAD = 2 * PAD_X  # a plain cell: its text, the sheet's item padding and the focus margin
MIN_ROW = 40
COMPACT_PX = 900  # a narrower table hides the prompt column (unless searching)
Index = QModelIndex | QPersistentModelIndex


class _Cell:
    """A read-only view of one cell, the way QTableWidget.item() read (for tests, scripts)."""

    def __init__(self, table: HistoryTable, row: int, column: int) -> None:
        self._index = table.model().index(row, column)

    def text(self) -> str:
        return self._index.data(Qt.ItemDataRole.DisplayRole) or ""

    def toolTip(self) -> str:
        return self._index.data(Qt.ItemDataRole.ToolTipRole) or ""

    def data(self, role: int) -> object:
        return self._index.data(role)


class HistoryDelegate(QStyledItemDelegate):
    """Draws the round's name with its muted link line, and a search hit with its matched
    words in bold; other cells are drawn as usual."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        column = index.column()
        snippet = index.data(SNIPPET_ROLE) if column == MATCH else None
        if column != ROUND and not snippet:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        # The app's ink, selected or not (the sheet's selection colour is the same ink); not
        # the cell's own colour, which is muted for the prompt / match column.
        ink = QColor(palette.INK)
        rect = opt.rect.adjusted(PAD_X, 0, -PAD_X, 0)
        painter.save()
        painter.setClipRect(opt.rect)
        if column == ROUND:
            ln: Line = index.data(LINE_ROLE)
            self._paint_round(painter, opt.font, rect, ln, ink)
        else:
            self._paint_snippet(painter, opt.font, rect, str(snippet), ink)
        painter.restore()

    @staticmethod
    def _paint_round(painter: QPainter, font: QFont, rect: QRect, ln: Line,
                     ink: QColor) -> None:
        metrics = QFontMetrics(font)
        flags = Qt.TextFlag.TextWordWrap
        room = QRect(0, 0, max(1, rect.width()), 10_000)
        title_h = metrics.boundingRect(room, flags, ln.title).height()
        link_h = metrics.boundingRect(room, flags, ln.link).height() if ln.link else 0
        top = rect.top() + max(0, (rect.height() - title_h - link_h) // 2)
        painter.setFont(font)
        painter.setPen(ink)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        painter.drawText(QRect(rect.left(), top, rect.width(), title_h),
                         int(align) | int(flags), ln.title)
        if ln.link:
            painter.setPen(palette.MUTED)
            painter.drawText(QRect(rect.left(), top + title_h, rect.width(), link_h),
                             int(align) | int(flags), ln.link)

    @staticmethod
    def _paint_snippet(painter: QPainter, font: QFont, rect: QRect, snippet: str,
                       ink: QColor) -> None:
        parts = snippet_parts(snippet)
        bold = QFont(font)
        bold.setBold(True)
        normal_m, bold_m = QFontMetrics(font), QFontMetrics(bold)

        def advance(text: str, matched: bool) -> int:
            return (bold_m if matched else normal_m).horizontalAdvance(text)

        # The first match in view: the words before it give way (shown as "…") when the
        # cell is too narrow for them and the match.
        first = next((i for i, (_t, m) in enumerate(parts) if m), None)
        if first:
            before = "".join(t for t, _m in parts[:first])
            match_w = advance(parts[first][0], True)
            if advance(before, False) + match_w > rect.width():
                words = before.split(" ")
                k = 0
                while k < len(words) and \
                        advance("…" + " ".join(words[k:]), False) + match_w > rect.width():
                    k += 1
                lead = "…" + " ".join(words[k:])
                fits = advance(lead, False) + match_w <= rect.width()
                parts = [(lead, False), *parts[first:]] if fits else parts[first:]
        x, right = rect.left(), rect.right()
        for text, matched in parts:
            painter.setFont(bold if matched else font)
            painter.setPen(ink if matched else palette.MUTED)
            metrics = bold_m if matched else normal_m
            width = metrics.horizontalAdvance(text)
            shown = text if x + width <= right else metrics.elidedText(
                text, Qt.TextElideMode.ElideRight, max(0, right - x))
            painter.drawText(QRect(x, rect.top(), max(0, right - x), rect.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             shown)
            x += metrics.horizontalAdvance(shown)
            if shown != text or x >= right:
                break


class HistoryTable(QTableView):
    selection_changed = _Signal()

    def __init__(self, rubric: Rubric, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rubric = rubric
        self.source = HistoryModel(self)
        self.setModel(self.source)
        self.setItemDelegate(HistoryDelegate(self))
        self.setObjectName("historyTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setMinimumSectionSize(MIN_ROW)
        vertical.setDefaultSectionSize(MIN_ROW)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i in range(len(COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Fixed)
        # The round's name gets the room it needs (wrapping when short of it); the prompt /
        # match takes the rest and is cut with "…" (its full text is on hover).
        header.setSectionResizeMode(MATCH, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setToolTip("Click a column's name to sort by it; click again to reverse")
        self.setSortingEnabled(True)
        self.sortByColumn(WHEN, Qt.SortOrder.DescendingOrder)  # newest first
        self._widths: dict[str, int] = {}  # text -> advance, for the font in use
        self._heights: dict[tuple[str, str | None, int], int] = {}
        self._fitted: tuple | None = None
        self._natural: dict[int, int] | None = None  # column -> the width its texts need
        self._hints: dict[int, int] = {}  # column -> the width its name needs
        self.source.layoutChanged.connect(self._fit_rows)  # sorted: heights follow the rows
        # A new order is read from its top (the selection is kept, wherever it went).
        header.sortIndicatorChanged.connect(lambda _c, _o: self.scrollToTop())

    # -- filling --------------------------------------------------------------------------------

    def show_rows(self, rows: list, *, keep_scroll: bool = False) -> None:
        """Show these RoundRows (store.list_rounds), sorted by the column chosen; from the
        top, unless `keep_scroll` (the same list read again)."""
        self.show_lines(lines(rows, self.rubric), keep_scroll=keep_scroll)

    def show_lines(self, shown: list[Line], *, keep_scroll: bool = False) -> None:
        bar = self.verticalScrollBar()
        at = bar.value() if keep_scroll else 0
        self._fitted = self._natural = None
        self.source.set_lines(shown)
        self._fit_columns()
        bar.setValue(min(at, bar.maximum()))

    @property
    def searching(self) -> bool:
        return any(ln.matched for ln in self.source.lines)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._widths.clear()
            self._heights.clear()
            self._hints.clear()
            self._fitted = self._natural = None
            self._fit_columns()

    def _advance(self, metrics: QFontMetrics, text: str) -> int:
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = metrics.horizontalAdvance(text)
        return width

    def _measure(self) -> dict[int, int]:
        """The width each column's texts need (the round's: its widest name on one line);
        measured once per filling (and font), not on every resize."""
        if self._natural is not None:
            return self._natural
        metrics = self.fontMetrics()
        source = self.source
        shown = source.lines
        natural: dict[int, int] = {}
        for c in range(len(COLUMNS)):
            if c == MATCH:
                continue
            if c == WHEN:  # one text per round: measure the longest few only
                texts = sorted({source.when(ln.started_at) for ln in shown}, key=len)[-24:]
            elif c == ROUND:
                texts = list({p for ln in shown for p in (ln.title, ln.link) if p})
            else:
                texts = list({source.text(ln, c) for ln in shown})
            natural[c] = max([self._header_hint(c)] +
                             [self._advance(metrics, t) + SHORT_PAD for t in texts])
        self._natural = natural
        return natural

    def _header_hint(self, column: int) -> int:
        """The width the column's name needs (with the sort arrow); a hidden section's hint
        is 0, so the last one seen shown is kept."""
        hint = self.horizontalHeader().sectionSizeHint(column)
        if hint > 0:
            self._hints[column] = hint
        return self._hints.get(column) or self.horizontalHeader().fontMetrics() \
            .horizontalAdvance(COLUMNS[column]) + 48

    def _fit_columns(self) -> None:
        """Each short column as wide as its widest text; the round's name as wide as it
        needs when that fits, else at most about half of what is left (wrapped). A narrow
        table drops the prompt column (it is on the round's hover), or, while searching, the
        role, signals and length, so the search hit has room."""
        header = self.horizontalHeader()
        natural = self._measure()
        view_w = self.viewport().width()
        searching = self.searching
        hidden: set[int] = set()
        if view_w < COMPACT_PX:
            hidden = {ROLE, SIGNALS, LENGTH} if searching else {MATCH}
            if len({ln.role for ln in self.source.lines}) == 1:
                hidden.add(ROLE)  # the same role in every row says nothing: room for names
        for c in range(len(COLUMNS)):
            if self.isColumnHidden(c) != (c in hidden):
                self.setColumnHidden(c, c in hidden)
        others = 0
        for c, width in natural.items():
            if c == ROUND or c in hidden:
                continue
            if header.sectionSize(c) != width:
                header.resizeSection(c, width)
            others += width
        room = view_w - others
        share = room if MATCH in hidden else int(room * (0.4 if searching else 0.55))
        width = max(120, min(natural[ROUND], share))
        if header.sectionSize(ROUND) != width:
            header.resizeSection(ROUND, width)
        key = (view_w, len(self.source.lines), searching, width)
        if key != self._fitted:
            self._fitted = key
            self._fit_rows()

    def _row_height(self, ln: Line, width: int, metrics: QFontMetrics) -> int:
        key = (ln.title, ln.link, width)
        height = self._heights.get(key)
        if height is None:
            room = QRect(0, 0, max(1, width - 2 * PAD_X), 10_000)
            flags = Qt.TextFlag.TextWordWrap
            needed = metrics.boundingRect(room, flags, ln.title).height()
            if ln.link:
                needed += metrics.boundingRect(room, flags, ln.link).height()
            height = self._heights[key] = max(MIN_ROW, needed + 2 * PAD_Y)
        return height

    def _fit_rows(self) -> None:
        """Each row as tall as its wrapped round name (and link line)."""
        width = self.horizontalHeader().sectionSize(ROUND)
        metrics = self.fontMetrics()
        vertical = self.verticalHeader()
        for r, ln in enumerate(self.source.lines):
            height = self._row_height(ln, width, metrics)
            if vertical.sectionSize(r) != height:
                vertical.resizeSection(r, height)

    # -- reading --------------------------------------------------------------------------------

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        super().selectionChanged(selected, deselected)
        self.selection_changed.emit()

    def _selected(self, role: int) -> object:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        return rows[0].data(role) if rows else None

    def selected_id(self) -> int | None:
        value = self._selected(ID_ROLE)
        return int(value) if isinstance(value, int) else None

    def selected_status(self) -> str | None:
        value = self._selected(STATUS_ROLE)
        return str(value) if value is not None else None

    def selected_line(self) -> Line | None:
        value = self._selected(LINE_ROLE)
        return value if isinstance(value, Line) else None

    def rowCount(self) -> int:
        return len(self.source.lines)

    def currentRow(self) -> int:
        return self.currentIndex().row()

    def item(self, row: int, column: int) -> _Cell | None:
        """The cell at (row, column) as shown (sorted), or None outside the table."""
        if not (0 <= row < len(self.source.lines) and 0 <= column < len(COLUMNS)):
            return None
        return _Cell(self, row, column)

    def ids(self) -> list[int]:
        """The history ids in the order shown."""
        return [ln.id for ln in self.source.lines]

    def row_of(self, history_id: int) -> int | None:
        """Where a round is shown (its row, as sorted), or None."""
        return self.source.row_of(history_id)

    def select_id(self, history_id: int) -> bool:
        row = self.row_of(history_id)
        if row is None:
            return False
        self.selectRow(row)
        return True

    def snippet_at(self, row: int) -> str | None:
        """The search hit (with its match marks) the row's last cell draws, or None."""
        value = self.source.index(row, MATCH).data(SNIPPET_ROLE)
        return str(value) if value else None
