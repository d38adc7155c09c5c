"""The packaged app starts its own helpers (the screen probe, a model download) without a
Python interpreter: `mockloop --run-module NAME` stands in for `python -m NAME`."""

from __future__ import annotations

import os
import subprocess
import sys

from mockloop import child


def test_a_frozen_app_runs_its_modules_through_its_own_executable(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert child.child_command("mockloop.ui.probe", "x") == [
        sys.executable, "--run-module", "mockloop.ui.probe", "x"]
    monkeypatch.delattr(sys, "frozen")
    assert child.child_command("mockloop.ui.probe")[1:] == ["-m", "mockloop.ui.probe"]


def test_run_module_passes_arguments_and_exit_code(tmp_path):
    code = ("import sys; from mockloop.launcher import main; "
            "sys.exit(main(['--run-module', 'json.tool', sys.argv[1]]))")
    good = tmp_path / "good.json"
    good.write_text('{"a": 1}')
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    ok = subprocess.run([sys.executable, "-c", code, str(good)], capture_output=True, text=True)
    assert ok.returncode == 0 and '"a": 1' in ok.stdout
    broken = subprocess.run([sys.executable, "-c", code, str(bad)], capture_output=True,
                            text=True)
    assert broken.returncode == 1


def test_the_screen_probe_starts_qt_offscreen():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(child.child_command("mockloop.ui.probe"), env=env, timeout=60,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
