"""The debrief's subtitle (role · when · round #N) wraps between its parts, never inside one."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def lines(label, width: int) -> list[str]:
    """The subtitle's lines as a word-wrapping label of `width` px breaks them."""
    text = label.text()
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    out = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        out.append(text[line.textStart():line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return out


def test_round_number_and_date_stay_whole_when_the_subtitle_wraps(make_window, services, qtbot):
    rid = services.analyze_text("swe", "story-90", "We cut the export to ship on time.").id
    window = make_window(services)
    window.resize(1024, 700)
    window.open_round(rid)
    for _ in range(3):
        QApplication.processEvents()
    meta = window.debrief.meta
    parts = [p.strip().replace("\u00a0", " ") for p in meta.text().split("·")]
    assert f"round #{rid}" in parts
    for width in range(180, 700, 20):  # as narrow as the title column gets, and wider
        shown = lines(meta, width)
        for line in shown:
            plain = line.replace("\u00a0", " ")
            assert not plain.startswith("·"), f"{width} px: a line starts with a dot: {shown}"
            # Every line holds whole parts only.
            for piece in (p.strip() for p in plain.split("·")):
                assert not piece or piece in parts, f"{width} px: '{piece}' is cut: {shown}"
