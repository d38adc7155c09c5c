"""How mockloop starts one of its own modules in a child process, frozen or not.

`python -m module` works from a virtual environment; a packaged (PyInstaller) app has no
Python to hand, so its executable takes a hidden `--run-module NAME ARGS...` instead (handled
first thing in launcher.main).
"""

from __future__ import annotations

import runpy
import sys

RUN_MODULE = "--run-module"


def child_command(module: str, *args: str) -> list[str]:
    """The argv that runs `module` as __main__ in a new process of this mockloop."""
    if getattr(sys, "frozen", False):
        return [sys.executable, RUN_MODULE, module, *args]
    return [sys.executable, "-m", module, *args]


def run_module(argv: list[str]) -> int:
    """Run argv[0] as __main__ with argv[1:] as its arguments (the frozen app's `-m`)."""
    module, *rest = argv
    sys.argv = [module, *rest]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0
