"""The rule files themselves: one file per signal, short patterns, word lists that expand."""

from __future__ import annotations

import re

from mockloop.analysis.families import (
    Family,
    _read,
    compile_pattern,
    expand,
    families,
    family_hits,
    raw_families,
    rule_file,
    signal_ids,
    vocab,
    words_alternation,
)
from mockloop.analysis.units import split_units
from mockloop.transcript import Transcript

from .helpers import ALL_SIGNALS

# No cue/act/unless pattern is longer than this as written (before macros expand): longer
# alternations go to a [words] list in vocab.toml.
PATTERN_CAP = 600


def test_one_rule_file_per_signal():
    assert set(signal_ids()) == set(ALL_SIGNALS)
    assert all(raw_families(s) for s in ALL_SIGNALS)


def test_no_pattern_is_longer_than_the_cap():
    long = [f"{rule_file(s)}: family {raw['name']!r} {key} {len(p)} chars: {p[:60]}..."
            for s in signal_ids() for raw in raw_families(s)
            for key in ("cue", "act", "unless") for p in raw.get(key, ())
            if len(p) > PATTERN_CAP]
    assert not long, "\n".join(long)


def test_every_macro_expands_and_compiles():
    for fams in families().values():
        for fam in fams:
            fam.acts, fam.unless  # noqa: B018 - compiled on access; raises on a bad macro
    for name in vocab():
        re.compile(expand("{" + name + "}", vocab()))


def test_a_word_list_is_an_alternation_longest_first():
    assert words_alternation(["data", "dataset", "data set", "rows"]) == \
        "data set|dataset|data|rows"
    # a list used in a pattern matches any entry, a longer phrase before a word it starts with
    pattern = re.compile(expand("{FAILURE_HEADERS}", vocab()))
    assert pattern.match("failure mode").group() == "failure mode"


def test_no_word_list_can_match_nothing():
    # An empty entry would make "hand it to {PERSON}" true of "hand it to" with no one named.
    lists = _read("vocab.toml")["words"]
    empty = [name for name in lists
             if re.fullmatch(f"(?:{expand('{' + name + '}', vocab())})", "") is not None]
    assert not empty, f"word lists that match the empty string: {empty}"


def _join_family(neg: bool) -> Family:
    cue = compile_pattern("shard (?:it|the data)", {})
    return Family(signal="restraint", name="test", cues=(cue,), neg=neg, join=1)


def test_neg_false_is_honoured_in_a_join_family():
    # "not shard it" is negated: a join family with neg = true ignores it, one with
    # neg = false (the "not" is the point, as in restraint) fires on it.
    units = split_units(Transcript.from_text("we would not shard it. one box is plenty."))[1]
    assert family_hits(_join_family(neg=True), units, 0) is None
    assert family_hits(_join_family(neg=False), units, 0) == 0
