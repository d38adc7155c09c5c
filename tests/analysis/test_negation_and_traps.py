"""Negated statements and keyword-only mentions are misses; the negator must govern the phrase."""

from __future__ import annotations

import pytest

from .helpers import signal

NEGATED = [
    ("fallback", "we never had a fallback for the ranking service"),
    ("fallback", "there was no fallback, if the model was down the page was just blank"),
    ("monitoring", "there was no monitoring on the model at all"),
    ("monitoring", "i never set up alerts on the error rate for that service"),
    ("label_leakage", "i didn't check for leakage in the features before training"),
    ("testability", "we shipped it without any unit tests"),
    ("caching", "we don't cache the results and there is no ttl anywhere"),
    ("offline_online_gap", "we never ran an a/b test, the offline numbers looked fine"),
    ("human_review", "nobody reviews the outputs, no human review at all"),
    ("retraining", "we didn't retrain it every week or on any trigger"),
]

KEYWORD_ONLY = [
    ("tradeoff", "tradeoffs matter a lot in engineering and this project had many"),
    ("monitoring", "monitoring is important"),
    ("edge_cases", "i'd think about edge cases"),
    ("complexity", "complexity is something we should keep in mind"),
    ("exact_range", "i'm hoping for something competitive with the market"),
    ("ownership", "my manager decided we should migrate and the team built it"),
    ("rejection_criterion", "would i reject it? not really, it seems fine to me"),
    ("escalation_path", "escalation paths are a must for any assistant"),
    ("backpressure", "backpressure is definitely a consideration here"),
    ("label_leakage", "leakage is always something to watch for"),
    ("generalization", "generalization is really important for models"),
    ("failure_mode", "there are lots of failure modes, like any system"),
    ("restraint", "we could maybe add escalation later"),
    ("caching", "i'd add a cache in redis and we'll figure out invalidation later"),
    ("scale_under_load", "the cloud autoscales so load isn't something i'd worry about"),
    ("testability", "testing is important, i'd write tests at some point"),
]


@pytest.mark.parametrize(("signal_id", "text"), NEGATED)
def test_negated_statement_is_a_miss(signal_id, text):
    result = signal(text, signal_id)
    assert not result.hit, result
    assert result.evidence is None and result.start is None


@pytest.mark.parametrize(("signal_id", "text"), KEYWORD_ONLY)
def test_naming_the_thing_without_doing_it_is_a_miss(signal_id, text):
    assert not signal(text, signal_id).hit


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
