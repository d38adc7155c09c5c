"""`mockloop show ID` for a round without a debrief: one clean sentence for each status."""

from __future__ import annotations

import pytest

from mockloop.store import Store

from .helpers import mockloop


def _round(status: str) -> int:
    with Store() as store:
        rid = store.begin_round(role="swe", round_id="coding", prompt_id=None, prompt_text=None,
                                audio_path=None)  # recorded by this (live) test process
        if status == "failed":
            store.fail_round(rid, "The microphone stopped sending sound.")
        elif status == "interrupted":
            store.mark_interrupted(rid, 3.0)
        return rid


@pytest.mark.parametrize(
    "status,expected",
    [
        ("recording", "Round {id} (swe · coding) is still recording."),
        ("failed", "Round {id} (swe · coding) failed: The microphone stopped sending sound."),
        ("interrupted", "Round {id} (swe · coding) was interrupted; "
                        "`mockloop finish {id}` completes it."),
    ],
)
def test_show_a_round_without_a_debrief_says_one_clean_sentence(mockloop_home, status,
                                                                 expected):
    rid = _round(status)
    run = mockloop("show", rid, home=mockloop_home)
    assert run.code == 0, run.err
    assert run.out.strip() == expected.format(id=rid)
