"""The shipped rubric matches shared/spec/rubric.md: ids, signal lists, loops, prompts, timing."""

from __future__ import annotations

import re

import pytest

from mockloop.errors import NotFoundError
from mockloop.rubric import LENSES, get_rubric, load_rubric

# Copied from the spec tables: the contract the analysis, CLI and UI rely on.
SPEC_ROUNDS = {
    "story-90": (90, "role", ["tradeoff", "constraint", "fallout", "ownership"]),
    "coding": (480, "system", ["edge_cases", "complexity", "simple_first", "testability",
                               "readability", "scale_under_load", "tradeoff"]),
    "system-design": (600, "system", ["api_shape", "storage", "caching", "scale_under_load",
                                      "failure_recovery", "backpressure", "invariants",
                                      "tradeoff", "restraint"]),
    "ml-design": (600, "model", ["data_quality", "label_leakage", "offline_online_gap",
                                 "train_serve_skew", "monitoring", "retraining",
                                 "generalization", "failure_mode", "fallback"]),
    "ai-design": (600, "product", ["user_failure_path", "fallback", "escalation_path",
                                   "product_model_split", "usefulness_metric", "eval_gates",
                                   "latency_cost", "human_review", "vague_or_stale_input",
                                   "restraint", "sequencing"]),
    "failure-followup": (120, "role", ["failure_mode", "rejection_criterion", "monitoring",
                                       "fallback"]),
    "comp-anchor": (60, None, ["exact_range", "comp_components", "scope_match"]),
}
SPEC_ROLES = {
    "ai-engineer": ("AI Engineer", "product",
                    ("story-90", "ai-design", "failure-followup", "coding")),
    "mle": ("ML Engineer", "model", ("story-90", "ml-design", "failure-followup", "coding")),
    "swe": ("Software Engineer", "system",
            ("story-90", "coding", "system-design", "failure-followup")),
}
SPEC_SIGNAL_GROUPS = {
    "shared": {"tradeoff", "constraint", "fallout", "ownership", "failure_mode", "fallback",
               "restraint", "sequencing", "monitoring", "rejection_criterion"},
    "ai-engineer": {"user_failure_path", "escalation_path", "product_model_split",
                    "usefulness_metric", "eval_gates", "latency_cost", "human_review",
                    "vague_or_stale_input"},
    "mle": {"data_quality", "label_leakage", "offline_online_gap", "train_serve_skew",
            "retraining", "generalization"},
    "swe": {"edge_cases", "complexity", "simple_first", "testability", "readability",
            "scale_under_load", "backpressure", "api_shape", "storage", "caching",
            "failure_recovery", "invariants"},
    "comp": {"exact_range", "comp_components", "scope_match"},
}


@pytest.fixture(scope="module")
def rubric():
    return load_rubric(None)


def test_rounds_have_the_spec_ids_lengths_lenses_and_signal_lists_in_order(rubric):
    assert list(rubric.rounds) == list(SPEC_ROUNDS)
    for round_id, (length, lens, signals) in SPEC_ROUNDS.items():
        rnd = rubric.round(round_id)
        assert (rnd.length_s, rnd.expected_lens, list(rnd.signals)) == (length, lens, signals)
        assert rnd.title and rnd.summary and rnd.builtin


def test_roles_have_their_lens_and_default_loop(rubric):
    assert set(rubric.roles) == set(SPEC_ROLES)
    for role_id, (name, lens, loop) in SPEC_ROLES.items():
        role = rubric.role(role_id)
        assert (role.name, role.lens, role.loop) == (name, lens, loop)
        assert role.blurb
        assert [r.id for r in rubric.loop(role_id)] == list(loop)


def test_lenses_and_every_signal_with_its_group(rubric):
    assert tuple(rubric.lenses) == LENSES
    groups: dict[str, set[str]] = {}
    for sig in rubric.signals.values():
        groups.setdefault(sig.group, set()).add(sig.id)
    assert groups == SPEC_SIGNAL_GROUPS


def test_role_lens_round_follows_the_role(rubric):
    story = rubric.round("story-90")
    assert [story.lens_for(rubric.role(r)) for r in ("ai-engineer", "mle", "swe")] == [
        "product", "model", "system"]
    assert rubric.round("comp-anchor").lens_for(rubric.role("swe")) is None


@pytest.mark.parametrize("signal_id", sorted(set().union(*SPEC_SIGNAL_GROUPS.values())))
def test_signal_text_is_shaped_for_the_checklist(rubric, signal_id):
    sig = rubric.signal(signal_id)
    assert 2 <= len(sig.name.split()) <= 4, sig.name
    assert sig.description.endswith(".") and sig.description.count(". ") == 0
    # Shown after a miss: first person and at most two sentences.
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", sig.suggestion) if s]
    assert 1 <= len(sentences) <= 2, sig.suggestion
    assert re.search(r"\b(I|I'd|I'll|I'm|we|my|our|us)\b", sig.suggestion, re.IGNORECASE)


def test_every_round_ships_at_least_three_distinct_prompts_with_stable_ids(rubric):
    all_ids = []
    for rnd in rubric.rounds.values():
        assert len(rnd.prompts) >= 3
        for p in rnd.prompts:
            assert re.fullmatch(rf"{re.escape(rnd.id)}/[a-z0-9][a-z0-9_-]*", p.id)
            assert p.text.endswith(("?", ".")) and p.title and p.builtin
        all_ids += [p.id for p in rnd.prompts]
        assert len({p.text for p in rnd.prompts}) == len(rnd.prompts)
    assert len(all_ids) == len(set(all_ids))


def test_prompts_are_found_by_full_id_or_key_and_unknown_ones_are_refused(rubric):
    story = rubric.round("story-90")
    first = story.prompts[0]
    assert story.prompt(None) is first
    assert story.prompt(first.id) is first and story.prompt(first.key) is first
    with pytest.raises(NotFoundError, match="no prompt 'nope'"):
        story.prompt("nope")


def test_timing_light_is_green_then_amber_then_red_before_the_end(rubric):
    for rnd in rubric.rounds.values():
        assert 0 < rnd.amber_at_s < rnd.red_at_s < rnd.length_s
        assert 0 < rnd.overtime_s <= 60
        assert rnd.light(0) == "green"
        assert rnd.light(rnd.amber_at_s) == "amber"
        assert rnd.light(rnd.red_at_s) == "red"
        assert rnd.light(rnd.length_s) == "over"
    assert rubric.round("story-90").overtime_s <= 20
    assert rubric.round("system-design").overtime_s >= 30


def test_story_checkpoints_follow_the_constraint_tradeoff_fallout_rhythm(rubric):
    by_signal = {s: c.at_s for c in rubric.round("story-90").checkpoints for s in c.signals}
    assert by_signal["constraint"] == pytest.approx(30, abs=5)
    assert by_signal["tradeoff"] == pytest.approx(60, abs=5)
    assert by_signal["fallout"] == pytest.approx(70, abs=2)  # the last 20 s


def test_every_round_has_ordered_checkpoints_that_fit_inside_it(rubric):
    for rnd in rubric.rounds.values():
        times = [c.at_s for c in rnd.checkpoints]
        assert len(times) >= 3 and times == sorted(times)
        assert times[0] > 0 and times[-1] <= rnd.length_s
        expected = [s for c in rnd.checkpoints for s in c.signals]
        assert set(expected) <= set(rnd.signals) and all(c.label for c in rnd.checkpoints)
        assert set(expected) == set(rnd.signals), f"{rnd.id}: a scored signal has no checkpoint"


def test_get_rubric_without_a_user_file_is_the_builtin_rubric():
    rubric = get_rubric()
    assert list(rubric.rounds) == list(SPEC_ROUNDS) and rubric.warnings == ()
    assert get_rubric() is rubric


def test_unknown_round_role_and_signal_give_plain_errors(rubric):
    with pytest.raises(NotFoundError, match="Unknown round 'story-60'"):
        rubric.round("story-60")
    with pytest.raises(NotFoundError, match="Unknown role"):
        rubric.role("pm")
    with pytest.raises(NotFoundError, match="Unknown signal"):
        rubric.signal("charisma")
