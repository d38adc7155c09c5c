"""The follow-up that pushes back (mockloop.followup, resources/rubric/followups.toml): questions
about what a design answer missed, in its own words; what the follow-up answer recovered."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from mockloop import followup
from mockloop.analysis import analyze
from mockloop.errors import RubricError
from mockloop.rubric import get_rubric
from mockloop.transcript import Transcript

DEV = Path(__file__).resolve().parent / "devset" / "dev.jsonl"
FU = followup.builtin_followups()
RUBRIC = get_rubric()
ROLE_OF = {"system-design": "swe", "ml-design": "mle", "ai-design": "ai-engineer"}


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    from mockloop.session import Services
    from mockloop.settings import Settings
    from mockloop.store import Store

    home = tmp_path_factory.mktemp("fu-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOCKLOOP_HOME", str(home))
        s = Services(store=Store(home / "h.db"), settings=Settings())
        yield s
        s.close()


@pytest.fixture(scope="module")
def dev_reports(services):
    """Every dev answer of a design round, analysed for real (typed), with its plan."""
    out = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["round"] in FU.rounds:
            report = services.analyze_text(row["role"], row["round"], row["text"], save=False)
            out.append((row, report, followup.plan(report, services.rubric)))
    return out


# -- the resource file ---------------------------------------------------------------------


def _all_templates():
    return [t for group in FU.templates.values() for t in group]


@pytest.mark.parametrize("template", _all_templates(), ids=lambda t: t.id)
def test_each_template_gives_its_own_question_for_its_example(template):
    transcript = Transcript.from_text(template.example)
    assert followup.ask_with(template.id, transcript) == template.question
    # ...and the example really misses the signal the template asks about.
    result = analyze(transcript, RUBRIC.round(template.round), RUBRIC.role(ROLE_OF[template.round]))
    assert not next(s for s in result.signals if s.id == template.signal).hit


def test_every_signal_a_design_round_scores_has_several_templates_and_a_fallback():
    scored = {s for r in FU.rounds for s in RUBRIC.round(r).signals}
    assert set(FU.templates) == scored
    for signal in scored:
        group = FU.templates[signal]
        assert sum(1 for t in group if t.slots) >= 2, signal
        assert any(not t.slots for t in group), signal
    assert FU.rounds == ("system-design", "ml-design", "ai-design")
    assert FU.round == "failure-followup"


def test_a_file_without_a_fallback_for_a_signal_is_refused():
    import tomllib

    data = tomllib.loads(followup.read_text())
    data["templates"]["caching"] = [t for t in data["templates"]["caching"]
                                    if "{" in t["text"]]
    with pytest.raises(RubricError, match=r"templates\.caching"):
        followup.build_followups(data, RUBRIC)
    data = tomllib.loads(followup.read_text())
    data["templates"]["storage"][0]["text"] = "You said {stroe}."
    with pytest.raises(RubricError, match="unknown slots"):
        followup.build_followups(data, RUBRIC)


# -- slots: the answer's own words --------------------------------------------------------------


@pytest.mark.parametrize(("said", "slot", "words"), [
    ("I would put a cache in front of Postgres for the prices.", "cache_front", "Postgres"),
    ("we cache the prices on each edge server", "cached", "prices"),
    ("uploads go onto kafka and the workers read them", "queue", "Kafka"),
    ("For the webhook delivery service, producers call publish.", "system",
     "the webhook delivery service"),
    ("um so for the uh stock price fanout we coalesce", "system", "the stock price fanout"),
    ("We would retrain weekly on the latest clicks.", "cadence", "weekly"),
    ("We'd retrain it every so often.", "cadence", "every so often"),
    ("I'd use features such as basket size and session length.", "feature", "basket size"),
    ("the model is measured on auc", "metric", "AUC"),
    ("It answers from the help articles.", "source", "the help articles"),
    ("Postgres holds the seats.", "store", "Postgres"),  # opening a sentence, still a name
])
def test_a_slot_takes_the_words_the_answer_said(said, slot, words):
    assert followup.find_slots(Transcript.from_text(said)).get(slot) == words


@pytest.mark.parametrize(("said", "slot"), [
    ("we don't have a queue, the api just calls the model directly", "queue"),
    ("there is no cache in front of postgres", "cache_front"),
    ("features like number of orders per user", "feature"),  # not a feature's name
    ("a domain's queue fills up", "queue"),
    ("this is a big topic for this kind of system", "system"),
])
def test_a_slot_stays_empty_when_the_words_do_not_name_the_thing(said, slot):
    assert slot not in followup.find_slots(Transcript.from_text(said))


# -- questions on real dev answers ---------------------------------------------------------------


def test_a_question_is_never_about_a_signal_the_answer_hit(dev_reports):
    assert len(dev_reports) > 150
    for row, report, made in dev_reports:
        hit = {s.id for s in report.analysis.signals if s.hit}
        missed = {s.id for s in report.analysis.signals if not s.hit}
        asked = {q.signal for q in made.questions}
        assert not asked & hit, row["id"]
        assert asked == missed or (not missed and asked == {None}), row["id"]


def test_questions_quote_the_answer_and_read_as_questions(dev_reports):
    filled = 0
    for row, _report, made in dev_reports:
        said = " ".join(re.findall(r"[a-z0-9]+", row["text"].lower()))
        for q in made.questions:
            assert q.text[0].isupper() and q.text.endswith("?"), q.text
            assert "{" not in q.text and "  " not in q.text, q.text
            assert not re.search(r"\b(\w+) \1\b", q.text, re.I), q.text  # "the the"
            for value in q.slots.values():
                words = " ".join(re.findall(r"[a-z0-9]+", value.lower()))
                assert f" {words} " in f" {said} ", (row["id"], value)
            filled += bool(q.slots)
    # Most questions use the answer's nouns; the rest fall back to a plain question.
    total = sum(len(m.questions) for _r, _p, m in dev_reports)
    assert filled > total / 3


def test_the_same_answer_always_gets_the_same_question(dev_reports, services):
    for row, _report, made in dev_reports[::10]:
        again = services.analyze_text(row["role"], row["round"], row["text"], save=False)
        assert followup.plan(again, services.rubric) == made


def test_different_answers_get_different_templates_for_the_same_signal(dev_reports):
    used: dict[str, set[str]] = defaultdict(set)
    for _row, _report, made in dev_reports:
        for q in made.questions:
            used[q.signal].add(q.template)
    varied = [s for s, templates in used.items() if len(templates) >= 3]
    assert len(varied) >= 15, dict(used)
    assert all(len(used[s]) >= 2 for s in used if s), dict(used)


def test_dev_answers_get_questions_written_with_their_nouns(dev_reports):
    by_id = {row["id"]: made for row, _rep, made in dev_reports}
    # A miss the answer named without doing it is asked first: "retrain it every so often".
    assert by_id["swe-mldesign-002"].question.text == (
        "You said you'd retrain every so often. What tells you the new model is better "
        "before it replaces the old one?")
    texts = {q.signal: q.text for q in by_id["swe-sysdesign-013"].questions}
    assert {q.signal: q.slots for q in by_id["swe-sysdesign-013"].questions}[
        "failure_recovery"]  # the service, MySQL or the queue it named
    assert texts["caching"].startswith("Every read goes to MySQL.")
    assert "Kafka" in next(q.text for q in by_id["swe-sysdesign-004"].questions
                           if "queue" in q.slots)
    # "we don't have a queue": never "You put a queue in the middle".
    assert all("queue" not in q.slots for q in by_id["gen-swe-sysdesign-012"].questions)


def test_the_cache_in_front_of_x_question(services):
    report = services.analyze_text("swe", "system-design",
                                   "I would put a Redis cache in front of Postgres for the "
                                   "prices, and the API returns the price for a product id.",
                                   save=False)
    made = followup.plan(report, services.rubric)
    q = next(q for q in made.questions if q.signal == "caching")
    assert q.text in ("You put a cache in front of Postgres. How do you keep it from serving "
                      "stale data after a write?",
                      "You cache the prices. When the underlying data changes, how long can a "
                      "reader still see the old prices, and what clears them?")
    assert made.prompt_text.startswith(made.question.text)
    assert made.prompt_text.endswith("what failure would make you reject this design?")


def test_a_question_about_what_the_answer_did_beats_one_that_only_names_it(services):
    report = services.analyze_text("swe", "system-design", "For the email sending service, "
                                   "messages go onto a queue and the workers send them through "
                                   "the provider.", save=False)
    slots = followup.find_slots(report.transcript)
    assert {"system", "queue"} <= set(slots)  # both could fill a backpressure question
    q = next(q for q in followup.questions(report, services.rubric)
             if q.signal == "backpressure")
    assert q.text == ("You put a queue in the middle. What happens when producers outpace the "
                      "workers for an hour?")


def test_no_follow_up_for_other_rounds_and_a_plain_one_when_nothing_was_missed(services):
    story = services.analyze_text("swe", "story-90", "I chose Postgres over Kafka.", save=False)
    assert followup.plan(story, services.rubric) is None
    full = next(json.loads(line) for line in DEV.read_text().splitlines()
                if json.loads(line)["id"] == "aie-aidesign-022")
    report = services.analyze_text(full["role"], full["round"], full["text"], save=False)
    assert all(s.hit for s in report.analysis.signals)
    made = followup.plan(report, services.rubric)
    assert made.question.signal is None
    assert made.prompt_text == services.rubric.round("failure-followup").prompt(
        "reject-design").text


# -- what the follow-up recovered, and the link in the history ---------------------------


DESIGN = ("For the email sending service, the API is send(to, template_id, variables) returning "
          "a message ID. Messages and their statuses go into MySQL since we look them up by ID "
          "and by recipient.")
FOLLOWUP = ("The failure that would make me reject it is losing emails when the provider is "
            "down: if more than one percent of sends fail for ten minutes, I would reject the "
            "design. Every send is retried with backoff and an idempotency key, so a retry never "
            "sends the same email twice. We cache the templates for five minutes and invalidate "
            "them on every edit. We alert on the failure rate.")


def test_the_follow_up_recovers_design_misses_it_now_does(services):
    design = services.analyze_text("swe", "system-design", DESIGN)
    missed = {s.id for s in design.analysis.signals if not s.hit}
    assert {"failure_recovery", "caching"} <= missed
    made = followup.plan(design, services.rubric)
    answer = services.analyze_text("swe", "failure-followup", FOLLOWUP, follows=design.id,
                                   kind=followup.KIND, prompt_text=made.prompt_text,
                                   prompt_id=made.prompt_id)
    found = followup.recovery(design, answer, services.rubric)
    got = {r.id: r for r in found.recovered}
    assert {"failure_recovery", "caching"} <= set(got)
    assert "idempotency" in got["failure_recovery"].evidence
    assert "invalidate" in got["caching"].evidence
    assert set(found.still_missed) == missed - set(got)
    assert not set(got) - missed  # only misses are "recovered"
    assert found.asked == made.question.signal
    # The store links them both ways.
    assert [r.id for r in followup.followups_of(services.store, design.id)] == [answer.id]
    row = services.store.get(answer.id)
    assert followup.link_note(row.follows, row.kind) == f"follow-up to round #{design.id}"
    assert followup.recovery_of(services.store, services.rubric, answer.id) == found
    assert followup.recovery_of(services.store, services.rubric, design.id) is None


def test_a_shared_signal_counts_when_the_follow_up_round_scores_it(services):
    design = services.analyze_text("mle", "ml-design", "I would train XGBoost on last year's "
                                   "orders and pick the model with the best AUC.", save=False)
    assert not next(s for s in design.analysis.signals if s.id == "monitoring").hit
    answer = services.analyze_text("mle", "failure-followup", "I would reject it if precision "
                                   "drops below ninety percent on the weekly audit sample. We "
                                   "watch the score distribution on a dashboard and alert when "
                                   "it shifts.", save=False)
    found = followup.recovery(design, answer, services.rubric)
    assert "monitoring" in {r.id for r in found.recovered}


# -- the command line ------------------------------------------------------------------------


def test_cli_prints_the_questions_and_what_a_follow_up_recovered(capsys, mockloop_home):
    from mockloop.cli import main
    from mockloop.session import Services

    s = Services()
    design = s.analyze_text("swe", "system-design", DESIGN)
    made = followup.plan(design, s.rubric)
    answer = s.analyze_text("swe", "failure-followup", FOLLOWUP, follows=design.id,
                            kind="followup", prompt_text=made.prompt_text)
    s.close()
    assert main(["followup", str(design.id), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["questions"][0]["text"] == made.question.text
    assert out["prompt"]["text"] == made.prompt_text
    assert out["answered"] == [answer.id]
    assert main(["followup", str(design.id)]) == 0
    text = capsys.readouterr().out
    assert made.question.text in text and f"#{answer.id}" in text
    assert main(["followup", str(answer.id), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["follows"] == design.id
    assert "failure_recovery" in {r["id"] for r in out["recovery"]["recovered"]}
    assert main(["followup", str(answer.id)]) == 0
    assert "Recovered" in capsys.readouterr().out
    # Not a design round: one plain line, exit 2.
    s = Services()
    story = s.analyze_text("swe", "story-90", "I chose Postgres.")
    s.close()
    assert main(["followup", str(story.id)]) == 2
    err = capsys.readouterr().err
    assert "design rounds" in err and "Traceback" not in err


def test_each_template_is_used_somewhere_or_by_its_example():
    # Guards the guard above: the counter really counts (no template id repeats).
    ids = Counter(t.id for t in _all_templates())
    assert max(ids.values()) == 1


def test_deleting_the_design_round_leaves_a_follow_up_without_a_link(services):
    from mockloop.errors import UserError

    design = services.analyze_text("swe", "system-design", DESIGN)
    made = followup.plan(design, services.rubric)
    answer = services.analyze_text("swe", "failure-followup", FOLLOWUP, follows=design.id,
                                   kind=followup.KIND, prompt_text=made.prompt_text)
    services.store.delete(design.id)
    row = services.store.get(answer.id)
    assert followup.link_note(row.follows, row.kind) is None
    assert followup.recovery_of(services.store, services.rubric, answer.id) is None
    with pytest.raises(UserError):
        followup.describe(services.store, services.rubric, answer.id)


def test_the_question_asked_is_known_whichever_of_the_plan_was_answered(services):
    from dataclasses import replace

    design = services.analyze_text("swe", "system-design", DESIGN, save=False)
    made = followup.plan(design, services.rubric)
    second = replace(made, questions=made.questions[1:])
    answer = services.analyze_text("swe", "failure-followup", FOLLOWUP, save=False,
                                   prompt_text=second.prompt_text)
    assert followup.recovery(design, answer, services.rubric).asked == made.questions[1].signal


@pytest.mark.parametrize("said,store", [
    ("I would choose a key value store over a relational database for the links.",
     "a key value store"),
    # The chosen store misheard: the one turned down is still never taken for the choice.
    ("I would choose a key mail to store over a relational database for the links.", None),
    ("We moved off Postgres to DynamoDB for the sessions.", "DynamoDB"),
    ("I would rather keep them in Postgres than in Cassandra.", "Postgres"),
])
def test_a_slot_is_never_the_option_the_answer_turned_down(said, store):
    assert followup.find_slots(Transcript.from_text(said)).get("store") == store
