"""AI-design signals said in ordinary, varied ways (written fresh for these tests, not copied
from the labelled sets), and the near-misses that must stay misses: named only, hedged ("at
some point, probably"), negated, somebody else's act, or a different signal's act."""

from __future__ import annotations

import pytest

from .helpers import signal

SAID = [
    # --- user_failure_path: what the user meets when the output is wrong, and what then ---
    ('user_failure_path', 'if the summary is off the agent can edit it before it goes out'),
    ('user_failure_path',
     'each suggested reply links back to the knowledge base article so the rep can check it'),
    ('user_failure_path', 'nothing is sent automatically it sits as a draft until you hit send'),
    ('user_failure_path',
     'when an extracted amount is wrong the accountant sees the scanned receipt side by side '
     'and fixes the field'),
    ('user_failure_path',
     'fields the model is unsure about are highlighted in yellow so the clerk double checks '
     'them'),
    ('user_failure_path', "there's an undo button on every change it makes"),
    ('user_failure_path', 'if the tag is wrong the seller just removes it'),
    ('user_failure_path', 'every answer cites the paragraph it came from'),
    ('user_failure_path',
     'when a caption comes out wrong the player can tap it to see what was actually said'),
    ('user_failure_path',
     'each recommendation comes with a one line reason so the buyer can judge it'),
    ('user_failure_path',
     "there's always a report a problem button under the answer and pressing it offers a "
     "call back"),
    ('user_failure_path', 'the screen explains why it picked that option in plain words'),
    ('user_failure_path',
     'if the bot gets the order wrong the shopper can reject it and nothing is charged'),
    ('user_failure_path', 'nothing gets published on its own the writer always approves it'),
    ('user_failure_path',
     'missing items are shown in red so the reviewer reads that part of the file themselves'),
    # --- vague_or_stale_input: vague, stale, unreadable or missing input handled -----------
    ('vague_or_stale_input', 'if a customer only writes refund the bot asks which order they mean'),
    ('vague_or_stale_input', "it won't guess from a vague message it asks what device they're on"),
    ('vague_or_stale_input',
     "when someone just says it's broken we ask what they were trying to do first"),
    ('vague_or_stale_input',
     'if the price list is more than a day old we say prices may have changed'),
    ('vague_or_stale_input',
     'if the photo is too blurry to read it tells them to retake it instead of guessing'),
    ('vague_or_stale_input',
     "when the retriever comes back empty it says it couldn't find anything and links the "
     "help centre"),
    ('vague_or_stale_input',
     "if the top match is below the similarity threshold we don't answer we say we're not sure"),
    ('vague_or_stale_input',
     'if the policy has been superseded it points to the new version instead of quoting the '
     'old one'),
    ('vague_or_stale_input',
     'if the question could mean two products it shows both and lets them pick'),
    ('vague_or_stale_input',
     'if the stock numbers are older than an hour the app says availability is unknown'),
    ('vague_or_stale_input',
     'pages the scanner could not read are listed as unreadable rather than filled in'),
    ('vague_or_stale_input',
     "if the timetable feed hasn't updated in ten minutes it tells riders the times may be "
     "out of date"),
    ('vague_or_stale_input',
     'when the request is a single word it asks one follow up question before searching'),
    # --- usefulness_metric: how usefulness is measured ---------------------------------------
    ('usefulness_metric',
     "we'll know it works if agents accept most suggested replies without editing them"),
    ('usefulness_metric',
     "the number i'd watch is how many tickets get closed without a human touching them"),
    ('usefulness_metric', "it's a win if the average handle time drops by a minute"),
    ('usefulness_metric',
     "i'd look at whether people who tried it once are still using it four weeks later"),
    ('usefulness_metric', 'success for me is fewer support tickets about billing'),
    ('usefulness_metric',
     "we'd compare how long it takes to write a report with and without the assistant"),
    ('usefulness_metric', "we'd count how often users copy the generated answer"),
    ('usefulness_metric',
     "i'd call it useful if more than half the drafts get sent with only small edits"),
    ('usefulness_metric',
     "it's worth it if the share of users who open a second ticket goes down"),
    ('usefulness_metric',
     "it's useful if nurses spend less time on handover notes and if they keep using it"),
    ('usefulness_metric',
     "i'd call it a success if calls to the help line drop by a quarter"),
    ('usefulness_metric',
     'we ask at the end of each session whether it saved them time on a one to five scale'),
    # --- eval_gates: a bar that must pass before shipping or widening -------------------------
    ('eval_gates',
     "it doesn't go to all customers until it scores ninety percent on the golden set"),
    ('eval_gates',
     'we only turn it on for everyone once the hallucination rate on our test questions is '
     'under one percent'),
    ('eval_gates',
     'any prompt change has to beat the current version on the regression suite before it '
     'merges'),
    ('eval_gates',
     'before expanding past the pilot it needs at least 95 percent precision on 500 hand '
     'labelled examples'),
    ('eval_gates', 'the launch bar is zero critical errors on the red team set'),
    ('eval_gates', 'the rollout waits until recall on the held out tickets is above 0.8'),
    ('eval_gates', 'nothing ships unless it passes the safety eval'),
    ('eval_gates',
     "it stays internal until it gets 9 out of 10 of the test questions right"),
    ('eval_gates',
     "the router isn't switched on until it labels at least 85 percent of the sample right"),
    ('eval_gates',
     "before we open it up to the other teams it has to pass a check on 200 real requests "
     "with no made up numbers"),
    ('eval_gates',
     'a new model is blocked from deploying if it drops more than two points on the benchmark'),
    # --- human_review: people review outputs -------------------------------------------------
    ('human_review', 'a pharmacist signs off on every generated label before it prints'),
    ('human_review', 'before launch two annotators graded five hundred responses'),
    ('human_review', 'each week someone from support reads fifty random chats and scores them'),
    ('human_review', 'an editor has to approve each headline before it goes live'),
    ('human_review', 'nothing reaches a patient until a clinician has looked at it'),
    ('human_review', 'the legal team went through three hundred outputs before we turned it on'),
    ('human_review',
     "i'd have the content team spot check a sample of summaries every week"),
    ('human_review',
     'the responsible partner has to approve the letter before it can be sent'),
    ('human_review',
     'the shift supervisor reviews every reply the model flags before it is sent'),
    # --- escalation_path ---------------------------------------------------------------------
    ('escalation_path', 'anything mentioning self harm is handed to a trained counsellor'),
    ('escalation_path',
     'questions about medication doses get forwarded to the on call pharmacist'),
    ('escalation_path',
     'if it cannot decide between two answers the chat goes to a support agent with the '
     'history attached'),
    ('escalation_path', 'disputes over fifty pounds go straight to a person in billing'),
    # --- product_model_split -----------------------------------------------------------------
    ('product_model_split',
     'how accurate the model is and what the user does with a wrong answer are two separate '
     'problems'),
    ('product_model_split',
     "a better model won't fix the harm of someone acting on a wrong dose that one i fix in "
     "the workflow"),
    ('product_model_split',
     'the model side we measure with a test set and the product side we handle with the '
     'review screen'),
    # --- latency_cost ------------------------------------------------------------------------
    ('latency_cost', 'each answer has to cost less than half a cent'),
    ('latency_cost', 'the first words need to show up within a second'),
    ('latency_cost', 'we have a budget of about two cents per conversation'),
    ('latency_cost', 'the reply must come back in under three seconds or people leave'),
]

NOT_SAID = [
    ('user_failure_path', 'users will work it out on their own'),
    ('user_failure_path', 'if the model service is down users get the old search page'),
    ('user_failure_path', 'accuracy matters a lot to our users'),
    ('user_failure_path', 'a wrong answer here only costs us an apology'),
    ('user_failure_path', 'we never show users where the answer came from'),
    ('vague_or_stale_input', 'stale data is always a risk with these systems'),
    ('vague_or_stale_input', 'vague prompts are a big problem for language models'),
    ('vague_or_stale_input', 'we never really handled out of date documents'),
    ('vague_or_stale_input', 'users ask which plan is cheapest and it answers'),
    ('vague_or_stale_input', 'the model tries to guess what the user meant'),
    ('vague_or_stale_input', 'old data is a pain but nothing we can do'),
    ('usefulness_metric', 'usefulness is really the key thing here'),
    ('usefulness_metric', "we'd track usefulness obviously"),
    ('usefulness_metric', "users will let us know if it isn't helpful"),
    ('usefulness_metric', "value is hard to measure for internal tools so i wouldn't bother"),
    ('usefulness_metric', 'adoption is important for a feature like this'),
    ('eval_gates', 'evals are important we would do evals'),
    ('eval_gates', 'evaluation gates are key i would want those'),
    ('eval_gates', "we'd evaluate it on a test set of a few hundred questions"),
    ('eval_gates', 'we shipped it without any eval gates'),
    ('eval_gates', "i'd look at the accuracy on the test set"),
    ('human_review', "we'd have human review at some point probably"),
    ('human_review', "we'd definitely put a human in the loop somewhere i guess"),
    ('human_review', 'human in the loop is key'),
    ('human_review', 'nobody looked at the outputs before the beta'),
    ('human_review', 'we could add reviewers later if needed'),
    ('human_review', 'the assistant reads the contract and marks it as a draft'),
    ('human_review', 'we start with the read only questions because a wrong answer is cheap'),
    ('escalation_path', 'escalation paths are something every design needs'),
    ('escalation_path', 'people ended up calling the hotline on their own'),
    ('product_model_split', 'people say you should separate product risk from model risk'),
    ('product_model_split', "the model and the product are the same thing really"),
    ('latency_cost', 'latency is something to keep in mind'),
    ('latency_cost', "cost we'd figure out later"),
]


@pytest.mark.parametrize(("signal_id", "text"), SAID)
def test_said_in_ordinary_words_is_a_hit(signal_id, text):
    assert signal(text, signal_id).hit, f"{signal_id} missed: {text!r}"


@pytest.mark.parametrize(("signal_id", "text"), NOT_SAID)
def test_named_hedged_or_denied_is_a_miss(signal_id, text):
    assert not signal(text, signal_id).hit, f"{signal_id} false hit: {text!r}"
