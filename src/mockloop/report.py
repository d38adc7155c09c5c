"""The round report: one value holding everything a round produced, and its exports.

`RoundReport.to_dict()` is the JSON object of the command-line contract, committed in this
repository as docs/report.schema.json (checked by tests/test_report_contract.py; the keys come
from the project's cli spec); Markdown, SRT and VTT exports are built from the same value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mockloop.analysis.results import Analysis
from mockloop.transcript import Transcript


@dataclass(frozen=True)
class RoundReport:
    role: str
    round: str
    transcript: Transcript
    analysis: Analysis
    prompt_id: str | None = None
    prompt_text: str | None = None
    timings: dict = field(default_factory=dict)
    recording: dict | None = None  # {"path", "dropped_frames", ...} for microphone rounds
    id: int | None = None  # history id once saved
    notes: tuple[
        str, ...
    ] = ()  # plain warnings for the user (e.g. "fell behind, finished after Stop")
    # The transcript as recognised, when the user has corrected it (`transcript` is then the
    # corrected one, which everything else was scored from), and the corrections made, oldest
    # first: {"start_word", "end_word" (exclusive), "old", "new", "at"}.
    transcript_original: Transcript | None = None
    edits: tuple[dict, ...] = ()

    @property
    def edited(self) -> bool:
        return self.transcript_original is not None

    @property
    def no_speech(self) -> bool:
        return self.transcript.no_speech

    def _signal_entries(self) -> list[dict]:
        """Each signal's result plus its coaching: meaning and why (this role) for all; for a
        miss the teaching line and a Try written for this role and round (mockloop.analysis.
        teach)."""
        from mockloop.analysis.teach import coaching_keys

        return [s.to_dict() | coaching_keys(s, self.role, self.round, self.prompt_text)
                for s in self.analysis.signals]

    def to_dict(self) -> dict:
        lens = self.analysis.lens
        out = {
            "id": self.id,
            "role": self.role,
            "round": self.round,
            "prompt": {"id": self.prompt_id, "text": self.prompt_text},
            "no_speech": self.no_speech,
            "signals": self._signal_entries(),
            "hits": sum(1 for s in self.analysis.signals if s.hit),
            "scored": len(self.analysis.signals),
            "lens": lens.to_dict(),
            "dominant_lens": lens.dominant,
            "expected_lens": lens.expected,
            "off_center": lens.off_center,
            "transcript": self.transcript.to_dict(),
            "delivery": self.analysis.delivery.to_dict(),
            "timings": dict(self.timings),
            "notes": list(self.notes),
        }
        if self.recording is not None:
            out["recording"] = dict(self.recording)
        out["edited"] = self.edited
        if self.transcript_original is not None:
            out["transcript_original"] = self.transcript_original.to_dict()
            out["edits"] = [dict(e) for e in self.edits]
        return out


# -- exports -----------------------------------------------------------------------------


def _clock(seconds: float, sep: str) -> str:
    ms = round(max(seconds, 0.0) * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _mmss(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    m, s = divmod(round(seconds), 60)
    return f"{m}:{s:02d}"


def _cues(data: dict) -> list[tuple[float, float, str]]:
    """Subtitle cues: about one line of speech each, from the word timings."""
    words = [w for w in data["transcript"]["words"] if w.get("start") is not None]
    cues: list[tuple[float, float, str]] = []
    cur: list[dict] = []
    for w in words:
        if cur and (
            len(cur) >= 12 or w["start"] - cur[-1]["end"] > 1.0 or w["end"] - cur[0]["start"] > 6.0
        ):
            cues.append((cur[0]["start"], cur[-1]["end"], " ".join(x["word"].strip() for x in cur)))
            cur = []
        cur.append(w)
    if cur:
        cues.append((cur[0]["start"], cur[-1]["end"], " ".join(x["word"].strip() for x in cur)))
    return cues


def to_srt(data: dict) -> str:
    cues = _cues(data)
    if not cues:
        return ""
    return "\n".join(
        f"{i}\n{_clock(a, ',')} --> {_clock(b, ',')}\n{text}\n"
        for i, (a, b, text) in enumerate(cues, 1)
    )


def to_vtt(data: dict) -> str:
    body = "\n".join(
        f"{_clock(a, '.')} --> {_clock(b, '.')}\n{text}\n" for a, b, text in _cues(data)
    )
    note = ""
    if data.get("edited"):
        note = (f"NOTE Transcript corrected by hand ({_corrections(data)}); "
                "the recognised original is kept in the history.\n\n")
    return "WEBVTT\n\n" + note + body


def _corrections(data: dict) -> str:
    n = len(data.get("edits") or [])
    return f"{n} correction{'s' if n != 1 else ''}"


def to_markdown(
    data: dict,
    signal_names: dict[str, str] | None = None,
    suggestions: dict[str, str] | None = None,
) -> str:
    """A readable debrief: checklist, lens, delivery, transcript."""
    names = signal_names or {}
    tips = suggestions or {}
    d = data["delivery"]
    lines = [f"# {data['role']} · {data['round']}", ""]
    prompt = (data.get("prompt") or {}).get("text")
    if prompt:
        lines += [f"> {prompt}", ""]
    if data.get("no_speech"):
        lines += ["**No speech was found in this recording.**", ""]
    lines += [f"## Signals ({data.get('hits', 0)}/{data.get('scored', 0)} hit)", ""]
    for s in data["signals"]:
        name = names.get(s["id"], s["id"])
        if s["hit"]:
            at = f" ({_mmss(s['start'])})" if s.get("start") is not None else ""
            lines.append(f"- [x] **{name}**{at}: “{s['evidence']}”")
        else:
            tip = s.get("try") or tips.get(s["id"])
            lines.append(f"- [ ] **{name}**" + (f" — try: {tip}" if tip else ""))
            named = s.get("named")
            if named and named.get("evidence"):
                at = f" ({_mmss(named['start'])})" if named.get("start") is not None else ""
                lines.append(f"  - {s.get('teach') or 'Named, not done'}{at}: "
                             f"“{named['evidence']}”")
        if s.get("meaning"):
            why = f" Why it matters here: {s['why']}" if s.get("why") else ""
            lines.append(f"  - _{s['meaning']}{why}_")
    lens = data["lens"]
    lines += ["", "## Where the words went", ""]
    lines.append(" · ".join(f"{k} {round(100 * lens[k])}%" for k in ("product", "model", "system")))
    if data.get("off_center"):
        lines.append(
            f"\n**Off-center:** most words went to {data['dominant_lens']}, "
            f"this round listens for {data.get('expected_lens')}."
        )
    lines += ["", "## Delivery", ""]
    lines.append(
        f"- Time: {_mmss(d['duration_s'])} of {_mmss(d['target_s'])}"
        + (f" ({d['time_status'].replace('_', ' ')})" if d.get("time_status") else "")
    )
    if d.get("wpm") is not None:
        lines.append(f"- Pace: {d['wpm']:.0f} words per minute")
    f = d["fillers"]
    by = ", ".join(f"{k} ×{v}" for k, v in sorted(f["by_word"].items(), key=lambda kv: -kv[1]))
    rate = f" ({f['per_minute']:.1f}/min)" if f.get("per_minute") is not None else ""
    lines.append(f"- Fillers: {f['total']}{rate}" + (f": {by}" if by else ""))
    if d.get("long_pauses"):
        lines.append(
            "- Long pauses: "
            + ", ".join(
                f"{_mmss(p['start'])} ({p['end'] - p['start']:.1f} s)" for p in d["long_pauses"]
            )
        )
    iw = d.get("i_we") or {}
    if iw.get("i_share") is not None:
        lines.append(f"- I vs we: {iw['i']} / {iw['we']} ({round(100 * iw['i_share'])}% I)")
    lines += ["", "## Transcript", ""]
    if data.get("edited"):
        lines += [f"_Corrected by hand ({_corrections(data)}); scored from the corrected text. "
                  "The recognised original is kept._", ""]
    lines += [data["transcript"]["text"] or "_(empty)_", ""]
    return "\n".join(lines)
