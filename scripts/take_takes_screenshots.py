"""Screenshots of the takes card and the loop scorecard from the real window (run under Xvfb).

    DISPLAY=:NN QT_QPA_PLATFORM=xcb PYTHONPATH=src python scripts/take_takes_screenshots.py OUTDIR

A throwaway data folder: two spoken takes of one prompt and a re-read (espeak-ng through the
WAV microphone), then a full swe loop; writes takes-, memorised- and scorecard-<theme>-<size>
shots (plus -card ones scrolled to the card). docs/ holds the -card shots at 1024x700 and the
plain ones at 1920x1080.
"""
from __future__ import annotations

import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HOME = tempfile.mkdtemp(prefix="mockloop-takes-shots-")
os.environ["MOCKLOOP_HOME"] = HOME
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from PySide6.QtWidgets import QApplication  # noqa: E402
from support import voices  # noqa: E402

from mockloop.audio import audio_duration, wav_stream_factory  # noqa: E402
from mockloop.session import Services  # noqa: E402
from mockloop.ui.main_window import MainWindow  # noqa: E402
from mockloop.ui.style import apply_theme  # noqa: E402

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
OUT.mkdir(parents=True, exist_ok=True)
DEV = [json.loads(line) for line in (ROOT / "tests/devset/dev.jsonl").read_text().splitlines()]


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def wait(cond, timeout=120):
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        pump(0.05)


def record(window, text: str, name: str, realtime: bool = True) -> None:
    clip = voices.speak(text, Path(HOME) / f"{name}.wav", voice="espeak")
    p = window.practice
    p.driver.stream_factory = wav_stream_factory(clip, realtime=realtime)
    p.start()
    wait(lambda: p.driver.state == "recording")
    spoken = audio_duration(clip)
    wait(lambda: p.clock.track.elapsed_s > spoken + 0.5)
    p.stop()
    wait(lambda: window.current_page == "debrief" and p.driver.state == "idle")
    pump(0.3)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, dark=False, scale=1.0)
    services = Services()
    services.speech_model()
    window = MainWindow(services)
    window.resize(1280, 860)
    window.show()
    window.start_up()
    pump(0.5)
    # A retake: two answers to the same prompt, each landing a signal the other misses.
    story = [r for r in DEV if r["role"] == "swe" and r["round"] == "story-90"
             and r["style"] == "written"]
    heard = []
    for r in story:  # as the recogniser hears the espeak reading (not saved)
        clip = voices.speak(r["text"], Path(HOME) / f"probe-{r['id']}.wav", voice="espeak")
        heard.append((r, services.analyze_audio("swe", "story-90", clip, save=False)))
    def hit(rep):
        return {s.id for s in rep.analysis.signals if s.hit}

    (a, _), (b, _) = next(((x, rx), (y, ry))
                          for (x, rx), (y, ry) in itertools.permutations(heard, 2)
                          if len(hit(ry) - hit(rx)) >= 2 and hit(rx) - hit(ry))
    window.practice.picker.select("swe", "story-90", "story-90/launch-cut")
    record(window, a["text"], "take1")
    window.debrief.retake()
    pump(0.3)
    record(window, b["text"], "take2")
    retake_id = window.debrief.report.id
    # A re-read, for looking at the memorised note.
    window.debrief.retake()
    record(window, b["text"], "take3")
    reread_id = window.debrief.report.id
    # A full loop.
    window.practice.end_loop()
    window.practice.picker.select("swe")
    window.practice.picker.loop_check.setChecked(True)
    for i, rid in enumerate(services.rubric.role("swe").loop):
        pool = [r for r in DEV if r["role"] == "swe" and r["round"] == rid
                and r["style"] == "written" and len(r["text"].split()) >= 40]
        record(window, min(pool, key=lambda r: len(r["text"]))["text"], f"loop{i}")
        window.debrief.next_button.click()
        pump(0.5)
    assert window.practice.scorecard.isVisible()

    for dark in (False, True):
        apply_theme(app, dark=dark, scale=1.0)
        theme = "dark" if dark else "light"
        for size in ((1024, 700), (1920, 1080)):
            tag = f"{theme}-{size[0]}x{size[1]}"
            window.resize(*size)
            pump(0.6)
            window.open_round(retake_id)
            pump(0.6)
            window.grab().save(str(OUT / f"takes-{tag}.png"))
            sc = window.debrief.scroll
            sc.ensureWidgetVisible(window.debrief.takes.same, 0, 40)
            pump(0.3)
            window.grab().save(str(OUT / f"takes-{tag}-card.png"))
            window.open_round(reread_id)
            pump(0.6)
            window.grab().save(str(OUT / f"memorised-{tag}.png"))
            window.show_page("practice")
            window.practice.scroll.verticalScrollBar().setValue(0)
            pump(0.6)
            window.grab().save(str(OUT / f"scorecard-{tag}.png"))
            window.practice.scroll.verticalScrollBar().setValue(
                window.practice.scorecard.y() - 12)
            pump(0.3)
            window.grab().save(str(OUT / f"scorecard-{tag}-card.png"))
            window.practice.scroll.ensureWidgetVisible(window.practice.scorecard.close_button)
            pump(0.3)
            window.grab().save(str(OUT / f"scorecard-{tag}-scrolled.png"))
            print(tag, "sideways scroll (must be 0):",
                  window.debrief.scroll.horizontalScrollBar().maximum(),
                  window.practice.scroll.horizontalScrollBar().maximum(), flush=True)
    window.close()
    services.close()
    print("done", HOME)
    return 0


if __name__ == "__main__":
    sys.exit(main())
