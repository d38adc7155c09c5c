"""requirements/lock.txt pins exactly what .venv has for mockloop[test], and bootstrap.sh
reinstalls when the lock (or pyproject.toml) changes."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

from pkg_helpers import REPO

_spec = importlib.util.spec_from_file_location("mockloop_lock_closure",
                                               REPO / "requirements" / "closure.py")
_closure = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_closure)
canonical, closure, read_pins = _closure.canonical, _closure.closure, _closure.read_pins

LOCK = REPO / "requirements" / "lock.txt"
PACKAGING_LOCK = REPO / "requirements" / "packaging-lock.txt"


def test_lock_pins_the_installed_closure_of_mockloop_and_its_test_extra():
    pins = read_pins(str(LOCK))
    installed = closure(["mockloop[test]"])
    assert "mockloop" not in pins
    unpinned = sorted(set(installed) - set(pins))
    assert not unpinned, f"installed for mockloop[test] but not in the lock: {unpinned}"
    differ = {k: (pins[k], v) for k, v in installed.items() if pins[k] != v}
    assert not differ, f"lock pin != installed version (run scripts/refresh-lock.sh?): {differ}"
    extra = sorted(set(pins) - set(installed))
    assert not extra, f"pinned but not needed by mockloop[test]: {extra}"


def test_lock_pins_every_direct_dependency_and_pyside_within_pyproject_bounds():
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pins = read_pins(str(LOCK))
    direct = project["dependencies"] + project["optional-dependencies"]["test"]
    for line in direct:
        req = Requirement(line)
        name = canonical(req.name)
        assert name in pins, f"{name} is not pinned"
        assert req.specifier.contains(pins[name], prereleases=True), (name, pins[name])
    assert "pyside6-essentials" in pins and "shiboken6" in pins


def test_packaging_lock_pins_pyinstaller_apart_from_the_app_lock():
    pins, app = read_pins(str(PACKAGING_LOCK)), read_pins(str(LOCK))
    assert "pyinstaller" in pins and "pyinstaller-hooks-contrib" in pins
    assert not set(pins) & set(app)


def test_pyside_bound_and_its_reason_stay_in_pyproject():
    text = (REPO / "pyproject.toml").read_text()
    assert ('"PySide6-Essentials>=6.6,<6.12",  # 6.12.0 frees None/True references on '
            "Python 3.11") in text
    assert version("PySide6-Essentials").startswith("6.")


def _stamp(root: Path) -> str:
    run = subprocess.run(["bash", "-c", 'source "$1/scripts/bootstrap.sh"; install_stamp',
                          "stamp", str(root)], capture_output=True, text=True, check=True)
    return run.stdout.strip()


def test_bootstrap_stamp_changes_with_the_lock_and_with_pyproject(tmp_path):
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    (root / "requirements").mkdir()
    shutil.copy(REPO / "scripts" / "bootstrap.sh", root / "scripts")
    for name in ("pyproject.toml", "setup.py", "requirements/lock.txt"):
        shutil.copy(REPO / name, root / name)
    first = _stamp(root)
    assert len(first) == 40 and first == _stamp(root)

    lock = root / "requirements" / "lock.txt"
    lock.write_text(lock.read_text().replace("numpy==", "numpy==0.0.0+", 1))
    second = _stamp(root)
    assert second != first

    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n# changed\n")
    assert _stamp(root) not in (first, second)
