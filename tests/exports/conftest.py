"""Shared setup for the export/import tests: one speech model, a spoken round, a CLI call."""

from __future__ import annotations

import io
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from mockloop.session import Services

ANSWER = (
    "First I would check the data quality and look for missing values. To avoid leakage I "
    "would split the data by time. I would monitor the prediction distribution in production "
    "and alert the team when it drifts. We would retrain the model every week."
)


@pytest.fixture(scope="session")
def speech_model():
    from mockloop.asr import SpeechModel

    model = SpeechModel()
    model.load()
    return model


@pytest.fixture
def services(speech_model):
    s = Services(model=speech_model)
    yield s
    s.close()


@pytest.fixture
def spoken_round(services, speak):
    """A round analysed from real (espeak) speech: (history id, the wav it came from)."""
    wav = speak(ANSWER, "answer.wav")
    prompt = services.rubric.round("ml-design").prompts[0].id
    report = services.analyze_audio("mle", "ml-design", wav, prompt_id=prompt)
    return report.id, wav


@dataclass
class Ran:
    code: int
    out: str
    err: str


def run_cli(*args) -> Ran:
    """`mockloop ARGS` in this process (the same MOCKLOOP_HOME), its exit code and output."""
    from mockloop import cli

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main([str(a) for a in args])
    return Ran(code, out.getvalue(), err.getvalue())


def one_sentence(ran: Ran) -> str:
    """The run failed with exit 2 and one plain line on stderr; returns that line."""
    assert ran.code == 2, (ran.code, ran.err)
    lines = [line for line in ran.err.splitlines() if line.strip()]
    assert len(lines) == 1, ran.err
    assert "Traceback" not in ran.err
    return lines[0]


def files_under(folder: Path) -> set[str]:
    """The files (not folders) under `folder`, as relative paths."""
    if not folder.exists():
        return set()
    return {str(p.relative_to(folder)) for p in folder.rglob("*")
            if p.is_file() or p.is_symlink()}


def rezip(src: Path, dest: Path, *, drop=(), add=None, replace=None) -> Path:
    """A copy of the bundle `src` with members dropped, replaced ({name: bytes}) or added
    ([(ZipInfo or name, bytes)])."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = (replace or {}).get(info.filename, zin.read(info.filename))
            zout.writestr(info.filename, data)
        for name, data in add or []:
            zout.writestr(name, data)
    return dest
