"""Role, round and prompt pickers, plus the "full loop" switch."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mockloop.rubric.model import Rubric
from mockloop.session import RoundRequest
from mockloop.ui.fmt import mmss
from mockloop.ui.style import Theme

NARROW_PX = 720  # a page narrower than this: the pickers one above the other
WIDE_PX = 1100  # a page at least this wide: all in one row


def _labelled(text: str, combo: QComboBox) -> QWidget:
    box = QWidget()
    col = QVBoxLayout(box)
    col.setContentsMargins(0, 0, 0, 0)
    col.setSpacing(4)
    label = QLabel(text)
    label.setObjectName("fieldLabel")
    label.setBuddy(combo)
    col.addWidget(label)
    col.addWidget(combo)
    return box


class RoundPicker(QWidget):
    """Emits `changed` whenever the selection changes (role, round, prompt or loop mode)."""

    changed = Signal()

    def __init__(self, rubric: Rubric, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rubric = rubric
        self.role_box = QComboBox()
        self.role_box.setObjectName("roleBox")
        self.round_box = QComboBox()
        self.round_box.setObjectName("roundBox")
        self.prompt_box = QComboBox()
        self.prompt_box.setObjectName("promptBox")
        for box, chars in ((self.round_box, 12), (self.prompt_box, 12)):
            box.setMinimumContentsLength(chars)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.loop_check = QCheckBox("Full loop")
        self.loop_check.setObjectName("loopCheck")
        self.loop_check.setToolTip("Run the role's usual rounds in order, with a break between")
        for role in rubric.roles.values():
            self.role_box.addItem(role.name, role.id)
        for rnd in rubric.rounds.values():
            self.round_box.addItem(f"{rnd.title} · {mmss(rnd.length_s)}", rnd.id)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(10)
        self.cells = (_labelled("&Role", self.role_box), _labelled("R&ound", self.round_box),
                      _labelled("&Prompt", self.prompt_box), self.loop_check)
        self.arrangement = ""
        self._arrange("wide")
        self.role_box.currentIndexChanged.connect(self._role_changed)
        self.round_box.currentIndexChanged.connect(self._round_changed)
        self.prompt_box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in (self.role_box, self.round_box, self.prompt_box):
            # The whole of what is chosen, for when the box is too narrow to show it.
            box.currentTextChanged.connect(lambda _t, b=box: self._tell_whole(b))
        self.loop_check.toggled.connect(self._loop_toggled)
        self._round_changed()

    def fit_width(self, page_width: int) -> None:
        """The pickers in one row on a wide page, in two (role and round, then prompt and the
        loop switch) on a middling one such as 1024 px, one above the other on a narrow one
        (decided by the page's width, since side by side they would hold the page wide);
        larger text needs more room for each."""
        scale = max(1.0, Theme.scale)
        if page_width < NARROW_PX * scale:
            self._arrange("column")
        elif page_width < WIDE_PX * scale:
            self._arrange("two rows")
        else:
            self._arrange("wide")

    def _arrange(self, how: str) -> None:
        if how == self.arrangement:
            return
        self.arrangement = how
        role, rnd, prompt, loop = self.cells
        for cell in self.cells:
            self.grid.removeWidget(cell)
        for c in range(4):
            self.grid.setColumnStretch(c, 0)
        top = Qt.AlignmentFlag.AlignBottom
        if how == "wide":
            places = ((role, 0, 0, 1), (rnd, 0, 1, 1), (prompt, 0, 2, 1), (loop, 0, 3, 1))
            stretch = (2, 4, 4, 0)
        elif how == "two rows":
            places = ((role, 0, 0, 1), (rnd, 0, 1, 2), (prompt, 1, 0, 2), (loop, 1, 2, 1))
            stretch = (1, 2, 1, 0)
        else:
            places = ((role, 0, 0, 1), (rnd, 1, 0, 1), (prompt, 2, 0, 1), (loop, 3, 0, 1))
            stretch = (1, 0, 0, 0)
        for widget, row, col, span in places:
            align = top if widget is loop and how != "column" else Qt.AlignmentFlag(0)
            self.grid.addWidget(widget, row, col, 1, span, align)
        for c, s in enumerate(stretch):
            self.grid.setColumnStretch(c, s)

    # -- what is chosen -----------------------------------------------------------------------

    @property
    def role_id(self) -> str:
        return self.role_box.currentData()

    @property
    def round_id(self) -> str:
        return self.round_box.currentData()

    @property
    def prompt_id(self) -> str | None:
        return self.prompt_box.currentData()

    @property
    def full_loop(self) -> bool:
        return self.loop_check.isChecked()

    def request(self, device: str | int | None = None,
                follows: int | None = None) -> RoundRequest:
        """What is chosen, whole: the request a round is started from."""
        return RoundRequest(self.role_id, self.round_id, self.prompt_id, device=device,
                            follows=follows)

    def select(self, role_id: str | None = None, round_id: str | None = None,
               prompt_id: str | None = None) -> None:
        """Choose programmatically (restore last choice, retake, next round of a loop)."""
        for box, value in ((self.role_box, role_id), (self.round_box, round_id),
                           (self.prompt_box, prompt_id)):
            if value is not None:
                i = box.findData(value)
                if i >= 0:
                    box.setCurrentIndex(i)

    def select_request(self, request: RoundRequest) -> None:
        """Choose what `request` asks for (its device is the microphone card's business)."""
        self.select(request.role_id, request.round_id, request.prompt_id)

    def set_locked(self, locked: bool) -> None:
        """No changing the question while a round is running."""
        for w in (self.role_box, self.round_box, self.prompt_box, self.loop_check):
            w.setEnabled(not locked)

    # -- reactions ------------------------------------------------------------------------------

    @staticmethod
    def _tell_whole(box: QComboBox) -> None:
        full = box.currentData(Qt.ItemDataRole.ToolTipRole)  # a prompt's whole question
        text = box.currentText()
        box.setToolTip(text if not full or full == text else f"{text}\n\n{full}")

    def _role_changed(self, _index: int) -> None:
        if self.full_loop:
            self._select_loop_start()
        self.changed.emit()

    def _loop_toggled(self, on: bool) -> None:
        if on:
            self._select_loop_start()
        self.changed.emit()

    def _select_loop_start(self) -> None:
        loop = self.rubric.role(self.role_id).loop
        if loop:
            self.select(round_id=loop[0])

    def _round_changed(self, _index: int = 0) -> None:
        rnd = self.rubric.round(self.round_id)
        self.prompt_box.blockSignals(True)
        self.prompt_box.clear()
        for i, prompt in enumerate(rnd.prompts, 1):
            label = prompt.title or _first_words(prompt.text)
            self.prompt_box.addItem(f"{i}. {label}", prompt.id)
            self.prompt_box.setItemData(i - 1, prompt.text, 3)  # 3 = Qt.ToolTipRole
        self.prompt_box.blockSignals(False)
        self._tell_whole(self.prompt_box)
        self.changed.emit()


def _first_words(text: str, n: int = 7) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")
