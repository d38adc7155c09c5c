"""Time to check a round against the saved key sentences (what the debrief card does each time
it shows a round): median and max, in milliseconds, for 90 s, 5 min and 10 min answers
(dev-set answers read at 150 words a minute) and 1, 5 and 20 saved sentences.

    python benchmarks/bench_key_sentences.py [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
WPM = 150
SENTENCES = [
    "A better model is not the same as a more reliable product.",
    "We put a cache in front of the ranking service.",
    "We cut the p99 latency by 30 percent.",
    "I would measure before optimising anything in the pipeline.",
    "The trade-off is between freshness and cost.",
] * 4


def _words(n: int) -> list[dict]:
    lines = (ROOT / "tests" / "devset" / "dev.jsonl").read_text().splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    words: list[str] = []
    while len(words) < n:
        for text in texts:
            words += text.split()
    step = 60.0 / WPM
    return [{"word": w, "start": 1.0 + k * step, "end": 1.0 + (k + 0.8) * step}
            for k, w in enumerate(words[:n])]


def main() -> int:
    from mockloop.key_sentences import KeySentence, KeySentences, check_round
    from mockloop.sentence_match import similarity

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    print(f"# key sentences: {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, {args.runs} runs (first run cold)")
    print("| answer | words | sentences | median ms | max ms |")
    print("|---|---|---|---|---|")
    for minutes in (1.5, 5, 10):
        words = _words(int(minutes * WPM))
        for n in (1, 5, 20):
            book = KeySentences(tuple(KeySentence(s) for s in SENTENCES[:n]))
            times = []
            for _ in range(args.runs):
                similarity.cache_clear() if not times else None  # the first run is cold
                t = time.perf_counter()
                check_round(book, "swe", words)
                times.append(time.perf_counter() - t)
            print(f"| {minutes:g} min | {len(words)} | {n} | "
                  f"{statistics.median(times) * 1000:.1f} | {max(times) * 1000:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
