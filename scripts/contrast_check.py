#!/usr/bin/env python3
"""WCAG AA contrast of the style sheet's text colours, light and dark theme.

Every rule that sets `color:` is checked against its own `background:` when it has one,
else against the surfaces text sits on (cards and the page). Disabled states are exempt
(WCAG 1.4.3). Prints each pair that fails 4.5:1 and exits 1 if any does.

The colours the transcript's marks are painted in (ui/debrief/marks.py) are checked too:
their text at 4.5:1 on the transcript, on an evidence tint and under the replay highlight,
the evidence tint under the ink, and their ticks on the playback bar at 3:1 (WCAG 1.4.11).
So are check boxes: the box's edge on the surfaces and the tick on a ticked box, at 3:1.

    python scripts/contrast_check.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QSS = ROOT / "resources" / "ui" / "style.qss"
AA = 4.5
# Where text without its own background sits: a card (white) or the page (grey).
SURFACES = ("#ffffff", "#f5f6f8")
EXEMPT = (":disabled", "::indicator", "placeholder", "QToolTip")


def _channel(c: int) -> float:
    v = c / 255
    return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})")
BACKGROUND = re.compile(r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})")


def pairs(qss: str, surfaces: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(selector, text colour, background) for every text colour in the sheet."""
    out = []
    text = re.sub(r"/\*.*?\*/", "", qss, flags=re.DOTALL)
    for selector, body in RULE.findall(text):
        selector = " ".join(selector.split())
        if any(e in selector for e in EXEMPT):
            continue
        fg = COLOUR.search(body)
        if not fg:
            continue
        bg = BACKGROUND.search(body)
        for back in ((bg.group(1),) if bg else surfaces):
            out.append((selector, fg.group(1), back))
    return out


def failures(qss: str, surfaces: tuple[str, ...] = SURFACES) -> list[str]:
    return [f"{sel}: {fg} on {bg} is {ratio(fg, bg):.2f}:1 (needs {AA}:1)"
            for sel, fg, bg in pairs(qss, surfaces) if ratio(fg, bg) < AA]


NON_TEXT = 3.0  # a mark on the playback bar (WCAG 1.4.11)


def _background_of(qss: str, selector: str) -> str:
    for sel, body in RULE.findall(re.sub(r"/\*.*?\*/", "", qss, flags=re.DOTALL)):
        found = BACKGROUND.search(body)
        if " ".join(sel.split()) == selector and found:
            return found.group(1)
    raise LookupError(f"{selector} has no background in the sheet")


def mark_pairs(dark: bool) -> list[tuple[str, str, str, float]]:
    """(what, colour, behind it, ratio needed) for the transcript marks in one theme."""
    sys.path.insert(0, str(ROOT / "src"))
    from mockloop.ui import palette
    from mockloop.ui.debrief import marks
    from mockloop.ui.style import DARK_SURFACES, themed_sheet

    qss = themed_sheet(QSS.read_text(encoding="utf-8"), dark=dark)
    page = (palette.DARK_VALUES if dark else palette.LIGHT_VALUES)
    colours = marks.DARK if dark else marks.LIGHT
    transcript = _background_of(qss, "QTextBrowser#transcript")
    groove = _background_of(qss, "QSlider::groove:horizontal")
    card = (DARK_SURFACES if dark else SURFACES)[0]
    tint = colours["evidence"]["back"]
    out = [("ink on evidence", page["INK"], tint, AA),
           ("ink under the replay highlight", page["INK"], page["SPOKEN"], AA)]
    for kind, parts in colours.items():
        if "text" in parts:
            for behind, what in ((transcript, "the transcript"), (tint, "evidence")):
                out.append((f"{kind} on {what}", parts["text"], behind, AA))
        for behind, what in ((groove, "the bar's groove"), (card, "the card")):
            out.append((f"{kind} tick on {what}", parts["tick"], behind, NON_TEXT))
    return out


def mark_failures(dark: bool) -> list[str]:
    return [f"transcript marks: {what}: {fg} on {bg} is {ratio(fg, bg):.2f}:1 (needs {need}:1)"
            for what, fg, bg, need in mark_pairs(dark) if ratio(fg, bg) < need]


BORDER = re.compile(r"border(?:-color)?:\s*(?:\d+px\s+solid\s+)?(#[0-9a-fA-F]{6})")
TICK = re.compile(r'stroke="(#[0-9a-fA-F]{6})"')


def indicator_pairs(qss: str, surfaces: tuple[str, ...]) -> list[tuple[str, str, str, float]]:
    """A check box's box on the surfaces (its edge, 3:1) and the tick on the ticked box's fill
    (the stroke of resources/ui/check.svg, 3:1; WCAG 1.4.11)."""
    rules = {" ".join(sel.split()): body
             for sel, body in RULE.findall(re.sub(r"/\*.*?\*/", "", qss, flags=re.DOTALL))}
    out = []
    edge = BORDER.search(rules["QCheckBox::indicator"])
    for surface in surfaces:
        out.append(("check box edge", edge.group(1), surface, NON_TEXT))
    fill = BACKGROUND.search(rules["QCheckBox::indicator:checked"]).group(1)
    tick = TICK.search((ROOT / "resources" / "ui" / "check.svg").read_text(encoding="utf-8"))
    out.append(("check box tick", tick.group(1), fill, NON_TEXT))
    return out


def indicator_failures(qss: str, surfaces: tuple[str, ...]) -> list[str]:
    return [f"{what}: {fg} on {bg} is {ratio(fg, bg):.2f}:1 (needs {need}:1)"
            for what, fg, bg, need in indicator_pairs(qss, surfaces) if ratio(fg, bg) < need]


def themes() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The light sheet and the dark one the app builds from it, with their surfaces."""
    sys.path.insert(0, str(ROOT / "src"))
    from mockloop.ui.style import DARK_SURFACES, themed_sheet

    light = QSS.read_text(encoding="utf-8")
    return {"light": (light, SURFACES), "dark": (themed_sheet(light, dark=True), DARK_SURFACES)}


def main() -> int:
    bad = 0
    for name, (qss, surfaces) in themes().items():
        found = (failures(qss, surfaces) + mark_failures(name == "dark")
                 + indicator_failures(qss, surfaces))
        checked = (len(pairs(qss, surfaces)) + len(mark_pairs(name == "dark"))
                   + len(indicator_pairs(qss, surfaces)))
        print(f"{name}: {checked} text/background pairs, {len(found)} below AA")
        for line in found:
            print("  " + line)
        bad += len(found)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
