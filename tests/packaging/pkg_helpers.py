"""Shared by the packaging tests (no __init__.py here: a tests/packaging package would hide
the `packaging` library): a wheel built from a copy of the repo, a fresh venv to
install it into (with .venv's already-installed dependencies, never mockloop itself), and a
clean environment to run it in, outside the source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# What a wheel is built from (the rest of the repo is not part of the package).
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "src", "resources")
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")


def copy_build_inputs(dest: Path) -> Path:
    """Copy what the wheel is built from, so a build leaves nothing in the shared tree."""
    for name in BUILD_INPUTS:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=_IGNORE)
        elif src.exists():
            shutil.copy(src, dest / name)
    return dest


def build_wheel(src: Path, out: Path) -> Path:
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                           str(out), str(src)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    (whl,) = out.glob("mockloop-*.whl")
    return whl


def source_modules() -> list[str]:
    """Every module of the mockloop package in the source tree (src/ and resources/)."""
    names = []
    for root, prefix in ((REPO / "src" / "mockloop", "mockloop"),
                         (REPO / "resources", "mockloop.resources")):
        for path in sorted(root.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            names.append(".".join([prefix, *parts]))
    return names


def resource_files() -> list[Path]:
    """Every file under resources/ (relative paths), which must all ship."""
    root = REPO / "resources"
    return sorted(p.relative_to(root) for p in root.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def dev_site_packages() -> str:
    """The running venv's site-packages: the dependencies the fresh venv borrows."""
    return sysconfig.get_paths()["purelib"]


def make_fresh_venv(where: Path, wheel: Path) -> tuple[Path, Path]:
    """A new venv with only the wheel installed (no deps, no index); then a .pth line that
    appends .venv's site-packages. A plain path line in a .pth is added to sys.path, but the
    .pth files inside that directory (the editable install's finder) are not processed, so
    mockloop can only come from the wheel. Returns (venv, its site-packages)."""
    venv = where / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    py = venv / "bin" / "python"
    done = subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                           "--disable-pip-version-check", str(wheel)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "zz_mockloop_dev_deps.pth").write_text(dev_site_packages() + "\n")
    return venv, site


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for the installed copy: no PYTHONPATH, its own data home, offline."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    env.update(MOCKLOOP_HOME=str(home), HF_HUB_OFFLINE="1", ORT_DISABLE_TELEMETRY="1",
               QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "cfg"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_RUNTIME_DIR=str(home / "run"), **extra)
    (home / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env
