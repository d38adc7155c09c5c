"""Full-text search over what was said."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_reports import build_report

CACHE = "We put a cache in front of the feature store and retrained the ranker every night."
QUEUE = "The queue applies backpressure when consumers fall behind."


@pytest.fixture
def two_rounds(store):
    cache = store.add_completed(build_report(CACHE), source="text")
    queue = store.add_completed(build_report(QUEUE, role="swe", round_id="system-design"),
                                source="text")
    return store, cache, queue


def test_search_finds_a_word_said_and_highlights_it(two_rounds):
    store, cache, _ = two_rounds
    rows = store.list_rounds(query="backpressure")
    assert [r.round for r in rows] == ["system-design"]
    assert "[backpressure]" in rows[0].snippet
    assert [r.id for r in store.list_rounds(query="FEATURE store")] == [cache]


def test_search_matches_other_forms_of_a_word(two_rounds):
    store, cache, _ = two_rounds
    assert [r.id for r in store.list_rounds(query="retrain")] == [cache]


def test_search_needs_every_word_and_respects_filters(two_rounds):
    store, _, queue = two_rounds
    assert store.list_rounds(query="cache backpressure") == []
    assert store.list_rounds(query="queue", role="mle") == []
    assert [r.id for r in store.list_rounds(query="queue", role="swe")] == [queue]


def test_a_quoted_phrase_must_appear_in_order(two_rounds):
    store, cache, _ = two_rounds
    assert [r.id for r in store.list_rounds(query='"feature store"')] == [cache]
    assert store.list_rounds(query='"store feature"') == []


def test_search_follows_completion_and_deletion(store):
    round_id = store.begin_round(role="mle", round_id="coding", prompt_id=None, prompt_text=None,
                                 audio_path=None, source="mic")
    assert store.list_rounds(query="memoization") == []
    store.complete_round(round_id, build_report("I used memoization to keep it linear."))
    assert [r.id for r in store.list_rounds(query="memoization")] == [round_id]
    store.delete(round_id)
    assert store.list_rounds(query="memoization") == []


@pytest.mark.parametrize("query", [
    'c++ "quote', '"', '""', "AND", "OR NOT", "NEAR(a b)", "*", "^ranker", "cache*", "a:b",
    "(", "-", "café ünïcode", "';DROP TABLE rounds;--", "   ",
])
def test_odd_queries_never_raise(two_rounds, query):
    store, _, _ = two_rounds
    store.list_rounds(query=query)
    assert len(store.list_rounds()) == 2


def test_punctuation_in_a_query_is_ignored_around_words(two_rounds):
    store, cache, _ = two_rounds
    assert [r.id for r in store.list_rounds(query='cache? "ranker')] == [cache]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40))
def test_any_typed_text_is_a_valid_search(two_rounds, query):
    store, _, _ = two_rounds
    assert isinstance(store.list_rounds(query=query), list)
