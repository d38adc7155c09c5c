"""A second set of answers in other words: one hit and traps per signal, written fresh."""

from __future__ import annotations

import pytest

from .helpers import signal

HITS = [
 ("tradeoff","we picked eventual consistency, which means a user might see a stale count for a "
             "few seconds"),
 ("tradeoff","we traded some accuracy for a model that runs on the phone"),
 ("constraint","legal wouldn't let us send customer data to a third party api"),
 ("constraint","we only had two engineers and a quarter to do it"),
 ("fallout","the migration cut our p99 from two seconds to four hundred milliseconds"),
 ("fallout","as a result support tickets about login dropped by half"),
 ("ownership","i wrote the rfc and pushed for the change in the architecture review"),
 ("failure_mode","the risk is that the embeddings go stale after the catalogue changes"),
 ("failure_mode","the model could hallucinate a refund policy that doesn't exist"),
 ("fallback","if the llm call fails we show the top three faq articles instead"),
 ("fallback","when the feature store is unavailable we serve the model with default values"),
 ("restraint","i wouldn't build a custom model in v1, a prompt on an existing model is enough"),
 ("sequencing","i'd do the data pipeline first since everything else depends on it, then the "
               "model"),
 ("monitoring","we'd page the on-call if the error rate goes above two percent for five minutes"),
 ("monitoring","each week we'd sample a hundred predictions and check them by hand, and track "
               "drift in the input distribution"),
 ("rejection_criterion","if the false positive rate is above one percent in the shadow run i'd "
                        "reject it"),
 ("user_failure_path","when the assistant gets it wrong the customer sees the source document "
                      "and a report button"),
 ("escalation_path","low-confidence answers are passed to a human reviewer before they're sent"),
 ("product_model_split","model quality and the user experience are two separate problems; the ux "
                        "has to be safe even when the model is wrong"),
 ("usefulness_metric","i'd track the percentage of drafts that agents send with few edits"),
 ("eval_gates","no prompt change ships unless it passes the regression suite of five hundred "
               "cases"),
 ("latency_cost","the budget is one second to first token and two cents per conversation"),
 ("human_review","before launch a group of domain experts reviews two hundred outputs"),
 ("vague_or_stale_input","if retrieval returns nothing relevant the bot says it doesn't know "
                         "instead of guessing"),
 ("data_quality","i'd look at the label distribution and check how many rows have missing values"),
 ("label_leakage","the refund flag is set after the chargeback, so it would leak the label and "
                  "has to go"),
 ("offline_online_gap","offline gains don't always show up online, so we'd run an a/b test on "
                       "conversion"),
 ("train_serve_skew","we'd use the same feature code for training and serving to avoid skew"),
 ("retraining","we'd retrain monthly and the candidate has to beat the current model on last "
               "month's data"),
 ("generalization","split by time, train on the first ten months and test on the last two"),
 ("edge_cases","what if the input list is empty or has negative numbers"),
 ("complexity","this runs in o of n time and o of one extra space"),
 ("simple_first","start with a naive solution and optimize only if it's too slow"),
 ("testability","i'd write unit tests for the parser with a few malformed inputs"),
 ("readability","i'll split this into small functions with descriptive names"),
 ("scale_under_load","at ten thousand requests per second a single database won't keep up, so "
                     "we'd shard"),
 ("backpressure","consumers pull from a bounded queue and producers get rejected when it's full"),
 ("api_shape","the endpoint takes a user id and returns a list of recommendations with scores"),
 ("storage","i'd keep the events in cassandra because it handles high write throughput"),
 ("caching","put a cache in front with a ttl of sixty seconds and invalidate on update"),
 ("failure_recovery","if a node dies, a replica takes over through automatic failover"),
 ("invariants","the invariant is that an order is charged exactly once"),
 ("exact_range","i'm looking for two hundred to two thirty base"),
 ("comp_components","i'd want to understand the split between salary, rsus and the signing bonus"),
 ("scope_match","the role is scoped like a staff position so i'd expect the level to match"),
]
MISSES = [
 ("tradeoff","there's always a tradeoff, right"),
 ("fallback","we didn't have any fallback plan"),
 ("monitoring","we'd definitely monitor it"),
 ("edge_cases","edge cases are important"),
 ("escalation_path","we never escalate to humans, it's fully automated"),
 ("caching","caching always helps"),
 ("retraining","we'd retrain it regularly"),
 ("eval_gates","we'd test it a lot"),
 ("human_review","no one reviews anything before it ships"),
 ("rejection_criterion","i wouldn't reject it, it's fine"),
 ("complexity","it should be fast enough"),
 ("exact_range","something competitive"),
 ("ownership","the team decided to migrate"),
 ("label_leakage","we'd avoid leakage"),
 ("api_shape","we'd need an api"),
 ("storage","there would be a database"),
 ("human_review","human in the loop would be nice"),
 ("data_quality","data quality is key"),
]


@pytest.mark.parametrize(("signal_id", "text"), HITS)
def test_said_another_way_still_hits(signal_id, text):
    assert signal(text, signal_id).hit, (signal_id, text)


@pytest.mark.parametrize(("signal_id", "text"), MISSES)
def test_vague_or_denied_is_a_miss(signal_id, text):
    assert not signal(text, signal_id).hit, (signal_id, text)
