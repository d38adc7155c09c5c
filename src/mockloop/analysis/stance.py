"""Whose act, and whether it is done: two checks every signal shares.

A phrase family says how a signal is spoken; it cannot tell who did the thing or whether it
is only a maybe for later. Two kinds of sentence say the signal's words without the speaker
doing it, in every round alike:

- **someone else's work**: "My lead decided on the Redis cache and all the expiry settings.",
  "The QA team writes all the tests for our services.", "the dba did the restore i just
  waited for it". A colleague, a team or a vendor did it, and the speaker is not the one who
  acts (no "I" or "we" in the sentence, or the speaker says they were not part of it).
  People who are part of the design are not this: "a nurse reviews the flagged answers",
  "the on-call engineer gets paged" (no possessive, no past decision).
- **a deferred maybe**: "I'd probably add some tests later, if there's time.", "We might look
  at load shedding down the line." An uncertain word together with a putting-off word, and no
  figure that would make it a plan.

`vetoed(unit)` names the reason ("someone else's", "deferred maybe") or returns None. The
engine drops a family's firing on a vetoed unit; `mockloop explain` shows the reason.
"""

from __future__ import annotations

import re

from mockloop.analysis.units import Unit

# Who else: a relation or a team, as the subject of the sentence.
_OTHER = (r"(?:my|our|the|their|his|her|another|other|a|one|some) (?:(?:old|former|previous|"
          r"new|senior|tech|team|engineering|product|staff|principal|other|platform|data|"
          r"infra|infrastructure|sre|qa|security|backend|frontend|ml|ops|devops|dba|api|"
          r"gateway|front end|back end|search|payments?|billing|mobile|web|core|legal|"
          r"compliance|research|analytics|ux|design) ){0,2}"
          r"(?:manager|managers|lead|leads|boss|colleague|colleagues|coworker|coworkers|"
          r"co worker|teammate|teammates|reviewer|reviewers|architect|architects|director|cto|"
          r"vp|team|teams|dba|sre|sres|vendor|vendors|contractor|"
          r"contractors|consultant|consultants|predecessor|interviewer|engineer|engineers|"
          r"intern|pm|pms|product manager|analyst|analysts|scientist|scientists|department|"
          r"squad|style guide)|someone(?: else)?|somebody(?: else)?")
# What they did (past decisions and work, or a standing "always tells us").
_DID = (r"(?:already |always |just |had |has |have |originally |actually |really )*"
        r"(?:decided|chose|chosen|picked|set|designed|wrote|written|built|owned|owns|own|ran|"
        r"did|handled|handles|added|made|configured|put|implemented|defined|tells|told|"
        r"pointed|asked|enforce|enforces|enforced|took care|takes care|writes|runs|"
        r"sets|designs|decides|chooses|picks|set up|came up|insisted|wanted|mandated|"
        r"required|approved|optimised|optimized|tuned|created|established|"
        r"introduced|installed|migrated|moved|went with|go with|goes with)")
# As the sentence's subject: at its start, after at most two discourse words ("so", "and",
# "um"...); "a set of tickets where the team leads wrote the ideal summary" is the design.
_LEAD_IN = (r"(?:(?:so|and|but|um|uh|well|like|yeah|oh|because|actually|honestly|then|also) )"
            r"{0,2}(?:(?:in|on|at) (?:our|my|the|that|their) (?:\S+ )?(?:codebase|code|repo|team|"
            r"company|project|service|org|job|place) )?")
_OTHERS_DID = re.compile(rf"^{_LEAD_IN}(?:{_OTHER}) (?:\S+ ){{0,3}}?{_DID}(?!\S)")
# The speaker as the one who acts (a subject pronoun; "my team" and "our team" are "we").
_FIRST_PERSON = re.compile(r"(?<!\S)(?:i|we|us|my team|our team)(?!\S)")
# The speaker saying it was not theirs.
_NOT_MINE = re.compile(
    r"(?<!\S)(?:i (?:was|am) not (?:really )?(?:part of|involved|on)|i (?:never|did not) "
    r"(?:really )?(?:touch|touched|work on|worked on|own|owned)|i do not (?:really )?know how|"
    r"not (?:us|me)$|before i (?:got|joined|arrived|came)|"
    r"i (?:just|only|mostly) (?:waited|watched|used|read|implemented|built against|followed)|"
    r"that (?:was|is) (?:his|her|their) (?:call|decision|thing|rule|area|job))(?!\S)")

# A deferred maybe: both an uncertain word and a putting-off word, with no figure.
_UNSURE = re.compile(
    r"(?<!\S)(?:maybe|might|probably|possibly|perhaps|i guess|i suppose|ideally|hopefully|"
    r"not sure|i do not know|or something|somehow|something like that)(?!\S)")
_LATER = re.compile(
    r"(?<!\S)(?:at some point|at some stage|eventually|down the line|down the road|later on|"
    r"later|some day|someday|one day|if there is time|if we have time|if we get time|"
    r"if it becomes a problem|if it comes to that|we will see|if we ever|once the model is|"
    r"if there is appetite|after the first launch)(?!\S)")
_DIGIT = re.compile(r"\d")
DEFERRED_MAX_TOKENS = 30  # a long sentence may defer one part and do another
# Signals told as what others set or did: a limit someone imposed is still the constraint.
OTHERS_ALLOWED = frozenset({"constraint", "failure_mode"})
# Signals whose act is itself a putting-off ("a plain list first, maybe an index later").
DEFERRING_SIGNALS = frozenset({"restraint", "simple_first", "sequencing"})


def vetoed(unit: Unit, signal_id: str = "") -> str | None:
    """Why a unit cannot be the speaker doing `signal_id`, or None when it can."""
    text = unit.text
    if signal_id not in OTHERS_ALLOWED and _NOT_MINE.search(text):
        return "someone else's"
    if (signal_id not in OTHERS_ALLOWED and _OTHERS_DID.search(text)
            and not _FIRST_PERSON.search(text)):
        return "someone else's"
    if (signal_id not in DEFERRING_SIGNALS and len(unit.tokens) <= DEFERRED_MAX_TOKENS
            and not _DIGIT.search(text) and _UNSURE.search(text) and _LATER.search(text)):
        return "deferred maybe"
    return None
