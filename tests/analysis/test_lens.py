"""Lens share: three shares summing to 1 (or all zero), dominant lens and off-center flag."""

from __future__ import annotations

import pytest

from .helpers import run

PRODUCT = ("The user sees a draft with a disclaimer, and the customer can undo it. We measure "
           "adoption and retention, and a support agent handles escalations.")
MODEL = ("We label the training data, check the label noise, train a classifier, evaluate "
         "precision and recall on a holdout set and retrain when drift shows up.")
SYSTEM = ("The API writes to Postgres through a queue, with a Redis cache, retries with "
          "idempotency keys, sharding by user and a load balancer in front for throughput.")


@pytest.mark.parametrize(("text", "lens"), [(PRODUCT, "product"), (MODEL, "model"),
                                            (SYSTEM, "system")])
def test_dominant_lens(text, lens):
    share = run(text, ()).lens
    assert share.dominant == lens
    assert round(share.product + share.model + share.system, 3) == 1.0


def test_off_center_when_dominant_differs_from_expected():
    swe_in_ml_design = run(SYSTEM, (), role="mle", expected_lens="model").lens
    assert swe_in_ml_design.expected == "model"
    assert swe_in_ml_design.off_center
    on_center = run(MODEL, (), role="mle", expected_lens="model").lens
    assert not on_center.off_center


def test_round_expecting_the_roles_lens():
    share = run(PRODUCT, (), role="ai-engineer", expected_lens="role").lens
    assert share.expected == "product" and not share.off_center
    share = run(PRODUCT, (), role="swe", expected_lens="role").lens
    assert share.expected == "system" and share.off_center


def test_nothing_lens_related_gives_all_zero_and_no_dominant():
    share = run("For base I'm looking at one eighty-five to two ten plus equity.", (),
                expected_lens=None).lens
    assert (share.product, share.model, share.system) == (0.0, 0.0, 0.0)
    assert share.dominant is None and not share.off_center


def test_ambiguous_words_read_in_their_phrase():
    # "data model" is a system concern, "test set" a model one.
    assert run("The data model has one table per tenant.", ()).lens.dominant == "system"
    assert run("Precision on the test set and the training data.", ()).lens.dominant == "model"


def test_no_lens_expected_is_never_off_center():
    assert not run(SYSTEM, (), expected_lens=None).lens.off_center
