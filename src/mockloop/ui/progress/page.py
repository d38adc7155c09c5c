"""The Progress page: per role, each signal's hit rate over time (one small chart each), time
used against the round's length, pace and fillers per minute over time, and rounds per week.

Everything it says comes from mockloop.progress (one `load_history` per refresh: two SQL
queries); the page lays out tiles and the charts draw the points. It is refreshed each time
it is shown (the registry's on_show), so a round just finished is on it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mockloop.errors import UserError
from mockloop.progress import (
    HALF_LIFE,
    Progress,
    delivery_series,
    delivery_words,
    history_version,
    last_role,
    load_history,
    progress,
    signal_trend,
    signal_words,
)
from mockloop.session import Services
from mockloop.ui import palette
from mockloop.ui.progress.chart import Chart, Point
from mockloop.ui.progress.tiles import ChartTile
from mockloop.ui.widgets.scrolling import fill_with_scrolling

EMPTY = "Practise a round to see your progress here."
TILE_MIN_PX = 250  # a signal tile is at least this wide: the columns follow the page's width


def _day(iso: str) -> str:
    """2025-03-04 -> 'Tue 4 Mar 2025' (what hovering a point says)."""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d:%a} {d.day} {d:%b %Y}"


def _describe(label: str) -> str:
    """'2025-03-04 story-90 landed' -> 'Tue 4 Mar 2025 (story-90, landed)': a hovered point."""
    day, _, rest = label.partition(" ")
    return f"{_day(day)} ({rest.replace(' ', ', ')})" if rest else _day(day)


def _section(title: str, note: str = "") -> tuple[QFrame, QVBoxLayout, QLabel]:
    card = QFrame()
    card.setObjectName("card")
    col = QVBoxLayout(card)
    col.setContentsMargins(24, 20, 24, 20)
    col.setSpacing(10)
    head = QLabel(title)
    head.setObjectName("sectionTitle")
    col.addWidget(head)
    sub = QLabel(note)
    sub.setObjectName("muted")
    sub.setWordWrap(True)
    sub.setVisible(bool(note))
    col.addWidget(sub)
    return card, col, sub


class ProgressPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.data: Progress | None = None
        self._chosen_role: str | None = None  # set once the user picks a role here
        self._shown: tuple | None = None  # (role, history stamp) of what is on the page

        title = QLabel("Progress")
        title.setObjectName("pageTitle")
        self.subtitle = QLabel("How each signal and your delivery have gone, round by round.")
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.role_box = QComboBox()
        self.role_box.setObjectName("progressRoleBox")
        for role in services.rubric.roles.values():
            self.role_box.addItem(role.name, role.id)
        self.role_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.role_box.setMinimumContentsLength(12)
        role_label = QLabel("&Role")
        role_label.setObjectName("fieldLabel")
        role_label.setBuddy(self.role_box)
        role_row = QHBoxLayout()
        role_row.setSpacing(10)
        role_row.addWidget(role_label)
        role_row.addWidget(self.role_box)
        role_row.addStretch(1)

        self.empty_card, ec, _ = _section("Nothing to show yet")
        self.empty = QLabel(EMPTY)
        self.empty.setObjectName("muted")
        self.empty.setWordWrap(True)
        ec.addWidget(self.empty)

        self.signals_card, sc, self.signals_note = _section(
            "Signals", f"Hit rate over your attempts, the recent ones weighing most (an attempt "
            f"{HALF_LIFE:g} attempts back counts half). Hover a chart for a point's date.")
        self.signal_grid = QGridLayout()
        self.signal_grid.setHorizontalSpacing(12)
        self.signal_grid.setVerticalSpacing(12)
        sc.addLayout(self.signal_grid)
        self.tiles: dict[str, ChartTile] = {}  # signal id -> its tile (those of the role shown)
        self._order: list[str] = []  # the tiles' order (the role's signals)
        self._columns = 0

        self.delivery_card, dc, _ = _section(
            "Delivery", "Every round of the role, oldest on the left.")
        self.delivery_grid = QGridLayout()
        self.delivery_grid.setHorizontalSpacing(12)
        self.delivery_grid.setVerticalSpacing(12)
        dc.addLayout(self.delivery_grid)
        self.delivery: dict[str, ChartTile] = {
            "time_used": ChartTile("Time used, of the round's length", Chart(
                height=72, y_max=None, reference=1.0, colour=palette.AMBER,
                describe=_describe), key="time_used"),
            "wpm": ChartTile("Pace (words a minute)", Chart(
                height=72, y_max=None, fmt=lambda v: f"{v:.0f} wpm", describe=_describe),
                key="wpm"),
            "fillers_per_minute": ChartTile("Fillers a minute", Chart(
                height=72, y_max=None, fmt=lambda v: f"{v:.1f}/min", colour=palette.RED,
                describe=_describe), key="fillers_per_minute"),
        }
        for i, tile in enumerate(self.delivery.values()):
            self.delivery_grid.addWidget(tile, 0, i)

        self.weeks_card, wc, self.weeks_words = _section("Rounds per week", " ")
        self.weeks_chart = Chart(height=72, kind="bars", y_max=None,
                                 fmt=lambda v: f"{v:.0f} round{'s' if v != 1 else ''}")
        wc.addWidget(self.weeks_chart)

        body = QWidget()
        body.setObjectName("pageBody")
        col = QVBoxLayout(body)
        col.setContentsMargins(32, 28, 32, 28)
        col.setSpacing(16)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(title)
        heading.addWidget(self.subtitle)
        col.addLayout(heading)
        col.addLayout(role_row)
        col.addWidget(self.empty_card)
        col.addWidget(self.signals_card)
        col.addWidget(self.delivery_card)
        col.addWidget(self.weeks_card)
        col.addStretch(1)
        self.scroll = fill_with_scrolling(self, body)  # vertical only (never sideways)
        self.role_box.activated.connect(self._role_picked)

    # -- what the window calls ------------------------------------------------------------------

    @property
    def role_id(self) -> str:
        return self.role_box.currentData()

    def select_role(self, role_id: str) -> None:
        """Show `role_id` (as if the user picked it)."""
        i = self.role_box.findData(role_id)
        if i >= 0:
            self.role_box.setCurrentIndex(i)
            self._role_picked(i)

    def refresh(self) -> None:
        """Read the history again: the role the user picked here, else the one last
        practised (the latest round in the history), else the one last chosen in Practice."""
        store = self.services.store
        role = self._chosen_role
        if role is None:
            try:
                role = last_role(store)
            except UserError:
                role = None
            role = role or self.services.settings.last_role
        i = self.role_box.findData(role)
        self.role_box.setCurrentIndex(i if i >= 0 else 0)
        self._show(self.role_id)

    # -- reactions ------------------------------------------------------------------------------

    def _role_picked(self, _index: int) -> None:
        self._chosen_role = self.role_id
        self._show(self.role_id)

    def _show(self, role_id: str) -> None:
        rubric = self.services.rubric
        try:
            stamp = (role_id, history_version(self.services.store))
            if stamp == self._shown:
                return  # nothing was written since: the page is still right
            self._shown = None
            hist = load_history(self.services.store, role_id)
            data = progress(self.services.store, rubric, role_id, history=hist)
        except UserError as exc:
            self.data = None
            self._show_empty(exc.message)
            return
        self.data = data
        self._shown = stamp
        role_name = rubric.role(role_id).name
        if data.empty:
            self._show_empty(f"No rounds yet for {role_name}. {EMPTY} Each round you finish "
                             "adds a point to every signal it scores.")
            return
        self.empty_card.hide()
        n = data.rounds_counted
        first, last = data.first or "", data.last or ""
        self.subtitle.setText(f"{role_name}: {n} round{'s' if n != 1 else ''}, from "
                              f"{_day(first[:10])} to {_day(last[:10])}.")
        self._show_signals(data)
        self._show_delivery(data)
        self._show_weeks(data)
        for card in (self.signals_card, self.delivery_card, self.weeks_card):
            card.show()

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.subtitle.setText("How each signal and your delivery have gone, round by round.")
        self.empty_card.show()
        for card in (self.signals_card, self.delivery_card, self.weeks_card):
            card.hide()

    def _show_signals(self, data: Progress) -> None:
        # Those practised first (in the loop's order), then those not practised yet.
        wanted = [s.id for s in data.signals if s.attempts] + \
            [s.id for s in data.signals if not s.attempts]
        for sid in list(self.tiles):
            if sid not in wanted:
                tile = self.tiles.pop(sid)
                self.signal_grid.removeWidget(tile)
                tile.hide()
                tile.deleteLater()
        for s in data.signals:
            tile = self.tiles.get(s.id)
            if tile is None:
                tile = ChartTile(s.name, Chart(height=56, describe=_describe), key=s.id)
                self.tiles[s.id] = tile
            trend = signal_trend(s)
            value = "–" if s.recent_rate is None else f"{s.recent_rate * 100:.0f}%"
            if trend:
                value += {"rising": "  ↑", "falling": "  ↓", "steady": "  →"}[trend]
            sig = self.services.rubric.signals.get(s.id)
            tile.show_series(
                value, signal_words(s),
                [Point(f"{p.date} {p.round} {'landed' if p.hit else 'missed'}",
                       p.recent_rate, p.hit) for p in s.points],
                empty_text="Not practised yet",
                tooltip=sig.description if sig else "")
            tile.chart.setVisible(bool(s.attempts))
        self._order = wanted
        self._lay_out_tiles(force=True)

    def _show_delivery(self, data: Progress) -> None:
        series = delivery_series(data)
        for key, tile in self.delivery.items():
            pts = series[key]
            latest = pts[-1].value if pts else None
            value = "–" if latest is None else tile.chart.fmt(latest)
            tile.show_series(value, delivery_words(key, pts),
                             [Point(f"{p.date} {p.round}", p.value) for p in pts],
                             empty_text="No timed rounds yet")
        self.delivery["time_used"].value.setToolTip("The latest round; the dashed line is "
                                                    "the round's length (100%)")

    def _show_weeks(self, data: Progress) -> None:
        weeks = data.weeks
        self.weeks_chart.set_points(
            [Point(f"Week of {_day(monday.isoformat())}", float(n)) for monday, n in weeks])
        recent = sum(n for _, n in weeks[-4:])
        busiest = max((n for _, n in weeks), default=0)
        self.weeks_words.setText(
            f"{recent} round{'s' if recent != 1 else ''} in the last "
            f"{min(4, len(weeks))} week{'s' if min(4, len(weeks)) != 1 else ''} of practice; "
            f"{busiest} in your busiest week.")
        self.weeks_words.show()

    # -- layout ---------------------------------------------------------------------------------

    def _lay_out_tiles(self, force: bool = False) -> None:
        width = self.scroll.viewport().width() - 2 * 32 - 2 * 24
        columns = max(1, min(4, width // TILE_MIN_PX))
        if columns == self._columns and not force:
            return
        self._columns = columns
        for tile in self.tiles.values():
            self.signal_grid.removeWidget(tile)
        for c in range(4):
            self.signal_grid.setColumnStretch(c, 1 if c < columns else 0)
        for i, sid in enumerate(self._order):
            tile = self.tiles[sid]
            self.signal_grid.addWidget(tile, i // columns, i % columns)
            tile.show()
        narrow = width < 3 * TILE_MIN_PX
        for i, tile in enumerate(self.delivery.values()):
            self.delivery_grid.removeWidget(tile)
            self.delivery_grid.addWidget(tile, i if narrow else 0, 0 if narrow else i)
        for c in range(3):
            self.delivery_grid.setColumnStretch(c, 0 if narrow and c else 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out_tiles()
