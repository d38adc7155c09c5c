"""Whose act and whether it is done (analysis/stance.py), checked through the detector: a
sentence about a colleague's work, or a maybe for later, ticks nothing; the speaker's own act,
people who are part of the design, and a limit someone else set still tick."""

from __future__ import annotations

import pytest

from mockloop.analysis import analyze
from mockloop.rubric import get_rubric
from mockloop.transcript import Transcript


def hits(role: str, round_id: str, text: str) -> set[str]:
    rubric = get_rubric()
    result = analyze(Transcript.from_text(text), rubric.round(round_id), rubric.role(role))
    return {s.id for s in result.signals if s.hit}


# (round, signal, someone else's work or a deferred maybe: no tick)
NOT_THE_SPEAKERS = [
    ("system-design", "caching",
     "My tech lead put a cache in front of the catalogue with a ten minute expiry and "
     "invalidation on every price change."),
    ("system-design", "storage",
     "Our architect picked DynamoDB for the orders because of the key-value access pattern."),
    ("coding", "testability",
     "Um, the platform team wrote all the property tests for the parser, I mostly read them."),
    ("system-design", "failure_recovery",
     "The SRE folks handle the restores from the nightly snapshots, I was not part of that."),
    ("ml-design", "monitoring",
     "the data team set up the drift alerts on the feature store before i joined"),
    ("system-design", "backpressure",
     "We might add some load shedding eventually, if it becomes a problem, I guess."),
    ("ml-design", "train_serve_skew",
     "At some point we'd probably want one feature definition shared by training and serving."),
    ("coding", "testability",
     "i would probably write a few unit tests later on if there is time"),
]

# (round, signal, the speaker's own act or the design itself: still a tick)
STILL_THE_SPEAKERS = [
    ("system-design", "caching",
     "My lead wanted no cache at all, but I cached the catalogue with a ten minute TTL and we "
     "invalidate the entry when a price changes."),
    ("ai-design", "escalation_path",
     "If the caller mentions chest pain, the bot hands the conversation to a nurse from the "
     "triage team with the transcript attached."),
    ("story-90", "constraint",
     "Our VP had set a hard limit: the migration had to finish inside a two hour maintenance "
     "window, and that shaped everything we did."),
    ("system-design", "backpressure",
     "When the queue passes ten thousand jobs we shed the low-priority ones and return a 429 "
     "with a retry-after, and maybe later we tune the threshold."),
    ("coding", "simple_first",
     "I'd start with a plain sorted list, maybe switch to a heap later if the inputs grow."),
]


@pytest.mark.parametrize("round_id, signal, text", NOT_THE_SPEAKERS)
def test_someone_elses_work_or_a_maybe_for_later_ticks_nothing(round_id, signal, text):
    assert signal not in hits("swe", round_id, text)


@pytest.mark.parametrize("round_id, signal, text", STILL_THE_SPEAKERS)
def test_the_speakers_own_act_and_people_in_the_design_still_tick(round_id, signal, text):
    assert signal in hits("swe", round_id, text)


def test_a_user_who_says_something_is_part_of_the_design():
    text = ("Someone says their card was stolen, and the bot stops right there and hands the "
            "chat to a person on the fraud team with the transcript attached.")
    assert "escalation_path" in hits("ai-engineer", "ai-design", text)
