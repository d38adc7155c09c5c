"""Rounds whose recording process died are found and can be marked interrupted."""

from __future__ import annotations

import subprocess
import sys

from mockloop.store import pid_alive


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped, so the id no longer names a process
    return child.pid


BEGIN_AND_EXIT = """
from mockloop.store import Store
with Store() as store:
    print(store.begin_round(role="mle", round_id="coding", prompt_id=None, prompt_text=None,
                            audio_path=None, source="mic"))
"""


def test_a_round_left_recording_by_a_dead_process_is_an_orphan(store):
    # Another process starts recording and dies without finishing (here: it simply exits).
    child = subprocess.run([sys.executable, "-c", BEGIN_AND_EXIT], capture_output=True,
                           text=True, check=True)
    orphan = int(child.stdout)
    live = store.begin_round(role="mle", round_id="coding", prompt_id=None, prompt_text=None,
                             audio_path=None, source="mic")

    orphans = store.find_orphans()

    assert [r.id for r in orphans] == [orphan]
    assert not pid_alive(orphans[0].pid)
    assert store.get(live).status == "recording"


def test_an_interrupted_round_lists_with_the_audio_that_survived(store):
    pid = dead_pid()
    round_id = store.begin_round(role="swe", round_id="story-90", prompt_id=None,
                                 prompt_text=None, audio_path=None, source="mic")
    store.db.execute("UPDATE rounds SET pid = ? WHERE id = ?", [pid, round_id])

    for row in store.find_orphans():
        store.mark_interrupted(row.id, 12.5)

    assert store.find_orphans() == []
    listed = store.list_rounds()[0].to_dict()
    assert (listed["status"], listed["audio_s"]) == ("interrupted", 12.5)


def test_an_injected_liveness_check_is_used(store):
    round_id = store.begin_round(role="swe", round_id="coding", prompt_id=None, prompt_text=None,
                                 audio_path=None, source="mic")
    assert store.find_orphans(is_alive=lambda row: True) == []
    assert [r.id for r in store.find_orphans(is_alive=lambda row: False)] == [round_id]
