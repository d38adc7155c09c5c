"""The detector on labelled snippets: one signal at a time, ways of saying it and near misses.

tests/devset/snippets/*.jsonl hold short pieces of spoken answers (1-3 sentences), each written
to DO one signal (label true, kind "do") or to be a near miss a keyword matcher falls for (label
false; kind named / negated / hedged / someone-else / wrong-concern / buzzword), by people who
never saw the rules. Each snippet is analysed as an answer in its round, and only its own
signal is scored: a positive must be ticked, a near miss must not.

    python benchmarks/eval_snippets.py                 # per-signal table
    python benchmarks/eval_snippets.py --errors        # and every snippet it gets wrong
    python benchmarks/eval_snippets.py --signal fallback --errors

It is a tuning resource (the answer sets natural-b, natural-d and unseen stay never tuned on).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SNIPPETS = ROOT / "tests" / "devset" / "snippets"


def load(paths: list[Path] | None = None) -> list[dict]:
    rows = []
    for path in paths or sorted(SNIPPETS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def score(rows: list[dict]) -> list[tuple[dict, bool]]:
    """(snippet, ticked) for every snippet: ticked = its signal hit when analysed alone."""
    from mockloop.analysis import analyze, prepare
    from mockloop.rubric import get_rubric
    from mockloop.transcript import Transcript

    prepare()
    rubric = get_rubric()
    out = []
    for row in rows:
        analysis = analyze(Transcript.from_text(row["text"]), rubric.round(row["round"]),
                           rubric.role(row["role"]))
        hit = next((s.hit for s in analysis.signals if s.id == row["signal"]), False)
        out.append((row, bool(hit)))
    return out


def table(results: list[tuple[dict, bool]]) -> str:
    per: dict[str, Counter] = defaultdict(Counter)
    kinds: Counter = Counter()
    kind_ticked: Counter = Counter()
    for row, ticked in results:
        c = per[row["signal"]]
        if row["label"]:
            c["pos"] += 1
            c["found"] += ticked
        else:
            c["neg"] += 1
            c["ticked"] += ticked
            kinds[row["kind"]] += 1
            kind_ticked[row["kind"]] += ticked
    lines = [f"{'signal':<22} {'found':>9} {'recall':>7} {'false ticks':>12} {'rate':>6}"]
    tot = Counter()
    for sig in sorted(per):
        c = per[sig]
        tot.update(c)
        recall, rate = c["found"] / max(1, c["pos"]), c["ticked"] / max(1, c["neg"])
        lines.append(f"{sig:<22} {c['found']:>4}/{c['pos']:<4} {recall:>7.2f}"
                     f" {c['ticked']:>6}/{c['neg']:<5} {rate:>6.2f}")
    lines.append(f"{'all':<22} {tot['found']:>4}/{tot['pos']:<4} "
                 f"{tot['found'] / max(1, tot['pos']):>7.2f} {tot['ticked']:>6}/{tot['neg']:<5} "
                 f"{tot['ticked'] / max(1, tot['neg']):>6.2f}")
    lines.append("near misses ticked, by kind: " + ", ".join(
        f"{k} {kind_ticked[k]}/{kinds[k]}" for k in sorted(kinds)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--signal", default=None)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args(argv)
    rows = [r for r in load(args.files or None) if args.signal in (None, r["signal"])]
    results = score(rows)
    print(f"snippets: {len(rows)}")
    print(table(results))
    if args.errors:
        for row, ticked in results:
            if ticked != row["label"]:
                what = "MISSED" if row["label"] else f"TICKED ({row['kind']})"
                print(f"\n{what} {row['signal']} [{row['round']}]: {row['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
