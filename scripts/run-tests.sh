#!/usr/bin/env bash
# Set up everything (system packages, venv, test tools) and run the whole test suite.
# The tests start their own PulseAudio virtual microphone and need no sound card or screen.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
bootstrap test
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
lint-imports --config pyproject.toml
exec python -m pytest "$@"
