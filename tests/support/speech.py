"""Speech made at test time with espeak-ng, converted with sox (real audio, nothing shipped)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def have_speech_tools() -> bool:
    return bool(shutil.which("espeak-ng") and shutil.which("sox"))


def synth(
    text: str,
    out: Path,
    *,
    rate: int = 16000,
    channels: int = 1,
    wpm: int = 160,
    voice: str = "en-us",
    fmt: str | None = None,
) -> Path:
    """Speak `text` with espeak-ng into `out` (format from the suffix, via sox)."""
    out = Path(out)
    raw = out.with_suffix(".espeak.wav")
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(raw), text],
        check=True,
        capture_output=True,
    )
    cmd = ["sox", str(raw), "-r", str(rate), "-c", str(channels)]
    if fmt:
        cmd += ["-t", fmt]
    cmd.append(str(out))
    subprocess.run(cmd, check=True, capture_output=True)
    raw.unlink(missing_ok=True)
    return out


@pytest.fixture
def speak(tmp_path):
    """speak(text, name="answer.wav", **kw) -> Path of a real speech file."""
    if not have_speech_tools():
        pytest.skip("espeak-ng and sox are needed (scripts/run-tests.sh installs them)")

    def _speak(text: str, name: str = "answer.wav", **kw) -> Path:
        return synth(text, tmp_path / name, **kw)

    return _speak


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate after normalising case, punctuation and spelled numbers."""
    import re

    def norm(s: str) -> list[str]:
        s = s.lower().replace("-", " ")
        s = re.sub(r"(?<=\d),(?=\d{3})", "", s)  # 1,000 -> 1000
        s = re.sub(r"\d+", lambda m: number_words(int(m.group())), s)
        s = re.sub(r"[^a-z' ]+", " ", s)
        return s.split()

    r, h = norm(reference), norm(hypothesis)
    if not r:
        return 0.0 if not h else 1.0
    d = list(range(len(h) + 1))
    for i, rw in enumerate(r, 1):
        prev, d[0] = d[0], i
        for j, hw in enumerate(h, 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (rw != hw))
            prev, d[j] = d[j], cur
    return d[len(h)] / len(r)


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """100 -> 'one hundred': speech recognisers write numbers as digits, scripts as words."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    if n < 1_000_000:
        rest = n % 1000
        return (
            number_words(n // 1000) + " thousand" + ("" if rest == 0 else " " + number_words(rest))
        )
    return " ".join(_ONES[int(d)] for d in str(n))
