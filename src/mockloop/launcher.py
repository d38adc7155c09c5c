"""The `mockloop` entry point: the window when there is no command, the command line otherwise.

Kept apart from cli.py so the command line itself never depends on the Qt package.
"""

from __future__ import annotations

import os
import sys


def open_app(argv0: str = "mockloop") -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from mockloop.ui.app import run_app
    except ImportError as exc:
        print(
            f"mockloop: the desktop app cannot start ({exc}); the command line still works, "
            "see `mockloop --help`.",
            file=sys.stderr,
        )
        return 2
    return run_app([argv0])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if not args or (
        args[0] == "practice" and "--headless" not in args and not {"-h", "--help"} & set(args)
    ):
        return open_app(sys.argv[0] if sys.argv else "mockloop")
    from mockloop.cli import main as cli_main

    return cli_main(args)
