"""The packaged desktop app (PyInstaller one-folder build, scripts/build-app.sh) runs headless:
the command line, real speech through the embedded model, and the window offscreen.

Uses dist/mockloop/ when it has been built and no source changed since (else skipped, with the
reason); MOCKLOOP_APP=path/to/mockloop tests that build as it is; MOCKLOOP_BUILD_APP=1 builds a
fresh one into a temporary folder first (about 1 min and 630 MB here).
The desktop-entry install needs no build and always runs.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pkg_helpers import REPO, clean_env
from support.speech import have_speech_tools, synth, wer


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    if os.environ.get("MOCKLOOP_BUILD_APP") == "1":
        out = tmp_path_factory.mktemp("app")
        env = {**os.environ, "MOCKLOOP_DIST": str(out / "dist"),
               "MOCKLOOP_BUILD_WORK": str(out / "build")}
        done = subprocess.run([str(REPO / "scripts" / "build-app.sh")], env=env,
                              capture_output=True, text=True, timeout=1500)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
        exe = out / "dist" / "mockloop" / "mockloop"
        assert os.access(exe, os.X_OK)
        yield exe
        shutil.rmtree(out, ignore_errors=True)  # 700 MB; pytest would keep three runs' worth
        return
    elif os.environ.get("MOCKLOOP_APP"):  # a given build (e.g. a CI artifact), as it is
        exe = Path(os.environ["MOCKLOOP_APP"]).resolve()
        assert exe.is_file(), f"MOCKLOOP_APP={exe} does not exist"
    else:
        exe = REPO / "dist" / "mockloop" / "mockloop"
        if not exe.is_file():
            pytest.skip("the packaged app is not built (dist/mockloop): run scripts/build-app.sh"
                        " or set MOCKLOOP_BUILD_APP=1 to build it for this test")
        changed = _changed_since(exe.stat().st_mtime)
        if changed:
            pytest.skip(f"dist/mockloop is older than {changed}: rebuild it with "
                        "scripts/build-app.sh (or set MOCKLOOP_BUILD_APP=1)")
    assert os.access(exe, os.X_OK)
    yield exe


def _changed_since(built: float) -> str | None:
    """A source file (src/, resources/, the spec) changed after the build, if any."""
    roots = [REPO / "src", REPO / "resources"]
    files = [REPO / "packaging" / "mockloop.spec", REPO / "packaging" / "rthook_offline.py"]
    files += [p for r in roots for p in r.rglob("*") if p.is_file() and p.suffix != ".pyc"]
    for path in files:
        if path.stat().st_mtime > built:
            return str(path.relative_to(REPO))
    return None


def _run(exe: Path, where: Path, *args, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(exe), *map(str, args)], cwd=where, env=clean_env(where / "home"),
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_packaged_app_lists_rounds(app, tmp_path):
    run = _run(app, tmp_path, "rounds")
    assert run.returncode == 0, run.stderr
    assert "coding" in run.stdout and "system-design" in run.stdout


@pytest.mark.slow
@pytest.mark.skipif(not have_speech_tools(), reason="espeak-ng and sox are needed")
def test_packaged_app_transcribes_speech_with_its_embedded_model(app, tmp_path):
    text = ("I would start with a hash map from each value to its index, which makes the "
            "lookup constant time, and then I would test the empty input.")
    wav = synth(text, tmp_path / "answer.wav")
    run = _run(app, tmp_path, "analyze", "--role", "swe", "--round", "coding", wav, "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["no_speech"] is False
    assert wer(text, data["transcript"]["text"]) <= 0.2, data["transcript"]["text"]
    hits = {s["id"] for s in data["signals"] if s["hit"]}
    assert "edge_cases" in hits, hits


@pytest.mark.slow
def test_packaged_app_window_stays_up_offscreen(app, tmp_path):
    log = tmp_path / "window.log"
    with log.open("w") as out:
        proc = subprocess.Popen([str(app)], cwd=tmp_path, env=clean_env(tmp_path / "home"),
                                stdout=out, stderr=subprocess.STDOUT)
        try:
            time.sleep(3.5)
            alive = proc.poll() is None
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    assert alive, f"the window exited early ({proc.returncode}): {log.read_text()[-3000:]}"
    assert "Traceback" not in log.read_text(), log.read_text()


def _entry(data: Path) -> dict[str, str]:
    text = (data / "applications" / "mockloop.desktop").read_text()
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def test_install_desktop_puts_entry_and_icon_under_xdg_data_home(tmp_path):
    exe = tmp_path / "my apps" / "mockloop"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    data = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "HOME": str(tmp_path / "home")}
    script = str(REPO / "scripts" / "install-desktop.sh")
    subprocess.run([script, str(exe)], env=env, check=True, capture_output=True)
    entry = _entry(data)
    assert shlex.split(entry["Exec"]) == [str(exe)]  # quoted: the path has a space
    assert entry["TryExec"] == str(exe) and entry["Icon"] == "mockloop"
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / "mockloop.svg"
    assert icon.read_bytes() == (REPO / "packaging" / "mockloop.svg").read_bytes()
    assert not (tmp_path / "home" / ".local").exists()  # XDG_DATA_HOME was respected

    subprocess.run([script, "--uninstall"], env=env, check=True, capture_output=True)
    assert not (data / "applications" / "mockloop.desktop").exists() and not icon.exists()


def test_install_desktop_without_a_build_says_how_to_make_one(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    run = subprocess.run([str(REPO / "scripts" / "install-desktop.sh"), str(tmp_path / "none")],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 1 and "scripts/build-app.sh" in run.stderr
    assert not (tmp_path / "data" / "applications").exists()
