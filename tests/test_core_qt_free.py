"""The core runs without Qt: every core package imports while PySide6 cannot be imported."""

import subprocess
import sys
import tomllib
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "mockloop"


def _core_modules() -> list[str]:
    """Every module of the package outside mockloop.ui (found on disk, so none is forgotten)."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        if parts[1:2] == ("ui",) or parts[-1] == "__main__":
            continue
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


CORE = _core_modules()

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


def test_the_import_contract_names_every_core_module():
    # The import-linter contract lists top-level modules by hand; a new one must not slip by.
    config = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"]
                  if c["name"] == "The core never imports Qt"]
    listed = set(contract["source_modules"])
    top_level = {".".join(m.split(".")[:2]) for m in CORE} - {"mockloop"}
    missing = sorted(top_level - listed - {"mockloop.launcher"})
    assert not missing, f"add to [tool.importlinter] source_modules: {missing}"
