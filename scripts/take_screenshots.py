#!/usr/bin/env python3
"""Retake the README screenshots from the real window (run under Xvfb or any display).

    Xvfb :99 -screen 0 1920x1080x24 &
    DISPLAY=:99 .venv/bin/python scripts/take_screenshots.py [docs]

Uses a throwaway data folder: three spoken rounds (espeak-ng + sox) are analysed with the
speech model, one round is recorded live from a WAV "microphone" for the Practice shot.
Writes practice/debrief/history.png (1280x860, light) and
<page>-<light|dark>-<1024x700|1920x1080>.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HOME = tempfile.mkdtemp(prefix="mockloop-shots-")
os.environ["MOCKLOOP_HOME"] = HOME

from PySide6.QtWidgets import QApplication  # noqa: E402

from mockloop.audio import wav_stream_factory  # noqa: E402
from mockloop.session import Services  # noqa: E402
from mockloop.ui.main_window import MainWindow  # noqa: E402
from mockloop.ui.style import apply_theme  # noqa: E402

ANSWERS = (
    ("swe", "story-90", "We had a hard deadline of two weeks to launch the billing page. "
     "Um, I decided to cut the export feature. We chose a nightly batch job over live sync, "
     "and we accepted stale numbers for a day. I think maybe that was fine."),
    ("swe", "system-design", "I would put a cache in front of the database, with a five minute "
     "expiry, and invalidate on every write. The latency budget is two hundred milliseconds."),
    ("swe", "failure-followup", "The failure I worry about is the upstream price feed stalling. "
     "If that happens we fall back to yesterday's prices and page the on-call engineer."),
)


def speak(text: str, out: Path, lead_in_s: float = 0.0) -> Path:
    """espeak-ng speech (16 kHz mono WAV) by the one test-speech kit, after `lead_in_s` quiet."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from support import voices

    voices.speak(text, out, voice="espeak")
    if lead_in_s:
        voices.splice([lead_in_s, voices.read(out)], out)
    return out


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
    services.speech_model()
    tmp = Path(HOME)
    ids = []
    for i, (role, rnd, text) in enumerate(ANSWERS):
        clip = speak(text, tmp / f"answer{i}.wav", lead_in_s=2.0 if i == 0 else 0.0)
        ids.append(services.analyze_audio(role, rnd, clip).id)
    live_clip = speak(ANSWERS[0][2], tmp / "live.wav")
    window = MainWindow(services, stream_factory=wav_stream_factory(live_clip, realtime=True))
    window.show()
    window.start_up()
    window.practice.picker.select("swe", "story-90", "story-90/launch-cut")

    def shots(name_for, size) -> None:
        window.resize(*size)
        pump(0.6)
        window.open_round(ids[0])
        pump(0.6)
        window.grab().save(str(out / name_for("debrief")))
        window.show_page(2)
        window.history.table.selectRow(0)
        pump(0.4)
        window.grab().save(str(out / name_for("history")))
        window.show_page(0)
        window.practice.start()
        deadline = time.monotonic() + 40
        while window.practice.driver.state != "recording" and time.monotonic() < deadline:
            pump(0.1)
        pump(9.0)  # the light, the track and the live transcript under way
        window.grab().save(str(out / name_for("practice")))
        window.practice.driver.cancel()
        while window.practice.driver.state != "idle":
            pump(0.1)
        for row in services.store.list_rounds(status="interrupted"):
            services.store.delete(row.id)  # the shot's round is not part of the history
        window.history.refresh()
        window.banner.hide()

    shots(lambda page: f"{page}.png", (1280, 860))
    for dark in (False, True):
        apply_theme(app, dark=dark, scale=1.0)
        theme = "dark" if dark else "light"
        for size in ((1024, 700), (1920, 1080)):
            shots(lambda page, t=theme, s=size: f"{page}-{t}-{s[0]}x{s[1]}.png", size)
    window.close()
    services.close()
    print(f"screenshots in {out}/ (data folder {HOME})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
