"""The core runs without Qt: every core package imports while PySide6 cannot be imported."""

import subprocess
import sys

CORE = [
    "mockloop.cli",
    "mockloop.commands",
    "mockloop.session",
    "mockloop.report",
    "mockloop.rubric",
    "mockloop.analysis",
    "mockloop.asr",
    "mockloop.store",
    "mockloop.audio",
    "mockloop.paths",
    "mockloop.settings",
    "mockloop.transcript",
    "mockloop.launcher",
]

BLOCK = """
import sys
class _NoQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked for this test")
        return None
sys.meta_path.insert(0, _NoQt())
import importlib
for mod in {mods!r}:
    importlib.import_module(mod)
assert not any(m.startswith("PySide6") for m in sys.modules), "a core module pulled in Qt"
print("core-ok")
"""


def test_core_imports_without_pyside6():
    out = subprocess.run(
        [sys.executable, "-c", BLOCK.format(mods=CORE)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "core-ok" in out.stdout


def test_blocking_really_blocks_qt():
    # Guards the guard: the same harness must fail when asked to import the UI.
    out = subprocess.run(
        [sys.executable, "-c", BLOCK.format(mods=["mockloop.ui.app"])],
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0
