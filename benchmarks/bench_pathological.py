"""Analysis time for pathological typed answers at 10, 50 and 200 KB (prints a table).

Each input is analysed for a round that scores every signal, so every phrase family reads it
(real rounds score 4 to 7, so they are faster). Linear work shows as a flat ms/KB column; the
last column is the growth from 10 to 200 KB, which is 20 for linear work. 200 KB is the cap on
typed text (mockloop.analysis.limits); a prose answer is included for comparison.
Run: .venv/bin/python benchmarks/bench_pathological.py [--quick] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from analysis.helpers import ROLES, make_round  # noqa: E402

from mockloop.analysis import analyze, prepare  # noqa: E402
from mockloop.transcript import Transcript  # noqa: E402

KB = 1024


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _prose(size: int) -> str:
    lines = (ROOT / "tests" / "devset" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return _fill(" ".join(json.loads(line)["text"] for line in lines if line.strip()) + " ", size)


INPUTS = {
    "prose (dev set answers)": _prose,
    "one token, no spaces": lambda n: "a" * n,
    "one token like a lens stem": lambda n: _fill("latenc", n),
    "one run of digits": lambda n: "1" * n,
    "dots inside one word": lambda n: "a" + "." * (n - 2) + "a",
    "commas inside one word": lambda n: "a" + "," * (n - 2) + "a",
    "number tail of dots": lambda n: "1 .1" + "." * (n - 5) + "x",
    "number pieces to glue": lambda n: "1" + _fill(" .1", n - 1),
    "one hundred, repeated": lambda n: _fill("one hundred ", n),
    "one word repeated": lambda n: _fill("latency ", n),
    "'so' repeated": lambda n: _fill("so ", n),
    "digits, one by one": lambda n: _fill("1 ", n),
    "hyphenated pieces, one word": lambda n: _fill("ab-", n),
    "punctuation run": lambda n: "." * n,
}


def _time(text: str, repeat: int) -> float:
    round_, role = make_round(), ROLES["swe"]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        analyze(Transcript.from_text(text), round_, role)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10 and 50 KB only")
    ap.add_argument("--repeat", type=int, default=1, help="best of N runs (default 1)")
    args = ap.parse_args()
    sizes = (10, 50) if args.quick else (10, 50, 200)
    prepare()
    _time(_prose(2 * KB), 1)  # warm up: the first answer compiles the last lazy patterns
    head = "".join(f"{f'{s} KB s':>10}{'ms/KB':>8}" for s in sizes)
    print(f"{'input':30}{head}{'growth':>8}")
    for name, make in INPUTS.items():
        row, times = f"{name:30}", []
        for size in sizes:
            seconds = _time(make(size * KB), args.repeat)
            times.append(seconds)
            row += f"{seconds:10.3f}{seconds * 1000 / size:8.2f}"
        growth = times[-1] / times[0] if times[0] > 0 else float("nan")
        print(f"{row}{growth:7.1f}x", flush=True)
    print(f"(linear work grows {sizes[-1] // sizes[0]}x from {sizes[0]} to {sizes[-1]} KB)")


if __name__ == "__main__":
    main()
