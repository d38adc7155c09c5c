#!/usr/bin/env bash
# Re-resolve the pins: requirements/lock.txt (the app and its test tools) and
# requirements/packaging-lock.txt (PyInstaller for scripts/build-app.sh).
# Builds a throwaway venv, installs `.[test]` there WITHOUT constraints (so the newest versions
# pyproject.toml allows), writes every distribution of that closure as name==version, then
# adds PyInstaller (under the new lock) and writes what it brings on top. Needs PyPI; the
# project venv is not touched. Review `git diff requirements/`, run the tests
# (scripts/run-tests.sh reinstalls, since the lock is part of its stamp), and commit.
#   scripts/refresh-lock.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
PYINSTALLER="${PYINSTALLER_SPEC:-pyinstaller>=6.10,<7}"

py="$(find_python)" || { log "Python 3.11 or newer with venv is required"; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Build from a copy so nothing (build/, *.egg-info) lands in the shared working tree.
mkdir "$tmp/src"
cp -r "$ROOT/pyproject.toml" "$ROOT/setup.py" "$ROOT/README.md" "$ROOT/src" "$ROOT/resources" \
  "$tmp/src/"
rm -rf "$tmp/src/src/"*.egg-info

log "resolving mockloop[test] in a fresh venv (no constraints)"
"$py" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --upgrade pip
"$tmp/venv/bin/python" -m pip install -q "$tmp/src[test]"
py_version="$("$tmp/venv/bin/python" -c 'import platform; print(platform.python_version())')"
{
  cat <<HEAD
# mockloop's pinned constraints: every distribution that \`pip install -e .[test]\` pulls in
# (the app's requirements and the test extra's, their whole closure), as installed and tested.
# Used with \`pip install -c requirements/lock.txt\` by scripts/bootstrap.sh (both README
# commands). Do not edit by hand: refresh with scripts/refresh-lock.sh (see packaging/README.md).
# Resolved on CPython $py_version, $(uname -s) $(uname -m).
HEAD
  "$tmp/venv/bin/python" "$ROOT/requirements/closure.py" 'mockloop[test]'
} >"$tmp/lock.txt"

log "adding PyInstaller ($PYINSTALLER) on top of the new lock"
"$tmp/venv/bin/python" -m pip install -q -c "$tmp/lock.txt" "$PYINSTALLER"
{
  cat <<'HEAD'
# Pinned PyInstaller for scripts/build-app.sh (the packaged desktop app), on top of lock.txt:
# PyInstaller and what it pulls in that lock.txt does not already pin. Not part of the app or
# the test install. Refreshed together with lock.txt by scripts/refresh-lock.sh.
HEAD
  "$tmp/venv/bin/python" "$ROOT/requirements/closure.py" --with-roots pyinstaller \
    --minus "$tmp/lock.txt"
} >"$tmp/packaging-lock.txt"

mkdir -p "$ROOT/requirements"
for f in lock.txt packaging-lock.txt; do
  if cmp -s "$tmp/$f" "$ROOT/requirements/$f"; then
    log "requirements/$f unchanged"
  else
    cp "$tmp/$f" "$ROOT/requirements/$f"
    log "requirements/$f updated"
  fi
done
git -C "$ROOT" --no-pager diff --stat -- requirements/ || true
