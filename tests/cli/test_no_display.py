"""`mockloop` with nowhere to show the window: one plain sentence and exit 2, never Qt
aborting the process with a core dump (exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from mockloop import launcher


def _run(*args: str, home, **env: str) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items()
         if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    e.update(MOCKLOOP_HOME=str(home), HF_HUB_OFFLINE="1", **env)
    return subprocess.run([sys.executable, "-m", "mockloop", *args], capture_output=True,
                          text=True, env=e, timeout=120)


def _assert_one_sentence(run: subprocess.CompletedProcess, *, mentions: str) -> None:
    assert run.returncode == 2, (run.returncode, run.stderr)
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("mockloop: ")
    assert mentions in lines[0]
    assert "--headless" in lines[0] and "mockloop --help" in lines[0]
    for noise in ("core dumped", "Aborted", "Traceback", "qt.qpa", "platform plugin"):
        assert noise not in run.stderr
    assert run.stdout == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_no_display_at_all_is_one_sentence(mockloop_home):
    run = _run(home=mockloop_home)
    _assert_one_sentence(run, mentions="there is no screen to open the app on")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_practice_without_headless_and_without_display_says_how(mockloop_home):
    run = _run("practice", "--role", "swe", "--round", "coding", home=mockloop_home)
    _assert_one_sentence(run, mentions="there is no screen to open the app on")
    # The suggestion is the user's own command with --headless added.
    assert "`mockloop practice --role swe --round coding --headless`" in run.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
@pytest.mark.parametrize("platform", ["xcb", "wayland"])
def test_a_platform_asked_for_without_its_display_is_one_sentence(mockloop_home, platform):
    run = _run(home=mockloop_home, QT_QPA_PLATFORM=platform)
    _assert_one_sentence(run, mentions="there is no screen to open the app on")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_a_display_nobody_answers_on_is_one_sentence(mockloop_home):
    # e.g. an ssh session with a stale DISPLAY: Qt would abort "could not connect to display"
    run = _run(home=mockloop_home, DISPLAY=":87")
    _assert_one_sentence(run, mentions="DISPLAY=:87 does not answer")


def test_the_command_line_never_needs_a_display(mockloop_home):
    run = _run("rounds", home=mockloop_home)
    assert run.returncode == 0, run.stderr
    assert "coding" in run.stdout


def test_a_missing_x11_library_is_named(monkeypatch):
    """Qt's xcb plugin cannot load (e.g. libxcb-cursor0 not installed): say which package."""
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(launcher, "_xcb_missing_library", lambda: "libxcb-cursor.so.0")
    monkeypatch.setattr(launcher, "_probe_fails", lambda: "qt.qpa.plugin: Could not load ...")
    problem = launcher.screen_problem([])
    assert problem is not None
    assert "libxcb-cursor.so.0" in problem and "sudo apt install libxcb-cursor0" in problem
    assert "qt.qpa" not in problem
