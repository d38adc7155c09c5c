"""The marked-up transcript: in the debrief, each hit's evidence sentence is tinted, fillers
and hedges coloured and long pauses shown where they fell, with hovers that say what each is;
the same marks lie along the playback bar (a click plays from there); the legend's chips
switch each kind off and the choice is remembered. Replay highlight and corrections still
work over the marks."""

from __future__ import annotations

import wave

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from mockloop.settings import load_settings
from mockloop.transcript import Segment, Transcript, Word
from mockloop.ui.debrief.marks import colour
from mockloop.ui.fmt import mmss

from .helpers import on_page

pytestmark = pytest.mark.gui

STORY = ("We had a hard deadline of two weeks to launch the billing page. Um, I decided to cut "
         "the export feature. We chose a nightly batch job over live sync, and we accepted "
         "stale numbers for a day. I think maybe that was fine, and it probably saved the "
         "launch.")


class FakePlayer:
    """Keeps time only: where it was asked to play from is what a test checks."""

    def __init__(self, path: str) -> None:
        self.duration_s = 60.0
        self.position_s = 0.0
        self.is_playing = False
        self.error = None
        self.played_from: list[float] = []

    def play(self, seconds: float) -> None:
        self.position_s, self.is_playing = seconds, True
        self.played_from.append(seconds)

    def pause(self) -> None:
        self.is_playing = False

    def stop(self) -> None:
        self.is_playing = False

    def close(self) -> None:
        self.is_playing = False


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def words_of(view) -> list[str]:
    return [str(w.get("word", "")).strip() for w in view._all]


def timed_round(services, tmp_path, text: str, gaps: dict[int, float]) -> int:
    """A saved round with word timings as a recording gives (a silence of gaps[k] s before
    word k) and a recording on disk (silence: the test's player only keeps time)."""
    words, t = [], 1.0
    for k, w in enumerate(text.split()):
        t += gaps.get(k, 0.0)
        words.append(Word(" " + w, round(t, 3), round(t + 0.3, 3)))
        t += 0.4
    duration = words[-1].end + 1.0
    transcript = Transcript.from_segments([Segment(text, words[0].start, words[-1].end,
                                                   tuple(words))], duration)
    clip = tmp_path / "answer.wav"
    with wave.open(str(clip), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\0\0" * int(16000 * duration))
    report = services.build_report("swe", "story-90", transcript)
    return services._save_new(report, source="file", audio_path=str(clip)).id


def test_evidence_fillers_and_hedges_are_marked_with_what_they_are(make_window, services,
                                                                   qtbot):
    rid = services.analyze_text("swe", "story-90", STORY).id
    window = make_window(services)
    window.open_round(rid)
    settle()
    assert on_page(window, window.debrief)
    view = window.debrief.transcript
    words = words_of(view)
    um = words.index("Um,")
    assert "filler" in view.marks_on(um)
    assert "Filler" in view.tip_of(um) and "um" in view.tip_of(um)
    assert view._format_at(view._shown(um)).foreground().color() == colour("filler", "text")
    probably = words.index("probably")
    assert "hedge" in view.marks_on(probably) and "Hedge" in view.tip_of(probably)
    # The evidence the checklist quotes for the tradeoff is tinted, and its hover names it.
    saved = {s["id"]: s for s in services.store.report(rid)["signals"]}
    assert saved["tradeoff"]["hit"]
    name = services.rubric.signal("tradeoff").name
    batch = words.index("batch")
    assert "evidence" in view.marks_on(batch)
    assert name in view.tip_of(batch) and "checklist quotes" in view.tip_of(batch)
    assert view._format_at(view._shown(batch)).background().color() == \
        colour("evidence", "back")
    # A word no mark covers carries none.
    assert view.marks_on(words.index("fine,")) == set()
    legend = window.debrief.marks
    assert legend.isVisible()
    assert legend.chips["filler"].text().endswith("1")
    assert not legend.chips["pause"].isVisible()  # typed text has no pauses


def test_switching_fillers_off_unmarks_them_and_is_remembered(make_window, services, qtbot):
    rid = services.analyze_text("swe", "story-90", STORY).id
    window = make_window(services)
    window.open_round(rid)
    settle()
    view = window.debrief.transcript
    um = words_of(view).index("Um,")
    batch = words_of(view).index("batch")
    chip = window.debrief.marks.chips["filler"]
    assert chip.isChecked()
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton, pos=QPoint(8, chip.height() // 2))
    assert not chip.isChecked()
    assert "filler" not in view.marks_on(um)
    assert "Filler" not in view.tip_of(um)
    assert "evidence" in view.marks_on(batch)  # the other kinds stay
    window.show_page(0)  # a change of page rewrites state.json: the choice survives it
    assert load_settings().window["transcript_marks"]["filler"] is False
    window.close()

    again = make_window(services)
    again.open_round(rid)
    settle()
    assert not again.debrief.marks.chips["filler"].isChecked()
    assert "filler" not in again.debrief.transcript.marks_on(um)
    assert "evidence" in again.debrief.transcript.marks_on(batch)


def test_a_hand_edited_setting_never_stops_the_marks(make_window, services, qtbot):
    services.settings = services.settings.with_(
        window={"transcript_marks": {"filler": "no", "hedge": False}})
    rid = services.analyze_text("swe", "story-90", STORY).id
    window = make_window(services)
    window.open_round(rid)
    settle()
    view = window.debrief.transcript
    assert "filler" in view.marks_on(words_of(view).index("Um,"))  # not false: shown
    assert "hedge" not in view.marks_on(words_of(view).index("probably"))


def test_a_long_pause_shows_where_it_fell_and_the_bar_seeks_to_marks(make_window, services,
                                                                     qtbot, tmp_path):
    k = STORY.split().index("We", 5)  # "... the export feature. ❚❚ We chose ..."
    rid = timed_round(services, tmp_path, STORY, {k: 4.2})
    window = make_window(services, player_factory=FakePlayer)
    window.open_round(rid)
    settle()
    view = window.debrief.transcript
    assert view.pause_markers() == ["❚❚ 4.3 s"]
    # The marker sits between "feature." and "We".
    text = view.toPlainText()
    assert text.index("feature.") < text.index("❚❚ 4.3 s") < text.index("We chose")

    bar = window.debrief.player_bar
    track = bar.track
    assert track.isVisible()
    kinds = {m.kind for m in track.marks}
    assert kinds == {"evidence", "filler", "hedge", "pause"}
    um = next(m for m in track.marks if m.kind == "filler")
    # Its hover says what it is and when.
    at = QPoint(round(track.x_of(um.start_s)), track.height() // 2)
    QApplication.sendEvent(track, QHelpEvent(QEvent.Type.ToolTip, at, track.mapToGlobal(at)))
    assert QToolTip.text() == f"Filler: “um” at {mmss(um.start_s)}. Click to hear it."
    QToolTip.hideText()
    qtbot.mouseClick(track, Qt.MouseButton.LeftButton,
                     pos=QPoint(round(track.x_of(um.start_s)), track.height() // 2))
    player = window.debrief.playback.player
    assert player is not None and player.played_from[-1] == pytest.approx(um.start_s)
    assert view.current == words_of(view).index("Um,")  # the transcript follows

    # A click on the pause marker in the text plays from the silence.
    pause = next(m for m in track.marks if m.kind == "pause")
    at = view.cursorRect(_cursor_at(view, "❚❚")).center()
    assert view.anchorAt(at) == "p0"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert player.played_from[-1] == pytest.approx(pause.start_s)

    # Long pauses off: the marker leaves the text and the bar; the words stay where they were.
    chip = window.debrief.marks.chips["pause"]
    chip.setChecked(False)
    assert view.pause_markers() == []
    assert "pause" not in {m.kind for m in track.marks}
    window.debrief.playback.stop()


def test_marks_keep_replay_and_corrections_working(make_window, services, qtbot, tmp_path):
    rid = timed_round(services, tmp_path, STORY, {})
    window = make_window(services, player_factory=FakePlayer)
    window.open_round(rid)
    settle()
    view = window.debrief.transcript
    words = words_of(view)
    um = words.index("Um,")
    # Replay: the word being heard is highlighted over its filler colour.
    view.highlight_at(view._starts[view._shown(um)])
    assert view.current == view._shown(um)
    sel = view.extraSelections()
    assert len(sel) == 1 and sel[0].cursor.selectedText() == "Um,"
    # Correct the filler away: re-scored, the filler mark goes, the correction is marked.
    view.edit_requested.emit(um, um + 1, "So,")
    settle()
    words = words_of(view)
    assert words[um] == "So,"
    assert "filler" not in view.marks_on(um)
    assert view.corrected_words() == [um]
    assert window.debrief.marks.chips["filler"].text().endswith("0")
    assert "evidence" in view.marks_on(words.index("batch"))
    window.debrief.playback.stop()


def _cursor_at(view, text: str):
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(view.document())
    cursor.setPosition(view.toPlainText().index(text) + 1)
    return cursor



@pytest.mark.slow
def test_a_spoken_round_is_marked_as_its_debrief_says(make_window, services, speak, qtbot,
                                                      tmp_path):
    """A real recording (espeak, with a 4 s silence spliced in) through the speech model."""
    from support import voices

    first = speak("We had a hard deadline of two weeks to launch the billing page. Um, I "
                  "decided to cut the export feature.", "first.wav")
    second = speak("We chose a nightly batch job over live sync, and I think maybe that was "
                   "fine.", "second.wav")
    clip = tmp_path / "answer.wav"
    voices.splice([0.5, voices.read(first), 4.0, voices.read(second), 0.5], clip)
    report = services.analyze_audio("swe", "story-90", clip)
    d = report.analysis.delivery
    assert len(d.long_pauses) == 1
    window = make_window(services, player_factory=FakePlayer)
    window.open_round(report.id)
    settle()
    view = window.debrief.transcript
    gap = d.long_pauses[0]
    assert view.pause_markers() == [f"❚❚ {gap.end - gap.start:.1f} s"]
    marked = {kind: sum(1 for m in view.marks if m.kind == kind) for kind in
              ("filler", "hedge", "evidence")}
    assert marked["filler"] == d.fillers_total
    assert marked["hedge"] == d.hedges_total
    hits = [s for s in report.analysis.signals if s.hit]
    assert hits and marked["evidence"] >= 1
    for s in hits:
        mark = next(m for m in view.marks if s.id in m.signals)
        assert "evidence" in view.marks_on(mark.start_word)
        assert services.rubric.signal(s.id).name in view.tip_of(mark.start_word)
    window.debrief.playback.stop()


def test_the_marks_colours_are_readable_in_both_themes():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("contrast_check",
                                                  root / "scripts" / "contrast_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for dark in (False, True):
        pairs = module.mark_pairs(dark)
        assert {what.split()[0] for what, *_ in pairs} >= {"filler", "hedge", "pause",
                                                           "evidence", "ink"}
        assert module.mark_failures(dark) == [], dark


@pytest.mark.parametrize("size", [(1024, 700), (700, 500)])
def test_the_legend_fits_a_small_window(make_window, services, qtbot, tmp_path, size):
    k = STORY.split().index("We", 5)
    rid = timed_round(services, tmp_path, STORY, {k: 4.2})
    window = make_window(services, player_factory=FakePlayer)
    window.resize(*size)
    window.open_round(rid)
    settle()
    legend = window.debrief.marks
    assert all(chip.isVisible() for chip in legend.chips.values())  # pauses too
    scroll = window.debrief.scroll
    assert scroll.horizontalScrollBar().maximum() == 0
    for chip in legend.chips.values():
        right = chip.mapTo(scroll.viewport(), QPoint(chip.width(), 0)).x()
        assert right <= scroll.viewport().width()
