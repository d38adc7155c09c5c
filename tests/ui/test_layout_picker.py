"""The picker's combos show what is chosen at 1024x700: round titles whole, and any text too
long for its box is there in full as the box's tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox

from mockloop.ui.style import Theme, apply_theme

pytestmark = pytest.mark.gui


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def fits(box: QComboBox) -> bool:
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                       QStyle.SubControl.SC_ComboBoxEditField, box)
    return box.fontMetrics().horizontalAdvance(box.currentText()) <= field.width()


@pytest.fixture
def reset_scale(qapp):
    yield
    apply_theme(qapp, dark=Theme.dark, scale=1.0)


@pytest.mark.parametrize("scale", [1.0, 1.15, 1.3])
def test_round_titles_show_whole_at_1024_and_long_text_is_in_the_tooltip(
        make_window, services, qtbot, qapp, reset_scale, scale):
    window = make_window(services)
    window.resize(1024, 700)
    apply_theme(qapp, dark=Theme.dark, scale=scale)
    settle()
    window.resize(1000, 700)  # a resize, as after Ctrl+plus the page is laid out again
    window.resize(1024, 700)
    settle()
    picker = window.practice.picker
    cut = []
    for role_id in services.rubric.roles:
        picker.select(role_id=role_id)
        for round_id in services.rubric.rounds:
            picker.select(round_id=round_id)
            settle()
            if not fits(picker.round_box):
                cut.append(picker.round_box.currentText())
            for box in (picker.role_box, picker.round_box, picker.prompt_box):
                if not fits(box):
                    assert box.currentText() in box.toolTip(), (
                        f"'{box.currentText()}' is cut and not in the tooltip")
    assert not cut, f"round titles cut at 1024 (text x{scale}): {cut}"
