"""The three-framings drill on real analysed answers: one story told as a product risk, a
model risk and a system risk (tests/drill_story.py), saved linked the way the window saves
them, read back and compared."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from support import drill_story as story

from mockloop import drills
from mockloop.errors import UserError
from mockloop.session import Services
from mockloop.settings import Settings

ROLE = "ai-engineer"


@pytest.fixture
def services():
    s = Services(settings=Settings())
    yield s
    s.close()


def run_drill(services, texts, prompt_id="story-90/launch-cut") -> drills.DrillPlan:
    """Record the takes as the window does: each from the plan's own request, typed."""
    plan = drills.DrillPlan.start(services.rubric, ROLE, prompt_id)
    for text in texts:
        req = plan.request()
        report = services.analyze_text(req.role_id, req.round_id, text,
                                       prompt_id=req.prompt_id, prompt_text=req.prompt_text,
                                       follows=req.follows, kind=req.kind)
        assert report.id is not None
        plan = plan.advanced(report.id)
    return plan


def test_the_framings_come_in_lens_order_with_their_own_asks():
    fs = drills.framings()
    assert [f.lens for f in fs] == ["product", "model", "system"]
    assert [f.kind for f in fs] == ["framing-product", "framing-model", "framing-system"]
    assert len({f.ask for f in fs}) == 3 and all(len(f.ask.split()) > 15 for f in fs)


def test_the_plan_asks_each_framing_in_turn_and_links_the_takes(services):
    plan = drills.DrillPlan.start(services.rubric, ROLE, "story-90/build-or-buy")
    first = plan.request()
    assert (first.round_id, first.prompt_id, first.follows, first.kind) == (
        "story-90", "story-90/build-or-buy", None, "framing-product")
    assert first.prompt_text.startswith(services.rubric.round("story-90")
                                        .prompt("story-90/build-or-buy").text)
    assert "product risk" in first.prompt_text
    assert plan.step_label == "Take 1 of 3 · Product risk"

    plan = run_drill(services, [story.PRODUCT, story.MODEL, story.SYSTEM],
                     "story-90/build-or-buy")
    assert plan.finished
    with pytest.raises(UserError):
        plan.request()
    rows = [services.store.get(i) for i in plan.take_ids]
    assert [(r.follows, r.kind) for r in rows] == [
        (None, "framing-product"), (plan.first_id, "framing-model"),
        (plan.first_id, "framing-system")]
    assert "model risk" in rows[1].prompt_text and "system risk" in rows[2].prompt_text


def test_a_round_of_another_kind_starts_the_drill_on_the_first_story_prompt(services):
    plan = drills.DrillPlan.start(services.rubric, "swe", "coding/top-k-errors")
    assert plan.prompt_id == services.rubric.round("story-90").prompts[0].id


def test_three_framings_that_each_land(services):
    plan = run_drill(services, [story.PRODUCT, story.MODEL, story.SYSTEM])
    drill = drills.load_drill(services.store, services.rubric, plan.first_id)
    assert [t.history_id for t in drill.takes] == list(plan.take_ids)
    assert [t.landed for t in drill.takes] == [True, True, True]
    assert drill.landed == 3 and drill.complete
    model = drill.takes[1]
    assert model.dominant == "model"
    share = round(100 * model.share_on_frame)
    assert model.verdict == (f"Your model-risk take spent {share}% of its words on the model: "
                             "it landed.")
    assert drill.headline.startswith("All three framings landed")
    # The story's four signals, side by side for every take.
    for t in drill.takes:
        assert [c.id for c in t.checklist] == ["tradeoff", "constraint", "fallout", "ownership"]


def test_a_product_take_that_drifts_to_the_system_is_said_not_to_land(services):
    plan = run_drill(services, [story.PRODUCT_DRIFTING, story.MODEL, story.SYSTEM])
    drill = drills.load_drill(services.store, services.rubric, plan.first_id)
    product = drill.takes[0]
    assert not product.landed and product.dominant == "system"
    assert product.verdict.startswith("Your product-risk take still spent most on the system (")
    assert f"the product got {round(100 * product.shares['product'])}%" in product.verdict
    assert [t.landed for t in drill.takes[1:]] == [True, True]
    assert drill.headline == "2 of 3 framings landed on their lens."
    # That take told it as "we": ownership went missing there, and only there.
    names = {k: services.rubric.signals[k].name for k in ("ownership", "tradeoff")}
    assert f"Missing only in the product-risk take: {names['ownership']}." in \
        drill.checklist_notes
    kept = [n for n in drill.checklist_notes if n.startswith("Kept in every take: ")]
    assert len(kept) == 1 and names["tradeoff"] in kept[0] and names["ownership"] not in kept[0]


def test_a_drill_left_after_one_take_shows_what_is_missing(services):
    plan = run_drill(services, [story.MODEL])  # the product take, told as a model story
    drill = drills.load_drill(services.store, services.rubric, plan.first_id)
    assert [t.taken for t in drill.takes] == [True, False, False]
    assert not drill.takes[0].landed
    assert drill.takes[2].verdict == "Your system-risk take was not recorded."
    assert drill.headline.startswith("1 of 3 takes recorded")


def test_only_a_drills_first_take_opens_it(services):
    plan = run_drill(services, [story.PRODUCT, story.MODEL])
    with pytest.raises(UserError, match=f"starts at round {plan.first_id}"):
        drills.load_drill(services.store, services.rubric, plan.take_ids[1])
    plain = services.analyze_text(ROLE, "story-90", story.PRODUCT)
    with pytest.raises(UserError, match="does not start a three-framings drill"):
        drills.load_drill(services.store, services.rubric, plain.id)


def test_deleting_a_later_take_leaves_the_drill_with_a_gap(services):
    plan = run_drill(services, [story.PRODUCT, story.MODEL, story.SYSTEM])
    services.store.delete(plan.take_ids[1])
    drill = drills.load_drill(services.store, services.rubric, plan.first_id)
    assert [t.taken for t in drill.takes] == [True, False, True]


def test_the_command_line_shows_the_comparison(services, mockloop_home):
    plan = run_drill(services, [story.PRODUCT_DRIFTING, story.MODEL, story.SYSTEM])
    services.close()
    cmd = [sys.executable, "-m", "mockloop", "drill", str(plan.first_id)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    assert "Your product-risk take still spent most on the system" in out
    assert "2 of 3 framings landed" in out
    data = json.loads(subprocess.run([*cmd, "--json"], capture_output=True, text=True,
                                     check=True).stdout)
    assert [t["landed"] for t in data["takes"]] == [False, True, True]
    assert [t["id"] for t in data["takes"]] == list(plan.take_ids)
    wrong = subprocess.run([*cmd[:-1], str(plan.take_ids[2])], capture_output=True, text=True)
    assert wrong.returncode != 0 and f"starts at round {plan.first_id}" in wrong.stderr
    assert "Traceback" not in wrong.stderr
