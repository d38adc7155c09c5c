"""Small text formatters shared by the pages (times, percentages, names)."""

from __future__ import annotations

from datetime import datetime


def mmss(seconds: float | None) -> str:
    """`75.4` -> `1:15`; None -> an en dash."""
    if seconds is None:
        return "–"
    sign = "-" if seconds < 0 else ""
    m, s = divmod(round(abs(seconds)), 60)
    return f"{sign}{m}:{s:02d}"


def pct(share: float | None) -> str:
    return "–" if share is None else f"{round(100 * share)}%"


def when(iso: str | None) -> str:
    """A stored timestamp as the user reads it: 'Mon 3 Jun, 14:05' in local time."""
    if not iso:
        return ""
    try:
        stamp = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone()
    if stamp.year == datetime.now().year:
        return f"{stamp:%a} {stamp.day} {stamp:%b, %H:%M}"
    return f"{stamp.day} {stamp:%b %Y, %H:%M}"


def lens_name(lens: str | None) -> str:
    return {"product": "Product", "model": "Model", "system": "System"}.get(lens or "", "None")
