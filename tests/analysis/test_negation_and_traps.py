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
