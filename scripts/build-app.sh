#!/usr/bin/env bash
# Build the packaged desktop app: dist/mockloop/ (one folder, PyInstaller), with the embedded
# speech model, faster-whisper's VAD, Qt's platform plugins and mockloop's resources inside.
#   scripts/build-app.sh            # then: dist/mockloop/mockloop  (or scripts/install-desktop.sh)
# Uses the project venv (scripts/bootstrap.sh) and the pinned PyInstaller of
# requirements/packaging-lock.txt. Build files go to build/pyinstaller/ (both are git-ignored).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
bootstrap app
cd "$ROOT"

DIST="${MOCKLOOP_DIST:-$ROOT/dist}"
WORK="${MOCKLOOP_BUILD_WORK:-$ROOT/build/pyinstaller}"
PIP_LOCK="$ROOT/requirements/packaging-lock.txt"

if ! "$VENV/bin/python" -c 'import PyInstaller' 2>/dev/null ||
  ! "$VENV/bin/python" - "$PIP_LOCK" <<'PY'
import sys
from importlib.metadata import version
pins = dict(l.split("#")[0].strip().split("==") for l in open(sys.argv[1]) if "==" in l)
sys.exit(0 if all(version(n) == v for n, v in pins.items()) else 1)
PY
then
  log "installing PyInstaller (pinned in requirements/packaging-lock.txt)"
  "$VENV/bin/python" -m pip install -q -c "$ROOT/requirements/lock.txt" -r "$PIP_LOCK"
fi

start=$(date +%s)
log "building dist/mockloop with PyInstaller (a few minutes)"
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" "$ROOT/packaging/mockloop.spec"
took=$(( $(date +%s) - start ))

app="$DIST/mockloop"
log "built $app/mockloop in $((took / 60)) min $((took % 60)) s; folder size $(du -sh "$app" | cut -f1)"
