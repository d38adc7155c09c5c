"""My key sentences: the matcher finds a saved sentence through recogniser errors and small
rewordings and not in sentences that only share its keywords or say the opposite; the list
lives in key-sentences.json, survives bad files, and `mockloop sentences` manages it.

The tables below are what MATCH_THRESHOLD rests on: every positive must score at or above
it and every negative below it (a negation may score high; it is refused by its polarity).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockloop import key_sentences as ks
from mockloop.sentence_match import MATCH_THRESHOLD, best_score, find, tokens_of

MODEL_VS_PRODUCT = "A better model is not the same as a more reliable product."
CACHE = "We put a cache in front of the ranking service."
LATENCY = "We cut the p99 latency by 30 percent."

# Said, as a recogniser writes it or as a person rewords it.
POSITIVES = [
    (MODEL_VS_PRODUCT, "In the end, a murder model is not the same as a more reliable product, "
     "so we added a fall back."),  # tiny.en on espeak, word for word (better -> murder)
    (MODEL_VS_PRODUCT, "a better model isn't the same thing as a more reliable product"),
    (MODEL_VS_PRODUCT, "better model is not same as more reliable product"),  # dropped words
    (MODEL_VS_PRODUCT, "A better model, in my experience, is not the same as a much more "
     "reliable product."),  # a few words put in
    (MODEL_VS_PRODUCT, "so a better model um is not uh the same as a more reliable product"),
    (MODEL_VS_PRODUCT, "a bed or model is not the same as a more liable product"),  # misheard
    (MODEL_VS_PRODUCT, "the better models are not the same as more reliable products"),
    (MODEL_VS_PRODUCT, "a better model. Is not the same as a more reliable product."),  # a cut
    (MODEL_VS_PRODUCT, "I don't think a better model is the same as a more reliable product."),
    (CACHE, "We put a cash in front on the ranking service, and it's cheaper."),  # espeak
    (CACHE, "We put a cash in front of the ranting service and it's cheaper."),  # flite
    (CACHE, "so we put a cache in front of our ranking service"),
    (LATENCY, "We cut the P99 latency by 30% after we move the retrieval step."),  # flite
    (LATENCY, "we cut p ninety nine latency by thirty percent"),
    ("It's cheaper to cache than to call the model twice.",
     "it is cheaper to cash than to call the model two times"),
]

# Not said: keyword overlap, other claims, the words swapped, or the opposite.
NEGATIVES = [
    (MODEL_VS_PRODUCT, "We trained a better model last quarter, and the product became more "
     "reliable."),
    (MODEL_VS_PRODUCT, "A better model makes the product more reliable."),
    (MODEL_VS_PRODUCT, "The model is better now. The product is the same. It is more reliable."),
    (MODEL_VS_PRODUCT, "A better model is not the same as a faster product."),
    (MODEL_VS_PRODUCT, "a better model is not the same as a cheaper model"),
    (MODEL_VS_PRODUCT, "a better product is not the same as a more reliable model"),  # swapped
    (MODEL_VS_PRODUCT, "more reliable products need a better model, which is not the same "
     "thing"),
    (MODEL_VS_PRODUCT, "the model is not the same as the product"),
    (MODEL_VS_PRODUCT, "We wanted a better model. It is not the same team. As a more reliable "
     "product owner I wanted that."),  # the words in order, over three sentences
    (CACHE, "we cached the ranking results in front of a service"),
    (CACHE, "The ranking service sits in front of the cache."),
    (LATENCY, "We cut the latency by 13 percent."),
    (LATENCY, "latency was 30 percent of the p99 budget we cut"),
]

NEGATIONS = [
    (MODEL_VS_PRODUCT, "A better model is the same as a more reliable product."),
    (MODEL_VS_PRODUCT, "Is a better model the same as a more reliable product? Yes, it is."),
    (CACHE, "We never put a cache in front of the ranking service."),
    (CACHE, "We did not put a cache in front of the ranking service."),
    ("We should ship the smaller version first.",
     "We shouldn't ship the smaller version first."),
]


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize(("saved", "said"), POSITIVES)
def test_a_sentence_said_with_recogniser_errors_or_small_rewordings_is_found(saved, said):
    [match] = find(saved, _words(said))
    assert match.score >= MATCH_THRESHOLD
    # The span is where the sentence is, not the whole answer.
    shown = " ".join(_words(said)[match.first_word:match.end_word])
    assert shown.rstrip(",;:") == match.said
    assert len(tokens_of([match.said])) <= len(tokens_of([saved])) + 6


@pytest.mark.parametrize(("saved", "said"), NEGATIVES)
def test_keywords_alone_or_another_claim_are_not_the_sentence(saved, said):
    assert best_score(saved, _words(said)) < MATCH_THRESHOLD
    assert find(saved, _words(said)) == []


@pytest.mark.parametrize(("saved", "said"), NEGATIONS)
def test_saying_the_opposite_does_not_count_however_close_the_words(saved, said):
    assert best_score(saved, _words(said)) >= MATCH_THRESHOLD  # the words nearly all match
    assert find(saved, _words(said)) == []


def test_the_threshold_leaves_room_on_both_sides():
    positives = [best_score(s, _words(t)) for s, t in POSITIVES]
    negatives = [best_score(s, _words(t)) for s, t in NEGATIVES]
    assert min(positives) - MATCH_THRESHOLD >= 0.05
    assert MATCH_THRESHOLD - max(negatives) >= 0.02


def test_no_saved_sentence_fires_on_real_answers_that_do_not_say_it():
    # The development answers (384, all three roles): none says these sentences.
    dev = Path(__file__).parent / "devset" / "dev.jsonl"
    answers = [json.loads(line)["text"] for line in dev.read_text().splitlines()]
    saved = [MODEL_VS_PRODUCT, CACHE, LATENCY, "I decided to cut the export feature.",
             "We measured the error rate before and after the change.",
             "The model was trained on data that leaked the label."]
    fired = [(s, a[:60]) for s in saved for a in answers if find(s, _words(a))]
    assert fired == []
    assert len(answers) > 300


def test_where_it_was_said_and_how_many_times():
    words = [{"word": w, "start": 1.0 + i * 0.4, "end": 1.3 + i * 0.4}
             for i, w in enumerate(_words(
                 "First we measured. We put a cash in front of the ranking service. Then it was "
                 "fast. Later we put a cache in front of the ranking service again."))]
    matches = find(CACHE, words)
    assert len(matches) == 2
    first, second = matches
    assert words[first.first_word]["word"] == "We"
    assert first.start_s == words[first.first_word]["start"] and first.start_s > 1.0
    assert second.first_word > first.end_word
    result = ks.SentenceResult(1, ks.KeySentence(CACHE), tuple(matches))
    assert ks.said_line(result).startswith("said at 0:02 (twice): “We put a cash")
    assert ks.said_line(ks.SentenceResult(2, ks.KeySentence(CACHE), ())) == \
        "not said in this round"


def test_the_moment_starts_where_the_sentence_did_even_when_its_first_words_were_misheard():
    words = [{"word": w, "start": float(i)} for i, w in enumerate(_words(
        "We kept the scope small. In the end, a murder model is not the same as a more reliable "
        "product, so we added a fallback path for every cushion. Then we shipped."))]
    [match] = find(MODEL_VS_PRODUCT, words)
    assert match.said == "a murder model is not the same as a more reliable product"
    assert match.start_s == 8.0  # "a", not "model"
    # The same at the end, and never over into the next sentence.
    [match] = find("so we added a fallback path for every question", words)
    assert match.said == "so we added a fallback path for every cushion."
    [match] = find("We kept the scope small deliberately.", words)
    assert match.said == "We kept the scope small."


@pytest.mark.parametrize(("written", "said"), [
    ("it's", "it is"), ("isn't", "is not"), ("can't", "can not"), ("We’re", "we are"),
    ("30%", "thirty percent"), ("p99", "p ninety nine"), ("10,000", "ten thousand"),
    ("2.5x", "two point five x"), ("model's", "model"), ("trade-off", "trade off"),
])
def test_words_are_compared_as_they_are_said(written, said):
    assert [t for t, _ in tokens_of([written])] == said.split()


@pytest.mark.slow
def test_the_sentence_spoken_and_transcribed_by_the_real_model_is_found(speak):
    from mockloop.asr import SpeechModel

    before = "We had two weeks and one engineer, so we kept the scope small."
    clip = speak(f"{before} In the end, {MODEL_VS_PRODUCT} So we added a fallback path.")
    transcript = SpeechModel(cpu_threads=2).load().transcribe(clip)
    [match] = find(MODEL_VS_PRODUCT, transcript.words)
    said = " ".join(w.word for w in transcript.words[match.first_word:match.end_word])
    assert "product" in said.lower()
    # Its moment is the sentence's, after the first one was said.
    first_sentence_end = next(w.end for w in transcript.words if "small" in w.word.lower())
    assert match.start_s is not None and match.start_s >= first_sentence_end
    assert find("We put a cache in front of the ranking service.", transcript.words) == []


# -- the list ------------------------------------------------------------------------------


def test_sentences_are_added_numbered_edited_and_removed_in_their_own_file(mockloop_home):
    path = mockloop_home / "key-sentences.json"
    ks.add(MODEL_VS_PRODUCT)
    ks.add("  We put a cache   in front of the ranking service ", role="swe")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == ks.FILE_VERSION
    assert data["sentences"][1] == {"text": "We put a cache in front of the ranking service",
                                    "role": "swe"}
    book = ks.load()
    assert [n for n, _ in book.for_role("mle")] == [1]  # the swe one is not for mle
    assert [n for n, _ in book.for_role("swe")] == [1, 2]
    ks.update(2, LATENCY, None)
    assert ks.load().sentences[1] == ks.KeySentence(LATENCY, None)
    _book, gone = ks.remove(1)
    assert gone.text == MODEL_VS_PRODUCT
    assert [s.text for s in ks.load().sentences] == [LATENCY]
    assert not list(mockloop_home.glob(".key-sentences-*"))  # no temporary file left


@pytest.mark.parametrize("text", ["", "   ", "the model", "it is the", "x" * 301])
def test_a_sentence_too_short_or_too_long_is_refused_with_a_reason(text):
    with pytest.raises(ks.UserError) as caught:
        ks.add(text)
    assert caught.value.message.endswith(".")
    assert ks.load().sentences == ()


def test_the_same_sentence_twice_is_refused(mockloop_home):
    ks.add(MODEL_VS_PRODUCT)
    with pytest.raises(ks.UserError, match="saved already"):
        ks.add("a better model is NOT the same as a more reliable product")
    ks.add(MODEL_VS_PRODUCT, role="mle")  # for one role as well is another entry


@pytest.mark.parametrize("content", ["{not json", "[1, 2", '"a string"', '{"sentences": 3}',
                                     b"\xff\xfe".decode("latin-1")])
def test_a_bad_file_reads_as_no_sentences_and_is_kept_aside_when_one_is_saved(
        mockloop_home, content):
    path = mockloop_home / "key-sentences.json"
    path.write_text(content, encoding="utf-8")
    book = ks.load()
    assert book.sentences == ()
    assert len(book.warnings) == 1 and "key-sentences.json" in book.warnings[0]
    ks.add(MODEL_VS_PRODUCT)
    assert [s.text for s in ks.load().sentences] == [MODEL_VS_PRODUCT]
    broken = mockloop_home / "key-sentences.json.broken"
    if content.startswith(("{not", "[1")):  # what did not parse is kept, not destroyed
        assert broken.read_text(encoding="utf-8") == content


def test_bad_entries_are_left_out_and_the_rest_kept_with_unknown_keys(mockloop_home):
    path = mockloop_home / "key-sentences.json"
    path.write_text(json.dumps({"version": 9, "theme": "mine", "sentences": [
        {"text": MODEL_VS_PRODUCT, "role": None, "colour": "green"},
        {"text": 42}, "We put a cache in front of the ranking service", {"role": "swe"},
        {"text": LATENCY, "role": 5}]}), encoding="utf-8")
    book = ks.load()
    assert [s.text for s in book.sentences] == [MODEL_VS_PRODUCT,
                                               "We put a cache in front of the ranking service"]
    assert [w.split(":")[1].strip()[:10] for w in book.warnings] == ["sentence 2"[:10],
                                                                     "sentence 4"[:10],
                                                                     "sentence 5"[:10]]
    ks.add(LATENCY)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 9 and data["theme"] == "mine"  # a newer file keeps its own
    assert data["sentences"][0]["colour"] == "green"


def test_a_folder_that_cannot_be_written_says_so_in_one_sentence(mockloop_home):
    (mockloop_home / "key-sentences.json").mkdir()
    with pytest.raises(ks.StorageError) as caught:
        ks.add(MODEL_VS_PRODUCT)
    assert caught.value.message.startswith("Your key sentences could not be saved")
    assert "Traceback" not in caught.value.message


# -- the command line ------------------------------------------------------------------------


def _cli(*args):
    from exports.conftest import run_cli

    return run_cli(*args)


def test_the_command_line_lists_adds_and_removes(mockloop_home):
    assert "No key sentences yet" in _cli("sentences").out
    added = _cli("sentences", "add", *MODEL_VS_PRODUCT.split())
    assert added.code == 0 and "key sentence 1" in added.out
    assert _cli("sentences", "add", CACHE, "--role", "swe").code == 0
    listed = _cli("sentences", "list", "--json")
    assert json.loads(listed.out) == [
        {"number": 1, "text": MODEL_VS_PRODUCT, "role": None},
        {"number": 2, "text": CACHE, "role": "swe"}]
    assert [e["number"] for e in json.loads(_cli("sentences", "--role", "mle", "--json").out)] \
        == [1]
    assert "Removed" in _cli("sentences", "remove", "1").out
    assert [e["text"] for e in json.loads(_cli("sentences", "--json").out)] == [CACHE]


@pytest.mark.parametrize("args", [("add", "the", "model"), ("add", CACHE, "--role", "chef"),
                                  ("remove", "7"), ("remove", "first"), ("check", "12"),
                                  ("list", "stray", "words")])
def test_bad_command_line_input_is_one_plain_sentence(mockloop_home, args):
    from exports.conftest import one_sentence

    line = one_sentence(_cli("sentences", *args))
    assert line.startswith("mockloop: ") and "Error" not in line


def test_check_and_show_say_which_key_sentences_a_round_said(mockloop_home):
    from mockloop.session import Services

    services = Services()
    try:
        rid = services.analyze_text("swe", "system-design", "We put a cash in front of the "
                                    "ranking service. The product is the same as before.").id
    finally:
        services.close()
    _cli("sentences", "add", CACHE, "--role", "swe")
    _cli("sentences", "add", MODEL_VS_PRODUCT)
    _cli("sentences", "add", LATENCY, "--role", "mle")  # not for this round's role
    checked = json.loads(_cli("sentences", "check", rid, "--json").out)
    assert [(c["number"], c["said"]) for c in checked] == [(1, True), (2, False)]
    assert checked[0]["matches"][0]["said"] == "We put a cash in front of the ranking service."
    shown = _cli("show", rid).out
    assert "## Key sentences (1 of 2 said)" in shown
    assert f"✓ “{CACHE}”: said: “We put a cash" in shown
    assert f"– “{MODEL_VS_PRODUCT}”: not said in this round" in shown
    # The report itself is untouched: nothing about key sentences is saved in it.
    assert "key" not in " ".join(json.loads(_cli("show", rid, "--json").out))


def test_they_move_with_the_data_folder_and_an_export_never_writes_over_them(
        mockloop_home, tmp_path):
    from mockloop.datafolder import copy_history
    from mockloop.exporting import write_export

    ks.add(MODEL_VS_PRODUCT)
    moved = tmp_path / "elsewhere"
    copy_history(mockloop_home, moved)
    assert [s.text for s in ks.load(moved / "key-sentences.json").sentences] == \
        [MODEL_VS_PRODUCT]
    with pytest.raises(ks.UserError, match="one of mockloop's own files"):
        write_export(mockloop_home / "key-sentences.json", "{}", data_dir=mockloop_home,
                     replace=True)
    assert [s.text for s in ks.load().sentences] == [MODEL_VS_PRODUCT]
