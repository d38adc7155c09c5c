"""Quality evaluation of the signal detector against the labelled answer sets.

Runs `mockloop.analysis.analyze()` over tests/devset/dev.jsonl and/or heldout.jsonl and prints,
per scored signal, TP FP FN precision recall F1 and support, then the micro-F1, the weakest
signal, the dominant-lens accuracy and the analysis time per answer.

    python benchmarks/eval_signals.py                  # dev set, typed text
    python benchmarks/eval_signals.py --set both --json out.json
    python benchmarks/eval_signals.py --errors         # every FP/FN with its evidence or text
    python benchmarks/eval_signals.py --speech --limit 20   # espeak-ng -> tiny.en -> analyse

--speech is the spoken round trip: each answer is spoken (--voice espeak|piper|flite, default
espeak), put through a --condition (clean, noise = pink noise at 15 dB SNR, reverb, fast = 1.25x,
phone = 8 kHz 300-3400 Hz band) by tests/support/voices.py, transcribed by
`mockloop.asr.SpeechModel` and then analysed; the table adds the recognition WER. Transcripts are
cached (keyed by a hash of the text, voice, condition, vocabulary and decode settings) so a rerun
only pays for new answers; Piper's audio is cached too. benchmarks/speech_matrix.py runs every
voice x condition row.

The held-out set exists to check that the detector generalises; `--errors` therefore prints
held-out mistakes as ids and signal names only, unless --reveal-heldout is given, so that tuning
against the error list does not quietly turn the held-out set into a second dev set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEVSET_DIR = ROOT / "tests" / "devset"
# unseen.jsonl was written last, by someone who saw neither the other sets nor the rules.
SETS = {"dev": ("dev.jsonl",), "heldout": ("heldout.jsonl",), "unseen": ("unseen.jsonl",),
        "fresh": ("fresh-a.jsonl", "fresh-b.jsonl"),
        "both": ("dev.jsonl", "heldout.jsonl"),
        # natural-a/-b: spoken-style answers written blind by two people, each labelled by
        # two people independently. natural-a may be tuned on after its blind score;
        # natural-b is never tuned on: --errors never shows its text.
        "natural-a": ("natural-a.jsonl",), "natural-b": ("natural-b.jsonl",),
        "natural": ("natural-a.jsonl", "natural-b.jsonl"),
        # natural-c: written later the same way by a third person; scored blind once (0.821),
        # then, from 2026-12-06, tuned on.
        "natural-c": ("natural-c.jsonl",),
        # natural-d: 152 answers written blind by two more people on 2026-12-06; never tuned on.
        "natural-d": ("natural-d.jsonl",)}
# Sets whose mistakes are never printed with their text (never tuned on).
NEVER_TUNED = ("natural-b", "natural-d", "unseen")
DEFAULT_CACHE = ROOT / ".cache" / "eval-speech"
sys.path.insert(0, str(ROOT / "tests"))
from support import voices  # noqa: E402  (the one speech helper: tests/support/voices.py)

LENS_NAMES = ("product", "model", "system")

# The voice settings are part of the cache key: changing them must not reuse old transcripts.
VOICE = "en-us"
VOICE_WPM = 160
CACHE_VERSION = 2


# ----------------------------------------------------------------------------- loading


def load_set(name: str) -> list[dict[str, Any]]:
    """The labelled answers of one set ("dev", "heldout" or "both"), in file order."""
    if name not in SETS:
        raise ValueError(f"unknown set {name!r} (choose from {', '.join(SETS)})")
    items: list[dict[str, Any]] = []
    for filename in SETS[name]:
        path = DEVSET_DIR / filename
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            item = json.loads(line)
            item["_set"] = filename.removesuffix(".jsonl")
            item["_line"] = n
            items.append(item)
    return items


# ----------------------------------------------------------------------------- speech


def _text_key(text: str, vocabulary: tuple[str, ...] = (), *, voice: str = "espeak",
              condition: str = "clean", settings: str = "") -> str:
    # Everything the recogniser is given (the round's vocabulary, the decode settings) and
    # everything that shapes the audio (voice, condition) is part of the key.
    vocab = f"{'|'.join(vocabulary)}|" if vocabulary else ""
    raw = (f"v{CACHE_VERSION}|a{voices.AUDIO_VERSION}|{voice}|{condition}|{VOICE}|{VOICE_WPM}|"
           f"{settings}|{vocab}{text}").encode()
    return hashlib.sha256(raw).hexdigest()[:24]


def settings_fingerprint(settings: Any) -> str:
    """The decode settings as text (for the cache key); "" for None (the defaults)."""
    from dataclasses import asdict

    from mockloop.asr import DecodeSettings

    # Fields at a "nothing" value (False, None, 0, empty) are left out, so that a field added
    # later with an off-by-default value keeps the keys of transcripts made before it existed.
    items = asdict(settings or DecodeSettings()).items()
    return repr(sorted((k, v) for k, v in items if v not in (None, False, 0, (), {}, "")))


def synthesise(text: str, out: Path, *, voice: str = "espeak", condition: str = "clean",
               audio_cache: Path | None = None) -> Path:
    """Speak `text` with `voice` under `condition` into 16 kHz mono WAV at `out`."""
    return voices.speak(text, out, voice=voice, condition=condition, wpm=VOICE_WPM,
                        espeak_voice=VOICE, cache_dir=audio_cache)


def _transcript_to_json(tr: Any) -> dict[str, Any]:
    return {
        "duration_s": tr.duration_s,
        "segments": [
            {"text": s.text, "start": s.start, "end": s.end,
             "words": [[w.word, w.start, w.end, w.probability] for w in s.words]}
            for s in tr.segments
        ],
    }


def _transcript_from_json(data: dict[str, Any]) -> Any:
    from mockloop.transcript import Segment, Transcript, Word

    segments = [
        Segment(text=s["text"], start=s["start"], end=s["end"],
                words=tuple(Word(w[0], w[1], w[2], w[3]) for w in s["words"]))
        for s in data["segments"]
    ]
    return Transcript.from_segments(segments, duration_s=data["duration_s"])


class SpeechRoundTrip:
    """voice -> condition -> SpeechModel, with an on-disk transcript cache.

    `settings` (DecodeSettings, default the app's) and `vocabulary_override` (round id ->
    vocabulary, instead of the rubric's) let benchmarks compare decoders on the same audio.
    """

    def __init__(self, cache_dir: Path, *, voice: str = "espeak", condition: str = "clean",
                 settings: Any = None,
                 vocabulary_override: dict[str, tuple[str, ...]] | None = None) -> None:
        if not voices.have_voice(voice):
            raise SystemExit(f"--speech --voice {voice}: {voices.missing_reason(voice)}.")
        if condition not in voices.CONDITIONS:
            raise SystemExit(f"unknown condition {condition!r}")
        self.voice, self.condition = voice, condition
        self.settings = settings
        self.vocabulary_override = vocabulary_override
        self._fingerprint = settings_fingerprint(settings)
        self.cache_dir = cache_dir
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.audio_cache = cache_dir / "audio"
        self._model = None
        self.hits = 0
        self.misses = 0
        self.asr_seconds = 0.0
        self.audio_seconds = 0.0

    def transcript(self, text: str, vocabulary: tuple[str, ...] = (),
                   round_id: str | None = None) -> tuple[Any, str]:
        """(Transcript, recognised text) for an answer, from the cache when possible.

        `vocabulary` is the round's: the app gives it to the recogniser, and so does this."""
        if self.vocabulary_override is not None and round_id is not None:
            vocabulary = tuple(self.vocabulary_override.get(round_id, ()))
        key = _text_key(text, vocabulary, voice=self.voice, condition=self.condition,
                        settings=self._fingerprint)
        path = self.cache_dir / f"{key}.json"
        if path.is_file():
            self.hits += 1
            data = json.loads(path.read_text(encoding="utf-8"))
            tr = _transcript_from_json(data)
            # Entries cached before asr/respell.py existed: put the round's terms right as the
            # recogniser now does (respelling is a pure function of the words).
            from mockloop.asr.respell import respell
            from mockloop.transcript import Transcript

            tr = Transcript.from_segments(respell(list(tr.segments), vocabulary),
                                          duration_s=tr.duration_s)
            self.asr_seconds += data.get("asr_s", 0.0)
            self.audio_seconds += data.get("duration_s") or 0.0
            return tr, tr.text
        self.misses += 1
        if self._model is None:
            from mockloop.asr import SpeechModel

            self._model = SpeechModel(settings=self.settings).load()
        with tempfile.TemporaryDirectory() as tmp:
            wav = synthesise(text, Path(tmp) / "answer.wav", voice=self.voice,
                             condition=self.condition, audio_cache=self.audio_cache)
            t0 = time.perf_counter()
            tr = self._model.transcribe(wav, vocabulary=vocabulary)
            asr_s = time.perf_counter() - t0
            self.asr_seconds += asr_s
        self.audio_seconds += tr.duration_s or 0.0
        # Write atomically so an interrupted run never leaves a half-written cache entry.
        data = _transcript_to_json(tr)
        data["asr_s"] = round(asr_s, 3)
        tmp_path = path.with_suffix(".tmp")
        tmp_path.write_text(json.dumps(data), encoding="utf-8")
        tmp_path.replace(path)
        return tr, tr.text


# ----------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "support": self.support}


@dataclass
class Mistake:
    kind: str  # "FP", "FN" or "LENS" (dominant lens differs from the label)
    item_id: str
    set_name: str
    round_id: str
    signal: str
    evidence: str | None  # the sentence the detector pointed at (FP)
    text: str  # what was analysed (the recognised text under --speech)
    notes: str


@dataclass
class Report:
    set_name: str
    speech: bool
    n: int = 0
    signals: dict[str, Counts] = field(default_factory=dict)
    rounds: dict[str, Counts] = field(default_factory=dict)
    lens_right: int = 0
    lens_confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    times_ms: list[float] = field(default_factory=list)
    prepare_ms: float = 0.0  # compiling every rule once, as the app does while the model warms
    mistakes: list[Mistake] = field(default_factory=list)
    asr_note: str = ""
    word_errors: int = 0  # speech only: edits between the answer and what was recognised
    ref_words: int = 0
    voice: str = "espeak"
    condition: str = "clean"
    asr_seconds: float = 0.0
    audio_seconds: float = 0.0

    @property
    def wer(self) -> float:
        """Corpus WER (normalised: case, punctuation, numbers as words) over the answers."""
        return self.word_errors / self.ref_words if self.ref_words else 0.0

    @property
    def rtf(self) -> float:
        """Real-time factor of recognition: compute seconds per audio second."""
        return self.asr_seconds / self.audio_seconds if self.audio_seconds else 0.0

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.signals.values():
            total.add(c)
        return total

    @property
    def weakest(self) -> tuple[str | None, float]:
        # A signal with no labelled hit and no predicted hit (possible under --limit/--sample)
        # has no defined F1; it must not be reported as the weakest at 0.00.
        scored = [s for s, c in self.signals.items() if c.tp + c.fp + c.fn]
        if not scored:
            return None, 0.0
        name = min(scored, key=lambda s: (self.signals[s].f1, s))
        return name, self.signals[name].f1

    @property
    def lens_accuracy(self) -> float:
        return self.lens_right / self.n if self.n else 0.0

    def to_dict(self) -> dict[str, Any]:
        weakest, weakest_f1 = self.weakest
        return {
            "set": self.set_name,
            "speech": self.speech,
            "answers": self.n,
            "signals": {s: c.to_dict() for s, c in sorted(self.signals.items())},
            "rounds": {r: c.to_dict() for r, c in sorted(self.rounds.items())},
            "micro": self.micro.to_dict(),
            "min_signal_f1": {"signal": weakest, "f1": round(weakest_f1, 4)},
            "lens_accuracy": round(self.lens_accuracy, 4),
            **({"voice": self.voice, "condition": self.condition, "wer": round(self.wer, 4),
                "rtf": round(self.rtf, 4)} if self.speech else {}),
            "lens_confusion": {f"{a}->{b}": k for (a, b), k in sorted(self.lens_confusion.items())},
            "time_ms": {"mean": round(_mean(self.times_ms), 3),
                        "max": round(max(self.times_ms, default=0.0), 3)},
            "false_positives": sum(m.kind == "FP" for m in self.mistakes),
            "false_negatives": sum(m.kind == "FN" for m in self.mistakes),
            "lens_mistakes": sum(m.kind == "LENS" for m in self.mistakes),
        }


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def evaluate(items: list[dict[str, Any]], *, set_name: str = "dev",
             speech: SpeechRoundTrip | None = None) -> Report:
    """Analyse every answer and count hits and misses against the labels."""
    from mockloop.analysis import analyze, prepare
    from mockloop.rubric import get_rubric
    from mockloop.transcript import Transcript

    t0 = time.perf_counter()
    prepare()
    prepare_ms = (time.perf_counter() - t0) * 1000.0
    rubric = get_rubric()
    report = Report(set_name=set_name, speech=speech is not None, prepare_ms=prepare_ms)
    for item in items:
        round_ = rubric.round(item["round"])
        role = rubric.role(item["role"])
        if speech is None:
            transcript = Transcript.from_text(item["text"])
            analysed_text = item["text"]
        else:
            transcript, analysed_text = speech.transcript(item["text"], round_.vocabulary,
                                                          item["round"])
            ref, hyp = voices.normalise(item["text"]), voices.normalise(analysed_text)
            report.word_errors += voices.edit_distance(ref, hyp)
            report.ref_words += len(ref)

        t0 = time.perf_counter()
        analysis = analyze(transcript, round_, role)
        report.times_ms.append((time.perf_counter() - t0) * 1000.0)
        report.n += 1

        found = {s.id: s for s in analysis.signals}
        labelled = set(item["hits"])
        per_round = report.rounds.setdefault(item["round"], Counts())
        # Score exactly the round's scored signals: a detector reporting extra ids is not
        # rewarded or punished for them.
        for sig in round_.signals:
            result = found.get(sig)
            predicted = bool(result and result.hit)
            truth = sig in labelled
            c = Counts(tp=int(predicted and truth), fp=int(predicted and not truth),
                       fn=int(truth and not predicted), tn=int(not truth and not predicted))
            report.signals.setdefault(sig, Counts()).add(c)
            per_round.add(c)
            if c.fp or c.fn:
                report.mistakes.append(Mistake(
                    kind="FP" if c.fp else "FN", item_id=item["id"], set_name=item["_set"],
                    round_id=item["round"], signal=sig,
                    evidence=result.evidence if result is not None else None,
                    text=analysed_text, notes=item.get("notes", "")))

        want = item.get("lens")
        lens = analysis.lens
        got = lens.dominant
        if got == want:
            report.lens_right += 1
        else:
            # "none" reads better than Python's None in the printed confusion list.
            key = (want or "none", got or "none")
            report.lens_confusion[key] = report.lens_confusion.get(key, 0) + 1
            shares = f"product {lens.product:.2f} model {lens.model:.2f} system {lens.system:.2f}"
            report.mistakes.append(Mistake(
                kind="LENS", item_id=item["id"], set_name=item["_set"], round_id=item["round"],
                signal="(lens)", evidence=f"labelled {key[0]}, detected {key[1]} ({shares})",
                text=analysed_text, notes=item.get("notes", "")))
    if speech is not None:
        report.voice, report.condition = speech.voice, speech.condition
        report.asr_seconds, report.audio_seconds = speech.asr_seconds, speech.audio_seconds
        report.asr_note = (f"speech round trip: {speech.hits} cached, {speech.misses} transcribed "
                           f"({speech.asr_seconds:.0f} s of recognition)")
    return report


# ----------------------------------------------------------------------------- printing


def format_table(report: Report) -> str:
    """The plain-text table (fits in the README)."""
    mode = (f"speech round trip ({report.voice}, {report.condition} -> tiny.en)"
            if report.speech else "typed text")
    lines = [f"set: {report.set_name}   answers: {report.n}   input: {mode}", ""]
    head = f"{'signal':<22}{'TP':>5}{'FP':>5}{'FN':>5}{'prec':>7}{'rec':>7}{'F1':>7}{'supp':>6}"
    lines += [head, "-" * len(head)]
    for sig in sorted(report.signals):
        c = report.signals[sig]
        if not c.tp + c.fp + c.fn:  # nothing labelled, nothing found: no figures to show
            lines.append(f"{sig:<22}{0:>5}{0:>5}{0:>5}{'-':>7}{'-':>7}{'-':>7}{0:>6}")
            continue
        lines.append(f"{sig:<22}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.precision:>7.2f}{c.recall:>7.2f}"
                     f"{c.f1:>7.2f}{c.support:>6}")
    m = report.micro
    lines.append("-" * len(head))
    lines.append(f"{'micro':<22}{m.tp:>5}{m.fp:>5}{m.fn:>5}{m.precision:>7.2f}{m.recall:>7.2f}"
                 f"{m.f1:>7.2f}{m.support:>6}")
    lines.append("")
    lines.append("per round (micro-F1): " + "  ".join(
        f"{r} {c.f1:.2f}" for r, c in sorted(report.rounds.items())))
    name, f1 = report.weakest
    if name is not None:
        lines.append(f"micro-F1: {m.f1:.3f}   lowest signal F1: {f1:.3f} ({name})")
    lines.append(f"dominant-lens accuracy: {report.lens_accuracy:.3f} "
                 f"({report.lens_right}/{report.n})")
    if report.lens_confusion:
        lines.append("lens mistakes (label->detected): " + ", ".join(
            f"{a}->{b} x{k}" for (a, b), k in sorted(report.lens_confusion.items())))
    lines.append(f"analysis time per answer: mean {_mean(report.times_ms):.1f} ms, "
                 f"max {max(report.times_ms, default=0.0):.1f} ms "
                 f"(rules compiled once beforehand: {report.prepare_ms:.0f} ms)")
    if report.speech:
        lines.append(f"recognition WER (normalised): {report.wer:.3f}   "
                     f"real-time factor: {report.rtf:.3f}")
    if report.asr_note:
        lines.append(report.asr_note)
    return "\n".join(lines)


def format_errors(report: Report, *, reveal_heldout: bool = False, width: int = 400) -> str:
    """Every false positive and false negative, grouped by signal."""
    out: list[str] = []
    # Signals in name order, then "(lens)" last.
    for sig in sorted({m.signal for m in report.mistakes}, key=lambda s: (s == "(lens)", s)):
        out.append(f"== {sig}")
        for m in (x for x in report.mistakes if x.signal == sig):
            if m.set_name == "heldout" and not reveal_heldout:
                out.append(f"  {m.kind} {m.item_id} [{m.round_id}] (held-out: text hidden)")
                continue
            if m.set_name in NEVER_TUNED:
                out.append(f"  {m.kind} {m.item_id} [{m.round_id}] (never tuned on: hidden)")
                continue
            if m.kind == "FP":
                shown = m.evidence or "(no evidence sentence given)"
                out.append(f"  FP {m.item_id} [{m.round_id}] evidence: {shown}")
            elif m.kind == "LENS":
                shown = m.text if len(m.text) <= width else m.text[:width] + " ..."
                out.append(f"  LENS {m.item_id} [{m.round_id}] {m.evidence}: {shown}")
            else:
                shown = m.text if len(m.text) <= width else m.text[:width] + " ..."
                out.append(f"  FN {m.item_id} [{m.round_id}] text: {shown}")
            if m.notes:
                out.append(f"     label notes: {m.notes}")
    return "\n".join(out) if out else "no mistakes"


# ----------------------------------------------------------------------------- main


def select(items: list[dict[str, Any]], *, round_id: str | None = None,
           sample: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """The answers to score: one round's, `sample` spread evenly, the first `limit`."""
    if round_id:
        items = [i for i in items if i["round"] == round_id]
    if sample is not None and 0 < sample < len(items):
        # A fixed stride, not random, so two runs with the same N compare the same answers.
        stride = len(items) / sample
        items = [items[int(i * stride)] for i in range(sample)]
    if limit is not None:
        items = items[:limit]
    return items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default="dev", dest="set_name")
    ap.add_argument("--speech", action="store_true",
                    help="speak each answer and transcribe it before analysing")
    ap.add_argument("--voice", choices=voices.VOICES, default="espeak",
                    help="the synthetic voice for --speech (default espeak)")
    ap.add_argument("--condition", choices=voices.CONDITIONS, default="clean",
                    help="what happens to the audio on its way (default clean)")
    ap.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE,
                    help=f"transcript cache for --speech (default {DEFAULT_CACHE})")
    ap.add_argument("--limit", type=int, default=None, help="only the first N answers")
    ap.add_argument("--sample", type=int, default=None,
                    help="N answers spread evenly over the set (every k-th), for a quick "
                         "--speech check that still covers every round")
    ap.add_argument("--round", dest="round_id", default=None, help="only answers of one round")
    ap.add_argument("--errors", action="store_true",
                    help="print every FP and FN, and every answer whose dominant lens is wrong")
    ap.add_argument("--reveal-heldout", action="store_true",
                    help="with --errors, also print the text of held-out mistakes")
    ap.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    args = ap.parse_args(argv)

    items = select(load_set(args.set_name), round_id=args.round_id, sample=args.sample,
                   limit=args.limit)
    if not items:
        print("no answers selected", file=sys.stderr)
        return 2

    speech = (SpeechRoundTrip(args.cache_dir, voice=args.voice, condition=args.condition)
              if args.speech else None)
    report = evaluate(items, set_name=args.set_name, speech=speech)
    print(format_table(report))
    if args.errors:
        print()
        print(format_errors(report, reveal_heldout=args.reveal_heldout))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
