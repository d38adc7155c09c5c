"""Check boxes: keyboard focus does not cut the label, and the tick reads on its box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton

from mockloop.ui.style import Theme, apply_theme

pytestmark = pytest.mark.gui


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _lum(c: QColor) -> float:
    def ch(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
    return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_lum(a), _lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def label_room(box):
    """Where the check box draws its label, as its style lays it out now."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, box)


@pytest.fixture
def theme_back(qapp):
    yield
    apply_theme(qapp, dark=False, scale=1.0)


@pytest.mark.parametrize("dark", [False, True])
def test_a_focused_check_box_shows_its_whole_label(make_window, services, qtbot, qapp,
                                                   theme_back, dark):
    window = make_window(services)
    apply_theme(qapp, dark=dark, scale=Theme.scale)
    window.resize(1024, 700)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    boxes = [window.practice.picker.loop_check, window.practice.clock.signals.toggle]
    for box in boxes:
        window.setFocus()
        settle()
        before = label_room(box)
        box.setFocus(Qt.FocusReason.TabFocusReason)
        settle()
        assert box.hasFocus()
        room = label_room(box)
        metrics = box.fontMetrics()
        need_w, need_h = metrics.horizontalAdvance(box.text()), metrics.height()
        assert room.width() >= need_w and room.height() >= need_h, (
            f"'{box.text()}' has {room.width()}x{room.height()} px with focus, needs "
            f"{need_w}x{need_h}")
        assert room == before  # the ring does not move or squeeze the label


@pytest.mark.parametrize("dark", [False, True])
def test_the_tick_of_a_ticked_box_stands_out_from_its_box(make_window, services, qtbot, qapp,
                                                         theme_back, dark):
    window = make_window(services)
    apply_theme(qapp, dark=dark, scale=Theme.scale)
    box = window.practice.picker.loop_check
    box.setChecked(True)
    settle()
    image = box.grab().toImage()
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    rect = rect.intersected(image.rect()).adjusted(3, 3, -3, -3)  # inside the box's border
    ratio = image.devicePixelRatio()
    colours = [image.pixelColor(int(x * ratio), int(y * ratio))
               for x in range(rect.left(), rect.right() + 1)
               for y in range(rect.top(), rect.bottom() + 1)]
    counts: dict[str, int] = {}
    for c in colours:
        counts[c.name()] = counts.get(c.name(), 0) + 1
    fill = QColor(max(counts, key=counts.get))
    tick = max(colours, key=lambda c: contrast(c, fill))
    assert contrast(tick, fill) >= 3.0, f"tick {tick.name()} on {fill.name()}"
