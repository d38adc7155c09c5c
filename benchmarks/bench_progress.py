"""Time `progress()`, `suggest()` (mockloop next) and opening the Progress, History and Practice
pages of the real window (offscreen) on a big history: median and max, in ms.

A throwaway history of N rounds (3,000 by default) of one role, made from real analysed
answers: every dev answer of the role's loop rounds (tests/devset/dev.jsonl) is analysed once
by the real analysis, as a timed transcript (a pace drawn per answer, so the rounds have
durations, pace and fillers like spoken ones), and those reports are saved with
Store.add_completed - the app's own write - over two years, cycling through the answers.
Then each call is timed over a few runs (a fresh query each time: nothing is cached between
calls). Opening a page is `show_page()` (the registry's on_show: Progress and History read
the store again, Practice's next card works out its suggestion; all three skip that when
nothing was written since they last read it), the events it posts, and painting
the window (`grab()`); it is timed right after one more round was saved (as after a
debrief) and with nothing new. Targets: progress under 1 s, the Progress page under 1 s,
the History page under 0.5 s.

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
DEV = ROOT / "tests" / "devset" / "dev.jsonl"


def timed_transcript(text: str, wpm: float):
    """The answer's words spoken at `wpm`, word by word (what a recording's transcript holds)."""
    from mockloop.transcript import Segment, Transcript, Word

    step = 60.0 / wpm
    words = tuple(Word(" " + w, 1.0 + k * step, 1.0 + k * step + 0.8 * step)
                  for k, w in enumerate(text.split()))
    return Transcript.from_segments([Segment(text, words[0].start, words[-1].end, words)],
                                    (words[-1].end or 0.0) + 1.0)


def analysed_reports(services, role: str) -> list[dict]:
    """Every dev answer of the role's loop rounds, analysed (timed) by the real analysis."""
    rng = random.Random(1234)
    loop = set(services.rubric.role(role).loop)
    out = []
    for line in DEV.read_text().splitlines():
        row = json.loads(line)
        if row["role"] != role or row["round"] not in loop:
            continue
        out.append(services.build_report(role, row["round"], timed_transcript(
            row["text"], rng.uniform(110, 175))).to_dict())
    return out


def seed(services, role: str, n: int) -> tuple[int, dict]:
    """n complete rounds over two years, cycling through the analysed answers."""
    reports = analysed_reports(services, role)
    rubric = services.rubric
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    span_s = 2 * 365 * 86400
    for i in range(n):
        report = reports[i % len(reports)]
        rnd = rubric.round(report["round"])
        prompt = rnd.prompts[(i // len(reports)) % len(rnd.prompts)]
        services.store.add_completed(
            report, prompt_id=prompt.id, prompt_text=prompt.text, source="file",
            started_at=start + timedelta(seconds=span_s * i / n))
    return len(reports), reports[0]


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def window_rows(services, runs: int, report: dict) -> list[tuple[str, list[float]]]:
    """Open each page of the real window (offscreen), from another page, `runs` times: with
    one more round saved just before (as after a debrief), and with nothing new."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from mockloop.ui.main_window import MainWindow
    from mockloop.ui.style import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, dark=False, scale=1.0)
    t0 = time.perf_counter()
    window = MainWindow(services)
    window.resize(1280, 860)
    window.show()
    app.processEvents()
    built = time.perf_counter() - t0
    later = datetime(2026, 1, 1, 9, tzinfo=UTC)

    def opening(key: str, fresh: bool) -> list[float]:
        samples: list[float] = []
        for i in range(runs):
            window.show_page("debrief")
            app.processEvents()
            if fresh:  # a round just finished
                services.store.add_completed(report, source="file",
                                             started_at=later + timedelta(hours=i))
            t = time.perf_counter()
            window.show_page(key)
            app.processEvents()
            window.grab()
            samples.append(time.perf_counter() - t)
        return samples

    rows = [("window: built and shown", [built])]
    for key, title in (("progress", "Progress"), ("history", "History"),
                       ("practice", "Practice (next card)")):
        rows.append((f"window: open {title}, a round just saved", opening(key, True)))
        rows.append((f"window: open {title} again, nothing new", opening(key, False)))
    page = window.page_widgets["progress"]
    shown = sum(1 for t in page.tiles.values() if t.chart.points)
    rows.append((f"  (Progress showed {len(page.tiles)} signal charts, {shown} with points)",
                 []))
    window.close()
    return rows


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
        from mockloop.session import Services

        services = Services()
        store, rubric = services.store, services.rubric
        t0 = time.perf_counter()
        answers, report = seed(services, args.role, args.rounds)
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
        rows += window_rows(services, args.runs, report)
        services.close()
    print(f"# bench_progress: {args.rounds} rounds ({answers} real analysed answers, cycled), "
          f"{n_signals} signal results, role {args.role}; {args.runs} runs; seeded in "
          f"{seed_s:.1f} s")
    print(f"# {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs; Qt offscreen, window 1280x860")
    print("| call | median ms | max ms |")
    print("|---|---:|---:|")
    for name, samples in rows:
        if not samples:
            print(f"| {name} | | |")
            continue
        print(f"| {name} | {statistics.median(samples) * 1000:.1f} | "
              f"{max(samples) * 1000:.1f} |")
    by_name = dict(rows)
    for name, target in (("progress()", 1.0),
                         ("window: open Progress, a round just saved", 1.0),
                         ("window: open Progress again, nothing new", 1.0),
                         ("window: open History, a round just saved", 0.5),
                         ("window: open History again, nothing new", 0.5)):
        worst = max(by_name[name])
        print(f"{name} target < {target * 1000:.0f} ms: "
              f"{'met' if worst < target else 'MISSED'} (worst {worst * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
