"""The History table's model: the lines of mockloop.history_list, read by a QTableView.
Nothing is made per cell in advance: a cell's text, colour and hover are worked out when the
view asks (only the rows on screen are asked for), so showing 3,000 rounds costs little more
than showing 30.

The model sorts itself (a click on a column's name): one sort key per line, sorted by Python,
ties kept newest first. A QSortFilterProxyModel would ask the model for both keys of every
comparison, some 40,000 calls into Python for 3,000 rows; the store does the filtering."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from mockloop.history_list import (
    COLUMNS,
    EDITED_TIP,
    LENGTH,
    MATCH,
    ROLE,
    ROUND,
    SIGNALS,
    STATUS,
    WHEN,
    Line,
)
from mockloop.ui import palette
from mockloop.ui.fmt import mmss, when

ID_ROLE = Qt.ItemDataRole.UserRole  # the round's history id (every cell of its row)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # complete, interrupted, recording, failed
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a click on the column's name sorts by
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 3  # the search hit with its marks (match column)
LINE_ROLE = Qt.ItemDataRole.UserRole + 4  # the history_list.Line itself

_D = Qt.ItemDataRole
MUTED_COLUMNS = (WHEN, ROLE, LENGTH, MATCH)
Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[Line] = []  # as shown (sorted)
        self._given: list[Line] = []  # as the store listed them: newest first
        self._row_of: dict[int, int] = {}
        self._when: dict[str, str] = {}  # started_at -> how it reads (kept across refreshes)
        self.sorted_by: tuple[int, Qt.SortOrder] = (WHEN, Qt.SortOrder.DescendingOrder)

    def set_lines(self, lines: list[Line]) -> None:
        """Show these lines (newest first), sorted the way the user last chose."""
        self.beginResetModel()
        self._given = list(lines)
        self._arrange()
        if len(self._when) > 4 * len(lines) + 1000:
            self._when.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.lines[i.row()].id if 0 <= i.row() < len(self.lines) else None
               for i in before]
        self.sorted_by = (column, order)
        self._arrange()
        after = [self.index(self._row_of[h], i.column()) if h in self._row_of
                 else QModelIndex() for h, i in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        column, order = self.sorted_by
        keys = [ln.sort_key(column) for ln in self._given]
        # Python's sort is stable, reversed too: equal keys stay newest first.
        at = sorted(range(len(keys)), key=keys.__getitem__,
                    reverse=order == Qt.SortOrder.DescendingOrder)
        self.lines = [self._given[i] for i in at]
        self._row_of = {ln.id: r for r, ln in enumerate(self.lines)}

    def row_of(self, history_id: int) -> int | None:
        return self._row_of.get(history_id)

    def when(self, started_at: str) -> str:
        shown = self._when.get(started_at)
        if shown is None:
            shown = self._when[started_at] = when(started_at)
        return shown

    def text(self, ln: Line, column: int) -> str:
        """What the cell says (the match column's search hit is drawn by the delegate)."""
        if column == WHEN:
            return self.when(ln.started_at)
        if column == ROUND:
            return ln.round_text
        if column == ROLE:
            return ln.role
        if column == SIGNALS:
            return ln.signals
        if column == LENGTH:
            return mmss(ln.length_s)
        if column == STATUS:
            return ln.status_text
        return ln.match_text

    # -- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _D.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _D.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = _D.DisplayRole) -> object:
        if not index.isValid():
            return None
        ln = self.lines[index.row()]
        column = index.column()
        if role == _D.DisplayRole:
            return self.text(ln, column)
        if role == _D.ForegroundRole:
            if column == STATUS and ln.status != "complete":
                return QColor(palette.AMBER.darker(130)) if ln.status == "interrupted" \
                    else QColor(palette.RED)
            return QColor(palette.MUTED) if column in MUTED_COLUMNS else None
        if role == _D.ToolTipRole:
            if column == MATCH:
                return ln.match_tip or None
            if column == ROUND:
                return ln.round_tip
            if column == STATUS and ln.edited:
                return EDITED_TIP
            return None
        if role == ID_ROLE:
            return ln.id
        if role == STATUS_ROLE:
            return ln.status
        if role == SORT_ROLE:
            return ln.sort_key(column)
        if role == SNIPPET_ROLE:
            return ln.snippet if column == MATCH and ln.matched else None
        if role == _D.AccessibleTextRole:
            return self.text(ln, column)
        if role == LINE_ROLE:
            return ln
        return None
