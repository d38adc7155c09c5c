"""The `speak` fixture and helpers for tests, backed by support.voices (the one implementation).

Speech is made at test time (espeak-ng by default; Piper and flite on request) and converted
with sox: real audio, nothing shipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.voices import (  # noqa: F401  (re-exported for the tests)
    CONDITIONS,
    VOICES,
    have_voice,
    missing_reason,
    number_words,
    wer,
)
from support.voices import speak as _speak_voice


def have_speech_tools(voice: str = "espeak") -> bool:
    return have_voice(voice)


def synth(
    text: str,
    out: Path,
    *,
    rate: int = 16000,
    channels: int = 1,
    wpm: int = 160,
    voice: str = "en-us",
    fmt: str | None = None,
    engine: str = "espeak",
    condition: str = "clean",
) -> Path:
    """Speak `text` into `out` (format from the suffix, via sox).

    `voice` is espeak's voice name (kept for old callers); `engine` picks the synthesiser
    ("espeak", "piper", "flite") and `condition` the sox treatment (support.voices.CONDITIONS).
    Piper speaks steadily (the same speech on every run) so a test hears what it heard last time.
    """
    return _speak_voice(text, Path(out), voice=engine, condition=condition, rate=rate,
                        channels=channels, fmt=fmt, wpm=wpm, espeak_voice=voice, steady=True)


@pytest.fixture
def speak(tmp_path):
    """speak(text, name="answer.wav", engine="espeak", condition="clean", **kw) -> Path.

    Skips the test when the engine asked for is not installed."""

    def _speak(text: str, name: str = "answer.wav", **kw) -> Path:
        engine = kw.get("engine", "espeak")
        if not have_voice(engine):
            pytest.skip(missing_reason(engine))
        return synth(text, tmp_path / name, **kw)

    if not have_voice("espeak"):
        pytest.skip(missing_reason("espeak"))
    return _speak
