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
    # train_serve_skew: the same input computed two ways, and how they are made one
    ('train_serve_skew',
     'the nightly batch averages basket size over thirty days but the online service only keeps '
     'seven days, so the two would disagree'),
    ('train_serve_skew', 'we log the feature values at prediction time and train on those logs'),
    ('train_serve_skew',
     "training uses the cleaned address but the app sends the raw string, so i'd run the same "
     "normaliser in both"),
    ('train_serve_skew',
     'the java service rounds the amounts differently from the python pipeline'),
    ('train_serve_skew', 'in the warehouse timestamps are utc but the phone sends local time'),
    ('train_serve_skew',
     'one shared feature library is imported by both the training job and the scoring service'),
    ('train_serve_skew',
     'the model sees clean text in training but typo filled text from users in production'),
    ('train_serve_skew',
     'it learns from the final invoice amounts and then gets draft amounts at request time'),
    ('train_serve_skew',
     "when we score a lead we only have the first page visit, but training joins the whole "
     "session, so i'd make the training set use the same first visit snapshot"),
    ('train_serve_skew',
     'i would train on the logged inputs exactly as the service saw them at the time'),
    # retraining: a cadence or trigger and how the new model earns its place
    ('retraining',
     "we retrain every night, and the candidate only gets promoted if its auc on yesterday's "
     "data is at least the production model's"),
    ('retraining',
     'a fresh model is trained each week and has to beat the current one on the last week '
     'before it goes out'),
    ('retraining',
     'when drift on the top features crosses the threshold a retrain kicks off, and the new '
     'version shadows the old one for a day before it takes over'),
    ('retraining',
     'each month we refit on the latest data and keep the old model unless the new one does '
     'better on the newest week'),
    ('retraining',
     'retraining is triggered by a new product category launching, and the retrained model has '
     'to match the live one on the old categories'),
    ('retraining',
     'we rebuild the ranker quarterly and it has to win an a b test against the incumbent'),
    ('retraining',
     'the model is refreshed every two weeks, and a refresh is rejected if it drops more than a '
     'point on the frozen test set'),
    ('retraining',
     'every monday a job trains a new model, it gets compared with the live one on last week, '
     'otherwise we keep the old one'),
    # generalization: time or entity holdouts, segments, overfitting
    ('generalization', "i'd train on twenty twenty two and test on twenty twenty three"),
    ('generalization',
     'we keep whole schools out so the model is judged on students it has never seen'),
    ('generalization',
     'the validation set is the last six weeks, everything before that is training'),
    ('generalization', "i'd split by patient so the same person never lands on both sides"),
    ('generalization', 'we report error separately for new customers and long time customers'),
    ('generalization', 'the gap between training and validation loss told us it was overfitting'),
    ('generalization', 'cross validation with folds grouped by store'),
    ('generalization', "i'd leave one hospital out at a time"),
    ('generalization', 'accuracy broken down by device type'),
    ('generalization', "we test it on next month's orders, which it hasn't been trained on"),
    # more leakage and offline gap phrasings
    ('label_leakage', 'the discharge code is only filled in after the stay ends so it is out'),
    ('label_leakage', 'we only use what we knew on the day of the application'),
    ('label_leakage', "i'd fit the scaler on the training fold only"),
    ('label_leakage', 'the outcome field was sneaking into the features through the join'),
    ('offline_online_gap',
     "a backtest can't capture how users react to the new ranking, so we'd run an online "
     "experiment"),
    # spoken run-on variety
    ('data_quality',
     "um so before anything i'd pull a few hundred rows and just read them and uh a bunch of "
     'the addresses were just the word test'),
    ('data_quality',
     "we found like fifteen percent of the transactions had a negative amount which can't be "
     'right'),
    ('data_quality',
     "the labels from the two vendors disagree on about one in five images so i'd get a third "
     'person to adjudicate those'),
    ('data_quality',
     "positives are only like half a percent of rows so i'd look at how they're spread across "
     'merchants'),
    ('data_quality',
     'some hospitals just never record weight so that column is empty for whole sites'),
    ('data_quality',
     "timestamps from the older devices are in the wrong time zone so i'd fix those before "
     'joining'),
    ('data_quality',
     "a lot of the reviews are copy pasted across listings so i'd dedupe on the review text"),
    ('data_quality',
     "i'd plot the distribution of trip durations first because there are trips of zero "
     'seconds and trips of three days'),
    ('label_leakage',
     "the hospital stay length is only known after discharge so it can't be used to predict "
     'readmission at admission time'),
    ('label_leakage', 'so every aggregate stops at the moment the loan application is submitted'),
    ('label_leakage', 'we noticed the resolved by field was basically the label so we dropped it'),
    ('label_leakage', "i'd split by account so the same account doesn't show up in train and test"),
    ('label_leakage',
     'the refund amount is filled in after the chargeback so it would leak the answer and it '
     'has to go'),
    ('label_leakage',
     "auc of point nine nine is too good to be true so i'd look for a feature that gives away "
     'the outcome'),
    ('offline_online_gap',
     'offline ndcg went up but that says nothing about whether people buy more so we ran an a '
     'b test for two weeks'),
    ('offline_online_gap',
     "the offline set only has the items the old model showed so it can't judge new items "
     "fairly so we'd interleave in production"),
    ('offline_online_gap',
     "we'd canary it on one percent of traffic because the backtest can't see how sellers "
     'react'),
    ('offline_online_gap',
     "i'd pilot it with three branches and compare against three similar branches without it "
     'because historical approvals are biased by the old rules'),
    ('train_serve_skew',
     'uh the feature is computed in spark for training and in a go service online and they '
     "round differently so i'd move both onto one shared definition"),
    ('train_serve_skew',
     'at request time we only have the last hour of clicks but the training job uses the whole '
     "day so i'd cut the training window to one hour"),
    ('train_serve_skew',
     "the categorical encoder was refit in the notebook so production ids didn't line up with "
     'training ids'),
    ('train_serve_skew',
     'we compared the features logged by the service with the ones the batch job recomputed '
     'for the same requests'),
    ('retraining',
     'the model retrains every sunday on the last ninety days and it only replaces the current '
     'one if the recall at the same precision is higher'),
    ('retraining',
     'we retrain when the drift score on the inputs goes above point two and the new model '
     "gets a week in shadow before it's promoted"),
    ('retraining',
     'so monthly retrain and then the candidate has to pass the same eval suite as the live '
     'one before we swap'),
    ('generalization',
     "i'd hold out the last two months by time so we see how it does on the future"),
    ('generalization', 'the eval set is users who signed up after the training cutoff'),
    ('generalization',
     "i'd check it separately on the rural clinics because there are so few of them in "
     'training'),
    ('generalization',
     'we saw training accuracy at ninety nine and validation at seventy so it was memorizing'),
    ('generalization', 'folds are by seller so no seller is in both'),
    # selection bias, label spread, per-region error
    ('data_quality',
     "i'd look at how the labels are distributed across regions before training anything"),
    ('label_leakage',
     "the cancel reason only exists for people who already cancelled so it's out of the "
     'feature set'),
    ('offline_online_gap',
     "offline auc is computed on last year's approvals which were chosen by the old policy so "
     'the real check is a holdout group of applicants scored by the new model'),
    ('retraining',
     'new labels arrive monthly so the model retrains then and a challenger only replaces the '
     'champion if it wins on the newest month'),
    ('generalization',
     "i'd look at error for each region on its own because the north has much less data"),
    ('train_serve_skew',
     'the app computes the distance with a straight line but training used road distance so '
     "i'd switch training to the same straight line function"),
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
    # train_serve_skew: named, or a different kind of skew
    ('train_serve_skew', 'training serving skew is something to keep in mind'),
    ('train_serve_skew', 'skew is a classic gotcha, you have to watch out for it'),
    ('train_serve_skew', 'the classes are heavily skewed toward negatives'),
    ('train_serve_skew',
     'we train in python and serve it from a small service behind a load balancer'),
    # retraining: cadence without validation, vague or denied
    ('retraining', "we'd retrain periodically"),
    ('retraining', 'retraining is something we would think about after launch'),
    ('retraining', 'retraining happened whenever someone remembered'),
    ('retraining', 'we retrain every week'),
    ('retraining', "we'd probably retrain once a quarter or so"),
    ('retraining', 'we never had a retraining schedule, it was ad hoc'),
    # generalization: asserted, wished for, or denied
    ('generalization', 'generalization should be fine since we have lots of data'),
    ('generalization', 'we did a random eighty twenty split'),
    ('generalization', 'of course we want it to generalize well'),
    ('generalization', "we didn't hold anything out by time"),
    ('generalization', 'we evaluate on the standard benchmark set'),
    # data_quality: the model reading data is not the candidate checking it
    ('data_quality', 'the model looks at the last thirty days of purchases'),
    ('label_leakage', 'leakage is a big risk here'),
    ('label_leakage', "we didn't think about leakage at all"),
    ('label_leakage', 'there was a memory leak in the scoring service'),
    # more near-misses
    ('data_quality',
     "we'd monitor the null rate of every feature in production and page someone if it jumps"),
    ('data_quality', 'data quality matters a lot for a model like this'),
    ('data_quality', 'the team that owns the pipeline is responsible for the data being clean'),
    ('data_quality', "if the user's location is missing we just show the national list"),
    ('label_leakage', 'leakage is important to think about'),
    ('label_leakage', "i'm not worried about leakage here"),
    ('label_leakage', 'we had a data leak incident last year with customer emails'),
    ('offline_online_gap', "we'd run an a b test eventually i guess"),
    ('offline_online_gap', 'a b testing is important'),
    ('offline_online_gap', "offline metrics aren't everything"),
    ('train_serve_skew', 'we serve the model behind an api with a p99 of fifty milliseconds'),
    ('train_serve_skew', 'skew between training and serving is a thing to watch for'),
    ('retraining', "we'd retrain it every so often when it seems stale"),
    ('retraining', 'retraining is a good idea for this kind of model'),
    ('generalization', 'we want the model to generalize to new users'),
    ('generalization', 'we shuffled everything and did a random split'),
    ('generalization', 'generalization is the whole game really'),
    # another signal's words in an ML answer
    ('data_quality', 'the model predicts which users are bots from their click timing'),
    ('data_quality', 'we flag accounts that are bots and send them to review'),
    ('retraining', 'we keep the old model running when the feature store is down'),
    ('data_quality', 'if a field comes in empty at serving time we use the default'),
    ('label_leakage',
     "the agents see the model's score before they decide, which is the whole point of the "
     'tool'),
    ('offline_online_gap',
     "we'd compare the two models offline on the holdout and ship the better one"),
    ('train_serve_skew', 'training takes about two hours on one gpu and serving runs on cpus'),
    ('generalization', 'we split the work by team so each team owns a model'),
    ('data_quality', 'we look at the dashboard every morning'),
]


@pytest.mark.parametrize(("signal_id", "text"), SAID)
def test_said_in_ordinary_words_is_a_hit(signal_id, text):
    assert signal(text, signal_id).hit, f"{signal_id} missed: {text!r}"


@pytest.mark.parametrize(("signal_id", "text"), NOT_SAID)
def test_named_hedged_or_denied_is_a_miss(signal_id, text):
    result = signal(text, signal_id)
    assert not result.hit, f"{signal_id} fired on {text!r}: {result.evidence!r}"
