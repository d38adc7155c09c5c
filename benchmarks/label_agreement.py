"""How far two people's labels of the same answers agree (before adjudication).

Each (answer, scored signal of its round) pair is one yes/no decision; the lens is one more
decision per answer. Prints raw agreement and Cohen's kappa for the signal decisions, per signal
and overall, and the lens agreement; `--disagreements FILE` writes every differing decision
(id, signal, what each labeller said) for the adjudicator.

    python benchmarks/label_agreement.py tests/devset/natural-a.jsonl labels2.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _read(path: Path) -> dict[str, dict]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out[item["id"]] = item
    return out


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    """Cohen's kappa for two raters' yes/no decisions."""
    n = len(pairs)
    if n == 0:
        return float("nan")
    agree = sum(a == b for a, b in pairs) / n
    p_a = sum(a for a, _ in pairs) / n
    p_b = sum(b for _, b in pairs) / n
    chance = p_a * p_b + (1 - p_a) * (1 - p_b)
    return 1.0 if chance == 1 else (agree - chance) / (1 - chance)


def compare(first: dict[str, dict], second: dict[str, dict]) -> dict:
    from mockloop.rubric import get_rubric

    rubric = get_rubric()
    decisions: list[tuple[bool, bool]] = []
    per_signal: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    differ: list[dict] = []
    lens_same = 0
    missing = sorted(set(first) ^ set(second))
    for item_id, a in first.items():
        b = second.get(item_id)
        if b is None:
            continue
        for signal in rubric.round(a["round"]).signals:
            pair = (signal in a["hits"], signal in b["hits"])
            decisions.append(pair)
            per_signal[signal].append(pair)
            if pair[0] != pair[1]:
                differ.append({"id": item_id, "round": a["round"], "signal": signal,
                               "labeller1": pair[0], "labeller2": pair[1]})
        if a.get("lens") == b.get("lens"):
            lens_same += 1
        else:
            differ.append({"id": item_id, "round": a["round"], "signal": "(lens)",
                           "labeller1": a.get("lens"), "labeller2": b.get("lens")})
    answers = sum(1 for i in first if i in second)
    return {
        "answers": answers,
        "decisions": len(decisions),
        "agreement": sum(x == y for x, y in decisions) / max(1, len(decisions)),
        "kappa": kappa(decisions),
        "lens_agreement": lens_same / max(1, answers),
        "per_signal": {s: {"n": len(p), "agreement": sum(x == y for x, y in p) / len(p),
                           "kappa": kappa(p)} for s, p in sorted(per_signal.items())},
        "disagreements": differ,
        "unmatched_ids": missing,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first", type=Path)
    ap.add_argument("second", type=Path)
    ap.add_argument("--disagreements", type=Path, default=None)
    args = ap.parse_args(argv)
    result = compare(_read(args.first), _read(args.second))
    print(f"answers {result['answers']}   signal decisions {result['decisions']}")
    print(f"signal agreement {result['agreement']:.3f}   Cohen's kappa {result['kappa']:.3f}   "
          f"lens agreement {result['lens_agreement']:.3f}")
    print()
    print(f"{'signal':24} {'n':>4} {'agree':>6} {'kappa':>6}")
    for signal, row in result["per_signal"].items():
        print(f"{signal:24} {row['n']:4d} {row['agreement']:6.2f} {row['kappa']:6.2f}")
    if result["unmatched_ids"]:
        print(f"ids in only one file: {', '.join(result['unmatched_ids'])}")
    if args.disagreements:
        args.disagreements.write_text(
            "".join(json.dumps(d) + "\n" for d in result["disagreements"]), encoding="utf-8")
        print(f"{len(result['disagreements'])} differing decisions written to "
              f"{args.disagreements}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
