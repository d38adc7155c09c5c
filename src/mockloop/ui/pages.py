"""The window's pages, in one registry: key, title, shortcut and how to build each one.

The navigation rail, the page shortcuts, the shortcut sheet and the saved window state all
iterate this registry, so adding a page is one `PageSpec` entry here (plus whatever wiring
the window gives that page's own signals). A page is named by its key everywhere; its
position is only where it sits in the rail and the stack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from mockloop.session import Services
    from mockloop.ui.debrief.playback import PlayerFactory


@dataclass(frozen=True)
class PageContext:
    """What a page factory may use: the one Services, and the test seams the window got."""

    services: Services
    stream_factory: Callable | None = None
    player_factory: PlayerFactory | None = None
    device_lister: Callable[[], list] | None = None


@dataclass(frozen=True)
class PageSpec:
    key: str  # stable name: saved in state.json, used by the window's code
    title: str  # the rail's button and the shortcut sheet
    shortcut: str  # a QKeySequence string, e.g. "Ctrl+1"
    factory: Callable[[PageContext], QWidget]
    # Called with the page each time it is shown (e.g. History re-reads the store).
    on_show: Callable[[Any], None] | None = None


def _practice(ctx: PageContext) -> QWidget:
    from mockloop.ui.practice.page import PracticePage

    return PracticePage(ctx.services, stream_factory=ctx.stream_factory,
                        device_lister=ctx.device_lister)


def _debrief(ctx: PageContext) -> QWidget:
    from mockloop.ui.debrief.page import DebriefPage

    return DebriefPage(ctx.services, player_factory=ctx.player_factory)


def _history(ctx: PageContext) -> QWidget:
    from mockloop.ui.history.page import HistoryPage

    return HistoryPage(ctx.services)


def _progress(ctx: PageContext) -> QWidget:
    from mockloop.ui.progress.page import ProgressPage

    return ProgressPage(ctx.services)


def _refresh(page: Any) -> None:
    page.refresh()


PRACTICE, DEBRIEF, HISTORY, PROGRESS = "practice", "debrief", "history", "progress"

PAGES: tuple[PageSpec, ...] = (
    PageSpec(PRACTICE, "Practice", "Ctrl+1", _practice),
    PageSpec(DEBRIEF, "Debrief", "Ctrl+2", _debrief),
    PageSpec(HISTORY, "History", "Ctrl+3", _history, on_show=_refresh),
    PageSpec(PROGRESS, "Progress", "Ctrl+4", _progress, on_show=_refresh),
)

# The pages the window cannot do without: it wires their signals to one another.
REQUIRED = (PRACTICE, DEBRIEF, HISTORY)


def check_registry(pages: Sequence[PageSpec]) -> None:
    """A registry the window can use: unique keys and shortcuts, the required pages present."""
    keys = [p.key for p in pages]
    if len(set(keys)) != len(keys):
        raise ValueError(f"page keys repeat: {keys}")
    shortcuts = [p.shortcut for p in pages]
    if len(set(shortcuts)) != len(shortcuts):
        raise ValueError(f"page shortcuts repeat: {shortcuts}")
    missing = [k for k in REQUIRED if k not in keys]
    if missing:
        raise ValueError(f"the window needs the pages {missing}")
