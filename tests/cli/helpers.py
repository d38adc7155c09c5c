"""Run the real `mockloop` command line in a subprocess, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def mockloop(
    *args: str, home, stdin: str | None = None, timeout: float = 300, env: dict | None = None
) -> Run:
    e = dict(os.environ)
    e["MOCKLOOP_HOME"] = str(home)
    e["HF_HUB_OFFLINE"] = "1"
    if env:
        e.update(env)
    p = subprocess.run(
        [sys.executable, "-m", "mockloop", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=e,
        timeout=timeout,
    )
    return Run(p.returncode, p.stdout, p.stderr)


def assert_plain_error(run: Run) -> None:
    """Exit 2, one plain line on stderr, no traceback, nothing on stdout."""
    assert run.code == 2, (run.code, run.err)
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert len(lines) == 1, run.err
    assert "Traceback" not in run.err
    assert run.out == ""
