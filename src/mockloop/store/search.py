"""Turn what a user types into a safe FTS5 query: words and "quoted phrases", nothing else."""

from __future__ import annotations

import re

SNIPPET_MARKS = ("[", "]")  # wrap the matched words in a search snippet

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|([^\s"]+)')
_TOKEN = re.compile(r"\w+")


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression requiring every word (or phrase) typed; None if nothing to find.

    Punctuation and FTS operators (AND, NEAR, *, ^, a lone quote) are taken as plain text,
    so no input can raise a syntax error: only word characters ever reach the query.
    """
    terms = []
    for match in _PHRASE_OR_WORD.finditer(text):
        tokens = _TOKEN.findall(match.group(1) if match.group(1) is not None else match.group(2))
        if tokens:
            terms.append('"' + " ".join(tokens) + '"')
    return " ".join(terms) or None
