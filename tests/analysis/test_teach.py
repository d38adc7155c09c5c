"""Misses that teach: the sentence that named a signal without doing it, a teaching line, and a
Try written for the role and round, closest to the prompt's domain."""

from __future__ import annotations

from mockloop.analysis import analyze
from mockloop.report import RoundReport, to_markdown
from mockloop.rubric.builtin import builtin_rubric
from mockloop.rubric.coaching import builtin_coaching
from mockloop.transcript import Transcript

from .helpers import timed

LEAKY = ("I'd train a gradient boosted model on last year of payments. "
         "We need to be careful about leakage with this kind of data. "
         "Then I'd look at precision and recall on a test set.")


def _report(text: str | Transcript, role: str, round_id: str, prompt_key: str | None = None):
    rubric = builtin_rubric()
    rnd = rubric.round(round_id)
    prompt = rnd.prompt(prompt_key)
    transcript = text if isinstance(text, Transcript) else Transcript.from_text(text)
    analysis = analyze(transcript, rnd, rubric.role(role))
    report = RoundReport(role=role, round=round_id, transcript=transcript, analysis=analysis,
                         prompt_id=prompt.id, prompt_text=prompt.text)
    return {s["id"]: s for s in report.to_dict()["signals"]}, report


def test_a_miss_that_named_the_signal_quotes_that_sentence_and_says_what_was_missing():
    transcript = timed(LEAKY)
    signals, _ = _report(transcript, "mle", "ml-design")
    leak = signals["label_leakage"]
    assert leak["hit"] is False and leak["evidence"] is None
    assert leak["named"]["evidence"] == ("We need to be careful about leakage with this kind "
                                         "of data.")
    said_at = next(w.start for w in transcript.words if w.word == "We")
    assert leak["named"]["start"] == said_at
    assert leak["teach"] == "You said “leakage” but not how you would keep it out."


def test_a_miss_that_never_named_the_signal_has_no_named_sentence():
    signals, _ = _report(LEAKY, "mle", "ml-design")
    retraining = signals["retraining"]
    assert retraining["hit"] is False and retraining["named"] is None
    assert retraining["teach"].startswith("Not heard:")


def test_every_signal_entry_carries_meaning_and_why_for_this_role_and_misses_a_try():
    signals, _ = _report(LEAKY, "mle", "ml-design")
    coaching = builtin_coaching()
    for sid, s in signals.items():
        assert s["meaning"] == coaching.get(sid).meaning
        assert s["why"] == coaching.get(sid).why["mle"]
        if not s["hit"]:
            options = [t.text for t in coaching.get(sid).examples("ml-design", "mle")]
            assert s["try"] in options
        else:
            assert "try" not in s


def test_the_try_is_picked_to_match_the_prompts_domain():
    by_prompt = {}
    for prompt in builtin_rubric().round("ml-design").prompts:
        signals, _ = _report(LEAKY, "mle", "ml-design", prompt.key)
        by_prompt[prompt.text] = signals["label_leakage"]["try"]
    fraud_try = next(v for k, v in by_prompt.items() if "fraud" in k)
    churn_try = next(v for k, v in by_prompt.items() if "cancel" in k)
    assert "authorisation" in fraud_try or "Chargeback" in fraud_try
    assert "cancel" in churn_try


def test_a_software_engineers_failure_followup_try_is_a_software_example():
    signals, _ = _report("The design is fine and I would not change much.", "swe",
                         "failure-followup")
    for s in signals.values():
        assert not s["hit"]
        low = s["try"].lower()
        assert not any(w in low for w in ("retrieval", "model", "assistant", "prompt", "llm"))


def test_the_markdown_debrief_shows_the_named_sentence_and_the_try():
    _, report = _report(timed(LEAKY), "mle", "ml-design")
    md = to_markdown(report.to_dict())
    assert "You said “leakage” but not how you would keep it out. (0:" in md
    assert "“We need to be careful about leakage with this kind of data.”" in md
    leak_try = next(s for s in report.to_dict()["signals"] if s["id"] == "label_leakage")["try"]
    assert f"try: {leak_try}" in md
