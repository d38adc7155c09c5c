"""The user's rubric.toml adds rounds and prompts; a bad one is reported, never fatal."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import mockloop.rubric.user as user_module
from mockloop import paths
from mockloop.rubric import get_rubric, load_rubric, validate_user_rubric

GOOD = """
[rounds.conflict-story]
title = "Disagreement with a teammate"
length_s = 120
lens = "role"
summary = "A disagreement and how it was settled."
signals = ["ownership", "tradeoff", "fallout"]
vocabulary = ["RFC", "  design   review ", "Terraform"]

[[rounds.conflict-story.checkpoints]]
at_s = 40
label = "Your position stated"
signals = ["ownership"]

[[rounds.conflict-story.prompts]]
id = "design-review"
text = "Tell me about a time you disagreed with a design in review."

[[prompts.story-90]]
id = "my-migration"
title = "The migration"
text = "Tell me about the database migration you led last year."

[[prompts.conflict-story]]
id = "priorities"
text = "Tell me about a time your manager and you disagreed on priorities."
"""


def write_user_file(text: str):
    path = paths.user_rubric_path()
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_user_file_adds_a_round_and_prompts_for_builtin_and_own_rounds():
    rubric = load_rubric(write_user_file(GOOD))
    assert rubric.warnings == ()
    own = rubric.round("conflict-story")
    assert not own.builtin and own.signals == ("ownership", "tradeoff", "fallout")
    assert own.vocabulary == ("RFC", "design review", "Terraform")
    assert [p.id for p in own.prompts] == ["conflict-story/design-review",
                                           "conflict-story/priorities"]
    # Left-out timing keys get defaults that keep the light in order.
    assert 0 < own.amber_at_s < own.red_at_s < own.length_s and own.overtime_s > 0
    story = rubric.round("story-90")
    added = story.prompt("my-migration")
    assert added.id == "story-90/my-migration" and not added.builtin
    assert story.prompts[-1] is added and len(story.prompts) == len(
        load_rubric(None).round("story-90").prompts) + 1
    assert list(rubric.rounds)[-1] == "conflict-story"  # built-in rounds keep their order


def test_get_rubric_follows_the_user_file_in_the_data_directory():
    assert "conflict-story" not in get_rubric().rounds
    path = write_user_file(GOOD)
    assert "conflict-story" in get_rubric().rounds
    path.write_text(GOOD.replace("conflict-story", "other-story"), encoding="utf-8")
    st = path.stat()  # make sure the change is visible even on coarse file clocks
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    rubric = get_rubric()
    assert "other-story" in rubric.rounds and "conflict-story" not in rubric.rounds


def test_a_user_round_cannot_leak_into_the_builtin_rubric():
    load_rubric(write_user_file(GOOD))
    assert "conflict-story" not in load_rubric(None).rounds
    assert all(p.builtin for p in load_rubric(None).round("story-90").prompts)


def test_a_good_file_validates_clean(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert validate_user_rubric(path) == []


def test_a_missing_file_is_fine_but_a_folder_in_its_place_is_not(tmp_path):
    assert validate_user_rubric(tmp_path / "rubric.toml") == []
    (tmp_path / "rubric.toml").mkdir()
    problems = validate_user_rubric(tmp_path / "rubric.toml")
    assert len(problems) == 1 and problems[0].startswith("rubric.toml: cannot be read")
    assert load_rubric(tmp_path / "rubric.toml").warnings == tuple(problems)


def test_no_user_file_is_not_a_problem():
    assert load_rubric().warnings == ()



def test_the_documented_examples_are_valid_and_the_guide_lists_every_signal_id(tmp_path):
    guide = (Path(__file__).resolve().parents[2] / "resources" / "rubric" / "USER-RUBRIC.md")
    text = guide.read_text(encoding="utf-8")
    for signal_id in load_rubric(None).signals:
        assert f"`{signal_id}`" in text
    blocks = [b.split("```")[0] for b in text.split("```toml\n")[1:]]
    docstring = user_module.__doc__.split("::\n")[1].split("\nBad entries")[0]
    for name, example in (("guide.toml", "\n".join(blocks)), ("doc.toml", docstring)):
        path = tmp_path / name
        path.write_text(textwrap.dedent(example), encoding="utf-8")
        assert validate_user_rubric(path) == []
        assert len(blocks) == 2 and "[[prompts.story-90]]" in example
