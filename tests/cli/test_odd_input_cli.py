"""Odd values on the command line: a --duration that is not a real length of time,
and JSON output that must stay strict JSON whatever the strings in it."""

from __future__ import annotations

import io
import json
import sys

import pytest

from mockloop.cli import emit_json

from .helpers import mockloop


@pytest.mark.parametrize("value", ["nan", "inf", "1e9", "-inf"])
def test_practice_refuses_a_duration_that_is_not_a_real_length(value, mockloop_home):
    run = mockloop("practice", "--role", "swe", "--round", "coding", "--headless",
                   f"--duration={value}", home=mockloop_home)
    assert run.code == 2, run.err
    assert "Traceback" not in run.err and run.out == ""
    last = run.err.strip().splitlines()[-1]
    assert last.endswith(f"--duration: must be a number of seconds above 0 and at most 10800 "
                         f"(3 hours), not '{value}'"), last
    # Refused while parsing: nothing was opened, not even the microphone check.
    assert "microphone" not in run.err


def test_json_output_never_holds_infinity(monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    with pytest.raises(ValueError):
        emit_json({"length_s": float("inf")})
    assert sys.stdout.getvalue() == ""  # nothing half-written


def test_json_output_with_a_non_utf8_file_name_is_valid_json(monkeypatch):
    name = b"caf\xe9.wav".decode("utf-8", "surrogateescape")  # how Python sees such a name
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    monkeypatch.setattr(sys, "stdout", out)
    emit_json({"path": name})
    out.flush()
    raw = out.buffer.getvalue()
    assert json.loads(raw.decode("utf-8"))["path"] == name
