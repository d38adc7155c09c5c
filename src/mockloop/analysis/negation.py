"""Negation scope: does a negator govern a matched phrase, or sit in some other clause?

"we never had a fallback" negates the fallback; "if the model is not confident we fall back
to search" does not, because "not" belongs to the if-clause that "we" closes.
"""

from __future__ import annotations

from mockloop.analysis.units import Unit

WINDOW = 6  # tokens before the phrase a negator may sit and still govern it
POST_WINDOW = 4  # tokens after the phrase ("monitoring was never set up")

NEGATORS = {"not", "no", "never", "without", "none", "nothing", "neither", "nor", "nobody",
            "lack", "lacked", "lacking", "skipped", "skip", "forgot", "forgotten", "neglected",
            "absent", "absence", "zero", "barely", "hardly", "nowhere", "instead", "ignored",
            "ignore", "omitted"}
# Negators that deny a noun phrase ("no monitoring"), so they reach only a few words.
_DETERMINER_NEGATORS = {"no", "without", "zero", "lack", "lacked", "lacking", "absence", "none"}
DET_WINDOW = 3

# "not only", "no matter": the negator does not deny what follows.
_NOT_NEGATING_NEXT = {"not": {"only", "just", "merely", "necessarily", "sure", "until"},
                      "no": {"matter", "doubt", "longer"}, "zero": {"downtime"}}
# Words that open a new clause: a negator before them does not reach past them.
BOUNDARIES = {"if", "when", "whenever", "unless", "because", "since", "but", "so", "then",
              "which", "where", "while", "until", "once", "otherwise", "though", "although",
              "after", "before", "whether", "i", "we", "you", "they", "he", "she", "that",
              "whereas", "except", "and", "cause", "as"}
_AUX = {"was", "were", "is", "are", "has", "have", "had", "did", "do", "does", "would", "could",
        "will", "can", "should", "got", "get", "been", "be", "ever"}
_BELIEF = {"think", "believe", "feel", "expect", "see", "reckon"}
_SUBJECTS = {"i", "we", "you", "they", "he", "she", "that"}
# "anything it can not parse goes to ...": the negator sits in the clause that picks the case.
_CONDITIONALS = {"if", "when", "whenever", "unless", "once", "until", "anything", "whatever",
                 "everything", "anyone", "anybody"}
# Regret phrasing implies the thing did not exist: "we should have had monitoring".
_OPENS_CONDITION = {"if", "when", "whenever", "unless", "once", "until"}
_REGRET = (("should", "have"), ("could", "have"), ("wish", "we"), ("wish", "i"),
           ("if", "only"), ("would", "have"))
# Words after which "that" opens a content clause ("the cost is that ...", "accepted that ...").
_THAT_OPENERS = {"is", "was", "are", "were", "be", "accept", "accepted", "accepting", "accepts",
                 "knowing", "knew", "know", "means", "meant", "mean", "tolerate", "tolerated",
                 "decided", "said", "agreed", "realised", "realized"}
_PAST_PARTICIPLE_HINT = ("ed", "en", "had", "built", "set", "put", "done", "written", "thought")


def _negator_at(tokens, k: int) -> bool:
    t = tokens[k].text
    if t not in NEGATORS:
        return False
    nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
    if nxt in _NOT_NEGATING_NEXT.get(t, ()):
        return False
    # "instead of X" moves away from X; "X instead" replaces something else: only the former.
    if t == "instead":
        return nxt == "of"
    if t in {"skip", "ignore"}:
        prev = tokens[k - 1].text if k else ""
        return prev in {"we", "i", "they", "to", "did", "would"}
    return True


def _in_condition(tokens, k: int) -> bool:
    for j in range(k - 1, max(-1, k - 1 - WINDOW), -1):
        if tokens[j].text in _CONDITIONALS:
            return True
        if tokens[j].comma_after:
            return False
    return False


def _negated_belief(tokens, lo: int) -> bool:
    """"I don't think I need to test it": the negation sits on "think", not on the act."""
    for k in range(max(0, lo - WINDOW - 4), lo - 1):
        if tokens[k].text in {"not", "never"} and tokens[k + 1].text in _BELIEF:
            return not any(tokens[j].comma_after for j in range(k, lo - 1))
    return False


def _regret_before(tokens, lo: int) -> bool:
    for k in range(max(0, lo - WINDOW), lo - 1):
        pair = (tokens[k].text, tokens[k + 1].text)
        if pair in _REGRET:
            after = tokens[k + 2].text if k + 2 < len(tokens) else ""
            if pair[1] == "have" and not after.endswith(_PAST_PARTICIPLE_HINT):
                continue
            if any(tokens[j].text in BOUNDARIES - {"we", "i"} for j in range(k + 2, lo)):
                continue
            return True
    return False


# "a fallback that does not exist" denies the thing; "the simpler model that does not use
# embeddings" only describes it.
_EXISTENCE_VERBS = {"exist", "work", "get", "happen", "fire", "trigger", "apply", "run", "kick",
                    "have", "catch", "help", "matter", "cover"}


def _describes(tokens, hi: int, k: int, nxt: str) -> bool:
    """A "that does not VERB" relative clause after the phrase: it says what the thing is."""
    return (tokens[k].text == "not" and tokens[k - 1].text in {"do", "does", "did"}
            and any(tokens[j].text == "that" for j in range(hi, k - 1))
            and nxt not in _EXISTENCE_VERBS)


# Run-on speech has no commas: "the old search was not great the app falls back to ...". A
# clause that starts with its own subject ("the app", "our ranker") and a finite verb is out of
# reach of a negator in the clause before it, once that clause has said something after its
# negator ("not great", "not have much time") - "we did not add the fallback" stays denied.
_SUBJECT_DETS = {"the", "our", "their", "this", "my", "its", "your", "his", "her"}
_FINITE = {"is", "was", "are", "were", "will", "would", "can", "could", "should", "has", "had",
           "does", "did", "may", "might", "must", "keeps", "kept", "gets", "got", "goes", "went",
           "just", "then", "always", "still", "automatically", "immediately"}
# After these the next noun phrase is their object or complement, not a new subject.
_TAKES_OBJECT = {"to", "of", "for", "with", "on", "in", "at", "by", "from", "into", "onto",
                 "about", "over", "under", "through", "like", "than", "add", "added", "adding",
                 "have", "had", "has", "build", "built", "use", "used", "using", "see", "saw",
                 "get", "got", "make", "made", "give", "gave", "let", "want", "wanted", "need",
                 "needed", "set", "put", "keep", "kept", "do", "did", "does", "think", "believe",
                 "expect", "know", "knew", "say", "said", "notice", "noticed", "check",
                 "checked", "test", "tested", "ship", "shipped", "find", "found", "trust",
                 "call", "show", "tell", "told", "write", "wrote", "run", "ran", "is", "was",
                 "are", "were", "be", "been", "being", "not", "no", "never", "without", "a",
                 "an", "any", "some", "every", "each", "all", "both", "and", "or", "nor"}
# Words that may stand between "it" and its verb in a new clause ("it just hands it off").
_PRONOUN_ADVERBS = {"just", "then", "always", "simply", "instead", "still", "automatically",
                    "immediately", "straight", "now"}
_NOT_SUBJECT_WORDS = (set(NEGATORS) | _AUX | BOUNDARIES | _TAKES_OBJECT | _SUBJECT_DETS | {"it"})


def _finite(tok: str) -> bool:
    """A word that can be the verb of a new clause ("falls", "retried", "will")."""
    if tok in _FINITE:
        return True
    return len(tok) > 3 and ((tok.endswith("s") and not tok.endswith(("ss", "us", "is")))
                             or tok.endswith("ed"))


def _own_subject_at(tokens, lo: int, hi: int) -> int | None:
    """Where a subject noun phrase ("the app", "our fraud model") that opens the phrase's own
    clause starts: right before the phrase or as the phrase's first words; None if there is
    none."""
    # "the app | falls back": the phrase starts with the verb of its own subject.
    if _finite(tokens[lo].text):
        for s in (lo - 2, lo - 3):
            if s >= 1 and tokens[s].text in _SUBJECT_DETS and all(
                    tokens[j].text not in _NOT_SUBJECT_WORDS for j in range(s + 1, lo)):
                return s
        # "... never handled by the bot | it goes to ...", "it just hands it off"
        for s in (lo - 1, lo - 2):
            if s >= 1 and tokens[s].text == "it" and all(
                    tokens[j].text in _PRONOUN_ADVERBS for j in range(s + 1, lo)):
                return s
    # "| the app falls back": the phrase starts with its subject.
    if tokens[lo].text in _SUBJECT_DETS:
        for v in (lo + 2, lo + 3):
            if v < hi and _finite(tokens[v].text) and all(
                    tokens[j].text not in _NOT_SUBJECT_WORDS for j in range(lo + 1, v)):
                return lo
    return None


def _new_clause_before(tokens, lo: int, hi: int) -> int | None:
    """The subject start of the phrase's own clause when the clause before it has ended: the
    word before the subject is not one that takes it as an object, and that clause said
    something after its negator (None otherwise)."""
    s = _own_subject_at(tokens, lo, hi)
    if s is None or s < 2:
        return None
    prev = tokens[s - 1].text
    if prev in _TAKES_OBJECT or prev in NEGATORS or prev in _BELIEF or prev.endswith("ed"):
        return None
    return s


def negated(unit: Unit, lo: int, hi: int) -> bool:
    """Whether the phrase at tokens [lo, hi) of `unit` is denied by a governing negator."""
    tokens = unit.tokens
    # A phrase that opens its own clause ("after we switched ...") is out of reach of a
    # negator in the clause before it.
    # So does one that starts with its own subject ("the user never gets X, they see Y").
    reach = 0 if tokens[lo].text in BOUNDARIES - {"that"} else WINDOW
    clause = _new_clause_before(tokens, lo, hi)
    if clause is not None:
        # "was not great | the app falls back": nothing before the new subject reaches it.
        reach = min(reach, lo - clause)
    for k in range(lo - 1, max(-1, lo - 1 - reach), -1):
        if tokens[k].comma_after:
            break  # a comma between the negator and the phrase closes the clause
        if _negator_at(tokens, k):
            # "if the model is not confident the answer falls back": the negator sits in a
            # condition clause that the phrase follows, so it does not deny the phrase.
            if lo - k > 2 and _in_condition(tokens, k):
                break
            # "no X" denies the noun phrase right after it, not a later verb
            # ("anything about no heat or safety goes to a person").
            if tokens[k].text in _DETERMINER_NEGATORS and lo - k > DET_WINDOW:
                break
            return True
        if tokens[k].text in BOUNDARIES:
            # "we never had X": the subject pronoun right before the auxiliary is part of
            # the governed clause, but a pronoun after a predicate starts a new one.
            break
    if clause is None and (_regret_before(tokens, lo) or _negated_belief(tokens, lo)):
        return True
    # After it: "a fallback was never built", "monitoring wasn't there". A phrase that ends
    # by opening a condition ("when", "if") is not denied by the condition's own "not"
    # ("when the model is not confident").
    if tokens[hi - 1].text in _OPENS_CONDITION:
        return False
    # Nor one that ends by opening what it says ("the cost is that", "we accepted that"): a
    # "not" after it sits in that clause ("the cost is that eviction is not exact anymore").
    if hi - lo > 1 and tokens[hi - 1].text == "that" and tokens[hi - 2].text in _THAT_OPENERS:
        return False
    if (hi < len(tokens) and tokens[hi].text == "that" and tokens[hi - 1].text in _THAT_OPENERS
            and not tokens[hi - 1].comma_after):
        return False
    for k in range(hi, min(len(tokens), hi + POST_WINDOW)):
        t = tokens[k].text
        if tokens[k - 1].comma_after:
            break
        if t in BOUNDARIES and t not in {"that"}:
            break
        if t == "never" or (t == "not" and tokens[k - 1].text in _AUX):
            nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
            if t == "not" and nxt in _NOT_NEGATING_NEXT["not"]:
                continue
            if _describes(tokens, hi, k, nxt):
                continue
            return True
    return False
