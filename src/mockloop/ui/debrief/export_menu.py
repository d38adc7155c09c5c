"""The debrief's "Export…" button: the round as Markdown, JSON, TXT, SRT, VTT, its recording,
the mentor bundle (a file dialog each), and "Copy transcript" to the clipboard.

Files are written off the GUI thread (a recording or a bundle can be large) by
mockloop.exporting, which never writes over the history's own files and never leaves half a
file. `export_to(kind, path)` does one export without asking, for tests and scripts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from mockloop.bundles import bundle_name
from mockloop.errors import UserError
from mockloop.exporting import ROUND_FORMATS, export_round
from mockloop.ui.file_choice import FileChooser, start_folder
from mockloop.ui.tasks import run_task

# kind -> (menu text, file dialog filter)
CHOICES = {
    "md": ("Debrief as Markdown (.md)…", "Markdown (*.md)"),
    "json": ("Debrief as JSON (.json)…", "JSON (*.json)"),
    "txt": ("Transcript as text (.txt)…", "Text (*.txt)"),
    "srt": ("Subtitles as SRT (.srt)…", "SubRip subtitles (*.srt)"),
    "vtt": ("Subtitles as WebVTT (.vtt)…", "WebVTT subtitles (*.vtt)"),
    "audio": ("The recording…", "Audio (*.wav *.flac *.mp3 *.ogg *.m4a *.opus *.webm)"),
    "bundle": ("Mentor bundle (.zip)…", "Zip archive (*.zip)"),
}
WHAT = {"md": "the debrief", "json": "the debrief", "txt": "the transcript",
        "srt": "the subtitles", "vtt": "the subtitles", "audio": "the recording",
        "bundle": "the mentor bundle"}


class ExportButton(QPushButton):
    """Export… with a menu; `page` is the DebriefPage (its data, recording and services)."""

    notice = Signal(str)
    failed = Signal(str)

    def __init__(self, page, parent: QWidget | None = None) -> None:
        super().__init__("Export…", parent)
        self.setObjectName("exportButton")
        self.setToolTip("Save this round as a file, or copy its transcript")
        self.page = page
        self.chooser = FileChooser()
        self.busy = False
        self.menu_ = QMenu(self)
        self.actions_ = {}
        for kind, (text, _filters) in CHOICES.items():
            if kind == "audio":
                self.menu_.addSeparator()
            action = self.menu_.addAction(text)
            action.triggered.connect(lambda _c=False, k=kind: self.choose(k))
            self.actions_[kind] = action
        self.menu_.addSeparator()
        self.copy_action = self.menu_.addAction("Copy transcript")
        self.copy_action.triggered.connect(self.copy_transcript)
        self.menu_.aboutToShow.connect(self._update)
        self.setMenu(self.menu_)
        self.failed.connect(page.failed)  # the debrief's own trouble stays on the debrief
        # Shown with the round's actions (Retake), i.e. whenever a round is shown.
        self.setVisible(False)
        page.retake_button.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.setVisible(event.type() == QEvent.Type.Show)
        return False

    # -- what the page shows ----------------------------------------------------------------

    def _data(self) -> dict | None:
        return self.page.data

    def _audio(self) -> Path | None:
        shown = getattr(self.page, "_shown_with", {}) or {}
        path = shown.get("audio_path") or ((self._data() or {}).get("recording") or {}).get(
            "path")
        return Path(path) if path and Path(path).is_file() else None

    def _update(self) -> None:
        has_words = bool(((self._data() or {}).get("transcript") or {}).get("text"))
        self.actions_["audio"].setEnabled(self._audio() is not None)
        self.actions_["audio"].setText(CHOICES["audio"][0] if self._audio() is not None
                                       else "The recording (none kept for this round)")
        for kind in ("srt", "vtt"):  # subtitles need word timings
            self.actions_[kind].setEnabled(self._timed())
        self.copy_action.setEnabled(has_words)

    def _timed(self) -> bool:
        words = ((self._data() or {}).get("transcript") or {}).get("words") or []
        return any(isinstance(w, dict) and w.get("start") is not None for w in words)

    def suggested_name(self, kind: str) -> str:
        data = self._data() or {}
        stem = bundle_name(data, self.page._shown_with.get("started_at"))[:-len(".zip")]
        if kind == "bundle":
            return f"{stem}.zip"
        if kind == "audio":
            audio = self._audio()
            return f"{stem}{audio.suffix if audio else '.wav'}"
        return f"{stem}{ROUND_FORMATS[kind]}"

    # -- actions ----------------------------------------------------------------------------

    def choose(self, kind: str) -> None:
        """Ask where to save, then export there."""
        if self._data() is None:
            return
        _text, filters = CHOICES[kind]
        path = self.chooser.save(self, f"Export {WHAT[kind]}",
                                 start_folder() / self.suggested_name(kind), filters)
        if path is not None:
            # The save dialog has already asked before replacing a file the user picked.
            self.export_to(kind, path, replace=True)

    def export_to(self, kind: str, path: str | Path, *, replace: bool = False) -> None:
        """Write the shown round as `kind` to `path`, off the GUI thread; the banner tells."""
        data = self._data()
        if data is None or self.busy:
            return
        services = self.page.services
        row_source = started = None
        if data.get("id") is not None:
            try:
                row = services.store.get(int(data["id"]))
                row_source, started = row.source, row.started_at
            except UserError:
                pass
        audio = self._audio()
        target = Path(path)
        what = WHAT[kind]

        def work(_progress):
            return export_round(kind, data, target, data_dir=services.store.data_dir,
                                rubric=services.rubric, audio=audio, started_at=started,
                                source=row_source, replace=replace)

        def done(_result) -> None:
            self._idle()
            extra = " (this round has no recording, so it holds none)" if (
                kind == "bundle" and audio is None) else ""
            self.notice.emit(f"Saved {what} as {target}{extra}.")

        def failed(message: str) -> None:
            self._idle()
            self.failed.emit(message)

        self.busy = True
        self.setEnabled(False)
        self.setText("Exporting…")
        run_task(self, work, name="export", on_done=done, on_failed=failed)

    def _idle(self) -> None:
        self.busy = False
        self.setEnabled(True)
        self.setText("Export…")

    def copy_transcript(self) -> None:
        text = ((self._data() or {}).get("transcript") or {}).get("text") or ""
        if not text:
            return
        QGuiApplication.clipboard().setText(text)
        self.notice.emit("The transcript is on the clipboard.")
