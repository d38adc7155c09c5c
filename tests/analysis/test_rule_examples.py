"""Every phrase family's own examples hit its signal and its near misses do not.

The examples and near misses live next to the rules, in resources/analysis/signals/<signal>.toml
(`examples = [...]`, `near_misses = [...]` of each family). An example must hit the signal and be
explained by its family or an earlier one of the same signal (families are tried in order, so an
earlier family may take it first); a near miss must not hit the signal at all.
"""

from __future__ import annotations

import pytest

from mockloop.analysis.families import (
    families_for,
    family_hits,
    raw_families,
    rule_file,
    signal_ids,
)
from mockloop.analysis.units import split_units
from mockloop.transcript import Transcript

from .helpers import signal


def _cases(key: str) -> list:
    return [pytest.param(sid, k, raw["name"], phrase, id=f"{sid}-{k + 1}-{n + 1}")
            for sid in signal_ids() for k, raw in enumerate(raw_families(sid))
            for n, phrase in enumerate(raw.get(key, ()))]


def _firing(signal_id: str, text: str) -> list[tuple[int, str]]:
    """(family index, the unit's text) of every family of the signal that fires on the text."""
    _, units = split_units(Transcript.from_text(text))
    out = []
    for fam in families_for(signal_id):
        for i in range(len(units)):
            if family_hits(fam, units, i) is not None:
                out.append((fam.index, units[i].text))
                break
    return out


def _where(signal_id: str, k: int, name: str) -> str:
    return f"resources/analysis/{rule_file(signal_id)}, family {k + 1} {name!r}"


@pytest.mark.parametrize(("signal_id", "k", "name", "text"), _cases("examples"))
def test_example_hits_its_signal_through_its_family(signal_id, k, name, text):
    result = signal(text, signal_id)
    assert result.hit, f"{_where(signal_id, k, name)}: example {text!r} misses {signal_id}"
    fired = _firing(signal_id, text)
    first = min(i for i, _ in fired)
    fams = families_for(signal_id)
    assert first <= k, (
        f"{_where(signal_id, k, name)}: example {text!r} hits {signal_id} only through later "
        f"family {first + 1} {fams[first].name!r}, not this one")


@pytest.mark.parametrize(("signal_id", "k", "name", "text"), _cases("near_misses"))
def test_near_miss_does_not_hit_its_signal(signal_id, k, name, text):
    result = signal(text, signal_id)
    if result.hit:
        fams = families_for(signal_id)
        how = "; ".join(f"family {i + 1} {fams[i].name!r} on {unit!r}"
                        for i, unit in _firing(signal_id, text))
        pytest.fail(f"{_where(signal_id, k, name)}: near miss {text!r} hits {signal_id}: {how}")


def test_every_family_has_an_example():
    bare = [_where(sid, k, raw["name"]) for sid in signal_ids()
            for k, raw in enumerate(raw_families(sid)) if not raw.get("examples")]
    assert not bare, "families without examples:\n" + "\n".join(bare)
