"""The summary columns, words and signal rows that a round report (cli.md JSON) is stored as."""

from __future__ import annotations

import json


def summary_columns(report: dict) -> dict:
    """The `rounds` columns derived from a report, for listing and filtering without the JSON."""
    signals = report.get("signals") or []
    delivery = report.get("delivery") or {}
    fillers = delivery.get("fillers") or {}
    recording = report.get("recording") or {}
    off_center = report.get("off_center")
    return {
        "role": report["role"],
        "round": report["round"],
        "hits": sum(1 for s in signals if s.get("hit")),
        "scored": len(signals),
        "dominant_lens": report.get("dominant_lens"),
        "off_center": None if off_center is None else int(bool(off_center)),
        "duration_s": delivery.get("duration_s"),
        "wpm": delivery.get("wpm"),
        "fillers_per_minute": fillers.get("per_minute"),
        "dropped_frames": recording.get("dropped_frames"),
        "transcript": (report.get("transcript") or {}).get("text") or "",
        "report_json": json.dumps(report, ensure_ascii=False),
    }


def word_rows(history_id: int, report: dict) -> list[dict]:
    words = (report.get("transcript") or {}).get("words") or []
    return [
        {"round_id": history_id, "idx": i, "word": w["word"], "start": w.get("start"),
         "end": w.get("end")}
        for i, w in enumerate(words)
    ]


def signal_rows(history_id: int, report: dict) -> list[dict]:
    return [
        {"round_id": history_id, "signal_id": s["id"], "hit": int(bool(s.get("hit"))),
         "evidence": s.get("evidence"), "start": s.get("start")}
        for s in report.get("signals") or []
    ]
