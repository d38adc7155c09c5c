"""Well-formedness of the independent sets (unseen.jsonl, fresh-a.jsonl, fresh-b.jsonl) against
shared/spec/rubric.md.

These sets were written without looking at the detector or the dev/held-out sets (unseen is
still never used for tuning; fresh was measured blind once, then used for error analysis).
The Rounds table is hard-coded here on purpose, so the test checks the files against the spec,
not against the app's own rubric data.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

HERE = Path(__file__).parent
# file -> (id pattern, rounds it covers, fewest answers, fewest words in an answer)
FILES = {
    "unseen.jsonl": (r"unseen-\d{3}", None, 75, 40),
    "fresh-a.jsonl": (r"fresh-a-\d{3}", {"story-90", "coding", "system-design", "comp-anchor"},
                      56, 30),
    "fresh-b.jsonl": (r"fresh-b-\d{3}", {"ml-design", "ai-design", "failure-followup",
                                          "comp-anchor"}, 56, 30),
    # Spoken-style answers written blind by two people, each labelled by two people
    # independently and adjudicated (benchmarks/label_agreement.py).
    "natural-a.jsonl": (r"nat-a-\d{3}", None, 80, 40),
    "natural-b.jsonl": (r"nat-b-\d{3}", None, 80, 40),
    # Written later the same way by a third person (labels/README.md).
    "natural-c.jsonl": (r"nat-c-\d{3}", None, 90, 40),
    # Written on 2026-12-06 by two more people the same way (labels/README.md).
    "natural-d.jsonl": (r"nat-d-\d{3}", None, 150, 40),
}

ROLES = {"ai-engineer", "mle", "swe"}
LENSES = {"product", "model", "system"}
STYLES = {"written", "asr", "trap", "spoken"}

# rubric.md, "Rounds" table: round id -> scored signals, in rubric order.
ROUNDS = {
    "story-90": ["tradeoff", "constraint", "fallout", "ownership"],
    "coding": ["edge_cases", "complexity", "simple_first", "testability",
               "readability", "scale_under_load", "tradeoff"],
    "system-design": ["api_shape", "storage", "caching", "scale_under_load",
                      "failure_recovery", "backpressure", "invariants",
                      "tradeoff", "restraint"],
    "ml-design": ["data_quality", "label_leakage", "offline_online_gap",
                  "train_serve_skew", "monitoring", "retraining",
                  "generalization", "failure_mode", "fallback"],
    "ai-design": ["user_failure_path", "fallback", "escalation_path",
                  "product_model_split", "usefulness_metric", "eval_gates",
                  "latency_cost", "human_review", "vague_or_stale_input",
                  "restraint", "sequencing"],
    "failure-followup": ["failure_mode", "rejection_criterion", "monitoring",
                         "fallback"],
    "comp-anchor": ["exact_range", "comp_components", "scope_match"],
}
ALL_SIGNALS = {s for sigs in ROUNDS.values() for s in sigs}
KEYS = {"id", "role", "round", "text", "hits", "lens", "style", "notes"}


def _load(name):
    rows = []
    with (HERE / name).open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append({**json.loads(line), "_file": name})
            except json.JSONDecodeError as e:  # pragma: no cover - failure path
                pytest.fail(f"line {n}: not JSON: {e}")
    return rows


SETS = {name: _load(name) for name in FILES}
ROWS = [r for rows in SETS.values() for r in rows]


@pytest.mark.parametrize("name", list(FILES))
def test_size_and_round_coverage(name):
    rows, (_, rounds, fewest, _) = SETS[name], FILES[name]
    assert len(rows) >= fewest
    per_round = Counter(r["round"] for r in rows)
    assert set(per_round) == (rounds or set(ROUNDS)), per_round
    assert min(per_round.values()) >= 8, per_round


def test_ids_unique_and_well_formed():
    ids = [r["id"] for r in ROWS]
    dupes = [i for i, c in Counter(ids).items() if c > 1]
    assert not dupes, dupes
    bad = [r["id"] for r in ROWS if not re.fullmatch(FILES[r["_file"]][0], r["id"])]
    assert not bad, bad


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.get("id", "?"))
def test_row_matches_spec(row):
    row = {k: v for k, v in row.items() if k != "_file"}
    assert set(row) == KEYS, set(row) ^ KEYS
    assert row["role"] in ROLES
    assert row["round"] in ROUNDS
    assert row["style"] in STYLES
    assert row["lens"] is None or row["lens"] in LENSES
    assert isinstance(row["text"], str)
    words = len(row["text"].split())
    longest = 520 if row["id"].startswith("nat-") else 300  # design rounds run long aloud
    assert FILES_MIN_WORDS[row["id"]] <= words <= longest, words
    assert isinstance(row["notes"], str) and row["notes"].strip()
    hits = row["hits"]
    assert isinstance(hits, list)
    assert len(hits) == len(set(hits)), "duplicate hit"
    unknown = [h for h in hits if h not in ALL_SIGNALS]
    assert not unknown, f"not a rubric signal: {unknown}"
    scored = ROUNDS[row["round"]]
    unscored = [h for h in hits if h not in scored]
    assert not unscored, f"not scored in {row['round']}: {unscored}"
    assert hits == [s for s in scored if s in hits], "hits not in rubric order"


FILES_MIN_WORDS = {r["id"]: FILES[r["_file"]][3] for r in ROWS}


def test_asr_rows_look_like_recogniser_output():
    for r in ROWS:
        if r["style"] == "asr":
            assert r["text"] == r["text"].lower(), r["id"]
            # The fresh sets allow the odd comma a recogniser writes; unseen has none.
            if r["_file"] == "unseen.jsonl":
                assert not re.search(r"[.,;:!?]\s", r["text"]), r["id"]


@pytest.mark.parametrize("name", list(FILES))
def test_every_role_and_lens_is_used(name):
    rows = SETS[name]
    assert {r["role"] for r in rows} == ROLES
    assert {r["lens"] for r in rows} == LENSES | {None}
    styles = {"spoken", "asr"} if name.startswith("natural") else {"written", "asr", "trap"}
    assert Counter(r["style"] for r in rows).keys() == styles
