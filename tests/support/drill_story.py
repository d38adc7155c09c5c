"""One shipped-decision story (launching an assistant that drafts support replies with a
human approving each draft) told three times for the three-framings drill, written for these
tests: as a product risk, as a model risk, as a system risk. PRODUCT_DRIFTING is a product-
risk take that slides into the machinery, the way a systems person tells it, told as
"we" all through."""

PRODUCT = (
    "Last spring I owned the launch of an assistant that drafts replies for our support "
    "agents. The constraint was that the customer contract renewal was six weeks out, and "
    "the customers had asked for faster answers. I decided we would not let it send anything "
    "to a customer on its own: every draft goes to an agent who approves or edits it. The "
    "tradeoff was speed against trust: we gave up the fully automatic replies the sales team "
    "wanted, and in exchange a wrong answer never reached a customer. If the draft was bad, "
    "the agent saw a plain note and wrote the reply by hand, so the user experience stayed "
    "the same as before. We launched to ten percent of agents first. As a result the time to "
    "first reply dropped by a third, customer satisfaction went up, and the fallout was that "
    "two agents asked for the old screen back, which we kept as an option."
)

MODEL = (
    "Last spring I owned the launch of an assistant that drafts replies for our support "
    "agents. The constraint was that we only had six weeks and about four thousand labelled "
    "tickets, and the labels were noisy. I decided to fine-tune a small model instead of "
    "training a larger one, and to evaluate it on a held-out set of tickets from the last "
    "month so the evaluation matched what it would see after launch. The tradeoff was "
    "accuracy against freshness: the small model scored lower on our offline metrics, but we "
    "could retrain it every week as the data drifted. We watched precision on the drafts the "
    "agents accepted, and when a new product line made the model hallucinate, the drift "
    "showed up in the acceptance rate within two days. As a result we retrained on the new "
    "labels, and the fallout was that we added a weekly evaluation of the training data "
    "quality before each retraining."
)

SYSTEM = (
    "Last spring I owned the launch of an assistant that drafts replies for our support "
    "agents. The constraint was that the ticket queue peaks at two thousand requests a "
    "minute on Monday mornings, and the drafting service had a latency budget of two "
    "seconds. I decided to put the drafting behind a queue with a worker pool rather than "
    "calling it inline, with a timeout and a retry, so a slow draft never blocked the ticket "
    "system. The tradeoff was simplicity against throughput: we kept one worker service and "
    "a cache of recent drafts instead of building a streaming pipeline. When the upstream "
    "service failed, the queue applied backpressure and the tickets loaded without a draft. "
    "We load tested it at three times the peak and wrote integration tests for the failure "
    "path. As a result it stayed up through the first Monday peak, and the fallout was an "
    "alert on queue depth that pages the on-call engineer."
)

PRODUCT_DRIFTING = (
    "Last spring our team launched an assistant that drafts replies for our support "
    "agents. The constraint was six weeks and a ticket queue that peaks at two thousand "
    "requests a minute. We put the drafting service behind a queue with a worker "
    "pool, a timeout and a retry, and a cache of recent drafts, so the database and the "
    "ticket system never waited on it. The tradeoff was throughput against simplicity: one "
    "worker service rather than a streaming pipeline. We load tested it at three times the "
    "peak, and when the upstream service failed the queue applied backpressure."
)

# Short takes of the same story for the spoken (microphone) tests: a few sentences each, so
# that three takes in a row stay quick, but each still aimed squarely at its lens.
SPOKEN = (
    "I decided every draft goes to an agent first, so a wrong answer never reaches a customer. "
    "The tradeoff was speed against trust. Customers got faster replies, and satisfaction went "
    "up.",
    "I decided to fine tune a small model on four thousand labelled tickets. The tradeoff was "
    "accuracy against retraining every week. We evaluated on held out data and watched for "
    "drift.",
    "I decided to put the drafting service behind a queue with a timeout and a retry. The "
    "tradeoff was throughput against simplicity. We load tested it, and it stayed up at peak.",
)
