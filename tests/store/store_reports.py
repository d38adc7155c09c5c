"""Reports shaped like the CLI JSON, for the history store tests."""

from __future__ import annotations


def build_report(text: str = "We split the data by time to avoid label leakage.", *,
                 role: str = "mle", round_id: str = "ml-design", hits: int = 1,
                 duration_s: float | None = 30.0, dropped_frames: int | None = None) -> dict:
    """A report shaped like the CLI JSON of shared/spec/cli.md."""
    timed = duration_s is not None
    words = [
        {"word": w, "start": i * 0.4 if timed else None, "end": i * 0.4 + 0.3 if timed else None}
        for i, w in enumerate(text.split())
    ]
    signal_ids = ["label_leakage", "retraining", "monitoring"]
    report = {
        "role": role,
        "round": round_id,
        "signals": [
            {"id": sid, "hit": n < hits, "evidence": text if n < hits else None,
             "start": 1.5 if n < hits and timed else None}
            for n, sid in enumerate(signal_ids)
        ],
        "lens": {"product": 0.1, "model": 0.7, "system": 0.2},
        "dominant_lens": "model",
        "off_center": False,
        "transcript": {"text": text, "words": words},
        "delivery": {"duration_s": duration_s, "words": len(words),
                     "wpm": 120.0 if timed else None,
                     "fillers": {"total": 2, "per_minute": 4.0 if timed else None,
                                 "by_word": {"um": 2}},
                     "long_pauses": []},
        "timings": {"transcribe_s": 1.2, "analyze_s": 0.01},
        "no_speech": False,
    }
    if dropped_frames is not None:
        report["recording"] = {"path": "recordings/1.wav", "dropped_frames": dropped_frames}
    return report
