#!/usr/bin/env python3
"""Screenshots of the Progress page and of Practice with its "what to practise next" card,
from the real window with a seeded history (run under Xvfb or any display).

    Xvfb :99 -screen 0 1920x1080x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=src .venv/bin/python \\
        scripts/progress_screenshots.py [out-dir]

Uses a throwaway data folder. The history is made by the real analysis of the swe dev answers
(tests/devset/dev.jsonl) as timed transcripts (a pace drawn per answer, so the delivery
charts have durations), saved on days over ten weeks, the later answers chosen to land more
signals (a user getting better). Writes progress-<light|dark>-<1024x700|1920x1080>.png
(and progress-end-… scrolled to the end), practice-next-<light|dark>-<size>.png and
debrief-next-<light|dark>-<size>.png.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

HOME = tempfile.mkdtemp(prefix="mockloop-progress-shots-")
os.environ["MOCKLOOP_HOME"] = HOME
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from PySide6.QtWidgets import QApplication  # noqa: E402

from mockloop.session import Services  # noqa: E402
from mockloop.ui.main_window import MainWindow  # noqa: E402
from mockloop.ui.style import apply_theme  # noqa: E402


def seed(services: Services) -> None:
    import json

    from bench_progress import DEV, timed_transcript

    rng = random.Random(7)
    rows = [json.loads(line) for line in DEV.read_text().splitlines()]
    rows = [r for r in rows if r["role"] == "swe" and r["round"] in
            ("story-90", "system-design", "coding", "failure-followup")]
    reports = []
    for row in rows:
        wpm = rng.uniform(115, 175)
        reports.append(services.build_report("swe", row["round"], timed_transcript(
            row["text"], wpm)).to_dict())
    # fewer hits early, more later: sort each round's answers by hits and walk up the list
    by_round: dict[str, list[dict]] = {}
    for rep in sorted(reports, key=lambda r: sum(s["hit"] for s in r["signals"])):
        by_round.setdefault(rep["round"], []).append(rep)
    start = datetime.now().astimezone().replace(hour=9, minute=0, second=0, microsecond=0) \
        - timedelta(days=70)
    plan = []
    for rnd, pool in by_round.items():
        picks = pool[::max(1, len(pool) // 9)][:9]
        plan += [(rnd, rep, k / max(1, len(picks) - 1)) for k, rep in enumerate(picks)]
    plan.sort(key=lambda x: (x[2], x[0]))
    for i, (rnd, rep, _) in enumerate(plan):
        day = start + timedelta(days=int(i * 68 / len(plan)), minutes=i)
        prompt = services.rubric.round(rnd).prompts[i % len(services.rubric.round(rnd).prompts)]
        services.store.add_completed(rep, prompt_id=prompt.id, prompt_text=prompt.text,
                                     source="file", started_at=day)


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, dark=False, scale=1.0)
    services = Services()
    seed(services)
    window = MainWindow(services)
    window.show()
    for dark in (False, True):
        apply_theme(app, dark=dark, scale=1.0)
        theme = "dark" if dark else "light"
        for size in ((1024, 700), (1920, 1080)):
            window.resize(*size)
            window.show_page("practice")
            pump(0.6)
            window.grab().save(str(out / f"practice-next-{theme}-{size[0]}x{size[1]}.png"))
            window.show_page("progress")
            pump(0.6)
            window.grab().save(str(out / f"progress-{theme}-{size[0]}x{size[1]}.png"))
            page = window.page_widgets["progress"]
            bar = page.scroll.verticalScrollBar()
            bar.setValue(bar.maximum())
            pump(0.3)
            window.grab().save(str(out / f"progress-end-{theme}-{size[0]}x{size[1]}.png"))
            bar.setValue(0)
            latest = services.store.list_rounds()[0].id
            window.open_round(latest)  # the debrief ends with what to practise next
            pump(0.4)
            bar = window.debrief.scroll.verticalScrollBar()
            bar.setValue(bar.maximum())
            pump(0.3)
            window.grab().save(str(out / f"debrief-next-{theme}-{size[0]}x{size[1]}.png"))
    window.close()
    services.close()
    print(f"screenshots in {out}/ (data folder {HOME})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
