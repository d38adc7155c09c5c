"""Every test here points HF_ENDPOINT at a stand-in hub on 127.0.0.1 (or at nothing), keeps
HF_HOME in its own temporary folder, and sends any other request to a dead proxy: no test can
reach a real model hub."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

DEAD_PROXY = "http://127.0.0.1:9"


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@pytest.fixture(autouse=True)
def no_real_hub(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{closed_port()}")
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(var, DEAD_PROXY)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def hub(monkeypatch):
    """A stand-in hub serving the built-in model's files; HF_ENDPOINT points at it."""
    from hub import StandInHub

    from mockloop.paths import default_model_dir

    with StandInHub(default_model_dir()) as h:
        monkeypatch.setenv("HF_ENDPOINT", h.url)
        yield h
    assert all(host.startswith("127.0.0.1:") for _m, _p, _r, host in h.requests)
