"""Shared signals said in ordinary words (new phrasings, not copied from the labelled sets),
and the near misses that must stay misses: named only, hedged, someone else's act."""

from __future__ import annotations

import pytest

from .helpers import signal

SAID = [
    # fallback: what still reaches the user when the primary path fails
    ('fallback', 'if the pricing service times out the checkout still shows the list price'),
    ('fallback', 'when the recogniser errors out the caller still gets the touch tone menu'),
    ('fallback', 'if the ranking call fails the feed is sorted by date instead'),
    ('fallback', "if the optimiser hasn't finished by five we take the greedy schedule"),
    ('fallback', "if the model hasn't returned in two seconds we use the rule based score"),
    ('fallback', 'if we turn the feature off agents still have their saved replies'),
    ('fallback', "if the reader can't parse the receipt it moves them to typing the total"),
    ('fallback', 'when the geocoder is unavailable the map matches by postcode instead'),
    ('fallback', 'if it mishears the amount twice it switches the caller to the keypad'),
    ('fallback',
     'the previous model stays loaded the whole time and switching back is one flag'),
    ('fallback', 'we keep the old ranker warm so rolling back takes a minute'),
    ('fallback',
     'if the summariser crashes the alert still goes out with the raw log lines attached'),
    # failure_mode: a concrete scenario introduced by a header
    ('failure_mode',
     'the scary case is when two consumers both think they own the same shard and apply '
     'the refund twice'),
    ('failure_mode',
     'what i would be most wary of is the loop it creates where it only ever shows what '
     'people already clicked'),
    ('failure_mode',
     'the thing i would lose sleep over is a supplier switching from pounds to kilos '
     'without telling us'),
    ('failure_mode',
     'the failure i would look for first is the nightly export landing after the '
     'morning scoring run'),
    ('failure_mode', 'the nastiest one is after a failover the replica serves reads an hour old'),
    ('failure_mode', 'during the launch rush we oversell seats because the counter lags'),
    ('failure_mode', 'the cached balance still shows money that was already spent'),
    ('failure_mode', 'the old page stays in the index until the next crawl so it quotes it'),
    # constraint: the limit that shaped the decision
    ('constraint', 'the big limit was compute, we had one shared gpu'),
    ('constraint', 'before the trade show we had two weeks'),
    ('constraint', 'ahead of the audit we only had ten days'),
    ('constraint', 'the vendor contract was ending in sixty days so we could not wait'),
    ('constraint', 'the old payment api is being retired in three months'),
    ('constraint', 'we had only about three years of sales history to learn from'),
    ('constraint', 'security told us nothing could leave the customer network'),
    ('constraint', 'procurement had only approved one cloud provider'),
    ('constraint', 'i had one engineer, myself, and no budget for more servers'),
    ('constraint', 'for privacy reasons we could not keep raw recordings'),
    # ownership: the speaker's own act, with their own judgement in it
    ('ownership', 'i wrote the whole migration myself over a weekend'),
    ('ownership', 'i benchmarked three queues and picked the simplest one'),
    ('ownership', 'the old flow kept timing out so i rewrote the retry logic'),
    ('ownership', 'i set the alert threshold after going through a month of logs'),
    ('ownership', 'i built a small prototype to show the team it could work'),
    ('ownership', 'i drafted the design and pushed it through the review'),
    # tradeoff: the option given up and the cost, in longer spoken runs
    ('tradeoff',
     'instead of rebuilding the whole index like the search team asked for we went with '
     'small nightly patches and search results are a day stale'),
    ('tradeoff', 'the cost of the bloom filter is a few percent of lookups hit disk anyway'),
    ('tradeoff', 'answers got maybe five percent less accurate but the page stopped timing out'),
    ('tradeoff', 'we batch every ten minutes which means alerts are up to ten minutes later'),
    # monitoring: how it is noticed in production
    ('monitoring',
     'a reconciliation job runs every night comparing our totals with the bank statement'),
    ('monitoring', 'it pages the on call if the two counts are not equal'),
    ('monitoring', 'we alert when the share of empty answers goes above five percent in a day'),
]

NOT_SAID = [
    # fallback: named, wished for, or a promotion gate
    ('fallback', 'a fallback is like the first thing you need for something like this'),
    ('fallback', 'we would need some kind of fallback'),
    ('fallback', 'a backup plan is really essential here'),
    ('fallback', 'the new model has to beat the live one, otherwise we keep the old one'),
    ('fallback', 'if the service fails we still get charged for the call'),
    ('fallback', 'we never had a fallback, if the model is down the page is just broken'),
    # failure_mode: generic worry, retraining triggers, a design detail
    ('failure_mode', 'it could break if the data is bad i guess'),
    ('failure_mode', 'the thing i would worry about is data quality'),
    ('failure_mode', "i'd retrain every month or sooner if the traffic mix shifts a lot"),
    ('failure_mode', 'the main thing is that the product is useful'),
    ('failure_mode', 'the future columns have to be cut off at prediction time'),
    # constraint: the topic of the product, or a denied limit
    ('constraint', 'i led the search feature for a contract management tool'),
    ('constraint', 'we sell to legal teams at big companies'),
    ('constraint', 'there was no deadline and no budget pressure at all'),
    ('constraint', 'i decided on my own to rewrite the build script'),
    ('constraint', 'we charge a small fee per contract'),
    # ownership: someone else's decision carried out, or presence without a decision
    ('ownership', 'my manager chose the design and i implemented what he specced'),
    ('ownership', 'i was in the meetings and i took the notes'),
    ('ownership', 'i implemented the integration and wrote the templates'),
    ('ownership', 'the architect picked kafka, i just wrote the consumers'),
    ('ownership', 'i was told to build the export and i built it'),
    # tradeoff: named only, or a comparison without a price
    ('tradeoff', 'tradeoffs are really important in every design'),
    ('tradeoff', 'the new version was faster and everyone liked it'),
    # monitoring: hedged, or a pre-launch reject condition
    ('monitoring', "we'd probably have alerts or something"),
    ('monitoring', 'dashboards and stuff, at some point'),
    ('monitoring', 'if p95 latency goes above 300 ms in the load test the design goes back '
                   'to the drawing board'),
    ('monitoring', 'monitoring is important of course'),
]


@pytest.mark.parametrize(("signal_id", "text"), SAID)
def test_said_in_ordinary_words_is_a_hit(signal_id: str, text: str) -> None:
    assert signal(text, signal_id).hit


@pytest.mark.parametrize(("signal_id", "text"), NOT_SAID)
def test_named_hedged_or_someone_elses_is_a_miss(signal_id: str, text: str) -> None:
    assert not signal(text, signal_id).hit


# Second pass: phrasings of the kinds the fresh and held-out sets missed or over-read.
SAID_MORE = [
    # rejection_criterion: a measured limit after a long subject, "goes back to the drawing board"
    ('rejection_criterion',
     'if replaying a full day of orders through the new pipeline on the staging cluster '
     'takes more than three hours i would reject it'),
    ('rejection_criterion',
     'if the soak test shows even one duplicate charge the design goes back to the drawing board'),
    ('rejection_criterion',
     'if the shadow run disagrees with the old system on more than one percent of invoices '
     'we send it back to the drawing board'),
    # restraint: held back from the first version, a long list skipped, a narrow first audience,
    # a reply that never does the risky thing
    ('restraint', 'for the first release i would not support group chats, only one to one'),
    ('restraint',
     "we'd skip offline mode the admin console the export to pdf and the dark theme for now"),
    ('restraint', 'keep v1 to refunds under fifty dollars and leave disputes out entirely'),
    ('restraint',
     'roll it out first to the two warehouses in the north then extend it to the rest once '
     'the pick error rate holds'),
    ('restraint',
     "so we'd open it to the other clinics only after the nurses have used it for a month"),
    ('restraint', 'the assistant never recommends a specific medication it points them to the '
                  'pharmacist'),
    # sequencing: a declared order, and a next step said after a long first one
    ('sequencing', 'the order is start with the billing export because finance is blocked on '
                   'it, the dashboards come after'),
    ('sequencing',
     "first we'd move the read traffic, since a bad read is cheap to undo and we don't lose "
     "any data, and the writes come next once the replica has been stable a week"),
    ('sequencing', 'in this order first the password reset flow because thats half the tickets '
                   'then the refund questions'),
    # fallout: an audit passed, the thing caught something real, new state against old figure
    ('fallout', 'the auditors came in march and we passed with no findings on the payments side'),
    ('fallout', 'we sailed through the soc 2 audit that autumn'),
    ('fallout', 'in the first week the new check flagged two vendors sending duplicate invoices'),
    ('fallout', 'within a month the night shift was reviewing every alert instead of a 10 percent '
                'sample'),
    ('fallout', 'crash reports were down from about 300 a day'),
    # constraint: a rule handed down, "that limited everything", a date so many weeks away,
    # a vendor announcing the end of what we relied on
    ('constraint', 'the hospital had given us one rule, no patient name ever leaves the building'),
    ('constraint',
     "we only had the one store's sales for a year and that limited what we could model"),
    ('constraint', 'the card network was turning off the old checkout flow on march first which '
                   'was six weeks away'),
    ('constraint',
     'our payment partner announced they were retiring the v1 endpoints in the spring'),
    ('constraint', 'they told us they were raising their prices by forty percent in january'),
]

NOT_SAID_MORE = [
    # rejection_criterion: a vague reject condition, or an operational alert
    ('rejection_criterion', 'i would reject it if it is too slow'),
    ('rejection_criterion',
     "i guess i'd reject it if it's too expensive. if the cluster clock drifts a couple of "
     "seconds the later edit loses"),
    ('rejection_criterion', 'we alert when the nightly job passes the two hour threshold'),
    ('rejection_criterion', 'we alert when any stop is left unassigned after the run'),
    # restraint: an omission regretted, a never that is a data rule, everything at once
    ('restraint', 'we did not include tests in the first version and it bit us later'),
    ('restraint', 'the log never contains a card number because we tokenise at the edge'),
    ('restraint', "i'd just build the whole thing at once honestly, search, booking, payments"),
    ('restraint', 'we rolled it out to every store on the same day'),
    ('restraint', 'we left the old api out of the migration by mistake'),
    # sequencing: a launch gate, a denied order, an order with no reason
    ('sequencing', 'it has to pass 95 percent of the golden set before we let anyone outside '
                   'the team use it because we charge for it'),
    ('sequencing', 'the order does not really matter, we will just do it all'),
    ('sequencing', 'first the login page then the settings page then the profile page'),
    # fallout: regression the model, an audit still ahead
    ('fallout', 'i chose to start with logistic regression on that'),
    ('fallout', 'we went with a linear regression because it was easy to explain'),
    ('fallout', 'we added regression tests for every bug we found'),
    ('fallout', 'we need to pass the audit in june'),
    ('fallout', 'hopefully it passes the inspection next month'),
    # constraint: on device as the product's name, a limit half remembered, a passing remark
    ('constraint', 'i owned shrinking our on device speech model'),
    ('constraint', 'there was a budget i think but i do not remember what it was'),
    ('constraint', 'the board gave us a lot of praise after the launch'),
    ('constraint', 'she said it was raising a good point'),
]


@pytest.mark.parametrize(("signal_id", "text"), SAID_MORE)
def test_more_phrasings_are_hits(signal_id: str, text: str) -> None:
    assert signal(text, signal_id).hit


@pytest.mark.parametrize(("signal_id", "text"), NOT_SAID_MORE)
def test_more_near_misses_are_misses(signal_id: str, text: str) -> None:
    assert not signal(text, signal_id).hit
