#!/usr/bin/env python3
"""How alike two takes are (mockloop.takes.similarity), on real answers: the threshold check.

    PYTHONPATH=src python benchmarks/bench_take_similarity.py [N_REREAD]

1. Different answers: every pair of answers to the same role and round in all labelled sets
   (tests/devset/*.jsonl), typed. None of these is a memorised retake.
2. Re-reads: N dev answers (default 8, spread over rounds and styles) spoken by espeak-ng and
   by Piper (clean, with 15 dB pink noise, and 1.25x faster), transcribed by the built-in
   tiny.en model; each recognised reading against the others (the same script read twice,
   with the recogniser's differences) and against the typed text.
Prints a table; mockloop.takes.MEMORISED_AT must sit between the two.
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from mockloop.takes import MEMORISED_AT, similarity  # noqa: E402

READINGS = (("espeak", "clean"), ("piper", "clean"), ("piper", "noise"), ("piper", "fast"))


def different_answers() -> list[tuple[float, str, str, int]]:
    rows = [json.loads(line) for f in sorted((ROOT / "tests" / "devset").glob("*.jsonl"))
            for line in f.read_text().splitlines()]
    by: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        by.setdefault((r["role"], r["round"]), []).append(r)
    out = []
    for rs in by.values():
        for a, b in itertools.combinations(rs, 2):
            out.append((similarity(a["text"], b["text"]), a["id"], b["id"],
                        min(len(a["text"].split()), len(b["text"].split()))))
    return sorted(out, reverse=True)


def rereads(n: int) -> list[tuple[str, str, str, float]]:
    from support import voices

    from mockloop.asr import SpeechModel
    from mockloop.audio import load_audio

    rows = [json.loads(line) for line in (ROOT / "tests/devset/dev.jsonl").read_text()
            .splitlines()]
    seen, chosen = set(), []
    for r in rows:  # one per (round, style) first, so rounds and styles are spread
        key = (r["round"], r["style"])
        if key not in seen and r["style"] in ("written", "asr"):
            seen.add(key)
            chosen.append(r)
    chosen = chosen[:n]
    model = SpeechModel()
    model.load()
    cache = Path(tempfile.gettempdir()) / "mockloop-bench-voices"
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in chosen:
            heard = {}
            for voice, cond in READINGS:
                wav = Path(tmp) / f"{r['id']}-{voice}-{cond}.wav"
                voices.speak(r["text"], wav, voice=voice, condition=cond, cache_dir=cache)
                heard[f"{voice}/{cond}"] = model.transcribe(load_audio(wav)).text
            for a, b in itertools.combinations(heard, 2):
                out.append((r["id"], a, b, similarity(heard[a], heard[b])))
            for a in heard:
                out.append((r["id"], "typed", a, similarity(r["text"], heard[a])))
            print(f"  read {r['id']} ({r['style']}, {len(r['text'].split())} words)",
                  file=sys.stderr, flush=True)
    return out


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    diff = different_answers()
    long_ = [d for d in diff if d[3] >= 60]
    print(f"Different answers to the same round: {len(diff)} pairs")
    print(f"  highest {diff[0][0]:.3f} ({diff[0][1]} / {diff[0][2]}); "
          f"answers of 60+ words: highest {long_[0][0]:.3f} ({long_[0][1]} / {long_[0][2]})")
    print(f"  pairs at or above MEMORISED_AT {MEMORISED_AT}: "
          f"{sum(d[0] >= MEMORISED_AT for d in diff)}")
    print("  top 5:")
    for s, a, b, w in diff[:5]:
        print(f"    {s:.3f}  {a} / {b}  (shorter {w} words)")
    if n:
        rr = rereads(n)
        heard = [x for x in rr if x[1] != "typed"]
        typed = [x for x in rr if x[1] == "typed"]
        print(f"\nRe-reads ({n} answers, {len(heard)} recognised pairs):")
        print(f"  {'pair':32s} {'min':>6s} {'mean':>6s}")
        for a, b in itertools.combinations([f"{v}/{c}" for v, c in READINGS], 2):
            xs = [x[3] for x in heard if (x[1], x[2]) == (a, b)]
            print(f"  {a + ' vs ' + b:32s} {min(xs):6.3f} {sum(xs) / len(xs):6.3f}")
        for a in [f"{v}/{c}" for v, c in READINGS]:
            xs = [x[3] for x in typed if x[2] == a]
            print(f"  {'typed vs ' + a:32s} {min(xs):6.3f} {sum(xs) / len(xs):6.3f}")
        low = min(heard, key=lambda x: x[3])
        print(f"  lowest recognised pair {low[3]:.3f} ({low[0]}: {low[1]} vs {low[2]}); "
              f"below MEMORISED_AT: {sum(x[3] < MEMORISED_AT for x in heard)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
