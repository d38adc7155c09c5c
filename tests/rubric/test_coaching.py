"""coaching.toml: loaded and checked through the rubric package; every Try example is tagged
with its round and roles and is only ever served there."""

from __future__ import annotations

import copy
import re
import tomllib

import pytest

from mockloop.analysis.teach import pick_try
from mockloop.errors import RubricError
from mockloop.rubric import get_coaching
from mockloop.rubric.builtin import builtin_rubric
from mockloop.rubric.coaching import build_coaching, read_coaching_text

# Words that mark an example as being about models or AI features.
AI_ML = re.compile(r"\b(model|models|llm|retrieval|prompt|prompts|embedding|embeddings|"
                   r"assistant|ranker|ranking model|training|labelled|labels?|eval set|"
                   r"golden set|fine-tun\w*|hallucinat\w*|ai)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def raw():
    return tomllib.loads(read_coaching_text())


def test_every_signal_has_a_meaning_why_for_each_role_and_naming_words():
    rubric = builtin_rubric()
    coaching = get_coaching()
    assert set(coaching.signals) == set(rubric.signals)
    for sid, c in coaching.signals.items():
        assert c.meaning and c.names and "{word}" in c.named
        assert set(c.why) == set(rubric.roles), sid


def test_every_round_role_and_signal_is_served_only_examples_tagged_for_it():
    rubric = builtin_rubric()
    coaching = get_coaching()
    for rnd in rubric.rounds.values():
        for role in rubric.roles:
            for sid in rnd.signals:
                served = {pick_try(sid, role, rnd.id, p.text).text for p in rnd.prompts}
                served.add(pick_try(sid, role, rnd.id, None).text)
                allowed = {t.text: t for t in coaching.get(sid).tries}
                for text in served:
                    example = allowed[text]
                    assert example.round == rnd.id and role in example.roles, (rnd.id, role, sid)


def test_several_examples_per_signal_and_round_where_the_round_is_practised():
    coaching = get_coaching()
    thin = [(sid, rnd.id, role) for rnd in builtin_rubric().rounds.values()
            for sid in rnd.signals for role in ("ai-engineer", "mle", "swe")
            if len(coaching.get(sid).examples(rnd.id, role)) < 2
            and rnd.id != "comp-anchor"]
    assert thin == []


def test_a_software_engineer_outside_ml_and_ai_design_is_never_served_an_ai_or_ml_example():
    coaching = get_coaching()
    for rnd in builtin_rubric().rounds.values():
        if rnd.id in ("ml-design", "ai-design"):
            continue  # those rounds are about models whoever practises them
        for sid in rnd.signals:
            for t in coaching.get(sid).examples(rnd.id, "swe"):
                assert not AI_ML.search(t.text), (rnd.id, sid, t.text)


def test_coding_round_examples_are_about_code_not_models():
    coaching = get_coaching()
    for sid in builtin_rubric().round("coding").signals:
        for role in ("ai-engineer", "mle", "swe"):
            for t in coaching.get(sid).examples("coding", role):
                assert not AI_ML.search(t.text), t.text


def test_an_ai_engineers_failure_followup_examples_are_their_own():
    coaching = get_coaching()
    swe = {t.text for t in coaching.get("fallback").examples("failure-followup", "swe")}
    ai = {t.text for t in coaching.get("fallback").examples("failure-followup", "ai-engineer")}
    assert swe and ai and not swe & ai
    assert any("retrieval" in t for t in ai) and not any("retrieval" in t for t in swe)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["coaching"]["signals"]["tradeoff"]["why"].pop("swe"),
     r"coaching\.signals\.tradeoff\.why\.swe: missing"),
    (lambda d: d["coaching"]["signals"]["tradeoff"].update(named="You said it."),
     r"coaching\.signals\.tradeoff\.named: must contain \{word\}"),
    (lambda d: d["coaching"]["signals"].pop("caching"),
     r"coaching\.signals\.caching: missing"),
    (lambda d: d["coaching"]["try"][0].update(round="comp-anchor"),
     r"coaching\.try\[0\]\.round: round 'comp-anchor' does not score"),
    (lambda d: d["coaching"]["try"][0].update(roles=["sre"]),
     r"coaching\.try\[0\]\.roles\[0\]: unknown role 'sre'"),
    (lambda d: d["coaching"].update(
        **{"try": [t for t in d["coaching"]["try"]
                   if not (t["signal"] == "fallback" and t["round"] == "failure-followup"
                           and "swe" in t["roles"])]}),
     r"no example for signal 'fallback' in round 'failure-followup' for role 'swe'"),
])
def test_a_broken_coaching_file_is_a_rubric_error_naming_the_key(raw, change, message):
    data = copy.deepcopy(raw)
    change(data)
    with pytest.raises(RubricError, match=r"rubric/coaching\.toml: .*" + message):
        build_coaching(data, builtin_rubric())
