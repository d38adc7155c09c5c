"""Splitting answers into sentence-like units, and normalising speech-recognition text."""

from __future__ import annotations

from mockloop.analysis.text import tokenize
from mockloop.analysis.units import HARD_CAP, split_units
from mockloop.transcript import Transcript

from .helpers import timed


def words(text: str) -> list[str]:
    return text.split()


def texts(text: str) -> list[str]:
    return [u.text for u in split_units(Transcript.from_text(text))[1]]


def test_punctuation_splits_sentences():
    assert texts("We chose Postgres. It was simple! Why? Because, e.g. joins.") == [
        "we chose postgres", "it was simple", "why", "because for example joins"]


def test_run_on_speech_is_cut_at_discourse_markers():
    run_on = ("um so the main constraint was latency we had fifty milliseconds for the whole "
              "request and the model alone took forty so then i decided to drop the cross "
              "encoder and use a smaller model which cost us some recall")
    units = texts(run_on)
    assert len(units) >= 2
    assert any(u.startswith(("so then i decided", "then i decided"))
               for u in units)


def test_a_filled_pause_inside_a_phrase_is_no_place_to_cut():
    # "look at um how many": the words before the "um" wait for what comes after it.
    run_on = ("so nobody is stuck and for knowing if it is actually useful i would look at um how "
              "many refund chats finish without anyone having to email support afterwards and "
              "compare that to the old form for a month")
    assert any("look at how many refund chats" in u for u in texts(run_on))


def test_no_unit_is_longer_than_the_hard_cap():
    words = " ".join(f"w{i}" for i in range(500))
    _, units = split_units(Transcript.from_text(words))
    assert all(u.last - u.first + 1 <= HARD_CAP for u in units)
    assert units[0].first == 0 and units[-1].last == 499


def test_timed_pause_ends_a_unit():
    _, units = split_units(timed("we chose postgres it was simple", gaps={3: 1.2}))
    assert [u.text for u in units] == ["we chose postgres", "it was simple"]


def test_contractions_numbers_and_symbols_are_normalised():
    toks = [t.text for t in tokenize(words("I didn't pick one hundred eighty-five k; it's O(n "
                                           "log n)"))]
    assert toks[:4] == ["i", "did", "not", "pick"]
    assert "185" in toks and "is" in toks
    assert toks[-4:] == ["o", "n", "log", "n"]


def test_spoken_hundreds_read_as_numbers():
    toks = [t.text for t in tokenize(words("one eighty to two ten and a hundred and twenty"))]
    assert toks == ["180", "to", "210", "and", "120"]


def test_written_api_paths_keep_their_shape():
    toks = [t.text for t in tokenize(words("GET /orders/{id} and send(to, body)"))]
    assert toks == ["get", "slash", "orders", "slash", "id", "and", "send", "lparen", "to",
                    "body"]
