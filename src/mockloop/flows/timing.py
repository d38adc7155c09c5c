"""When a round stops itself: one rule for the command line and the window."""

from __future__ import annotations

from mockloop.rubric.model import Round
from mockloop.settings import Settings


def overtime_s(round_: Round, settings: Settings) -> float:
    """The allowance after the round's length: the settings' overtime when one is set, else
    the round's own."""
    o = settings.overtime_s
    return round_.overtime_s if o is None else float(o)


def hard_stop_s(round_: Round, settings: Settings, duration: float | None = None) -> float:
    """Elapsed seconds at which a round stops itself: `duration` when one was asked for
    (`mockloop practice --duration`), else the round's length plus its overtime allowance."""
    if duration is not None:
        return float(duration)
    return round_.length_s + overtime_s(round_, settings)


def should_stop(elapsed_s: float, round_: Round, settings: Settings,
                duration: float | None = None) -> bool:
    """Whether a round `elapsed_s` seconds in (of recorded audio) has reached its hard stop.

    `mockloop practice --headless` and the window's round driver both ask this, so a round
    with the same settings stops at the same time in either."""
    return elapsed_s >= hard_stop_s(round_, settings, duration)
