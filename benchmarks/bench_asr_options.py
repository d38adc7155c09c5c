"""Prototype: re-read low-confidence spans after Stop, and what it buys (prints one table).

Takes each answer's transcript as speech_matrix.py makes it (same voice, condition, settings,
vocabulary and cache), finds the words the recogniser was unsure of (word probability below
`--threshold`), and decodes again the stretch of speech between two pauses of 0.1 s or more
(Silero VAD) that holds each of them, grown by whole neighbouring stretches up to `--limit` s
(a stretch longer than that is skipped), so that no window cuts a word, with a
wider beam (`--reread-beam`) and/or a longer context (`--reread-context` words of the text
before the window). The window's words are replaced only when the re-read is more confident
(mean log word probability higher by `--margin`). Then the answers are analysed as usual.

Printed per row: WER, micro precision / recall / F1, lens, the first pass's real-time factor,
and the re-read's cost: windows per answer, share replaced, compute seconds per answer (mean
and max; this is what the wait after Stop grows by if every re-read waits for Stop) and the
same for windows in the answer's last piece only (the part that cannot be done while the
user is still speaking); cpu s: process CPU seconds of the re-reads per answer (all threads;
less sensitive to the other sessions' load than the wall-clock figures); skip: unsure words
per answer in a stretch longer than --limit.

    python benchmarks/bench_asr_options.py --set natural-a --sample 30 \
        --rows piper:clean piper:phone --reread-beam 8 --reread-context 120

Finding (benchmarks/results/asr-options.txt, 2026-12-06): it does not pay. Each window costs a
whole decode (the encoder always reads 30 s), 9-13 CPU s per answer at beam 8, for one hit on
phone-band speech in 10 answers and no WER gain; so it stays a prototype.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_signals as ev
import speech_matrix as sm

from mockloop.asr import DecodeSettings, SpeechModel
from mockloop.asr.audio_input import SAMPLE_RATE, load_file
from mockloop.asr.cuts import raw_speech, split_stream
from mockloop.transcript import Segment, Transcript


def mean_logp(words) -> float:
    return sum(math.log(max(w.probability or 0.0, 1e-4)) for w in words) / len(words)


def windows_for(segment: Segment, threshold: float, regions: list[tuple[float, float]],
                limit_s: float) -> tuple[list[tuple[float, float]], int]:
    """Windows of audio to re-read for the unsure words of `segment`: the stretch of speech
    between two pauses (VAD `regions`, seconds, sorted) that holds the word, grown by whole
    neighbouring stretches while it stays within `limit_s`, so that no window cuts a word.
    A word in a stretch longer than `limit_s` is skipped. Returns (windows, skipped)."""
    spans: list[tuple[float, float]] = []
    skipped = 0
    for w in segment.words:
        if w.probability is None or w.probability >= threshold or not regions:
            continue
        mid = (w.start + w.end) / 2
        i = min(range(len(regions)), key=lambda k: 0 if regions[k][0] <= mid <= regions[k][1]
                else min(abs(mid - regions[k][0]), abs(mid - regions[k][1])))
        if regions[i][1] - regions[i][0] > limit_s:
            skipped += 1
            continue
        lo, hi = i, i
        while True:
            grow = [(regions[j][1] - regions[lo][0] if j > hi else regions[hi][1] - regions[j][0],
                     j) for j in (lo - 1, hi + 1) if 0 <= j < len(regions)]
            grow = [g for g in grow if g[0] <= limit_s]
            if not grow:
                break
            j = min(grow)[1]
            lo, hi = min(lo, j), max(hi, j)
        span = (regions[lo][0], regions[hi][1])
        if spans and span[0] < spans[-1][1]:  # overlaps the last window: join them
            span = (spans.pop()[0], max(span[1], spans[-1][1] if spans else span[1]))
        spans.append(span)
    return spans, skipped


class Reread(ev.SpeechRoundTrip):
    """SpeechRoundTrip whose transcripts get the re-read of unsure spans."""

    def __init__(self, *a, reread: DecodeSettings, threshold: float, margin: float,
                 limit_s: float, pad_s: float, **kw) -> None:
        super().__init__(*a, **kw)
        self.reread = reread
        self.threshold, self.margin = threshold, margin
        self.limit_s, self.pad_s = limit_s, pad_s
        self._rr_model: SpeechModel | None = None
        self.cpu = 0.0  # process CPU seconds of the re-reads (all threads)
        self.debug = False
        self.skipped = 0  # unsure words in a stretch of speech longer than limit_s
        self.per_answer: list[tuple[int, int, float, float]] = []  # windows, replaced, s, last s

    def transcript(self, text, vocabulary=(), round_id=None):
        tr, _ = super().transcript(text, vocabulary, round_id)
        if self.vocabulary_override is not None and round_id is not None:
            vocabulary = tuple(self.vocabulary_override.get(round_id, ()))
        if self._rr_model is None:
            self._rr_model = SpeechModel(settings=self.reread).load()
        with tempfile.TemporaryDirectory() as tmp:
            wav = ev.synthesise(text, Path(tmp) / "answer.wav", voice=self.voice,
                                condition=self.condition, audio_cache=self.audio_cache)
            samples = load_file(wav)
        first = self.settings or DecodeSettings()
        # Pauses of 0.1 s, not the cuts' 0.3 s: stretches short enough to re-read.
        regions = [(a / SAMPLE_RATE, b / SAMPLE_RATE) for a, b in
                   raw_speech(samples, dataclasses.replace(first, vad_min_silence_ms=100))]
        last_start = list(split_stream(samples, first))[-1][0] / SAMPLE_RATE
        n_win = n_rep = 0
        cost = last_cost = 0.0
        # Over the whole answer (a window may cross the edge of a decoded segment).
        words = [w for seg in tr.segments for w in seg.words]
        wins, skipped = windows_for(Segment("", None, None, tuple(words)), self.threshold,
                                    regions, self.limit_s)
        self.skipped += skipped
        for lo, hi in wins:
            inside = [w for w in words if lo <= (w.start + w.end) / 2 <= hi]
            if not inside:
                continue
            a = max(0, int((lo - self.pad_s) * SAMPLE_RATE))
            b = min(samples.size, int((hi + self.pad_s) * SAMPLE_RATE))
            piece = samples[a:b]
            prior = [w.word for w in words if (w.start + w.end) / 2 < lo]
            t0, c0 = time.perf_counter(), time.process_time()
            speech = [(s / SAMPLE_RATE, e / SAMPLE_RATE)
                      for s, e in raw_speech(piece, self.reread)]
            got = self._rr_model._decode(piece, 0.0, a / SAMPLE_RATE, speech,
                                         " ".join(prior), vocabulary)
            dt = time.perf_counter() - t0
            self.cpu += time.process_time() - c0
            new = [w for seg in got for w in seg.words]
            if self.debug:
                print(f"  [{lo:.1f}-{hi:.1f}] {dt:.2f} s wall {len(inside)} words "
                      f"{mean_logp(inside):.2f} {' '.join(w.word for w in inside)!r} -> "
                      f"{mean_logp(new) if new else 0:.2f} "
                      f"{' '.join(w.word for w in new)!r}", file=sys.stderr)
            n_win += 1
            cost += dt
            if lo >= last_start:
                last_cost += dt
            if new and mean_logp(new) > mean_logp(inside) + self.margin:
                n_rep += 1
                keep = [w for w in words if w not in inside]
                words = sorted(keep + new, key=lambda w: (w.start, w.end))
        new_segments = [Segment(" ".join(w.word for w in words), tr.segments[0].start,
                                tr.segments[-1].end, tuple(words))] if words else []
        self.per_answer.append((n_win, n_rep, cost, last_cost))
        out = Transcript.from_segments(new_segments, duration_s=tr.duration_s)
        out.extra.update(tr.extra)
        return out, out.text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="natural-a", dest="set_name",
                    choices=[s for s in sorted(ev.SETS) if s not in ev.NEVER_TUNED])
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--rows", nargs="+", default=["piper:clean", "piper:phone"])
    ap.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                    help="first-pass DecodeSettings override (as speech_matrix.py)")
    ap.add_argument("--vocabulary", choices=("rubric", "none", "full"), default="rubric")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--margin", type=float, default=0.0)
    ap.add_argument("--reread-beam", type=int, default=8)
    ap.add_argument("--reread-context", type=int, default=120)
    ap.add_argument("--limit", type=float, default=6.0, help="longest window, seconds")
    ap.add_argument("--pad", type=float, default=0.15, help="audio padding, seconds")
    ap.add_argument("--debug", action="store_true", help="print every window")
    ap.add_argument("--cache-dir", type=Path, default=ev.DEFAULT_CACHE)
    args = ap.parse_args(argv)

    first = sm.make_settings("after", args.option)
    reread = dataclasses.replace(first, beam_size=args.reread_beam,
                                 context_words=args.reread_context)
    override = {"none": {}, "rubric": None}.get(args.vocabulary) if args.vocabulary != "full" \
        else sm._full_vocabulary()
    items = ev.select(ev.load_set(args.set_name), sample=args.sample)
    print(f"set: {args.set_name}   answers: {len(items)}   vocabulary: {args.vocabulary}   "
          f"first pass: {' '.join(args.option) or 'defaults'}   re-read: beam "
          f"{args.reread_beam}, context {args.reread_context} words, words p < "
          f"{args.threshold}, windows <= {args.limit} s, margin {args.margin}")
    head = (f"{'voice':<8}{'condition':<10}{'WER':>7}{'prec':>7}{'rec':>7}{'F1':>7}{'lens':>7}"
            f"{'RTF':>7}{'win/ans':>8}{'repl':>6}{'s/ans':>7}{'max s':>7}{'last s':>7}"
            f"{'last max':>9}{'cpu s':>7}{'skip':>6}")
    print(head + "\n" + "-" * len(head), flush=True)
    for spec in args.rows:
        voice, _, condition = spec.partition(":")
        speech = Reread(args.cache_dir, voice=voice, condition=condition or "clean",
                        settings=first, vocabulary_override=override, reread=reread,
                        threshold=args.threshold, margin=args.margin, limit_s=args.limit,
                        pad_s=args.pad)
        speech.debug = args.debug
        rep = ev.evaluate(items, set_name=args.set_name, speech=speech)
        pa = speech.per_answer
        n = len(pa)
        wins = sum(p[0] for p in pa)
        m = rep.micro
        print(f"{voice:<8}{condition:<10}{rep.wer:>7.3f}{m.precision:>7.3f}{m.recall:>7.3f}"
              f"{m.f1:>7.3f}{rep.lens_accuracy:>7.3f}{rep.rtf:>7.3f}{wins / n:>8.1f}"
              f"{sum(p[1] for p in pa) / max(wins, 1):>6.2f}{sum(p[2] for p in pa) / n:>7.2f}"
              f"{max(p[2] for p in pa):>7.2f}{sum(p[3] for p in pa) / n:>7.2f}"
              f"{max(p[3] for p in pa):>9.2f}{speech.cpu / n:>7.2f}{speech.skipped / n:>6.1f}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
