"""README screenshots from the real app on a virtual screen, driven through a real round.

    xvfb-run -a -s "-screen 0 1280x860x24" .venv/bin/python scripts/screenshots.py

Speech comes from espeak-ng (sox converts it) and reaches the app through the recorder's
injectable stream at real-time pace, so the practice shot is taken mid-round with the timing
light amber (~75 s in), the debrief is that round's real report, and the history page holds
a few more rounds recorded the same way. Writes docs/practice.png, docs/debrief.png and
docs/history.png. Uses a throwaway data folder: nothing touches the user's history.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SIZE = (1280, 860)

STORY = (
    "Last spring we had six weeks to launch the new billing page before the pricing change "
    "went live, and the latency budget for the page was two hundred milliseconds. "
    "Um, the original plan included a full export feature and live sync with the finance "
    "system. I decided to cut the export feature and ship it later. We chose a nightly batch "
    "job over live sync, which meant finance saw numbers up to a day old, and we accepted that "
    "cost to hit the date. I owned the rollout plan and wrote the runbook for the batch job. "
    "We launched on time. Support tickets about billing fell by about a third in the first "
    "month, but two customers complained about stale totals, so I added a note that shows "
    "when the numbers were last updated. Looking back, I would make the same call, because "
    "live sync would have taken another month, and the pricing change could not move. "
    "What I learned is to say the constraint out loud early, so everyone knows what we are "
    "trading away, and I would write the fallback plan down before the first line of code."
)
OTHERS = (
    ("mle", "ml-design",
     ("First I would check the data for missing values and duplicate users. I would split by "
     "time so no future information leaks into training. Offline metrics are not enough, so "
     "I would run a shadow test, then an A B test, and retrain every week when drift alerts "
     "fire.")),
    ("swe", "system-design",
     ("The API has one endpoint to create a short link and one to resolve it. I would store "
     "links in Postgres, keyed by the short code, and put a cache in front of reads with a one "
     "hour expiry. When traffic grows ten times, the write queue applies backpressure and we "
     "shed requests over the rate limit.")),
    ("ai-engineer", "failure-followup",
     ("I would reject this design if the answer accuracy on our golden test set falls below "
     "ninety percent, or if the cost goes above two cents per request. When the model is "
     "unsure, we fall back to search results and route the case to a support agent.")),
)


def speak(text: str, out: Path, wpm: int = 160) -> Path:
    """espeak-ng speech as 16 kHz mono WAV, by the one test-speech kit (tests/support/voices)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support import voices

    return voices.speak(text, out, voice="espeak", wpm=wpm)


def wait(app, condition, timeout_s: float, what: str) -> None:
    end = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            raise SystemExit(f"screenshots: timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.02)


def settle(app, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    work = Path(tempfile.mkdtemp(prefix="mockloop-shots-"))
    os.environ["MOCKLOOP_HOME"] = str(work / "home")

    from PySide6.QtWidgets import QApplication

    from mockloop.audio import audio_duration, wav_stream_factory
    from mockloop.session import LiveRound, Services
    from mockloop.ui.main_window import MainWindow
    from mockloop.ui.style import apply_theme

    print("screenshots: making speech…", file=sys.stderr)
    story = speak(STORY, work / "story.wav", wpm=138)  # still talking when amber comes
    services = Services()
    for i, (role, round_id, text) in enumerate(OTHERS):
        services.analyze_audio(role, round_id, speak(text, work / f"other{i}.wav"))
    # One round cut short, as a crash or a cancel leaves it: shown with its Finish action.
    cut = LiveRound(services, "ai-engineer", "ai-design",
                    stream_factory=wav_stream_factory(work / "other2.wav"),
                    live_transcription=False)
    cut.start()
    time.sleep(4)
    cut.cancel()

    app = QApplication([sys.argv[0]])
    apply_theme(app)
    window = MainWindow(services, stream_factory=wav_stream_factory(story, realtime=True))
    window.resize(*SIZE)
    window.show()
    window.start_up()
    wait(app, lambda: services.model_loaded, 60, "the speech model")
    window.banner.hide()
    practice = window.practice
    practice.picker.select("swe", "story-90", "story-90/launch-cut")
    settle(app)

    print("screenshots: recording a real round (about 90 s)…", file=sys.stderr)
    practice.start()
    amber = practice.services.rubric.round("story-90").amber_at_s
    wait(app, lambda: practice.clock.track.elapsed_s >= amber + 2
         and practice.mic.meter.rms_db > -35, 150, "the amber light, mid-sentence")
    DOCS.mkdir(exist_ok=True)
    window.grab().save(str(DOCS / "practice.png"))
    spoken = audio_duration(story)
    wait(app, lambda: practice.clock.track.elapsed_s >= spoken + 0.5, 60, "the end of the answer")
    practice.stop()
    wait(app, lambda: window.pages.currentWidget() is window.debrief, 120, "the debrief")
    settle(app, 0.8)
    window.grab().save(str(DOCS / "debrief.png"))

    window.show_page(2)
    window.history.table.selectRow(0)
    settle(app)
    window.grab().save(str(DOCS / "history.png"))
    window.close()
    services.close()
    print(f"screenshots: wrote {', '.join(p.name for p in sorted(DOCS.glob('*.png')))}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
