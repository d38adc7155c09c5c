"""Time to correct a word of a long answer and re-score it: median and max, in milliseconds.

The answer is made of dev-set answers read at 150 words a minute with word timings, as a
recording gives; it is saved as a round in a throwaway history. Each row corrects a different
word each run (one word becomes another) and times:

- apply: `mockloop.edits.apply_edit` alone;
- apply + analyze: the edit and `analyze` on the edited transcript (the re-score itself);
- Services.correct: what the debrief calls: read the saved round, apply, analyze, save the
  correction (report, words, signals, the edit with the transcript before it) in SQLite;
- sentence: the same for a sentence rewritten (alignment by difflib) instead of one word;
- window: the debrief page's whole correction, Services.correct plus drawing the new
  checklist, lens, delivery and transcript (offscreen Qt), unless --no-window.

The target is under 100 ms for a word on a long answer.

    python benchmarks/bench_edit.py                 # 90 s, 5 min and 10 min answers, 30 runs
    python benchmarks/bench_edit.py --minutes 10 --runs 50
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WPM = 150


def _answer_words(n_words: int) -> list[str]:
    words: list[str] = []
    lines = (ROOT / "tests" / "devset" / "dev.jsonl").read_text().splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    while len(words) < n_words:
        for text in texts:
            words += text.split()
            if len(words) >= n_words:
                break
    return words[:n_words]


def _timed(words: list[str]):
    from mockloop.transcript import Segment, Transcript, Word

    step = 60.0 / WPM
    timed = tuple(Word(" " + w, round(1.0 + k * step, 3), round(1.0 + k * step + 0.8 * step, 3))
                  for k, w in enumerate(words))
    return Transcript.from_segments([Segment(" ".join(words), timed[0].start, timed[-1].end,
                                             timed)], timed[-1].end + 1.0)


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.1f} | {max(samples) * 1000:7.1f}"


def bench(minutes: float, runs: int, window: bool) -> list[tuple[str, list[float]]]:
    from mockloop.analysis import analyze, prepare
    from mockloop.edits import apply_edit, sentence_bounds
    from mockloop.session import Services

    prepare()
    services = Services()
    rnd, role = services.rubric.round("system-design"), services.rubric.role("swe")
    transcript = _timed(_answer_words(int(minutes * WPM)))
    report = services.build_report("swe", "system-design", transcript)
    rid = services._save_new(report, source="file", audio_path=None).id
    n = len(transcript.words)
    spots = [(k * 7919) % n for k in range(runs)]  # spread over the answer

    rows: list[tuple[str, list[float]]] = []
    apply_s, rescore_s, correct_s, sentence_s = [], [], [], []
    for i in spots:
        t0 = time.perf_counter()
        edited = apply_edit(transcript, i, i + 1, "cache")
        apply_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        analyze(apply_edit(transcript, i, i + 1, "cache"), rnd, role)
        rescore_s.append(time.perf_counter() - t0)
        del edited
    for k, i in enumerate(spots):
        t0 = time.perf_counter()
        services.correct(rid, i, i + 1, f"cache{k % 3}")
        correct_s.append(time.perf_counter() - t0)
    for i in spots:
        current = services.saved_transcript(rid)
        a, b = sentence_bounds(current, i)
        old = [w.word.strip() for w in current.words[a:b]]
        new = " ".join([*old[:-1], "with", "a", "ttl", *old[-1:]])
        t0 = time.perf_counter()
        services.correct(rid, a, b, new)
        sentence_s.append(time.perf_counter() - t0)
    rows += [("apply_edit (one word)", apply_s), ("apply + analyze (re-score)", rescore_s),
             ("Services.correct (word, saved)", correct_s),
             ("Services.correct (sentence, saved)", sentence_s)]
    if window:
        rows.append(("window: correct + redraw", _bench_window(services, rid, spots)))
    services.close()
    return rows


def _bench_window(services, rid: int, spots: list[int]) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from mockloop.ui.debrief.page import DebriefPage
    from mockloop.ui.style import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    page = DebriefPage(services)
    page.resize(1280, 860)
    page.show()
    page.show_report({**services.store.report(rid), "id": rid})
    app.processEvents()
    out = []
    for k, i in enumerate(spots):
        t0 = time.perf_counter()
        page.correct(i, i + 1, f"store{k % 3}")
        app.processEvents()
        out.append(time.perf_counter() - t0)
    page.shutdown()
    page.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, nargs="+", default=[1.5, 5.0, 10.0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--no-window", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["MOCKLOOP_HOME"] = home
        print(f"Correcting a word and re-scoring ({platform.processor() or platform.machine()}, "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start, "
              f"{args.runs} runs each; ms)\n")
        print("| answer | words | step | median ms | max ms |")
        print("|---|---:|---|---:|---:|")
        for minutes in args.minutes:
            words = int(minutes * WPM)
            for name, samples in bench(minutes, args.runs, not args.no_window):
                m, s = divmod(round(minutes * 60), 60)
                print(f"| {m}:{s:02d} | {words} | {name} | {_ms(samples)} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
