"""Time `progress()` and `suggest()` (mockloop next) on a big history: median and max, in ms.

A throwaway history of N rounds (3,000 by default) of one role is written straight into the
store's tables — rounds with a transcript, delivery columns and a report JSON of typical size,
and a signal_results row per scored signal — spread over two years across the role's loop,
hits drawn with a fixed seed. Then each call is timed over a few runs (a fresh query each
time: nothing is cached between calls). Target: progress under 1 s.

    python benchmarks/bench_progress.py
    python benchmarks/bench_progress.py --rounds 10000 --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def seed(store, rubric, role: str, n: int) -> None:
    rng = random.Random(1234)
    loop = rubric.loop(role)
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    span_s = 2 * 365 * 86400
    filler = "word " * 400  # a transcript of about a 3-minute answer
    rounds, signals = [], []
    for i in range(1, n + 1):
        rnd = loop[i % len(loop)]
        at = start + timedelta(seconds=span_s * i / n)
        hits = {s: rng.random() < 0.3 + 0.5 * i / n for s in rnd.signals}  # improving
        duration = rnd.length_s * rng.uniform(0.6, 1.2)
        report = {"role": role, "round": rnd.id, "signals": [
            {"id": s, "hit": h, "evidence": "…" if h else None} for s, h in hits.items()],
            "transcript": {"text": filler}, "pad": "x" * 4000}
        rounds.append((i, role, rnd.id, rnd.prompts[i % len(rnd.prompts)].id,
                       at.isoformat(timespec="milliseconds"), sum(hits.values()), len(hits),
                       duration, rng.uniform(110, 170), rng.uniform(0.5, 6), filler,
                       json.dumps(report)))
        signals += [(i, s, int(h), "…" if h else None, 1.0) for s, h in hits.items()]
    conn = store.db.conn
    with conn:
        conn.executemany(
            "INSERT INTO rounds (id, role, round, prompt_id, status, source, started_at, hits, "
            "scored, duration_s, wpm, fillers_per_minute, transcript, report_json) "
            "VALUES (?, ?, ?, ?, 'complete', 'mic', ?, ?, ?, ?, ?, ?, ?, ?)", rounds)
        conn.executemany("INSERT INTO signal_results (round_id, signal_id, hit, evidence, start) "
                         "VALUES (?, ?, ?, ?, ?)", signals)


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--role", default="swe")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["MOCKLOOP_HOME"] = home
        from mockloop.next_round import suggest
        from mockloop.progress import load_history, progress
        from mockloop.rubric import get_rubric
        from mockloop.store import Store

        rubric = get_rubric()
        store = Store(Path(home) / "history.db")
        t0 = time.perf_counter()
        seed(store, rubric, args.role, args.rounds)
        seed_s = time.perf_counter() - t0
        n_signals = store.db.execute("SELECT count(*) FROM signal_results").fetchone()[0]
        today = date(2026, 1, 1)
        rows = [
            ("load_history (2 queries)", timed(lambda: load_history(store, args.role), args.runs)),
            ("progress()", timed(lambda: progress(store, rubric, args.role), args.runs)),
            ("progress().to_dict()", timed(
                lambda: progress(store, rubric, args.role).to_dict(), args.runs)),
            ("progress(since=1 year back)", timed(lambda: progress(
                store, rubric, args.role, since=date(2025, 1, 1)), args.runs)),
            ("next: suggest()", timed(lambda: suggest(store, rubric, args.role, today),
                                      args.runs)),
        ]
        store.close()
    print(f"# bench_progress: {args.rounds} rounds, {n_signals} signal results, role "
          f"{args.role}; {args.runs} runs; seeded in {seed_s:.1f} s")
    print(f"# {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs")
    print("| call | median ms | max ms |")
    print("|---|---:|---:|")
    for name, samples in rows:
        print(f"| {name} | {statistics.median(samples) * 1000:.1f} | "
              f"{max(samples) * 1000:.1f} |")
    worst = max(max(s) for n, s in rows if n.startswith("progress"))
    print(f"\nprogress target < 1000 ms: {'met' if worst < 1.0 else 'MISSED'} "
          f"(worst {worst * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
