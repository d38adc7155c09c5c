"""The history page: filters and search over the store, and the actions on one round."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mockloop.errors import UserError
from mockloop.progress import history_version
from mockloop.session import Services
from mockloop.ui.confirm import ask
from mockloop.ui.fmt import mmss, when
from mockloop.ui.history.export_all import ExportAllButton
from mockloop.ui.history.table import HistoryTable
from mockloop.ui.import_dialog import ImportControls
from mockloop.ui.tasks import run_task
from mockloop.ui.widgets.scrolling import reflow

SEARCH_DELAY_MS = 250  # wait for a pause in typing before querying
# How the rounds are sorted, said after their count: (ascending, descending) per column.
SORTED = {0: ("oldest first", "newest first"), 1: ("by round, A to Z", "by round, Z to A"),
          2: ("by role, A to Z", "by role, Z to A"),
          3: ("fewest signals hit first", "most signals hit first"),
          4: ("shortest first", "longest first"), 5: ("by status", "by status, reversed"),
          6: ("by prompt, A to Z", "by prompt, Z to A")}


class HistoryPage(QWidget):
    open_requested = Signal(int)
    finished_round = Signal(dict)  # the report of a round finished from here
    failed = Signal(str)
    notice = Signal(str)
    deleted = Signal(int)  # a round the user deleted (the debrief must not keep showing it)
    drill_requested = Signal(int)  # a drill's first take: show its three takes side by side

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        rubric = services.rubric
        title = QLabel("History")
        title.setObjectName("pageTitle")
        self.count = QLabel()
        self.count.setObjectName("pageSubtitle")
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("Search what you said…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.role_box = QComboBox()
        self.role_box.addItem("All roles", None)
        for role in rubric.roles.values():
            self.role_box.addItem(role.name, role.id)
        self.round_box = QComboBox()
        self.round_box.addItem("All rounds", None)
        for rnd in rubric.rounds.values():
            self.round_box.addItem(rnd.title, rnd.id)
        for box in (self.role_box, self.round_box):
            # Long round titles must not set the window's minimum width.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
        self.table = HistoryTable(rubric)
        self.open_button = QPushButton("Open")
        self.open_button.setObjectName("primary")
        self.finish_button = QPushButton("Finish")
        self.finish_button.setToolTip("Transcribe and score a round that was cut short")
        self.drill_button = QPushButton("Show the drill side by side")
        self.drill_button.setToolTip("The three takes of this three-framings drill, compared")
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setObjectName("dangerLink")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.hide()
        self.progress_text = QLabel()
        self.progress_text.setObjectName("statusLine")
        self.progress_text.setWordWrap(True)
        self.progress_text.hide()
        self.empty = QLabel()
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.empty.setContentsMargins(0, 24, 0, 0)
        # "No round matches." takes the table's place, right under the search.
        self.listing = QStackedWidget()
        self.listing.addWidget(self.table)
        self.listing.addWidget(self.empty)

        filters = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        filters.setSpacing(10)
        filters.addWidget(self.search, 3)
        boxes = QHBoxLayout()
        boxes.setSpacing(10)
        boxes.addWidget(self.role_box, 1)
        boxes.addWidget(self.round_box, 2)
        filters.addLayout(boxes, 3)
        self.filters = filters
        actions = QHBoxLayout()
        actions.setSpacing(10)
        actions.addWidget(self.open_button)
        actions.addWidget(self.finish_button)
        actions.addWidget(self.drill_button)
        actions.addStretch(1)
        actions.addWidget(self.delete_button)
        # Import… and Export all… (their own files), which report through this page.
        # Their own row, so the page still fits a narrow window (700 px).
        self.importer, self.export_all = ImportControls(services), ExportAllButton(services)
        tools = QHBoxLayout()
        tools.setSpacing(10)
        for extra in (self.importer, self.export_all):
            tools.addWidget(extra)
            extra.failed.connect(self.failed)
            extra.notice.connect(self.notice)
        tools.addStretch(1)
        self.importer.imported.connect(lambda rid: (self.refresh(), self.open_requested.emit(rid)))
        card = QFrame()
        card.setObjectName("card")
        cc = QVBoxLayout(card)
        cc.setContentsMargins(16, 16, 16, 16)
        cc.setSpacing(12)
        cc.addLayout(filters)
        cc.addWidget(self.listing, 1)
        cc.addWidget(self.progress_text)
        cc.addWidget(self.progress)
        cc.addLayout(tools)
        cc.addLayout(actions)
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 28, 32, 28)
        col.setSpacing(16)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(title)
        heading.addWidget(self.count)
        col.addLayout(heading)
        col.addWidget(card, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.refresh)
        self.role_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.round_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selection_changed.connect(self._update_actions)
        # Double-click or Enter (the view's "activated"; connecting doubleClicked as well
        # opened a round twice, and queued a second finish of an interrupted one).
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.horizontalHeader().sortIndicatorChanged.connect(
            lambda _c, _o: self._show_count())
        self.open_button.clicked.connect(self.open_selected)
        self.finish_button.clicked.connect(self.finish_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.drill_button.clicked.connect(self.show_drill)
        self._shown: tuple | None = None  # what the table shows: filters, day, history stamp
        self._query: str | None = None
        self._finishing: int | None = None
        self._wait_text = ""
        self._queue: list[int] = []
        self._update_actions()

    # -- listing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the rounds matching the filters again, unless nothing was written since the
        table was filled with these filters (the history's stamp, progress.history_version)."""
        self._search_timer.stop()
        query = self.search.text().strip() or None
        role, round_type = self.role_box.currentData(), self.round_box.currentData()
        try:
            # The day is in it too: "Mon 3 Jun" drops its year once the year is over.
            stamp: tuple | None = (role, round_type, query, date.today(),
                                   history_version(self.services.store))
        except UserError:
            stamp = None
        if stamp is not None and stamp == self._shown:
            self._update_actions()
            return
        keep = self.table.selected_id()
        try:
            rows = self.services.store.list_rounds(role=role, round_id=round_type, query=query)
        except UserError as exc:
            self.failed.emit(exc.message)
            rows, stamp = [], None
        # The same filters read again (a round was saved): the list stays where it was.
        same = stamp is not None and self._shown is not None and stamp[:3] == self._shown[:3]
        self._shown = stamp
        self.table.show_rows(rows, keep_scroll=same)
        self._query = query
        self._show_count()
        n = len(rows)
        self.empty.setText("No round matches." if query or self._filtered() else
                           "Rounds you practise appear here.")
        self.listing.setCurrentWidget(self.empty if n == 0 else self.table)
        if keep is not None:
            self.table.select_id(keep)
        self._update_actions()

    def _show_count(self) -> None:
        """"12 rounds, newest first" (or how they are sorted), "3 rounds matching “cache”"."""
        n, query = self.table.rowCount(), self._query
        if query:
            self.count.setText(f"{n} round{'s' if n != 1 else ''} matching “{query}”")
            return
        header = self.table.horizontalHeader()
        up, down = SORTED.get(header.sortIndicatorSection(), SORTED[0])
        how = down if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder else up
        self.count.setText(f"{n} round{'s' if n != 1 else ''}, {how}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        reflow(self.filters, self.width(), 760)

    def _filtered(self) -> bool:
        return self.role_box.currentData() is not None or self.round_box.currentData() is not None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_actions(self) -> None:
        status = self.table.selected_status()
        idle = self._finishing is None
        self.open_button.setEnabled(status is not None)
        self.finish_button.setEnabled(idle and status == "interrupted")
        self.finish_button.setVisible(status == "interrupted" or not idle)
        self.delete_button.setEnabled(idle and status is not None)
        line = self.table.selected_line()
        self.drill_button.setVisible(line is not None and line.drill is not None)

    def show_drill(self) -> None:
        """The selected take's drill, its three takes side by side (on the Practice page)."""
        line = self.table.selected_line()
        if line is not None and line.drill is not None:
            self.drill_requested.emit(line.drill.first_id)

    # -- actions ------------------------------------------------------------------------------

    def open_selected(self) -> None:
        round_id = self.table.selected_id()
        if round_id is None:
            return
        if self.table.selected_status() == "interrupted":
            self.finish_selected()
        elif self.table.selected_status() == "complete":
            self.open_requested.emit(round_id)
        else:
            self.notice.emit("This round has no debrief: it failed before anything was "
                             "recorded.")

    def finish_selected(self) -> None:
        round_id = self.table.selected_id()
        if round_id is not None and self.table.selected_status() == "interrupted":
            self.finish(round_id)

    def finish_all(self, round_ids: list[int]) -> None:
        """Finish several rounds, one after the other (those found interrupted at start)."""
        self._queue = [i for i in round_ids if i != self._finishing and i not in self._queue]
        if self._finishing is None and self._queue:
            self.finish(self._queue.pop(0))

    def finish(self, round_id: int) -> None:
        """Transcribe and score an interrupted round off the GUI thread, showing progress."""
        if self._finishing is not None:
            if round_id not in self._queue:
                self._queue.append(round_id)
            return
        self._finishing = round_id
        audio_s = None
        try:
            audio_s = self.services.store.get(round_id).audio_s
        except UserError:
            pass
        self._wait_text = (f"Transcribing round #{round_id}"
                           + (f" ({mmss(audio_s)} of audio)" if audio_s else "") + "…")
        self.progress_text.setText(self._wait_text)
        self.progress_text.show()
        self.progress.setRange(0, 0)  # moves until the first percentage arrives
        self.progress.show()
        self._update_actions()
        services = self.services

        def finish(p) -> dict:
            data = services.finish_round(round_id, progress=p).to_dict()
            data["cut_short_s"] = audio_s  # for the debrief: this round was cut short
            return data

        run_task(self, finish, name="finish-round", on_done=self._finished,
                 on_failed=self._finish_failed, on_progress=self._show_progress)

    def _show_progress(self, fraction: float) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(int(100 * fraction))
        self.progress_text.setText(f"{self._wait_text} {round(100 * fraction)}%")

    def _finished(self, data: dict) -> None:
        self._finishing = None
        self.progress.hide()
        self.progress_text.hide()
        self.refresh()
        self.finished_round.emit(data)
        if self._queue:
            self.finish(self._queue.pop(0))

    def _finish_failed(self, message: str) -> None:
        self._finishing = None
        self.progress.hide()
        self.progress_text.hide()
        self.refresh()
        self.failed.emit(message)
        if self._queue:
            self.finish(self._queue.pop(0))

    def delete_selected(self) -> None:
        round_id = self.table.selected_id()
        if round_id is None:
            return
        ask(self, "Delete this round?", f"Delete {self._describe(round_id)} and its recording?",
            "Delete", lambda: self._delete(round_id), no="Keep it",
            detail="This cannot be undone.")

    def _describe(self, round_id: int) -> str:
        """“System design walkthrough” from Mon 3 Jun, 14:05 (round #4): what the user sees."""
        try:
            row = self.services.store.get(round_id)
        except UserError:
            return f"round #{round_id}"
        rnd = self.services.rubric.rounds.get(row.round)
        title = rnd.title if rnd else row.round
        title = title if title.startswith(("“", '"')) else f"“{title}”"
        return f"{title} from {when(row.started_at)} (round #{round_id})"

    def _delete(self, round_id: int) -> None:
        try:
            self.services.store.delete(round_id)
        except UserError as exc:
            self.failed.emit(exc.message)
        else:
            self.deleted.emit(round_id)
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._finishing is not None
