"""Seconds from Stop to the finished transcript, simulated at many Stop points (prints a table).

Replays how IncrementalTranscriber would have cut the answer live (it looks for a pause every
0.5 s of new audio), times the decode of every live piece with the real model, and for a
Stop every `--step` seconds adds up: the rest of the piece the worker is busy with, plus the
decode of whatever audio is left. Run: .venv/bin/python benchmarks/bench_stop.py
"""

from __future__ import annotations

import argparse
import ast
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_asr import build

from mockloop.asr import DecodeSettings, SpeechModel
from mockloop.asr.cuts import find_cut

SR = 16000
CHECK = SR // 2


def live_pieces(audio: np.ndarray, settings: DecodeSettings) -> list[tuple[int, int, float]]:
    """(start, end, seconds into the recording when the cut was found) for each live piece."""
    pieces, start = [], 0
    for n in range(CHECK, audio.size + 1, CHECK):
        while (cut := find_cut(audio[start:n], settings)) is not None:
            pieces.append((start, start + cut, n / SR))
            start += cut
    return pieces


def timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def simulate(model: SpeechModel, audio: np.ndarray, step: float) -> list[float]:
    pieces = live_pieces(audio, model.settings)
    worker_free, context, timeline = 0.0, "", []
    for start, end, found in pieces:  # the worker decodes pieces one after another
        d, segs = timed(lambda s=start, e=end, c=context: model.transcribe_piece(
            audio[s:e], offset_s=s / SR, context=c))
        begin = max(found, worker_free)
        worker_free = begin + d
        timeline.append((start, end, begin, worker_free))
        context = " ".join([context, *(s.text for s in segs)])
    latencies = []
    for stop in np.arange(step, audio.size / SR + 1e-9, step):
        done_to, wait = 0, 0.0
        for _start, end, begin, finish in timeline:
            if begin < stop:  # started before Stop: finish() waits for it
                done_to, wait = end, max(wait, finish - stop)
        rest = audio[done_to:int(stop * SR)]
        d, _ = timed(lambda r=rest, o=done_to: model.transcribe(r, offset_s=o / SR))
        latencies.append(max(0.0, wait) + d)
    return latencies


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--step", type=float, default=2.5)
    ap.add_argument("--min-piece", type=float, nargs="+", default=[5.0, 8.0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                    help="override one DecodeSettings field (Python literal; repeatable)")
    args = ap.parse_args()
    options = {k: ast.literal_eval(v) for k, _, v in (o.partition("=") for o in args.option)}
    with tempfile.TemporaryDirectory() as tmp:
        audio, _ = build(Path(tmp), 1)
    print(f"answer {audio.size / SR:.1f} s; a Stop every {args.step} s; {args.threads} threads"
          + (f"; {' '.join(args.option)}" if args.option else "") + "\n")
    print(f"{'min piece s':>11} {'stops':>5} {'median s':>8} {'p90 s':>6} {'max s':>6}")
    for mp in args.min_piece:
        model = SpeechModel(cpu_threads=args.threads, settings=DecodeSettings(min_piece_s=mp,
                                                                         **options))
        model.load().warm_up()
        lat = simulate(model, audio, args.step)
        print(f"{mp:11g} {len(lat):5d} {np.median(lat):8.2f} {np.percentile(lat, 90):6.2f} "
              f"{max(lat):6.2f}")
    print("\nlatency = rest of the worker's current piece + decoding what is left after Stop "
          "(analysis and saving come on top, in milliseconds).")


if __name__ == "__main__":
    main()
