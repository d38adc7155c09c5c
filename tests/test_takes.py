"""Takes side by side (mockloop.takes), on real analysed dev answers saved in a temp history."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from mockloop.session import Services
from mockloop.takes import (
    MEMORISED_AT,
    compare_ids,
    compare_with_previous,
    previous_take,
    similarity,
)

DEV = Path(__file__).resolve().parent / "devset" / "dev.jsonl"
PROMPT = "story-90/launch-cut"
OTHER_PROMPT = "story-90/build-or-buy"


def dev_answers(role: str, round_id: str) -> list[dict]:
    rows = [json.loads(line) for line in DEV.read_text().splitlines()]
    return [r for r in rows if r["role"] == role and r["round"] == round_id]


def reread(text: str) -> str:
    """The same answer read out again and heard by a recogniser: lower case, no punctuation,
    a couple of hesitations, a number as digits, two words misheard."""
    words = re.sub(r"[^\w\s']", " ", text.lower()).split()
    out = []
    for i, w in enumerate(words):
        if i in (5, 40):
            out.append("um")
        out.append({"fifteen": "15", "two": "2", "cache": "cash"}.get(w, w))
    for i in (12, 31):
        if i < len(out):
            out[i] = "the"
    return " ".join(out)


@pytest.fixture
def services():
    s = Services()
    yield s
    s.close()


@pytest.fixture(scope="module")
def differing_pair():
    """Two swe story-90 dev answers each hitting a signal the other misses (real analysis)."""
    s = Services()
    try:
        reports = [(a, s.analyze_text("swe", "story-90", a["text"], save=False))
                   for a in dev_answers("swe", "story-90")]
    finally:
        s.close()
    hits = [(a, {x.id for x in r.analysis.signals if x.hit}) for a, r in reports]
    for (a, ha), (b, hb) in itertools.combinations(hits, 2):
        if ha - hb and hb - ha:
            return a, b
    pytest.fail("no two story-90 dev answers differ both ways")


def save(services, text, prompt=PROMPT, role="swe", round_id="story-90"):
    return services.analyze_text(role, round_id, text, prompt_id=prompt)


def test_a_retake_shows_gained_and_lost_signals_with_both_sentences(services, differing_pair):
    a, b = differing_pair
    then = save(services, a["text"])
    now = save(services, b["text"])
    cmp = compare_with_previous(services.store, services.rubric, now.id)
    assert cmp is not None
    assert (cmp.then.id, cmp.now.id) == (then.id, now.id)
    hit_then = {s.id: s for s in then.analysis.signals if s.hit}
    hit_now = {s.id: s for s in now.analysis.signals if s.hit}
    assert {g.id for g in cmp.gained} == set(hit_now) - set(hit_then)
    assert {g.id for g in cmp.lost} == set(hit_then) - set(hit_now)
    for g in cmp.gained:
        assert g.now == hit_now[g.id].evidence and g.now in b["text"]
    for g in cmp.lost:
        assert g.then == hit_then[g.id].evidence and g.then in a["text"]
    assert cmp.gained[0].name == services.rubric.signals[cmp.gained[0].id].name
    rows = {r.key: r for r in cmp.rows}
    assert rows["signals"].then == f"{len(hit_then)} of 4"
    assert rows["signals"].now == f"{len(hit_now)} of 4"
    assert set(rows) == {"signals", "time", "pace", "fillers", "lens"}
    assert not cmp.memorised  # two different people's stories
    assert "gained" in cmp.headline and "lost" in cmp.headline


def test_the_first_take_of_a_prompt_has_nothing_to_compare(services, differing_pair):
    a, b = differing_pair
    first = save(services, a["text"])
    assert previous_take(services.store, first.id) is None
    assert compare_with_previous(services.store, services.rubric, first.id) is None
    # Another prompt of the same round, another round, another role: not a retake either.
    for prompt, role, rnd in ((OTHER_PROMPT, "swe", "story-90"),
                              ("story-90/launch-cut", "mle", "story-90")):
        other = save(services, b["text"], prompt=prompt, role=role, round_id=rnd)
        assert compare_with_previous(services.store, services.rubric, other.id) is None
    again = save(services, b["text"])
    assert previous_take(services.store, again.id) == first.id
    # ...and an older take compares with what came before it, never a later one.
    assert previous_take(services.store, first.id) is None


def test_takes_with_no_speech_are_skipped(services, differing_pair):
    a, b = differing_pair
    first = save(services, a["text"])
    silent = save(services, "")
    assert silent.no_speech
    assert compare_with_previous(services.store, services.rubric, silent.id) is None
    retake = save(services, b["text"])
    assert previous_take(services.store, retake.id) == first.id


def test_a_reread_is_called_memorised_and_a_different_answer_is_not(services):
    answers = dev_answers("swe", "story-90")
    text = answers[0]["text"]
    first = save(services, text)
    heard = reread(text)
    assert heard != text
    again = save(services, heard)
    cmp = compare_with_previous(services.store, services.rubric, again.id)
    assert cmp is not None and cmp.memorised
    assert cmp.similarity >= MEMORISED_AT
    assert "recited" in cmp.memorised_line
    assert not cmp.gained and not cmp.lost  # the same answer scores the same
    other = save(services, answers[1]["text"])
    cmp2 = compare_with_previous(services.store, services.rubric, other.id)
    assert cmp2.then.id == again.id
    assert not cmp2.memorised and cmp2.memorised_line is None
    assert first.id != again.id


def test_no_two_different_answers_to_a_round_look_memorised():
    # Every labelled set: different people's answers to the same role and round.
    groups: dict[tuple[str, str], list[str]] = {}
    for path in sorted(DEV.parent.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            groups.setdefault((row["role"], row["round"]), []).append(row["text"])
    assert len(groups) >= 20
    for (role, round_id), texts in groups.items():
        for a, b in itertools.combinations(texts, 2):
            assert similarity(a, b) < MEMORISED_AT, (role, round_id, a[:60], b[:60])
    # ...while each dev answer re-read is.
    for row in (json.loads(line) for line in DEV.read_text().splitlines()):
        assert similarity(row["text"], reread(row["text"])) >= MEMORISED_AT, row["id"]


def test_a_short_answer_repeated_is_not_called_memorised(services):
    first = save(services, "We cut the export feature to hit the deadline.")
    again = save(services, "We cut the export feature to hit the deadline.")
    cmp = compare_with_previous(services.store, services.rubric, again.id)
    assert cmp.similarity == 1.0 and not cmp.memorised  # too short to say anything
    assert cmp.then.id == first.id


def test_compare_two_ids_puts_the_earlier_first_and_refuses_other_rounds(services,
                                                                         differing_pair):
    from mockloop.errors import UserError

    a, b = differing_pair
    then = save(services, a["text"])
    now = save(services, b["text"], prompt=OTHER_PROMPT)
    cmp = compare_ids(services.store, services.rubric, now.id, then.id)
    assert (cmp.then.id, cmp.now.id) == (then.id, now.id)
    data = cmp.to_dict()
    assert json.loads(json.dumps(data))["then"]["id"] == then.id
    elsewhere = save(services, b["text"], role="swe", round_id="coding",
                     prompt="coding/top-k-errors")
    with pytest.raises(UserError, match="different rounds"):
        compare_ids(services.store, services.rubric, then.id, elsewhere.id)
