"""The round's vocabulary helps the recogniser spell the rare technical words of that round."""

from __future__ import annotations

import pytest

from mockloop.asr.settings import FILLER_PROMPT, DecodeSettings
from mockloop.rubric import load_rubric


def test_vocabulary_comes_first_then_the_filler_prompt_then_what_was_said_before():
    # The filler-keeping sentence sits nearest the audio: with the vocabulary after it, a
    # hummed "uhh" came back as the last term ("AUC") (bench_filled_pauses.py).
    prompt = DecodeSettings().prompt_with_context("so we picked the", ("Postgres", "p99"))
    assert prompt == f"Postgres, p99. {FILLER_PROMPT} so we picked the"
    assert DecodeSettings().prompt_with_context("", ()) == FILLER_PROMPT
    old = DecodeSettings(vocabulary_first=False).prompt_with_context("so", ("Postgres",))
    assert old == f"{FILLER_PROMPT} Postgres. so"


def test_every_builtin_round_gives_the_recogniser_a_vocabulary():
    rubric = load_rubric(None)
    for round_ in rubric.rounds.values():
        assert 5 <= len(round_.vocabulary) <= 40, round_.id
        # Whisper keeps only the last 223 prompt tokens; the vocabulary must leave room for
        # the filler prompt and the answer so far (about 4 characters a token).
        assert len(", ".join(round_.vocabulary)) < 400, round_.id


@pytest.mark.slow
def test_a_design_answer_keeps_its_technical_words(model, speak):
    vocabulary = load_rubric(None).round("system-design").vocabulary
    text = ("For storage I'd keep the pages in Postgres because we need joins, "
            "and the hot pages are cached in Redis for ten minutes.")
    heard = model.transcribe(speak(text), vocabulary=vocabulary).text.lower()
    for word in ("postgres", "cached", "redis"):
        assert word in heard, heard
