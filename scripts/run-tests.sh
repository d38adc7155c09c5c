#!/usr/bin/env bash
# Set up everything (system packages, venv, test tools) and run the whole test suite.
# The tests start their own PulseAudio virtual microphone and need no sound card or screen.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
bootstrap test
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
# The packaged app is built (about 1.5 min, in a temp folder) and smoke-tested with the suite;
# MOCKLOOP_BUILD_APP=0 skips it.
export MOCKLOOP_BUILD_APP="${MOCKLOOP_BUILD_APP:-1}"
lint-imports --config pyproject.toml
ruff check src tests benchmarks scripts
mypy  # the Qt-free core, as configured in pyproject.toml [tool.mypy]; errors fail the run
exec python -m pytest "$@"
