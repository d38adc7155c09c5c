"""The round report: one value holding everything a round produced, and its exports.

`RoundReport.to_dict()` is the JSON object of the command-line contract, committed in this
repository as docs/report.schema.json (checked by tests/test_report_contract.py; the keys come
from the project's cli spec); Markdown, SRT and VTT exports are built from the same value.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from mockloop.analysis.results import Analysis, SignalResult
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
    # The coaching keys ("meaning", "why", "teach", "try", ...) each signal entry carried,
    # when the report was read back from JSON (`from_dict`): a saved report says what it said
    # then. None: they come from the rubric's coaching now (mockloop.analysis.teach).
    coaching: tuple[dict, ...] | None = None

    @property
    def edited(self) -> bool:
        return self.transcript_original is not None

    @property
    def no_speech(self) -> bool:
        return self.transcript.no_speech

    def signal_coaching(self) -> list[dict]:
        """Each signal's coaching keys, in signal order: meaning and why (this role) for all;
        for a miss the teaching line and a Try written for this role and round (mockloop.
        analysis.teach), or those a saved report carried."""
        if self.coaching is not None:
            return [dict(c) for c in self.coaching]
        from mockloop.analysis.teach import coaching_keys

        return [coaching_keys(s, self.role, self.round, self.prompt_text)
                for s in self.analysis.signals]

    def _signal_entries(self) -> list[dict]:
        """Each signal's result plus its coaching."""
        return [s.to_dict() | c for s, c in zip(self.analysis.signals, self.signal_coaching(),
                                                 strict=True)]

    @classmethod
    def from_dict(cls, data: dict) -> RoundReport:
        """A report back from its `to_dict()` form (a saved report, or `analyze --json`
        output), so that `RoundReport.from_dict(r.to_dict()).to_dict() == r.to_dict()`.

        docs/report.schema.json is the contract; keys an older report lacks take their
        defaults (no hedges, checkpoints or corrections...). What JSON does not keep stays
        lost: recogniser segments and word probabilities, and the phrase family a signal
        matched where its coaching's "why" replaced it."""
        prompt = _obj(data.get("prompt"))
        delivery = _obj(data.get("delivery"))
        duration = delivery.get("duration_s")
        duration_s = duration if isinstance(duration, int | float) else None
        transcript = Transcript.from_dict(_obj(data.get("transcript")), duration_s=duration_s)
        if isinstance(data.get("no_speech"), bool):  # as analysed, not guessed from the words
            transcript = replace(transcript, no_speech=data["no_speech"])
        original = data.get("transcript_original")
        signals = [s for s in data.get("signals") or [] if isinstance(s, dict)]
        base = set(SignalResult("", False).to_dict())
        recording = data.get("recording")
        return cls(
            role=str(data.get("role") or ""),
            round=str(data.get("round") or ""),
            transcript=transcript,
            analysis=Analysis.from_dict(data),
            prompt_id=_str(prompt.get("id")),
            prompt_text=_str(prompt.get("text")),
            timings=dict(_obj(data.get("timings"))),
            recording=dict(recording) if isinstance(recording, dict) else None,
            id=data["id"] if isinstance(data.get("id"), int) else None,
            notes=tuple(str(n) for n in data.get("notes") or []),
            transcript_original=(Transcript.from_dict(original, duration_s=duration_s)
                                 if isinstance(original, dict) else None),
            edits=(tuple(dict(e) for e in data.get("edits") or [] if isinstance(e, dict))
                   if isinstance(original, dict) else ()),
            coaching=tuple({k: v for k, v in s.items() if k not in base} for s in signals),
        )

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
    data: dict | RoundReport,
    signal_names: dict[str, str] | None = None,
    suggestions: dict[str, str] | None = None,
    heading: str | None = None,
) -> str:
    """A readable debrief: checklist, lens, delivery, transcript. The delivery lines are the
    window's own (mockloop.debrief_lines). `heading`: the role and round by their names (the
    ids when not given)."""
    from mockloop.debrief_lines import delivery_rows

    report = data if isinstance(data, RoundReport) else RoundReport.from_dict(data)
    names = signal_names or {}
    tips = suggestions or {}
    lines = [f"# {heading or f'{report.role} · {report.round}'}", ""]
    if report.prompt_text:
        lines += [f"> {report.prompt_text}", ""]
    if report.no_speech:
        lines += ["**No speech was found in this recording.**", ""]
    signals = report.analysis.signals
    hits = sum(1 for s in signals if s.hit)
    lines += [f"## Signals ({hits}/{len(signals)} hit)", ""]
    for s, coach in zip(signals, report.signal_coaching(), strict=True):
        name = names.get(s.id, s.id)
        if s.hit:
            at = f" ({_mmss(s.start)})" if s.start is not None else ""
            lines.append(f"- [x] **{name}**{at}: “{s.evidence}”")
        else:
            tip = coach.get("try") or tips.get(s.id)
            lines.append(f"- [ ] **{name}**" + (f" — try: {tip}" if tip else ""))
            if s.named_evidence:
                at = f" ({_mmss(s.named_start)})" if s.named_start is not None else ""
                lines.append(f"  - {coach.get('teach') or 'Named, not done'}{at}: "
                             f"“{s.named_evidence}”")
        if coach.get("meaning"):
            why = coach.get("why", s.why)
            why_text = f" Why it matters here: {why}" if why else ""
            lines.append(f"  - _{coach['meaning']}{why_text}_")
    lens = report.analysis.lens
    shares = lens.to_dict()
    lines += ["", "## Where the words went", ""]
    lines.append(" · ".join(f"{k} {round(100 * shares[k])}%"
                            for k in ("product", "model", "system")))
    if lens.off_center:
        lines.append(
            f"\n**Off-center:** most words went to {lens.dominant}, "
            f"this round listens for {lens.expected}."
        )
    lines += ["", "## Delivery", ""]
    lines += [f"- {row.label}: {row.value}" for row in delivery_rows(report)]
    lines += ["", "## Transcript", ""]
    if report.edited:
        lines += [f"_Corrected by hand ({_plural(len(report.edits))}); scored from the "
                  "corrected text. The recognised original is kept._", ""]
    lines += [report.transcript.text or "_(empty)_", ""]
    return "\n".join(lines)


def _plural(n: int) -> str:
    return f"{n} correction{'s' if n != 1 else ''}"


def _obj(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None
