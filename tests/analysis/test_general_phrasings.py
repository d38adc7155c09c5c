"""General ways of saying a signal that the first rule passes lacked, each with traps.

Every group is a phrasing class (a verb class or slot pattern), tested with several sentences
on unrelated topics, and with near misses that must stay misses.
"""

from __future__ import annotations

import pytest

from .helpers import signal

HITS = [
 # fallback: the degraded branch stores, queues, buffers or pauses the work instead of failing
 ("fallback", "if the email provider is down the mailer writes each message to a local outbox "
              "and sends it when the provider recovers"),
 ("fallback", "when the analytics cluster is unreachable the agents buffer events on disk and "
              "upload them later"),
 ("fallback", "if the warehouse api times out the checkout stores the order in a durable queue "
              "and a job retries it"),
 ("fallback", "if the voice model is overloaded the character says one of its prerecorded "
              "lines"),
 ("fallback", "when the generator fails the quiz shows a preset question from the bank"),
 ("fallback", "if ranking errors out the feed serves the posts from replicas in plain time "
              "order"),
 # fallback: the alternative named as a contrast, the old behaviour kept, the other source
 ("fallback", "if the planner can not find a route it shows the two nearest depots as choices "
              "rather than picking one"),
 ("fallback", "when the scorer times out the app lists the most recent items instead of "
              "ranking them"),
 ("fallback", "if the summariser fails the ticket view shows the full thread and attachments "
              "as before"),
 ("fallback", "if the recommender is down the home page loads the editors picks like it used "
              "to"),
 ("fallback", "if the cache misbehaves the cart always reads stock from the database not the "
              "cache"),
 ("fallback", "if the address lookup fails the form falls quiet and offers the manual address "
              "page"),
 ("fallback", "if the translation service errors the help widget hides the chat and links to "
              "the help page"),
 ("fallback", "if the forecast job fails the dashboard just shows the typical numbers for that "
              "weekday"),
 # fallback: a failover window named as the trigger
 ("fallback", "during a failover reads are served from the replicas and may be a few seconds "
              "old"),
 ("fallback", "while the primary is being replaced the app serves cached balances"),
 # fallout: plain outcome statements in a story, including "as a result" as the recogniser
 # writes it ("and the result")
 ("fallout", "as a result the page stayed fast and sales went up in the first month"),
 ("fallout", "and the result, the page stayed fast and sales went up"),
 ("fallout", "and the result the page stayed fast and sales went up"),
 ("fallout", "after launch support tickets fell by half"),
 ("fallout", "it saved us about two days a month"),
 ("fallout", "and the result crashes went away within a week"),
 ("fallout", "so the outcome, checkout got faster and returns dropped"),
 ("fallout", "after we shipped it the build times came down a lot"),
 ("fallout", "within a month signups doubled"),
 ("fallout", "and the net result support load fell off a cliff"),
 # label_leakage: the prediction moment as the cutoff, group leakage through a random split,
 # "leak next month's X into ..."
 ("label_leakage", "the order count has to be counted only up to the day we are predicting"),
 ("label_leakage", "store visits are computed only from visits before the week we forecast"),
 ("label_leakage", "features use only activity up to the hour we score"),
 ("label_leakage", "a random split lets the model memorise each patient and look far better "
                   "than it is"),
 ("label_leakage", "a naive split would let the model recognise the same house from its photos"),
 ("label_leakage", "summing over the whole quarter would leak next month refunds into this "
                   "month score"),
 # comp_components: a figure for base then another part; parts in successive sentences
 ("comp_components", "i am looking at 180k base, plus stock on top"),
 ("comp_components", "two hundred base, and a sign on to cover my bonus"),
 ("comp_components", "i would want the salary settled first. the rsu grant we can discuss "
                     "separately"),
 ("comp_components", "a sign on bonus is its own thing. base i would keep at two ten"),
 ("comp_components", "base around one ninety. then equity as its own line, vested over four "
                     "years"),
 # negation scope: a relative clause that describes the thing does not deny it
 ("fallback", "after two failed calls we switch to the smaller model that does not need the "
              "gpu"),
]

MISSES = [
 # fallback traps: asking, refusing, escalating or alerting are not a degraded path
 ("fallback", "if it can not tell which order they mean it asks them to choose instead of "
              "guessing"),
 ("fallback", "if the account call fails it says it can not see current data rather than "
              "using the cached copy"),
 ("fallback", "if the score is below the bar the claim lands in the adjuster review queue "
              "instead of being paid automatically"),
 ("fallback", "if the model fails we write an incident report and page the on call"),
 ("fallback", "when the model is down we write it up in the postmortem and fix it later"),
 ("fallback", "we would need a fallback that does not exist yet"),
 # fallout traps: a hope, an unknown, a vague verdict
 ("fallout", "and the result we will see next quarter"),
 ("fallout", "the result is what matters to me"),
 ("fallout", "and the result was fine i think"),
 ("fallout", "we hoped sales would go up after launch"),
 ("fallout", "i do not know if sales went up, i moved teams"),
 # label_leakage traps: a schedule, a split that is fine, a score that is only high
 ("label_leakage", "we run the job every night before the day we are forecasting and it only "
                   "takes a minute"),
 ("label_leakage", "a random split is fine here since rows are independent"),
 ("label_leakage", "the model looks far better than it is on new stores"),
 ("label_leakage", "we forecast the next week of demand for each store"),
 # comp_components traps: one pot, one number, a part denied
 ("comp_components", "i do not really care about the split. base or stock, it is all in for me"),
 ("comp_components", "just give me one number. salary and stock are the same pot"),
 ("comp_components", "my base is fine. i have no stock right now"),
]


@pytest.mark.parametrize(("signal_id", "text"), HITS)
def test_general_phrasing_hits(signal_id, text):
    assert signal(text, signal_id).hit, (signal_id, text)


@pytest.mark.parametrize(("signal_id", "text"), MISSES)
def test_near_miss_stays_a_miss(signal_id, text):
    assert not signal(text, signal_id).hit, (signal_id, text)
