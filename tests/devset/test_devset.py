"""The labelled answer sets are well-formed and match the rubric contract.

If these fail, the quality figures printed by benchmarks/eval_signals.py mean nothing: a typo in
a signal id silently turns a labelled hit into a miss, and a held-out answer copied from dev
makes the generalisation check flatter the detector.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FILES = {"dev": HERE / "dev.jsonl", "heldout": HERE / "heldout.jsonl"}

# Hard-coded from shared/spec/rubric.md (Rounds table), deliberately not read from the app's
# rubric: the labels must follow the spec even if the shipped TOML drifts from it.
SPEC_ROUNDS: dict[str, tuple[str, ...]] = {
    "story-90": ("tradeoff", "constraint", "fallout", "ownership"),
    "coding": ("edge_cases", "complexity", "simple_first", "testability", "readability",
               "scale_under_load", "tradeoff"),
    "system-design": ("api_shape", "storage", "caching", "scale_under_load", "failure_recovery",
                      "backpressure", "invariants", "tradeoff", "restraint"),
    "ml-design": ("data_quality", "label_leakage", "offline_online_gap", "train_serve_skew",
                  "monitoring", "retraining", "generalization", "failure_mode", "fallback"),
    "ai-design": ("user_failure_path", "fallback", "escalation_path", "product_model_split",
                  "usefulness_metric", "eval_gates", "latency_cost", "human_review",
                  "vague_or_stale_input", "restraint", "sequencing"),
    "failure-followup": ("failure_mode", "rejection_criterion", "monitoring", "fallback"),
    "comp-anchor": ("exact_range", "comp_components", "scope_match"),
}
SPEC_ROLES = ("ai-engineer", "mle", "swe")
LENSES = ("product", "model", "system", None)
STYLES = ("written", "asr", "trap")
KEYS = {"id", "role", "round", "text", "hits", "lens", "style", "notes"}
MIN_POS = MIN_NEG = 12  # per scored signal, over the whole dev set
MIN_WORDS, MAX_WORDS = 40, 400


def _load(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:  # name the line, not just "invalid JSON"
                pytest.fail(f"{path.name}:{n} is not valid JSON: {exc}")
    return rows


@pytest.fixture(scope="module")
def sets() -> dict[str, list[dict]]:
    return {name: _load(path) for name, path in FILES.items()}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9$.,%'-]+", text.lower())


def test_sets_have_the_promised_size(sets):
    assert len(sets["dev"]) >= 260
    assert len(sets["heldout"]) >= 70


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_row_has_the_fields_and_valid_values(sets, name):
    problems = []
    for row in sets[name]:
        rid = row.get("id", "?")
        if set(row) != KEYS:
            problems.append(f"{rid}: keys {sorted(set(row) ^ KEYS)} wrong")
            continue
        if row["role"] not in SPEC_ROLES:
            problems.append(f"{rid}: unknown role {row['role']!r}")
        if row["round"] not in SPEC_ROUNDS:
            problems.append(f"{rid}: unknown round {row['round']!r}")
            continue
        scored = SPEC_ROUNDS[row["round"]]
        bad = [h for h in row["hits"] if h not in scored]
        if bad:
            problems.append(f"{rid}: {bad} are not scored in {row['round']}")
        if len(set(row["hits"])) != len(row["hits"]):
            problems.append(f"{rid}: repeated hit")
        if row["lens"] not in LENSES:
            problems.append(f"{rid}: lens {row['lens']!r}")
        if row["style"] not in STYLES:
            problems.append(f"{rid}: style {row['style']!r}")
        n_words = len(row["text"].split())
        if not MIN_WORDS <= n_words <= MAX_WORDS:
            problems.append(f"{rid}: {n_words} words")
        if not row["notes"].strip():
            problems.append(f"{rid}: no notes")
    assert not problems, "\n".join(problems)


def test_ids_are_unique_across_both_sets(sets):
    ids = Counter(r["id"] for rows in sets.values() for r in rows)
    assert [i for i, k in ids.items() if k > 1] == []


def test_id_names_its_round_and_role(sets):
    # ids like "mle-mldesign-007" make --errors output readable; a mismatch means a mislabel.
    short_role = {"ai-engineer": "aie", "mle": "mle", "swe": "swe"}
    short_round = {"story-90": "story", "coding": "coding", "system-design": "sysdesign",
                   "ml-design": "mldesign", "ai-design": "aidesign",
                   "failure-followup": "followup", "comp-anchor": "comp"}
    wrong = [r["id"] for rows in sets.values() for r in rows
             if f"{short_role[r['role']]}-{short_round[r['round']]}-" not in r["id"]]
    assert wrong == []


@pytest.mark.parametrize("name", sorted(FILES))
def test_all_rounds_and_roles_are_covered(sets, name):
    rounds = Counter(r["round"] for r in sets[name])
    roles = Counter(r["role"] for r in sets[name])
    assert set(rounds) == set(SPEC_ROUNDS)
    assert set(roles) == set(SPEC_ROLES)
    # Any role may practise any round: at least the design and story rounds are mixed.
    for rnd in ("story-90", "ai-design", "ml-design", "system-design"):
        assert len({r["role"] for r in sets[name] if r["round"] == rnd}) >= 2, rnd


def test_design_rounds_get_more_answers_than_short_rounds(sets):
    rounds = Counter(r["round"] for r in sets["dev"])
    for design in ("ai-design", "ml-design", "system-design"):
        for short in ("story-90", "failure-followup", "comp-anchor"):
            assert rounds[design] > rounds[short], (design, short, rounds)


def test_every_signal_has_enough_positives_and_negatives_in_dev(sets):
    pos: Counter = Counter()
    neg: Counter = Counter()
    for row in sets["dev"]:
        for sig in SPEC_ROUNDS[row["round"]]:
            (pos if sig in row["hits"] else neg)[sig] += 1
    every = {s for sigs in SPEC_ROUNDS.values() for s in sigs}
    short = {s: (pos[s], neg[s]) for s in sorted(every) if pos[s] < MIN_POS or neg[s] < MIN_NEG}
    assert short == {}, f"signal: (positives, negatives) below {MIN_POS}/{MIN_NEG}: {short}"


def test_every_signal_is_seen_in_heldout(sets):
    pos: Counter = Counter()
    for row in sets["heldout"]:
        pos.update(row["hits"])
    every = {s for sigs in SPEC_ROUNDS.values() for s in sigs}
    assert sorted(s for s in every if pos[s] < 2) == []


@pytest.mark.parametrize("name", sorted(FILES))
def test_mix_of_styles_and_lenses(sets, name):
    rows = sets[name]
    styles = Counter(r["style"] for r in rows)
    # Raw recogniser style: lowercase with almost no punctuation, whatever the "style" tag says
    # (traps are often spoken too).
    asr_like = sum(1 for r in rows if r["text"] == r["text"].lower()
                   and r["text"].count(".") + r["text"].count(",") <= 2)
    assert asr_like / len(rows) >= 0.30, asr_like
    assert styles["trap"] / len(rows) >= 0.20, styles
    lenses = Counter(r["lens"] for r in rows)
    assert all(lenses[lens] >= 3 for lens in LENSES), lenses
    # Wrong-lens design answers exist: a design round whose label differs from its usual lens.
    usual = {"system-design": "system", "ml-design": "model", "ai-design": "product"}
    off = [r["id"] for r in rows if r["round"] in usual and r["lens"] != usual[r["round"]]]
    assert len(off) >= 5, off


@pytest.mark.parametrize("name", sorted(FILES))
def test_answers_that_hit_nothing_and_answers_that_hit_a_lot(sets, name):
    counts = [len(r["hits"]) for r in sets[name]]
    assert counts.count(0) >= 5
    assert max(counts) >= 5


def _shingles(text: str, n: int = 6) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def test_no_heldout_answer_copies_a_dev_answer(sets):
    dev_texts = {" ".join(_words(r["text"])) for r in sets["dev"]}
    dev_shingles: set[tuple[str, ...]] = set()
    for r in sets["dev"]:
        dev_shingles |= _shingles(r["text"])
    problems = []
    for r in sets["heldout"]:
        if " ".join(_words(r["text"])) in dev_texts:
            problems.append(f"{r['id']}: identical to a dev answer")
            continue
        sh = _shingles(r["text"])
        shared = len(sh & dev_shingles) / max(1, len(sh))
        # Common six-word phrases ("if the model service is down") are fine; a quarter of the
        # answer's six-word runs also occurring in dev means it was adapted from a dev answer.
        if shared > 0.25:
            problems.append(f"{r['id']}: {shared:.0%} of its 6-word runs also occur in dev")
    assert not problems, "\n".join(problems)


def test_no_dev_answer_is_duplicated_within_dev(sets):
    seen: dict[str, str] = {}
    dupes = []
    for r in sets["dev"]:
        key = " ".join(_words(r["text"]))
        if key in seen:
            dupes.append((seen[key], r["id"]))
        seen[key] = r["id"]
    assert dupes == []


def test_labels_agree_with_the_shipped_rubric():
    rubric_mod = pytest.importorskip("mockloop.rubric")
    rubric = rubric_mod.get_rubric()
    for round_id, signals in SPEC_ROUNDS.items():
        assert set(rubric.round(round_id).signals) == set(signals), round_id
    for role_id in SPEC_ROLES:
        rubric.role(role_id)  # raises NotFoundError for an unknown role
    for sig in {s for sigs in SPEC_ROUNDS.values() for s in sigs}:
        assert sig in rubric.signals, sig
