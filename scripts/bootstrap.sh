#!/usr/bin/env bash
# Sets up everything mockloop needs, idempotently: system packages (Debian/Ubuntu, when we
# may install them), a virtual environment in .venv, and mockloop itself with its test tools.
# Sourced by scripts/run-app.sh and scripts/run-tests.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${MOCKLOOP_VENV:-$ROOT/.venv}"
STAMP="$VENV/.mockloop-installed"
# Every Python package is pinned here (refresh with scripts/refresh-lock.sh).
LOCK="$ROOT/requirements/lock.txt"

# What the app needs at run time, and what the tests add (virtual microphone, speech, screen).
APP_DEBS=(libportaudio2 libasound2-plugins libsndfile1
  libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1
  libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core)
TEST_DEBS=(pulseaudio pulseaudio-utils espeak-ng sox libsox-fmt-all xvfb xauth strace flite)

log() { printf '[mockloop setup] %s\n' "$*" >&2; }

have_all_debs() {
  command -v dpkg-query >/dev/null 2>&1 || return 1
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || return 1
  done
}

install_debs() {
  # Only on Debian-like systems; elsewhere say what is needed and carry on.
  if ! command -v apt-get >/dev/null 2>&1; then
    log "not a Debian-like system: make sure PortAudio (and, for tests, PulseAudio, espeak-ng, sox, Xvfb) are installed"
    return 0
  fi
  if have_all_debs "$@"; then return 0; fi
  local SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      log "missing system packages and no root: install them with apt-get: $*"; return 0
    fi
  fi
  log "installing system packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

find_python() {
  local c
  for c in python3.13 python3.12 python3.11 python3; do
    if command -v "$c" >/dev/null 2>&1 &&
      "$c" -c 'import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$c"; return 0
    fi
  done
  return 1
}

# What the venv's install is made from: its hash is the reinstall stamp, so a changed
# pyproject.toml, setup.py or lock reinstalls on the next run (also in a reused venv).
install_stamp() {
  cat "$ROOT/pyproject.toml" "$ROOT/setup.py" "$LOCK" 2>/dev/null | sha1sum | cut -d' ' -f1
}

bootstrap() {
  local with_tests="${1:-}"
  local debs=("${APP_DEBS[@]}")
  if [ "$with_tests" = "test" ]; then debs+=("${TEST_DEBS[@]}"); fi

  local py
  if ! py="$(find_python)"; then
    install_debs python3 python3-venv python3-pip
    py="$(find_python)" || { log "Python 3.11 or newer with venv is required"; exit 1; }
  fi
  install_debs "${debs[@]}"

  if [ ! -x "$VENV/bin/python" ]; then
    log "creating virtual environment in $VENV"
    "$py" -m venv "$VENV"
  fi
  # Reinstall only when the project's requirements or pins changed (a test install, which
  # has everything the app needs, also serves the app).
  local want have=""
  want="$(install_stamp)"
  if [ -f "$STAMP" ]; then have="$(cat "$STAMP")"; fi
  if [ "$have" != "$want-$with_tests" ] && { [ "$with_tests" = "test" ] || [ "$have" != "$want-test" ]; }; then
    log "installing mockloop and its Python packages (first run takes a few minutes)"
    "$VENV/bin/python" -m pip install -q -c "$LOCK" --upgrade pip >/dev/null
    if [ "$with_tests" = "test" ]; then
      "$VENV/bin/python" -m pip install -q -c "$LOCK" -e "$ROOT[test]"
    else
      "$VENV/bin/python" -m pip install -q -c "$LOCK" -e "$ROOT"
    fi
    echo "$want-$with_tests" >"$STAMP"
  fi
  export PATH="$VENV/bin:$PATH"
  # The speech model is embedded; never reach a model hub, and no onnxruntime telemetry.
  export HF_HUB_OFFLINE=1
  export ORT_DISABLE_TELEMETRY=1
}
