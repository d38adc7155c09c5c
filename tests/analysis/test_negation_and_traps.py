"""The negator must govern the phrase: a "not" elsewhere keeps the hit, a deliberate "not" is
restraint. (Negated and keyword-only phrases are near misses in the signals/*.toml rules.)"""

from __future__ import annotations

from .helpers import signal


def test_a_not_in_the_condition_does_not_cancel_the_fallback():
    result = signal("if the model is not confident we fall back to plain keyword search",
                    "fallback")
    assert result.hit
    assert "fall back" in result.evidence


def test_a_not_in_the_condition_with_a_comma_does_not_cancel_the_fallback():
    text = "If the ranking service isn't available, the feed shows posts in time order instead."
    assert signal(text, "fallback").hit


def test_contrastive_not_after_the_phrase_keeps_the_hit():
    text = "anything about refunds goes straight to a human agent, not the bot"
    assert signal(text, "escalation_path").hit


def test_no_before_a_distant_noun_does_not_negate_a_later_verb():
    text = "questions about no heat or gas leaks go straight to the on call engineer"
    assert signal(text, "escalation_path").hit


def test_dont_think_i_need_to_is_a_denial():
    assert not signal("i don't think i need to test it, it's pretty standard", "testability").hit


def test_deliberate_not_is_restraint_not_a_negation():
    text = "i would not start with the biggest model; one narrow workflow first"
    assert signal(text, "restraint").hit


def test_a_not_in_an_earlier_run_on_clause_does_not_veto_a_later_one():
    # Raw recogniser style: no commas, no "and" or "so" between the two clauses.
    for text in (
        "um the old search was not great honestly the app falls back to the keyword results "
        "when the model times out",
        "we did not have much time the model falls back to the rules engine if it is down",
        "i don't think the first version was great the app falls back to keyword search when "
        "the model times out",
    ):
        assert signal(text, "fallback").hit, text


def test_a_not_on_the_verb_still_denies_its_object_in_a_run_on_unit():
    for text in (
        "we did not add a fallback",
        "we did not add the retry queue fallback",
        "i don't think the app falls back to anything",
        "we did not make the app fall back to search",
    ):
        assert not signal(text, "fallback").hit, text
    assert not signal("we did not add the latency alerts", "monitoring").hit


BUZZWORD_TRAPS = (
    "we need to avoid label leakage",
    "the model should generalize well",
    "we will have a human in the loop",
    "we want good offline and online metrics",
    "there should be an escalation path",
    "um yeah so we'd obviously want to avoid like label leakage and stuff",
    "we should think about what the user sees when the model is wrong",
    "we need to test it",
    "keep it simple",
    "so yeah we'd start simple and see",
)


def test_buzzword_traps_hit_nothing_in_any_round():
    from mockloop.analysis import analyze
    from mockloop.rubric import get_rubric
    from mockloop.transcript import Transcript

    rubric = get_rubric()
    hits = []
    for text in BUZZWORD_TRAPS:
        for round_id in rubric.rounds:
            for role_id in rubric.roles:
                analysis = analyze(Transcript.from_text(text), rubric.round(round_id),
                                   rubric.role(role_id))
                hits += [(text, round_id, role_id, s.id) for s in analysis.signals if s.hit]
    assert not hits, hits


def test_a_new_it_clause_is_out_of_reach_of_the_negator_before_it():
    text = ("questions about doses are never answered by the bot it sends them to the pharmacist "
            "on duty")
    assert signal(text, "escalation_path").hit
    for text in ("we never hand it to a person", "it never goes to a person",
                 "we did not send it to a human reviewer"):
        assert not signal(text, "escalation_path").hit, text


def test_a_contraction_typed_without_its_apostrophe_still_negates():
    # "didnt" reads as "did not": the same denial as "didn't"
    from mockloop.analysis.text import tokenize

    assert [t.text for t in tokenize(["we", "didnt", "set", "it", "up"])] == [
        "we", "did", "not", "set", "it", "up"]
    assert signal("we didnt have a fallback for that", "fallback").hit == signal(
        "we didn't have a fallback for that", "fallback").hit


def test_words_that_only_look_like_bare_contractions_are_kept():
    from mockloop.analysis.text import tokenize

    assert [t.text for t in tokenize(["the", "user", "id", "well", "its"])] == [
        "the", "user", "id", "well", "its"]


def test_a_not_inside_the_clause_a_cost_introduces_keeps_the_hit():
    text = "we shard it sixteen ways and the cost is that eviction isn't exact lru anymore"
    assert signal(text, "tradeoff").hit
