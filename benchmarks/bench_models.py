"""Every speech model available on this computer: speed on N cores, peak memory, live or not.

For each model the catalog lists (built-in, chosen folder, downloaded, Hugging Face cache), a
child process loads it with N CPU threads (default 2) and decodes live-length pieces (5 s, the
live transcriber's shortest) of espeak-ng speech with the app's decode settings, after one
warm-up decode. Printed per model: load time, RTF (decode seconds per second of audio, mean
over the pieces), the worst piece's RTF, peak resident memory of the child (MB), and whether
live keeps up (RTF <= catalog.LIVE_RTF_LIMIT). Nothing is downloaded.

Quality (WER on the speech benchmarks, signal F1) comes from a colleague's speech benchmarks:
pass `--quality module:function`; the function gets (model_path) and returns a dict of extra
columns (e.g. {"wer": 0.12, "f1": 0.91}), printed after the speed columns.

Run: .venv/bin/python benchmarks/bench_models.py [--threads 2] [--pieces 4] [--json]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

TEXT = ("For the fraud model I would start from the business goal, which is to stop bad "
        "transactions without blocking good customers. The labels arrive late, so I would "
        "train on transactions that are at least sixty days old, and I would compare against "
        "a simple rules baseline before shipping anything. Then I would watch precision at "
        "the top of the review queue every week.")


def child(model_path: str, audio_path: str, threads: int, pieces: int) -> None:
    """In the child: load, warm up, time the pieces; print one JSON line."""
    import numpy as np
    from faster_whisper import WhisperModel

    from mockloop.asr.settings import DecodeSettings
    from mockloop.audio import load_audio

    settings = DecodeSettings()
    n = int(settings.min_piece_s * 16000)
    audio = load_audio(audio_path)
    chunks = [audio[i:i + n] for i in range(0, audio.size - n + 1, n)][:pieces]
    t0 = time.perf_counter()
    model = WhisperModel(model_path, device="cpu", compute_type="int8", cpu_threads=threads,
                         local_files_only=True)
    load_s = time.perf_counter() - t0
    kwargs = settings.decode_kwargs(settings.prompt)

    def decode(piece: np.ndarray) -> float:
        t = time.perf_counter()
        list(model.transcribe(piece, **kwargs)[0])
        return time.perf_counter() - t

    decode(chunks[0])
    rtfs = [decode(c) / (c.size / 16000) for c in chunks]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"load_s": load_s, "rtf": sum(rtfs) / len(rtfs), "worst_rtf": max(rtfs),
                      "peak_mb": peak_mb}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--pieces", type=int, default=4)
    ap.add_argument("--quality", metavar="MODULE:FUNCTION", help="hook for WER/F1 columns")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]), int(args.child[3]))
        return

    from support.speech import synth

    from mockloop.asr.catalog import LIVE_RTF_LIMIT, list_models
    from mockloop.settings import load_settings

    quality = None
    if args.quality:
        module, _, func = args.quality.partition(":")
        quality = getattr(importlib.import_module(module), func)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        audio = synth(TEXT, Path(tmp) / "answer.wav")
        for entry in list_models(load_settings().model_dir, with_speed=False):
            env = {**os.environ, "OMP_NUM_THREADS": str(args.threads)}
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(entry.path), str(audio),
                 str(args.threads), str(args.pieces)],
                capture_output=True, text=True, env=env, check=False)
            if out.returncode != 0:
                print(f"{entry.name}: failed: {out.stderr.strip().splitlines()[-1:]}",
                      file=sys.stderr)
                continue
            got = json.loads(out.stdout.strip().splitlines()[-1])
            row = {"name": entry.name, "source": entry.source,
                   "size_mb": round(entry.size_bytes / 1e6), **got,
                   "keeps_up_live": got["rtf"] <= LIVE_RTF_LIMIT}
            if quality is not None:
                row.update(quality(entry.path))
            rows.append(row)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{args.threads} threads, {args.pieces} pieces of 5 s; live keeps up at RTF <= "
          f"{LIVE_RTF_LIMIT:g}")
    print(f"{'model':22} {'source':10} {'MB':>5} {'load s':>7} {'RTF':>6} {'worst':>6} "
          f"{'peak MB':>8}  live")
    for r in rows:
        extra = "  ".join(f"{k}={v}" for k, v in r.items() if k not in {
            "name", "source", "size_mb", "load_s", "rtf", "worst_rtf", "peak_mb",
            "keeps_up_live"})
        print(f"{r['name']:22} {r['source']:10} {r['size_mb']:5} {r['load_s']:7.2f} "
              f"{r['rtf']:6.2f} {r['worst_rtf']:6.2f} {r['peak_mb']:8.0f}  "
              f"{'yes' if r['keeps_up_live'] else 'no'}  {extra}")


if __name__ == "__main__":
    main()
