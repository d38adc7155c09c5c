"""The wheel is complete: installed non-editable into a fresh venv outside the source tree,
every module imports, the window opens, the command line transcribes real speech, and every
resource file is there.

The fresh venv borrows .venv's installed dependencies through a .pth line (no download), but
never its editable mockloop: `mockloop.__file__` must be in the fresh venv's site-packages.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest
from pkg_helpers import (
    build_wheel,
    clean_env,
    copy_build_inputs,
    make_fresh_venv,
    resource_files,
    source_modules,
)
from support.speech import have_speech_tools, synth, wer

pytestmark = pytest.mark.slow


class Installed:
    def __init__(self, venv: Path, site: Path, src: Path, work: Path) -> None:
        self.venv, self.site, self.src, self.work = venv, site, src, work
        self.python = venv / "bin" / "python"
        self.script = venv / "bin" / "mockloop"

    def run(self, *args, timeout: float = 300, **env) -> subprocess.CompletedProcess:
        home = self.work / "home"
        home.mkdir(exist_ok=True)
        return subprocess.run([str(a) for a in args], cwd=self.work, env=clean_env(home, **env),
                              capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    src = copy_build_inputs(tmp_path_factory.mktemp("src"))
    wheel = build_wheel(src, tmp_path_factory.mktemp("wheel"))
    venv, site = make_fresh_venv(tmp_path_factory.mktemp("venv"), wheel)
    return Installed(venv, site, src, tmp_path_factory.mktemp("work"))


def test_every_module_imports_from_the_installed_wheel(installed):
    modules = source_modules()
    assert "mockloop.ui.debrief.page" in modules  # the source list itself is sane
    code = textwrap.dedent("""
        import importlib, json, sys
        out = {}
        for name in json.loads(sys.argv[1]):
            if name.endswith("__main__"):
                continue  # importing it runs the app
            try:
                mod = importlib.import_module(name)
                out[name] = getattr(mod, "__file__", None) or list(mod.__path__)[0]
            except Exception as exc:
                out[name] = f"ERROR {type(exc).__name__}: {exc}"
        print(json.dumps(out))
    """)
    run = installed.run(installed.python, "-c", code, json.dumps(modules))
    assert run.returncode == 0, run.stderr
    where = json.loads(run.stdout)
    errors = {k: v for k, v in where.items() if v.startswith("ERROR")}
    assert not errors, errors
    site = str(installed.site)
    assert where["mockloop"].startswith(site), where["mockloop"]  # the wheel's, not the repo's
    elsewhere = {k: v for k, v in where.items() if not v.startswith(site)}
    assert not elsewhere, elsewhere


def test_every_resource_file_is_installed(installed):
    shipped = installed.site / "mockloop" / "resources"
    files = resource_files()
    assert any(f.suffix == ".qss" for f in files) and any(f.suffix == ".toml" for f in files)
    missing = [str(f) for f in files if not (shipped / f).is_file()]
    assert not missing, f"resources/ files not in the installed package: {missing}"
    # and they are the files the wheel was built from (others may be editing resources/ now)
    built = installed.src / "resources"
    differ = [str(f) for f in files
              if (built / f).exists() and (built / f).read_bytes() != (shipped / f).read_bytes()]
    assert not differ, differ


def test_window_opens_offscreen_from_the_installed_wheel(installed):
    code = textwrap.dedent("""
        import mockloop
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from mockloop.session import Services
        from mockloop.ui.main_window import MainWindow
        from mockloop.ui.style import apply_theme
        app = QApplication(["mockloop"])
        apply_theme(app, dark=False)  # reads resources/ui/style.qss from the package
        services = Services()
        window = MainWindow(services)
        window.show()
        seen = []
        def look():
            seen.append(window.isVisible())
            window.close()
            app.quit()
        QTimer.singleShot(800, look)
        app.exec()
        print(seen[0], window.windowTitle(), mockloop.__file__)
        services.close()
    """)
    run = installed.run(installed.python, "-c", code, timeout=120)
    assert run.returncode == 0, run.stderr
    visible, title, where = run.stdout.split()[-3:]
    assert (visible, title) == ("True", "mockloop")
    assert where.startswith(str(installed.site))


def test_console_script_lists_rounds(installed):
    run = installed.run(installed.script, "rounds")
    assert run.returncode == 0, run.stderr
    assert "coding" in run.stdout and "system-design" in run.stdout, run.stdout


@pytest.mark.skipif(not have_speech_tools(), reason="espeak-ng and sox are needed")
def test_console_script_transcribes_speech(installed, tmp_path):
    text = ("I would start with a hash map from each value to its index, which makes the "
            "lookup constant time, and then I would test the empty input.")
    wav = synth(text, tmp_path / "answer.wav")
    run = installed.run(installed.script, "analyze", "--role", "swe", "--round", "coding",
                        wav, "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert wer(text, data["transcript"]["text"]) <= 0.2, data["transcript"]["text"]
