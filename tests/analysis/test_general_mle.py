"""ML-design signals in ordinary spoken words: the many ways a candidate checks the data,
keeps leakage out, distrusts offline numbers, handles training-serving skew, retrains and
checks generalization, and the near-misses (named only, negated, hypothetical, someone else's
problem) that must stay misses. New phrasings, not copied from the labelled sets."""

from __future__ import annotations

import pytest

from .helpers import signal

SAID = [
    # data_quality: what inspecting the training data turned up, and what was done about it
    ('data_quality', 'the ages are missing for about a fifth of the applicants'),
    ('data_quality',
     "half the income fields were null in the export so i'd treat those as missing"),
    ('data_quality', 'in the old system blank prices were stored as zero, so i would recode those'),
    ('data_quality', 'the same order appears twice whenever a payment is retried'),
    ('data_quality', 'some tickets got counted twice after the migration so we merge on ticket id'),
    ('data_quality', 'the click logs are really noisy, a chunk of them come from crawlers'),
    ('data_quality', 'a lot of the sessions are bots so i would filter them out before training'),
    ('data_quality', 'refunds were mislabeled as purchases for a few months'),
    ('data_quality',
     "i'd see how many of the products even have a review, because the long tail is barely "
     "covered"),
    ('data_quality', 'first i would count how many of the labels the two annotators disagree on'),
    ('data_quality', 'the sensor readings were padded with minus one when the device was offline'),
    ('data_quality', 'heart rates over three hundred are obviously junk so those rows get dropped'),
    # label_leakage: the field that gives the answer away, and how it is kept out
    ('label_leakage',
     "the refund issued flag can't be a feature because it only gets set after the complaint"),
    ('label_leakage',
     "that column must not be used as an input, it's written later in the day than we predict"),
    ('label_leakage',
     'the reviewers look at the risk tier before they approve, and the risk tier was one of our '
     'features'),
    ('label_leakage',
     'the model was basically learning who had already been escalated, so the status field went '
     'out of the feature list'),
    ('label_leakage',
     "i removed everything derived from the investigation notes from the features and the "
     "precision fell to something believable"),
    ('label_leakage',
     'accuracy dropped from ninety eight to eighty one once the field was gone, which is the '
     'honest number, so i took the feature out'),
    ('label_leakage', 'every feature is computed as of the moment we score the loan'),
    ('label_leakage', 'a random split would put the same customer in train and test'),
    # offline_online_gap: the online check together with why offline is not enough
    ('offline_online_gap',
     "offline accuracy doesn't tell us whether agents act on it, so we'd run a two week a b test"),
    ('offline_online_gap',
     'before trusting the backtest i would pilot it in a few warehouses'),
    ('offline_online_gap',
     'offline recall is only measured on the cases reviewers already opened. so the real test is '
     'a pilot with one region'),
    ('offline_online_gap',
     'the historical clicks are biased toward what the old ranker showed, so we compare it live '
     'with interleaving'),
    ('offline_online_gap',
     'we give it to two clinics for a month and compare with clinics that are not using it'),
    ('offline_online_gap',
     'i would turn it on for half of the drivers and compare their idle time with the rest'),
    ('offline_online_gap', 'it scores requests in parallel with the current model for a week'),
    ('offline_online_gap', 'the new version runs in shadow for two weeks first'),
    ('offline_online_gap', 'we measure conversion against a control group before the full launch'),
]

NOT_SAID = [
    # data_quality: named only, production alerting, serving-time handling
    ('data_quality', 'for this forecasting model data quality is absolutely key'),
    ('data_quality', 'garbage in garbage out, as always'),
    ('data_quality', 'we would alert the on call if values are missing for more than an hour'),
    ('data_quality', 'if the age is missing at request time we fall back to the default tier'),
    ('data_quality', 'the model has about forty features and a gradient boosted tree'),
    # label_leakage: named, denied, or unchecked
    ('label_leakage', 'leakage is always a concern so we would be careful'),
    ('label_leakage', "i didn't check whether any of the fields leaked the outcome"),
    ('label_leakage', 'we never looked into whether the features leak the label'),
    ('label_leakage', 'the zip code cannot be a feature for fairness reasons'),
    # offline_online_gap: platitudes and hypotheticals
    ('offline_online_gap', 'offline metrics can lie, everyone knows that'),
    ('offline_online_gap', "we'd probably a b test it at some point, i don't know"),
    ('offline_online_gap', 'we never ran a shadow period, offline auc looked fine'),
    ('offline_online_gap', 'offline numbers are usually optimistic'),
    ('offline_online_gap', 'we train on half the data and compare against the other half'),
]


@pytest.mark.parametrize(("signal_id", "text"), SAID)
def test_said_in_ordinary_words_is_a_hit(signal_id, text):
    assert signal(text, signal_id).hit, f"{signal_id} missed: {text!r}"


@pytest.mark.parametrize(("signal_id", "text"), NOT_SAID)
def test_named_hedged_or_denied_is_a_miss(signal_id, text):
    result = signal(text, signal_id)
    assert not result.hit, f"{signal_id} fired on {text!r}: {result.evidence!r}"
