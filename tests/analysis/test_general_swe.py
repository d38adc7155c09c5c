"""Software-engineering signals said in ordinary words, and the near-misses that must stay
misses (slogans, deferrals, negations, someone else's act). New phrasings written for this
file, not copied from the labelled sets."""

from __future__ import annotations

import pytest

from .helpers import signal

SAID = [
    # edge_cases: a list of concrete awkward inputs, under any heading or none
    ("edge_cases", "cases i want to handle: nothing in the basket, one item, and an item with "
                   "a price of zero"),
    ("edge_cases", "things i need to get right here are a k of zero and a k bigger than the "
                   "list"),
    ("edge_cases", "the tricky inputs are strings with only spaces and strings with emoji in "
                   "them"),
    ("edge_cases", "cases to cover, the graph has a cycle, the graph is a single node, and "
                   "two nodes point at each other"),
    ("edge_cases", "what could go wrong: the file is empty, the header is missing, or a row "
                   "has too many columns"),
    ("edge_cases", "i need to think about a capacity of zero where put stores nothing"),
    ("edge_cases", "also a user we have never seen before should get a full bucket"),
    ("edge_cases", "and a booking that ends exactly at midnight"),
    ("edge_cases", "the clock going backwards after a daylight saving change is another one"),
    ("edge_cases", "two requests in the same millisecond should both count"),
    ("edge_cases", "scenarios i'd watch out for are a deleted parent and a child that points "
                   "to itself"),
    ("edge_cases", "names with trailing spaces should still match"),
    ("edge_cases", "what if the two intervals only touch at one point"),
    ("edge_cases", "and updating a key that already exists must not add a second entry"),
    # complexity: any bound on time or space, in symbols or words
    ("complexity", "the heap version is n log k where k is how many we keep"),
    ("complexity", "counting is linear in the number of words and the sort is m log m"),
    ("complexity", "it runs in o of rows times columns and the visited set is the same size"),
    ("complexity", "memory is o of the window size"),
    ("complexity", "each lookup is constant time because it's a hash map"),
    ("complexity", "the whole thing is linear in the length of the string"),
    ("complexity", "it's order n squared with the two loops"),
    ("complexity", "space grows linearly with the number of open connections"),
    ("complexity", "insertion is log n per element so sorting everything is n log n"),
    ("complexity", "the graph walk is v plus e"),
    ("complexity", "each query costs log n because of the binary search"),
    # readability: naming and structure chosen so people can read it
    ("readability", "i'll pull the retry logic into its own function called with_retries"),
    ("readability", "i'd rather name it pending_orders than po so nobody has to guess"),
    ("readability", "keeping each validation rule in a small function makes it easy to read"),
    ("readability", "so the next person who opens this file sees the policy right away"),
    ("readability", "i'd use a named constant for the thirty second window instead of a "
                    "magic number"),
    ("readability", "early returns for the bad inputs keep the main path flat"),
    ("readability", "i want it readable, so the parsing lives apart from the business rules"),
    ("readability", "the function names should read like the steps of the spec"),
    ("readability", "i'm splitting the loop body into two helpers so each does one thing"),
    ("readability", "clear names for the indices, left and right, instead of i and j"),
    # backpressure: producers held back, shed, paced or queued
    ("backpressure", "we let in about five hundred shoppers a minute and the rest wait on a "
                     "holding page"),
    ("backpressure", "everyone past the first thousand gets a place in line"),
    ("backpressure", "each api key gets twenty requests a second and above that it's a 429"),
    ("backpressure", "the workers pace themselves to the provider's rate limit"),
    ("backpressure", "we apply backpressure to the upload clients by refusing new chunks"),
    ("backpressure", "the queue is bounded at ten thousand jobs and new ones get rejected"),
    ("backpressure", "if the consumers fall behind we drop the oldest telemetry points"),
    ("backpressure", "when the buffer is full the producer blocks until there's room"),
    ("backpressure", "we cap concurrent calls to the payment provider at twenty"),
    ("backpressure", "low priority emails get shed first when the backlog grows"),
    ("backpressure", "so the database never sees more writes than it can absorb"),
    # caching: a cache with an invalidation or staleness plan
    ("caching", "profiles are cached in redis for five minutes and the key is deleted on "
                "every edit"),
    ("caching", "we cache the price list but bump a version number whenever it changes"),
    ("caching", "the cdn keeps thumbnails for a day and we purge them when the photo is "
                "replaced"),
    ("caching", "results are memoised and since the inputs are immutable nothing ever goes "
                "stale"),
    ("caching", "it's fine if the cached leaderboard is thirty seconds old"),
    ("caching", "the cache entry expires after an hour"),
    ("caching", "i'd keep the config in memory and refresh it every minute"),
    ("caching", "cache the seat map at the edge, a stale seat is caught at checkout anyway"),
    ("caching", "write through the cache so reads never see old data"),
    ("caching", "on each update we evict that user's entry"),
    # failure_recovery: retries made safe, replicas, failover, resuming
    ("failure_recovery", "the phone keeps unsent points and resends them, each carries its own "
                         "id so a duplicate is harmless"),
    ("failure_recovery", "if the upload dies halfway the client only resends the missing "
                         "parts"),
    ("failure_recovery", "if the worker crashes the rerun skips rows already marked done"),
    ("failure_recovery", "when the leader dies a follower is promoted within seconds"),
    ("failure_recovery", "every write goes to two replicas in different zones before we ack"),
    ("failure_recovery", "if a node goes away another node takes over its partitions"),
    ("failure_recovery", "failed sends are retried with exponential backoff and an "
                         "idempotency key"),
    ("failure_recovery", "we'd restore from last night's backup and replay the log since"),
    ("failure_recovery", "messages that fail five times go to a dead letter queue"),
    ("failure_recovery", "the job checkpoints every thousand rows so after a crash it resumes "
                         "from the last checkpoint"),
    ("failure_recovery", "if the primary fails we fail over to the standby in the other "
                         "region"),
    # invariants: a rule that must hold
    ("invariants", "no order is ever shipped twice"),
    ("invariants", "the rule is that a seat can have at most one ticket"),
    ("invariants", "the thing that must stay true is that the totals add up to the ledger"),
    ("invariants", "a wallet balance can never go below zero"),
    ("invariants", "the version number only goes up"),
    ("invariants", "each invoice is paid exactly once"),
    ("invariants", "no two drivers can hold the same ride"),
    ("invariants", "every reader sees the edits in the same order"),
    ("invariants", "the requirement is that nothing the phone uploaded is ever lost"),
    ("invariants", "only one scheduler at a time may run the job"),
    ("invariants", "a customer should never be charged twice for one cart"),
    # api_shape: calls, inputs, outputs, errors
    ("api_shape", "the api is three calls, create, get and cancel"),
    ("api_shape", "the caller passes a cart id and gets back an order id or a 409 if the cart "
                  "changed"),
    ("api_shape", "the checkout service calls reserve with the sku list and a hold time"),
    ("api_shape", "clients do a get on the order id and get back the status and the eta"),
    ("api_shape", "first a post to create the export, which returns a job id"),
    ("api_shape", "and a four oh four if the link does not exist"),
    ("api_shape", "search takes a query and a page token and returns twenty results and the "
                  "next token"),
    ("api_shape", "errors come back as a code and a message"),
    ("api_shape", "delete slash tasks slash id removes it"),
    ("api_shape", "the interface is submit_claim with the policy id and photos, returning a "
                  "claim id"),
    # storage: a store chosen with a reason
    ("storage", "the events are append only and always read by device id so a wide column "
                "store fits"),
    ("storage", "postgres because we need joins between orders and refunds"),
    ("storage", "a key value store is enough since every read is by the short code"),
    ("storage", "a relational table covers everything finance asked for and the team knows "
                "how to run it"),
    ("storage", "images go to object storage because they're large and never edited"),
    ("storage", "a time series database, since every query is one sensor over a time range"),
    ("storage", "i'd keep it in sqlite because it's a single user desktop tool"),
    ("storage", "we put the sessions in redis since they're small and short lived"),
    ("storage", "it lives in dynamo keyed by user id, which is the only access pattern"),
    ("storage", "a document database fits because each form has different fields"),
    # scale_under_load: what happens as size or traffic grows
    ("scale_under_load", "the reader is a generator so memory stays flat however big the file "
                         "gets"),
    ("scale_under_load", "with a few terabytes of logs we'd stream them instead of loading "
                         "them"),
    ("scale_under_load", "during the holiday rush the single writer falls behind"),
    ("scale_under_load", "when traffic doubles the database connection pool runs out"),
    ("scale_under_load", "at a million users the fan out on write gets too expensive"),
    ("scale_under_load", "past ten thousand requests a second we'd shard by tenant"),
    ("scale_under_load", "if the table grows to billions of rows the index won't fit in "
                         "memory"),
    ("scale_under_load", "no matter how many users there are each request touches one shard"),
    ("scale_under_load", "at ten x today's load the queue is the first thing to go"),
    ("scale_under_load", "the hot key for a viral post would overload one node"),
    # recogniser-style run-on speech: lowercase, fillers, no punctuation
    ("edge_cases", "um so the cases i'd worry about are uh a list with just one number and a "
                   "list where every number is the same"),
    ("edge_cases", "things that could trip it up a zero divisor and a really long line"),
    ("edge_cases", "ok so what breaks this um an empty map and a key with a dot in it"),
    ("edge_cases", "gotta handle the case where the tree is just a root"),
    ("complexity", "so that's like n log n for the sort and then linear for the pass"),
    ("complexity", "the recursion is as deep as the tree so o of h stack space"),
    ("complexity", "this is basically quadratic cause of the nested loop"),
    ("readability", "i'm gonna call it merge intervals not like m or helper so it's obvious "
                    "what it does"),
    ("readability", "i'd break this into a parse step and a validate step so each is short "
                    "and readable"),
    ("scale_under_load", "if we get like ten times the traffic the single redis node would be "
                         "the bottleneck"),
    ("scale_under_load", "a doc with three hundred simultaneous editors makes its one server "
                         "hot"),
    ("scale_under_load", "as more tenants join the shared queue gets noisy so we partition by "
                         "tenant"),
    ("backpressure", "uh when kafka lag gets past five minutes we pause the slowest "
                     "producers"),
    ("failure_recovery", "each worker takes a lease on the job and if it dies the lease "
                         "expires and another worker picks it up"),
    ("failure_recovery", "the payment call uses an idempotency key so retrying after a "
                         "timeout can't double charge"),
    ("invariants", "a user should always read their own writes"),
    ("invariants", "messages from one sender must be delivered in the order they were sent"),
    ("caching", "we cache it and when the product is updated we publish an event that clears "
                "the cache"),
    ("storage", "cassandra because it's write heavy and we only ever read by user id"),
    ("api_shape", "we expose create booking which returns the booking or a conflict error"),
    ("simple_first", "a plain list is fine until the profiler says otherwise"),
    ("simple_first", "i'd write the dumb nested loop version first and see if it's actually a "
                     "problem"),
    ("simple_first", "i'll go with the straightforward sort for now and only bring in a heap "
                     "if the benchmark shows the sort dominating"),
    ("simple_first", "start boring, a single table, and only split it when we measure "
                     "contention"),
    ("testability", "the time source is passed in so the tests can freeze it"),
    ("testability", "i'd fuzz the parser with random bytes"),
    ("testability", "for tests i'd just have a list of dates and the expected weekday for each"),
    ("testability", "and tests i'd do the empty one and one that round trips"),
    ("testability", "i'd check it against a brute force version on a few hundred random "
                    "arrays"),
    ("testability", "the database client is injected so i can fake it in tests"),
]

NOT_SAID = [
    # edge_cases: praised, deferred or denied
    ("edge_cases", "edge cases really matter for something like this"),
    ("edge_cases", "edge cases i'd leave for later if there's time"),
    ("edge_cases", "i'll get to the corner cases at the end if you want"),
    ("edge_cases", "i'm not going to worry about empty input here"),
    ("edge_cases", "there are always edge cases, every problem has some"),
    ("edge_cases", "corner cases are important and tests too"),
    ("edge_cases", "the cases i'd think about are mostly the happy path"),
    # complexity: named, not stated
    ("complexity", "complexity is something to keep in mind"),
    ("complexity", "i won't go into big o, it's fine"),
    ("complexity", "i log a warning and move on"),
    ("complexity", "performance is important here"),
    ("complexity", "it should be fast enough"),
    # readability: a slogan, not a goal acted on
    ("readability", "readable code is important too"),
    ("readability", "readability, speed, safety, all of that matters"),
    ("readability", "clean code is nice but i'll just hack it"),
    ("readability", "readability is subjective so i won't spend time on names"),
    ("readability", "maintainability is something i always keep in mind"),
    ("readability", "everyone knows readable code matters"),
    # backpressure: keyword only, negated or hypothetical
    ("backpressure", "we'd need to handle backpressure somehow"),
    ("backpressure", "of course i'd make sure it handles backpressure"),
    ("backpressure", "we never had any rate limiting at my last job"),
    ("backpressure", "backpressure is important in systems like this"),
    ("backpressure", "rate limiting would be nice to have at some point"),
    # caching: a cache without a plan
    ("caching", "caching would help a lot here"),
    ("caching", "i'd put a cache in front of it"),
    ("caching", "we could add redis someday"),
    ("caching", "a cache would speed it up and consistency is important"),
    ("caching", "we never cached anything"),
    # failure_recovery: named, deferred, someone else's, or denied
    ("failure_recovery", "i'd keep failure recovery in mind too"),
    ("failure_recovery", "we could add retries someday"),
    ("failure_recovery", "the cloud provider handles failover for us"),
    ("failure_recovery", "we didn't do any failover and there were no replicas"),
    ("failure_recovery", "recovery is important for a system like this"),
    ("failure_recovery", "i'm leaving out multi region for now"),
    # invariants: named, not stated
    ("invariants", "consistency is important"),
    ("invariants", "correctness matters a lot here"),
    ("invariants", "each client may send at most one update per second"),
    ("invariants", "we want strong consistency everywhere"),
    ("invariants", "i'm not sure we need any invariants"),
    # api_shape: vague or about the user
    ("api_shape", "the api would be the usual endpoints"),
    ("api_shape", "the api is important to get right"),
    ("api_shape", "then the customer gets an email with a receipt"),
    ("api_shape", "the users search for hotels and book them"),
    ("api_shape", "we'd have some rest api for it"),
    # storage: a store without a reason
    ("storage", "data would go into postgres"),
    ("storage", "the storage layer would be something scalable"),
    ("storage", "we'd use a database"),
    ("storage", "storage is important"),
    ("storage", "we never decided on a database"),
    # scale_under_load: a slogan about scale
    ("scale_under_load", "it should scale, scalability is key"),
    ("scale_under_load", "scale is not something i'd worry about here"),
    ("scale_under_load", "no matter how many times the button is pressed we charge once"),
    ("scale_under_load", "performance is always a concern"),
    ("scale_under_load", "we'd make it scalable from day one"),
    # more near-misses
    ("edge_cases", "there are always tricky cases in these problems"),
    ("edge_cases", "things i'd think about later are performance and style"),
    ("edge_cases", "a giant hash set would take too much memory"),
    ("complexity", "we log it on every request"),
    ("scale_under_load", "when i hit a bug i add a print"),
    ("scale_under_load", "it'll be fine at scale"),
    ("backpressure", "the connection drops and the client reconnects"),
    ("backpressure", "the cache keeps us under the rate limit of the vendor"),
    ("failure_recovery", "retries are important"),
    ("failure_recovery", "if the server crashes we lose everything"),
    ("invariants", "we can send at most one email per user per day"),
    ("storage", "we store it in postgres"),
    ("storage", "answers are cached keyed by the question text"),
    ("simple_first", "premature optimization is the root of all evil as they say"),
    ("simple_first", "i'll start with the heap solution since it's optimal"),
    ("testability", "qa will test it eventually"),
    ("testability", "i didn't write tests for this"),
    ("testability", "we'd a b test it with users"),
]


@pytest.mark.parametrize(("signal_id", "text"), SAID)
def test_said_in_ordinary_words_is_a_hit(signal_id, text):
    assert signal(text, signal_id).hit, f"{signal_id} missed: {text!r}"


@pytest.mark.parametrize(("signal_id", "text"), NOT_SAID)
def test_named_deferred_or_denied_is_a_miss(signal_id, text):
    assert not signal(text, signal_id).hit, f"{signal_id} false hit: {text!r}"
