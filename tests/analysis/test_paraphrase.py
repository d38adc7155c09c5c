"""Signals said in other words still hit: phrase families, not keywords."""

from __future__ import annotations

import pytest

from .helpers import signal

PARAPHRASES = [
    ("train_serve_skew",
     "the feature was computed differently in the batch job than in the service"),
    ("train_serve_skew",
     "the nightly job used utc days while the online path used the user's local day"),
    ("escalation_path", "if it's about a medical dose we'd hand it to a person"),
    ("escalation_path", "anything the model is unsure about gets routed to a support agent"),
    ("user_failure_path",
     "if it's wrong the user sees the draft with a warning and can undo it in one click"),
    ("user_failure_path", "when the summary is wrong the customer acts on a wrong number"),
    ("tradeoff", "we went with postgres over kafka and gave up some throughput headroom"),
    ("tradeoff", "it made reads slower but writes got much cheaper"),
    ("tradeoff", "i'm okay paying that extra memory since lookups stay constant"),
    ("fallback", "when the recommender times out the page shows the most popular items"),
    ("label_leakage", "the status field gets filled in after the claim is resolved so it's out"),
    ("label_leakage", "every feature is computed as of the prediction date"),
    ("offline_online_gap", "offline auc won't tell us how people react so we'd run a canary"),
    ("monitoring", "i'd chart the override rate per day and alert if it doubles"),
    ("retraining", "retrain weekly and only promote the new model if it beats the current one"),
    ("generalization", "i'd hold out the last two months and evaluate per region"),
    ("complexity", "that's n log n for the sort and linear space"),
    ("complexity", "lookups are constant time with the hash map"),
    ("edge_cases", "edge cases: an empty list, duplicate keys and a negative count"),
    ("simple_first", "i'll do the brute force first and only optimise if profiling shows it"),
    ("readability", "i'll pull the parsing into a small helper with a clear name"),
    ("testability", "for testing i'd compare against the brute force on random inputs"),
    ("exact_range", "base of one eighty to two ten"),
    ("exact_range", "I'm targeting $180,000-$210,000 base"),
    ("comp_components", "one ninety base plus equity and a sign-on bonus"),
    ("scope_match", "the title is senior but the scope is leading 3 teams so the level must match"),
    ("ownership", "i made the call to drop the second retrieval pass"),
    ("constraint", "we had six weeks before the renewal and a latency budget of 200 ms"),
    ("fallout", "after launch p99 latency went from 900 ms to 250 ms"),
    ("api_shape", "POST /orders with the cart id returns an order id or a 409"),
    ("storage", "i'd store sessions in redis because every read is by key"),
    ("caching", "cache profiles with a five minute ttl and invalidate on write"),
    ("invariants", "a seat must never be sold twice"),
    ("backpressure", "when the queue fills up we return 429 and shed the lowest priority work"),
    ("failure_recovery", "retries carry an idempotency key so a retried charge can't double"),
    ("scale_under_load", "if traffic grows ten x the single writer becomes the bottleneck"),
    ("eval_gates", "we only roll out when at least ninety percent of the test set passes"),
    ("latency_cost", "each answer has to cost under a cent and start within a second"),
    ("human_review", "a nurse reviews a random sample of fifty conversations every week"),
    ("vague_or_stale_input", "if the question is vague it asks which account they mean"),
    ("product_model_split", "i'd separate product risk from model risk and fix them differently"),
    ("usefulness_metric", "useful means the share of tickets resolved without an agent grows"),
    ("sequencing", "first the undo button, because it protects users, then prompt quality"),
    ("rejection_criterion", "i'd reject it if p99 goes above 300 ms in the load test"),
    ("failure_mode", "the way this breaks is the upstream feed silently stops updating"),
    ("data_quality", "i'd check for duplicates and missing values in the labels first"),
]


@pytest.mark.parametrize(("signal_id", "text"), PARAPHRASES)
def test_paraphrase_hits(signal_id, text):
    result = signal(text, signal_id)
    assert result.hit, (signal_id, text)
    assert result.why  # the phrase family that matched is named


def test_spoken_asr_text_without_punctuation_hits():
    text = ("um so basically we had like six weeks before the launch and uh i decided to drop "
            "the reranker and use the cheaper model which cost us about two points of recall "
            "and after launch the p95 went down from like eight hundred to three hundred ms")
    for sid in ("constraint", "ownership", "tradeoff", "fallout"):
        assert signal(text, sid).hit, sid
