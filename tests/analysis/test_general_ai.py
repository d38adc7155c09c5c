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
    # --- more ways, recogniser style included ---------------------------------------------
    ('user_failure_path',
     'um so if the transcription is off the doctor sees the audio timestamp '
     'next to each line and can fix it before signing'),
    ('user_failure_path', 'any change the agent makes to the calendar can be undone with one tap'),
    ('user_failure_path',
     'the suggested reply never goes out by itself the rep has to press send'),
    ('user_failure_path',
     'every figure in the report links to the row in the spreadsheet it came '
     'from'),
    ('user_failure_path',
     'when the classifier is unsure the tag is shown greyed out and the user '
     'can accept or reject it'),
    ('user_failure_path',
     'if the route is wrong the driver can tap report and pick the right '
     'street'),
    ('user_failure_path',
     'the answer card shows the three documents it used so the analyst can '
     'check'),
    ('vague_or_stale_input',
     'uh when the ask is like make it pop we ask one question about the '
     'audience before generating anything'),
    ('vague_or_stale_input',
     "if the user's message is too short to tell what they want it offers "
     'three options to pick from'),
    ('vague_or_stale_input',
     'we keep a last synced time on each account and if it is more than a '
     'day old the bot says the balance may be out of date'),
    ('vague_or_stale_input',
     'if the recording is too noisy to transcribe it tells the caller it '
     "didn't catch that and asks again"),
    ('vague_or_stale_input',
     "when retrieval finds nothing above the cutoff it says it doesn't have "
     'that information'),
    ('usefulness_metric',
     "we'll know it's helping if the median time to close a ticket goes down"),
    ('usefulness_metric',
     "the way i'd judge it is the share of generated summaries people "
     'actually open'),
    ('usefulness_metric', 'i would track how many users come back to it in the second week'),
    ('usefulness_metric', 'it earns its keep if fewer people call the hotline about parking'),
    ('usefulness_metric', 'we would measure the percentage of suggestions accepted without edits'),
    ('eval_gates',
     "um it doesn't leave the pilot until it gets ninety five percent of the "
     'golden questions right'),
    ('eval_gates',
     'we keep it on internal staff until the error rate on our test set is '
     'below two percent'),
    ('eval_gates',
     'every new prompt has to score at least as well as the old one on our '
     "300 case suite before it's merged"),
    ('eval_gates',
     'the bar for going to all stores is 98 percent of prices extracted '
     'correctly on the held out sample'),
    ('eval_gates', 'if it misses more than one of the safety cases it does not ship'),
    ('human_review',
     'um every friday two of our senior agents read fifty random bot '
     'conversations and tag the bad ones'),
    ('human_review',
     'before we turn it on our nurses go through three hundred answers and '
     'mark anything unsafe'),
    ('human_review', 'drafts to clients get reviewed by a partner before they go out'),
    ('human_review', 'a moderator approves every reply before it is posted'),
    ('human_review', 'each week a linguist scores a sample of the translations'),
    ('escalation_path',
     'um if the caller mentions a fire or gas it immediately goes to a human '
     'dispatcher'),
    ('escalation_path',
     'anything the model is less than eighty percent sure about lands in the '
     'review queue for an adjuster'),
    ('escalation_path', 'if someone asks for a person twice we stop and connect them to an agent'),
    ('escalation_path',
     'questions about lawsuits are never answered by the bot they go to our '
     'legal team'),
    ('product_model_split',
     'i see two different problems the model getting the number wrong and '
     'the app letting someone act on it'),
    ('product_model_split',
     'even with a perfect model the screen could still mislead people so '
     'that part is a design problem'),
    ('product_model_split', 'model risk i measure offline and user risk i handle in the flow'),
    ('latency_cost', 'we can spend about a dollar per thousand requests'),
    ('latency_cost',
     'it has to respond in under two seconds because people are standing at '
     'the counter'),
    ('latency_cost',
     'token costs need to stay under three hundred dollars a month so we cap '
     'the context'),
    ('latency_cost', 'our p95 budget is 800 milliseconds'),
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
    # --- more near-misses -------------------------------------------------------------------
    ('user_failure_path', 'the model is usually right so it does not matter much'),
    ('user_failure_path', 'if the api times out users see the old page'),
    ('user_failure_path', 'we care a lot about what users see'),
    ('vague_or_stale_input', 'freshness is important for news'),
    ('vague_or_stale_input', 'the assistant answers whatever the user asks'),
    ('vague_or_stale_input', 'we do not guess at the budget yet'),
    ('usefulness_metric', "it's useful if it works"),
    ('usefulness_metric', 'success means people like it'),
    ('usefulness_metric', 'we will see whether people like it'),
    ('eval_gates', 'we would not ship on a friday'),
    ('eval_gates', 'we waited until the data team was ready'),
    ('eval_gates', 'we ran the eval once and looked at the numbers'),
    ('eval_gates', 'it stays in beta until we feel good about it'),
    ('human_review', 'users rate the answers with a thumbs up'),
    ('human_review', 'the model reviews its own output'),
    ('human_review', 'maybe a human could look at some outputs eventually'),
    ('human_review', 'the seller has to approve the draft before it goes live'),
    ('escalation_path', 'the customer gets an answer from the bot'),
    ('escalation_path', 'we never hand anything to people'),
    ('product_model_split', 'product and model are both important'),
    ('latency_cost', 'it should be fast'),
    ('latency_cost', 'cost matters'),
]


# --- Phrasing kinds added after the held-out error analysis (each written fresh here) -------

SAID_MORE = [
    # user_failure_path: the person only learns of the mistake later ("finds out at the gate")
    ('user_failure_path',
     'if the meal plan is wrong the diner finds out only when the food arrives so allergens '
     'are listed first'),
    ('user_failure_path',
     'when the bill split comes out wrong the households only discover it at month end'),
    ('user_failure_path',
     'if it quotes the wrong fare the traveller finds out at the ticket machine which is '
     'awful'),
    # user_failure_path: a confirm step where the key detail is checked before it counts
    ('user_failure_path',
     'each transfer shows the amount and payee in large type with a confirm step before '
     'any money moves'),
    ('user_failure_path',
     'so the booking page repeats the time back and there is a confirmation screen first'),
    ('user_failure_path',
     'the order summary lists every item and a confirm button so mistakes get caught'),
    # user_failure_path: the output is a proposal the person applies
    ('user_failure_path',
     'it never edits the spreadsheet directly it highlights the cell and the analyst types '
     'the value'),
    ('user_failure_path',
     'the bot does not cancel anything on its own the customer confirms the cancellation'),
    ('user_failure_path',
     'so the helper never submits anyone it fills a preview and the applicant submits it '
     'themselves'),
    ('user_failure_path',
     'every fix is a suggestion in the editor never a direct write to the file'),
    ('user_failure_path',
     'the generated config comes out as a merge request not a direct push to main'),
    ('user_failure_path',
     'changes are always proposals with the diff shown rather than a live edit'),
    # escalation_path: someone is paged or alerted for the risky subset
    ('escalation_path',
     'any reading that looks like a fall alerts the duty nurse straight away'),
    ('escalation_path',
     'if the transaction looks like fraud it pages the on call analyst with the details'),
    ('escalation_path',
     'anything mentioning self harm notifies a trained counsellor right away instead of '
     'getting a bot reply'),
    # escalation_path: passive routing ("they are put in touch with an adviser")
    ('escalation_path',
     'if a caller mentions a court date they are put in touch with a legal adviser instead'),
    ('escalation_path',
     'disputed charges are referred to a billing specialist rather than answered by the bot'),
    ('escalation_path',
     'when the claim is over five thousand it gets handed over to a senior adjuster'),
    # vague_or_stale_input: the vagueness said as an adverb, or as "without saying"
    ('vague_or_stale_input',
     'customers often describe the fault loosely so it asks which light is blinking'),
    ('vague_or_stale_input',
     'people ask for a good laptop without saying what they use it for so the bot asks '
     'about their work first'),
    ('vague_or_stale_input',
     'patients tend to phrase symptoms in general terms so it asks when it started and '
     'how bad it is'),
    # vague_or_stale_input: clarifying questions asked before acting
    ('vague_or_stale_input',
     'before suggesting a route it asks where they are starting from and whether they '
     'have a car'),
    ('vague_or_stale_input',
     'the helper asks how many guests are coming before quoting a price'),
    ('vague_or_stale_input',
     'first the assistant asks which account the payment is for'),
    # vague_or_stale_input: the source changes on a schedule; only the current one is used
    ('vague_or_stale_input',
     'the timetable changes every season so it only reads the current timetable'),
    ('vague_or_stale_input',
     'benefit rules get revised each year so answers come just from the latest rulebook'),
    ('vague_or_stale_input',
     'if the question is about an older version it says the guide only covers the newest '
     'release'),
    # product_model_split: "that's one problem ... the other / the real risk is ..."
    ('product_model_split',
     'the model can mislabel a photo that is one problem but the real risk is a buyer '
     'paying for the wrong part'),
    ('product_model_split',
     'one is the classifier getting a category wrong. the other is a seller losing a sale '
     'because of it'),
    ('product_model_split',
     'i would keep those two risks apart the translation can have errors and the reader '
     'can act on it and they need different handling'),
    # eval_gates: "goes live only if N percent are answered correctly"
    ('eval_gates',
     'we go live for every branch only if 92 percent of the test questions are answered '
     'correctly'),
    ('eval_gates',
     'it ships to all regions only when 9 out of 10 reviewed drafts are rated accurate'),
    ('eval_gates',
     'we turn it on only if 95 percent of the sample cases come back right'),
    # human_review: approvers named by their job, outside the shared person list
    ('human_review',
     'minutes are published only after the town clerk has read and approved them'),
    ('human_review',
     'nothing goes on the noticeboard until the school secretary has checked it'),
    ('human_review',
     'reports are released once the site inspector signs off on each one'),
]

NOT_SAID_MORE = [
    # "finds out" with no wrong output and no person
    ('user_failure_path', 'the team finds out about outages from the dashboard'),
    # a confirm button named for something else, or "never directly" with nobody applying it
    ('user_failure_path', 'we never update the index directly we rebuild it every night'),
    ('user_failure_path', 'the suggestion box is not a direct line to the ceo'),
    ('user_failure_path', 'we added a confirm button to the admin settings page'),
    ('user_failure_path', 'the cache never writes anything to disk directly'),
    # paging a system, a page that does not support, optional or hedged routing
    ('escalation_path',
     'the retrieved page does not support the claim in about 2 percent of answers'),
    ('escalation_path', 'reviewers can look at the answers if they want but nobody has to'),
    ('escalation_path', 'it might route things to support if needed i guess'),
    ('escalation_path', 'the job alerts the team lead when the nightly build fails'),
    ('escalation_path', 'we page the on call engineer when the queue backs up'),
    ('escalation_path', 'staff can check the output if they feel like it'),
    ('escalation_path', 'a human could check things but it is not part of the plan'),
    # vague said of something else; asking before, about something not vague
    ('vague_or_stale_input', 'i described the architecture loosely in the design doc'),
    ('vague_or_stale_input', 'the model changes every week because we retrain it'),
    ('vague_or_stale_input', 'prices change every day and that is fine'),
    # a first problem named with no second one
    ('product_model_split', 'the model getting dates wrong is one problem we fixed'),
    ('product_model_split', 'the real risk is the deadline'),
    # a gate word with no number, or a bar that is not about usefulness
    ('eval_gates', 'we go live only if the team feels good about it'),
    ('eval_gates', 'we launch only if 3 of the stakeholders agree'),
    ('product_model_split', 'the model getting slow is one problem and the other is cost'),
    ('usefulness_metric',
     'it has to get 90 percent of notes rated usable and that is the bar for launch'),
    # a clerk who does something other than review
    ('human_review', 'the clerk uploads the recording after the meeting'),
]


@pytest.mark.parametrize(("signal_id", "text"), SAID + SAID_MORE)
def test_said_in_ordinary_words_is_a_hit(signal_id, text):
    assert signal(text, signal_id).hit, f"{signal_id} missed: {text!r}"


@pytest.mark.parametrize(("signal_id", "text"), NOT_SAID + NOT_SAID_MORE)
def test_named_hedged_or_denied_is_a_miss(signal_id, text):
    assert not signal(text, signal_id).hit, f"{signal_id} false hit: {text!r}"

