#!/usr/bin/env bash
# Set up everything and open the mockloop window (on the embedded tiny.en model).
# Extra arguments go to `mockloop`, e.g. `scripts/run-app.sh analyze --help`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
bootstrap app

if [ $# -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = "Linux" ]; then
  # No screen (a server or CI box): run the real window on a virtual screen so the app still starts.
  install_debs xvfb xauth
  log "no screen found: opening the window on a virtual screen (Xvfb); use 'mockloop analyze' for headless work"
  exec xvfb-run -a -s "-screen 0 1280x860x24" mockloop
fi
exec mockloop "$@"
