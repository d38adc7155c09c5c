"""The rubric TOML ships inside the wheel and loads from an installed copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHIPPED = ["lenses.toml", "roles.toml", "signals.toml", "rounds.toml", "prompts.toml"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Build from a copy so the build leaves nothing in the working tree other people share.
    # (setup.py too: it lists the packages; tests/packaging/pkg_helpers.py names the inputs.)
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, src / name)
    for folder in ("src", "resources"):
        shutil.copytree(REPO / folder, src / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(src)], check=True, capture_output=True)
    (whl,) = out.glob("mockloop-*.whl")
    return whl


def test_wheel_contains_every_rubric_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"mockloop/resources/rubric/{n}" for n in SHIPPED} <= names


def test_rubric_loads_from_the_unpacked_wheel(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import mockloop, mockloop.rubric as r; print(mockloop.__file__); "
            "x = r.load_rubric(None); print(len(x.rounds), len(x.signals), len(x.roles))")
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True).stdout.split("\n")
    assert out[0].startswith(str(site))  # really the wheel's copy, not the source tree
    assert out[1] == "7 39 3"
