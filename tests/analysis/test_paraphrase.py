"""Signals said in other words still hit: phrase families, not keywords. (The single-signal
paraphrases are examples in resources/analysis/signals/*.toml, checked by test_rule_examples.)"""

from __future__ import annotations

from .helpers import signal


def test_spoken_asr_text_without_punctuation_hits():
    text = ("um so basically we had like six weeks before the launch and uh i decided to drop "
            "the reranker and use the cheaper model which cost us about two points of recall "
            "and after launch the p95 went down from like eight hundred to three hundred ms")
    for sid in ("constraint", "ownership", "tradeoff", "fallout"):
        assert signal(text, sid).hit, sid
