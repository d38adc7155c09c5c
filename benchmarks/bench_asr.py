"""Speed and accuracy of whole-file vs incremental transcription (prints a table).

Speaks a long interview answer with espeak-ng, then (1) transcribes the file at once and
(2) feeds it in 100 ms blocks to IncrementalTranscriber at a chosen pace and measures how long
finish() takes after the last block (the wait the user sees after Stop).
Run: .venv/bin/python benchmarks/bench_asr.py [--pace 1.0] [--repeat 1] [--variants ...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.speech import synth, wer

from mockloop.asr import DecodeSettings, IncrementalTranscriber, SpeechModel

ANSWER = [
    ("For the fraud model I would start from the business goal, which is to stop bad "
    "transactions without blocking good customers."),
    ("The labels arrive late, because a chargeback can take weeks, so I would train on "
    "transactions that are at least sixty days old."),
    ("To avoid label leakage, every feature is computed only from data available at the time "
    "of the transaction."),
    "I would split the data by time, not at random, and keep the last month as a test set.",
    ("The baseline is a gradient boosted tree on simple features such as the amount, the "
    "merchant category and the number of transactions in the last hour."),
    ("For serving, the model runs behind an online feature store with a latency budget of "
    "about fifty milliseconds."),
    ("We monitor the score distribution and the approval rate every day, and we retrain when "
    "drift is detected."),
    ("Finally, I would run a shadow deployment before an A B test, so that we can compare "
    "decisions without affecting customers."),
]
PAUSES_S = [0.6, 1.2, 0.4, 2.5, 0.8, 1.5, 0.5, 0.0]
BLOCK_S = 0.1
NO_TS = {"without_timestamps": True}
VARIANTS = {
    "default": DecodeSettings(),
    "min piece 4 s": DecodeSettings(min_piece_s=4.0),
    "min piece 8 s": DecodeSettings(min_piece_s=8.0),
    "timestamp tokens": DecodeSettings(extra={"without_timestamps": False}),
    "beam 1": DecodeSettings(beam_size=1),
    "context 0 words": DecodeSettings(context_words=0),
}


def build(work: Path, repeat: int) -> tuple[np.ndarray, str]:
    parts, ref = [], []
    for r in range(repeat):
        for i, (line, pause) in enumerate(zip(ANSWER, PAUSES_S, strict=True)):
            wav = synth(line, work / f"{r}-{i}.wav", wpm=165)
            parts += [sf.read(wav, dtype="float32")[0], np.zeros(int(pause * 16000), np.float32)]
            ref.append(line)
    return np.concatenate(parts), " ".join(ref)


def run_incremental(model: SpeechModel, audio: np.ndarray, pace: float) -> dict:
    inc = IncrementalTranscriber(model)
    inc.start()
    block = int(BLOCK_S * 16000)
    t_start = time.perf_counter()
    max_backlog = 0.0
    for i in range(0, audio.size, block):
        inc.feed(audio[i:i + block])
        max_backlog = max(max_backlog, inc.backlog_s)
        if pace > 0:  # hold the pace: block i is due at (i / 16000) / pace
            due = t_start + (i + block) / 16000 / pace
            time.sleep(max(0.0, due - time.perf_counter()))
    backlog = inc.backlog_s
    t0 = time.perf_counter()
    tr = inc.finish()
    finish_s = time.perf_counter() - t0
    inc.close()
    return {"transcript": tr, "finish_s": finish_s, "tail_s": backlog, "pieces": inc.pieces,
            "max_backlog": max_backlog}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pace", type=float, default=1.0,
                    help="feeding speed as a multiple of real time (0 = as fast as possible)")
    ap.add_argument("--repeat", type=int, default=1, help="repeat the answer to make it longer")
    ap.add_argument("--variants", nargs="+", default=["default"], choices=sorted(VARIANTS))
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        audio, ref = build(Path(tmp), args.repeat)
    dur = audio.size / 16000
    print(f"answer: {dur:.1f} s of speech, {len(ref.split())} words; live feed at "
          f"{args.pace}x real time; {args.threads} threads\n")
    print(f"{'settings':18} {'WER file':>8} {'x RT':>5} {'WER live':>8} {'same':>4} "
          f"{'pieces':>6} {'tail s':>6} {'max backlog s':>13} {'finish s':>8}")
    for name in args.variants:
        model = SpeechModel(cpu_threads=args.threads, settings=VARIANTS[name]).load()
        model.warm_up()
        t0 = time.perf_counter()
        whole = model.transcribe(audio)
        whole_s = time.perf_counter() - t0
        r = run_incremental(model, audio, args.pace)
        live = r["transcript"]
        print(f"{name:18} {wer(ref, whole.text):8.3f} {dur / whole_s:5.1f} "
              f"{wer(ref, live.text):8.3f} {'yes' if live.text == whole.text else 'no':>4} "
              f"{r['pieces']:6d} {r['tail_s']:6.1f} {r['max_backlog']:13.1f} "
              f"{r['finish_s']:8.2f}")
    print("\ntail = audio left untranscribed when the last block was fed; finish = seconds "
          "finish() took (the wait after Stop).")


if __name__ == "__main__":
    main()
