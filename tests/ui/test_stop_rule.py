"""The command line's headless practice and the window's round driver stop a round at the same
elapsed time for the same round and settings: both ask mockloop.flows.should_stop.

Both are driven with the same stand-in for LiveRound, whose recorded time goes up a quarter
second each time it is read (once per poll in either), so no real time passes.
"""

from __future__ import annotations

import argparse
import time

import pytest

from mockloop import commands
from mockloop.session import Services
from mockloop.settings import Settings, load_settings, save_settings
from mockloop.transcript import Transcript
from mockloop.ui.practice.driver import RoundDriver

STEP_S = 0.25  # exact in binary: both sides see the same elapsed times


class FakeLive:
    """What the CLI and the driver read of a LiveRound while it records."""

    def __init__(self, services: Services, role_id: str, round_id: str, **_kw) -> None:
        self.services = services
        self.role = services.rubric.role(role_id)
        self.round = services.rubric.round(round_id)
        self.prompt = self.round.prompt(None)
        self.device = "fake"
        self.transcriber = None
        self.error: str | None = None
        self.partial_text = ""
        self.falling_behind = False
        self._elapsed = 0.0
        self.stopped_at: float | None = None

    @property
    def elapsed_s(self) -> float:
        self._elapsed += STEP_S
        return self._elapsed

    def level(self) -> tuple[float, float]:
        return (-30.0, -20.0)

    def start(self) -> None:
        pass

    def stop(self, *, progress=None):
        self.stopped_at = self._elapsed
        return self.services.build_report(self.role.id, self.round.id, Transcript.from_text(""))


def cli_stop_time(monkeypatch, round_id: str, duration: float | None = None) -> float:
    """Run `mockloop practice --headless` on the stand-in; the elapsed time it stopped at."""
    made: list[FakeLive] = []

    def fake_live(*args, **kw):
        made.append(FakeLive(*args, **kw))
        return made[-1]

    args = argparse.Namespace(headless=True, role="swe", round_id=round_id, prompt=None,
                              device=None, duration=duration, json=True, model=None)
    with monkeypatch.context() as patch:  # only for the command (the test's home stays)
        patch.setattr("mockloop.session.LiveRound", fake_live)
        patch.setattr("mockloop.audio.resolve_device", lambda device: 0)
        patch.setattr(time, "sleep", lambda s: None)
        assert commands.cmd_practice(args) == 0
    return made[0].stopped_at


def window_stop_time(round_id: str) -> float:
    """Poll the window's driver on the stand-in until it stops the round; that elapsed time."""
    services = Services()  # settings from the same settings.json as the command line's
    try:
        driver = RoundDriver(services)
        live = FakeLive(services, "swe", round_id)
        stops: list[float] = []
        driver.stop = lambda: stops.append(live._elapsed)  # the real one needs a recorder
        driver.live, driver.state = live, "recording"
        for _ in range(100_000):
            driver._poll()
            if stops:
                return stops[0]
        raise AssertionError("the driver never stopped the round")
    finally:
        services.close()


@pytest.mark.parametrize(("round_id", "overtime_s"),
                         [("story-90", None), ("story-90", 7.0), ("coding", 42.5)])
def test_cli_and_window_stop_at_the_same_time(qapp, monkeypatch, capsys, round_id, overtime_s):
    save_settings(Settings(overtime_s=overtime_s))
    settings = load_settings()
    rnd = Services(settings=settings).rubric.round(round_id)
    expected = rnd.length_s + (rnd.overtime_s if overtime_s is None else overtime_s)

    cli = cli_stop_time(monkeypatch, round_id)
    window = window_stop_time(round_id)

    assert cli == window == expected
    assert "Recording for" in capsys.readouterr().err


def test_duration_stops_the_headless_round_early(qapp, monkeypatch, capsys):
    save_settings(Settings(overtime_s=7.0))
    assert cli_stop_time(monkeypatch, "story-90", duration=12.0) == 12.0
