"""The transcript, word by word: the word being played is highlighted; click a word to seek."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QResizeEvent, QTextCharFormat, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QTextBrowser, QTextEdit, QWidget

from mockloop.ui import palette

PARAGRAPH_GAP_S = 2.5  # a silence this long starts a new paragraph, which makes pauses visible


class TranscriptView(QTextBrowser):
    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._clicked)
        # The box is as tall as its text: the page scrolls (the wheel is never trapped here)
        # and no first or last line is cut by an inner scroll position or padding.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setDocumentMargin(12)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit())
        self.setMinimumHeight(60)
        self.words: list[dict] = []
        self._spans: list[tuple[int, int]] = []  # (position, length) of each word in the text
        self._starts: list[float] = []
        self.current = -1

    def _fit(self) -> None:
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 2
        if height != self.height():
            self.setFixedHeight(max(60, height))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Nothing to scroll here: the wheel scrolls the page behind."""
        area = self._page_area()
        if area is None:
            event.ignore()
            return
        QApplication.sendEvent(area.verticalScrollBar(), event)

    def _page_area(self) -> QScrollArea | None:
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        return area

    def set_transcript(self, text: str, words: list[dict]) -> None:
        self.clear()
        self.current = -1
        self.words = [w for w in words if w.get("start") is not None]
        self._spans, self._starts = [], []
        if not self.words:
            self.setPlainText(text or "")
            return
        cursor = QTextCursor(self.document())
        plain = QTextCharFormat()
        plain.setForeground(palette.INK)
        prev_end: float | None = None
        for i, w in enumerate(self.words):
            if prev_end is not None:
                if w["start"] - prev_end >= PARAGRAPH_GAP_S:
                    cursor.insertBlock()
                else:
                    cursor.insertText(" ", plain)
            fmt = QTextCharFormat(plain)
            fmt.setAnchor(True)
            fmt.setAnchorHref(f"w{i}")
            fmt.setToolTip(f"{w['start']:.1f} s")
            pos = cursor.position()
            token = str(w["word"]).strip()
            cursor.insertText(token, fmt)
            self._spans.append((pos, len(token)))
            self._starts.append(float(w["start"]))
            prev_end = float(w.get("end") or w["start"])
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def highlight_at(self, seconds: float) -> None:
        """Highlight the word being heard at `seconds` (the last one started)."""
        i = bisect.bisect_right(self._starts, seconds + 0.02) - 1
        self.highlight(i)

    def highlight(self, index: int) -> None:
        if index == self.current:
            return
        self.current = index
        if not 0 <= index < len(self._spans):
            self.setExtraSelections([])
            return
        pos, length = self._spans[index]
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(pos)
        cursor.setPosition(pos + length, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(palette.SPOKEN)
        sel.format = fmt
        self.setExtraSelections([sel])
        # Keep the spoken word in view without jumping around while it is visible.
        self._reveal(cursor)

    def _reveal(self, cursor: QTextCursor) -> None:
        """Scroll the page (the box itself does not scroll) so the spoken word is in view."""
        area = self._page_area()
        if area is None or area.widget() is None:
            return
        rect = self.cursorRect(cursor)
        at = self.viewport().mapTo(area.widget(), QPoint(rect.left(), rect.center().y()))
        area.ensureVisible(at.x(), at.y(), 0, 60)

    def word_rect(self, index: int):
        """Where word `index` is drawn, in viewport coordinates (for clicks)."""
        pos, length = self._spans[index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(pos + max(1, length // 2))
        return self.cursorRect(cursor)

    def _clicked(self, url: QUrl) -> None:
        ref = url.toString()
        if ref.startswith("w") and ref[1:].isdigit():
            i = int(ref[1:])
            if 0 <= i < len(self._starts):
                self.highlight(i)
                self.seek_requested.emit(self._starts[i])
