"""Shared test setup: every test gets its own MOCKLOOP_HOME; nothing touches the real home."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Before anything imports onnxruntime (mockloop's own __init__ sets it too): no telemetry.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Fixture modules under tests/support/ (the virtual microphone, speech synthesis, ...).
pytest_plugins = ["support.speech", "support.vmic"]


@pytest.fixture(autouse=True)
def mockloop_home(tmp_path, monkeypatch):
    """A fresh data directory for each test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("MOCKLOOP_HOME", str(home))
    return home
