"""The debrief page: header and actions, checklist, lens, delivery, recording and transcript."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockloop.errors import UserError
from mockloop.report import RoundReport
from mockloop.session import Services
from mockloop.transcript import Transcript
from mockloop.ui.debrief.checklist import Checklist
from mockloop.ui.debrief.delivery_card import DeliveryCard
from mockloop.ui.debrief.export_menu import ExportButton
from mockloop.ui.debrief.followup_card import FollowupCard
from mockloop.ui.debrief.key_sentences_card import KeySentencesCard
from mockloop.ui.debrief.lens_card import LensCard
from mockloop.ui.debrief.marks import MarksLegend
from mockloop.ui.debrief.next_line import NextLine
from mockloop.ui.debrief.playback import Playback, PlaybackBar, PlayerFactory
from mockloop.ui.debrief.takes_card import TakesCard
from mockloop.ui.debrief.transcript_view import TranscriptView
from mockloop.ui.fmt import mmss, when
from mockloop.ui.history.drill_link import DrillLink
from mockloop.ui.widgets.scrolling import fill_with_scrolling, reflow

NBSP = "\u00a0"


class DebriefPage(QWidget):
    retake_requested = Signal(str, str, object)  # role, round, prompt id
    next_round_requested = Signal()
    failed = Signal(str)

    def __init__(self, services: Services, *, player_factory: PlayerFactory | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.data: dict | None = None  # the report as received (main_window reads it)
        self.report: RoundReport | None = None  # the same, typed: what the page reads
        self.playback = Playback(player_factory, parent=self)

        self.title = QLabel("Debrief")
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)  # "What failure would make you reject this design?"
        self.meta = QLabel("Finish a round, or open one from History, to see its debrief here.")
        self.meta.setObjectName("pageSubtitle")
        self.meta.setWordWrap(True)
        self.retake_button = QPushButton("Retake  (Ctrl+R)")
        self.retake_button.setToolTip("The same prompt again")
        self.next_button = QPushButton("Next round  →")
        self.next_button.setObjectName("primary")
        self.prompt = QLabel()
        self.prompt.setObjectName("quotedPrompt")
        self.prompt.setWordWrap(True)
        self.no_speech = QLabel("No speech was found in this recording, so nothing could be "
                                "scored. Check the microphone (Practice → Test microphone) and "
                                "try again.")
        self.no_speech.setObjectName("noSpeech")
        self.no_speech.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setObjectName("notes")
        self.notes.setWordWrap(True)
        self.checklist = Checklist(services.rubric)
        self.takes = TakesCard(services)  # a retake: the previous take beside this one
        self.drill_link = DrillLink(services)  # a drill's take: its three takes side by side
        self.lens = LensCard()
        self.delivery = DeliveryCard()
        self.followup = FollowupCard(services)  # after a design round, or of a follow-up
        self.transcript = TranscriptView()
        self.key_sentences = KeySentencesCard(  # its own file; Ctrl+K saves the selection
            self.transcript, {k: r.name for k, r in services.rubric.roles.items()})
        self.player_bar = PlaybackBar(self.playback)
        recording = QFrame()
        recording.setObjectName("card")
        rec_title = QLabel("Recording and transcript")
        rec_title.setObjectName("sectionTitle")
        self.no_audio = QLabel("No recording is kept for this round.")
        self.no_audio.setObjectName("muted")
        self.edit_hint = QLabel("Heard wrong? Double-click a word to correct it (Tab in the box "
                                "takes the whole sentence); the debrief is scored again at once.")
        self.edit_hint.setObjectName("muted")
        self.edit_hint.setWordWrap(True)
        self.edited_note = QLabel()
        self.edited_note.setObjectName("muted")
        self.edited_note.setProperty("tone", "warning")
        self.edited_note.setWordWrap(True)
        self.undo_button = QPushButton("Undo last correction")
        self.undo_button.setToolTip("Ctrl+Z")
        self.revert_button = QPushButton("Restore the original")
        self.revert_button.setToolTip("Back to the transcript as it was recognised, "
                                      "scored again")
        edited_row = QHBoxLayout()
        edited_row.setSpacing(10)
        edited_row.addWidget(self.edited_note, 1)
        edited_row.addWidget(self.undo_button)
        edited_row.addWidget(self.revert_button)
        self.edited_bar = QWidget()
        self.edited_bar.setLayout(edited_row)
        edited_row.setContentsMargins(0, 0, 0, 0)
        self.edited_bar.hide()
        rc = QVBoxLayout(recording)
        rc.setContentsMargins(24, 20, 24, 20)
        rc.setSpacing(12)
        rc.addWidget(rec_title)
        rc.addWidget(self.player_bar)
        rc.addWidget(self.no_audio)
        rc.addWidget(self.edit_hint)
        rc.addWidget(self.edited_bar)
        self.marks = MarksLegend(services, self.transcript, self.player_bar)  # its own file
        rc.addWidget(self.marks)
        rc.addWidget(self.transcript)

        self.header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.header.setSpacing(12)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(self.title)
        heading.addWidget(self.meta)
        self.header.addLayout(heading, 1)
        actions = QHBoxLayout()
        actions.setSpacing(10)
        self.export_button = ExportButton(self)  # Export… (its own file)
        actions.addWidget(self.export_button)
        actions.addWidget(self.retake_button)
        actions.addWidget(self.next_button)
        actions.addStretch(0)
        self.header.addLayout(actions)
        right = QVBoxLayout()
        right.setSpacing(16)
        right.addWidget(self.lens)
        right.addWidget(self.delivery)
        right.addWidget(self.key_sentences)
        right.addWidget(self.followup)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.checklist)
        left.addStretch(1)
        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.setSpacing(16)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.columns = columns
        body = QWidget()
        body.setObjectName("pageBody")
        self.content = QWidget()
        cc = QVBoxLayout(self.content)
        cc.setContentsMargins(0, 0, 0, 0)
        cc.setSpacing(16)
        cc.addWidget(self.prompt)
        cc.addWidget(self.no_speech)
        cc.addWidget(self.notes)
        cc.addWidget(self.takes)
        cc.addWidget(self.drill_link)
        cc.addLayout(columns)
        cc.addWidget(recording)
        col = QVBoxLayout(body)
        col.setContentsMargins(32, 28, 32, 28)
        col.setSpacing(16)
        col.addLayout(self.header)
        col.addWidget(self.content)
        self.next_line = NextLine(services)  # what to practise next (its own file)
        col.addWidget(self.next_line)
        col.addStretch(1)
        self.scroll = fill_with_scrolling(self, body)
        self.content.hide()
        self.retake_button.hide()
        self.next_button.hide()

        self.retake_button.clicked.connect(self.retake)
        self.next_button.clicked.connect(self.next_round_requested)
        self.checklist.play_from.connect(self.playback.play_from)
        self.key_sentences.play_from.connect(self.playback.play_from)
        self.transcript.seek_requested.connect(self.playback.play_from)
        self.playback.position.connect(self.transcript.highlight_at)
        self.playback.failed.connect(self.failed)
        self.transcript.sentence_of = self._sentence_of
        self.transcript.editing_started.connect(self.playback.pause)
        self.transcript.edit_requested.connect(self.correct)
        self.undo_button.clicked.connect(self.undo_correction)
        self.revert_button.clicked.connect(self.restore_original)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_correction)
        self._shown_with: dict = {}

    def show_report(self, data: dict, *, audio_path: str | None = None,
                    started_at: str | None = None, has_next: bool = False,
                    cut_short_s: float | None = None, keep_scroll: bool = False) -> None:
        """Render one round from its report dictionary (fresh or from history): read once
        into a RoundReport here, which is all the cards see."""
        report = RoundReport.from_dict(data)
        self.data = data
        self.report = report
        self._shown_with = {"audio_path": audio_path, "started_at": started_at,
                            "has_next": has_next, "cut_short_s": cut_short_s}
        # A new debrief starts at its top (the checklist, or the "no speech" note), not where
        # the previous one was left; a corrected one stays where the user was reading.
        if not keep_scroll:
            self.scroll.verticalScrollBar().setValue(0)
            self.scroll.horizontalScrollBar().setValue(0)
        rubric = self.services.rubric
        try:
            rnd_title = rubric.round(report.round).title
            role_name = rubric.role(report.role).name
        except UserError:  # a round from a user rubric that is gone: show the ids
            rnd_title, role_name = report.round, report.role
        self.title.setText(rnd_title)
        # Short parts are kept whole (non-breaking spaces): a narrow subtitle wraps between
        # parts, after a dot, never inside "round #3" or the date.
        meta = [role_name]
        if started_at:
            meta.append(when(started_at))
        if report.id is not None:
            meta.append(f"round #{report.id}")
        meta = [part.replace(" ", NBSP) for part in meta]
        cut = cut_short_s if cut_short_s is not None else _cut_short_at(report)
        if cut is not None:
            meta.append(f"cut short at {mmss(cut)}; finished from its recording")
        self.meta.setText(f"{NBSP}{NBSP}·  ".join(meta))
        prompt_text = report.prompt_text
        self.prompt.setText(prompt_text or "")
        self.prompt.setVisible(bool(prompt_text))
        self.no_speech.setVisible(report.no_speech)
        notes = report.notes
        self.notes.setText("\n".join(f"⚠  {n}" for n in notes))
        self.notes.setVisible(bool(notes))
        path = audio_path or (report.recording or {}).get("path")
        self.playback.set_source(path)
        has_audio = self.playback.available
        self.checklist.show_signals(report, has_audio)
        self.lens.show_lens(report, {k: v.covers for k, v in rubric.lenses.items()})
        self.delivery.show_delivery(report)
        self.key_sentences.show_for(report, has_audio)
        self.followup.show_for(report)
        self.takes.show_for(report)
        self.drill_link.show_for(report.id)
        # The transcript view still takes the word dictionaries (text, start, end).
        self.transcript.set_transcript(report.transcript.text,
                                       report.transcript.to_dict()["words"], _corrected(report))
        self._show_edited(report)
        self.player_bar.setVisible(has_audio)
        self.no_audio.setVisible(not has_audio)
        self.player_bar.set_duration(report.analysis.delivery.duration_s)
        self.marks.show_marks(report)
        self.content.show()
        self.retake_button.show()
        self.next_button.setVisible(has_next)
        self.next_line.show_for(report.role)

    # -- corrections to the transcript ---------------------------------------------------------

    def _show_edited(self, report: RoundReport) -> None:
        can_edit = bool(report.transcript.words) and report.id is not None
        self.transcript.editable = can_edit
        self.edit_hint.setVisible(can_edit and not report.edited)
        edited = report.edited
        self.edited_bar.setVisible(edited)
        if edited:
            n = len(report.edits)
            self.edited_note.setText(
                f"✎  You corrected this transcript ({n} correction{'s' if n != 1 else ''}); "
                "the checklist, lens and delivery are scored from your text. The recognised "
                "original is kept. Double-click a word to correct another.")

    def _transcript(self) -> Transcript:
        return self.report.transcript if self.report is not None else Transcript.from_dict({})

    def _sentence_of(self, word: int) -> tuple[int, int]:
        from mockloop.edits import sentence_bounds

        return sentence_bounds(self._transcript(), word)

    def correct(self, start_word: int, end_word: int, text: str) -> None:
        """Replace transcript words start .. end - 1 by `text`; re-score and save (the core
        does both in milliseconds, so the debrief changes at once)."""
        self._rescore(lambda rid: self.services.correct(rid, start_word, end_word, text))

    def undo_correction(self) -> None:
        if self.report is not None and self.report.edited:
            self._rescore(self.services.undo_edit)

    def restore_original(self) -> None:
        if self.report is not None and self.report.edited:
            self._rescore(self.services.revert_edits)

    def _rescore(self, action) -> None:
        if self.report is None or self.report.id is None:
            return
        try:
            report = action(self.report.id)
        except UserError as exc:
            self.failed.emit(exc.message)
            return
        bar = self.scroll.verticalScrollBar()
        at = bar.value()
        self.show_report(report.to_dict(), keep_scroll=True, **self._shown_with)
        bar.setValue(at)
        QTimer.singleShot(0, lambda: bar.setValue(at))  # once the page has its new height

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        reflow(self.columns, self.width())
        reflow(self.header, self.width(), 640)

    def clear(self, message: str) -> None:
        """Show no round (it was deleted): nothing to play, retake or read."""
        self.playback.set_source(None)
        self.transcript.close_editor()
        self.data = None
        self.report = None
        self.title.setText("Debrief")
        self.meta.setText(message)
        self.content.hide()
        self.followup.hide()
        self.drill_link.hide()
        self.retake_button.hide()
        self.next_button.hide()
        self.next_line.hide()

    def retake(self) -> None:
        if self.report is not None:
            self.playback.stop()
            self.retake_requested.emit(self.report.role, self.report.round,
                                       self.report.prompt_id)

    def set_next_available(self, available: bool) -> None:
        self.next_button.setVisible(available and self.data is not None)

    def shutdown(self) -> None:
        self.playback.stop()


def _corrected(report: RoundReport) -> dict[int, str]:
    """The words the user corrected (index -> what was heard there), for the transcript."""
    original = report.transcript_original
    if original is None:
        return {}
    from mockloop.edits import corrected_words

    return corrected_words([w.word for w in original.words],
                           [w.word for w in report.transcript.words])


def _cut_short_at(report: RoundReport) -> float | None:
    """How long a round that was cut short ran, when its report says it was finished later
    from the recording (`mockloop finish`, or Finish in History): such a report's recording
    has a path but not the live round's duration."""
    recording = report.recording
    if recording is None or not recording.get("path"):
        return None
    cut = recording.get("interrupted_at_s")
    if isinstance(cut, int | float):
        return float(cut)  # said by the core since finish_round records it
    if "duration_s" in recording:
        return None
    duration = report.analysis.delivery.duration_s
    return float(duration) if duration is not None else None
