"""The transcript, word by word: the word being played is highlighted; click a word to seek.

Double-click a word to correct it (or select some words and press Enter or F2): a small box
opens over it; Enter saves, Esc cancels, Tab widens it to the whole sentence. The view only
asks for the change (`edit_requested`); the page has the core apply it and re-score.

Marks (`set_marks`, from mockloop.transcript_marks): an evidence sentence is tinted, a filler
or hedge is coloured, a long pause shows as "❚❚ 3.2 s" where it fell (a click on it plays from
there); the hover says what each is. The word being played is highlighted over all of them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QUrl, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from mockloop.transcript_marks import Mark
from mockloop.ui import palette
from mockloop.ui.debrief.marks import colour

PARAGRAPH_GAP_S = 2.5  # a silence this long starts a new paragraph, which makes pauses visible
# Each kind of mark a piece of text carries, kept in its format (tests and hovers read it).
MARK_PROPERTY = {"evidence": QTextFormat.Property.UserProperty + 1,
                 "filler": QTextFormat.Property.UserProperty + 2,
                 "hedge": QTextFormat.Property.UserProperty + 3,
                 "pause": QTextFormat.Property.UserProperty + 4}


class _Field(QLineEdit):
    """The correction's text: Enter saves, Esc cancels, Tab widens to the sentence; leaving
    it (a click elsewhere) cancels, so nothing changes without Enter."""

    saved = Signal()
    cancelled = Signal()
    widen = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in (
                Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Z):
            event.accept()  # the window's own Esc/Enter/Ctrl+Z keys wait while typing here
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab,
                                                                      Qt.Key.Key_Backtab):
            self.widen.emit()
            return True  # not a move to the next widget
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.saved.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # not the context menu
            self.cancelled.emit()


class WordEditor(QFrame):
    """The box a correction is typed in, laid over the words it replaces."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setProperty("accent", "break")
        self.field = _Field(self)
        self.field.setAccessibleName("Correct the transcript")
        self.hint = QLabel("Enter saves · Esc cancels · Tab: the whole sentence")
        self.hint.setObjectName("muted")
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        box.setSpacing(4)
        box.addWidget(self.field)
        box.addWidget(self.hint)
        self.hide()


class TranscriptView(QTextBrowser):
    seek_requested = Signal(float)
    # A correction: transcript words start .. end - 1 (end exclusive) become the text.
    edit_requested = Signal(int, int, str)
    editing_started = Signal()

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
        self._index: list[int] = []  # each shown word's index in the transcript's words
        self._all: list[dict] = []  # the transcript's words, timed or not
        self.current = -1
        self.editable = True
        # The sentence (start, end exclusive) that holds a word; the page supplies it from the
        # core. Without it Tab widens to the word itself.
        self.sentence_of: Callable[[int], tuple[int, int]] | None = None
        self.editor: WordEditor | None = None
        self.editing: tuple[int, int] | None = None  # the transcript words being corrected
        self.marks: list[Mark] = []  # what is marked now (the kinds switched on)
        self._source: tuple[str, list[dict], dict[int, str]] = ("", [], {})
        self._tips: list[str] = []  # each shown word's own hover (time, correction)
        self._pause_marks: list[Mark] = []  # the pauses shown, by their anchor "p<k>"

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

    def set_transcript(self, text: str, words: list[dict],
                       corrected: dict[int, str] | None = None) -> None:
        """Show the words; `corrected` maps the index of a word the user corrected to what
        the recogniser had there ("" for a word put in), for a dotted underline and a tip.
        A new transcript has no marks until `set_marks`."""
        self.marks = []
        self._source = (text, words, corrected or {})
        self._render()

    def set_marks(self, marks: list[Mark]) -> None:
        """Mark these (evidence, fillers, hedges, pauses) in the transcript shown."""
        if marks == self.marks:
            return
        self.marks = list(marks)
        current = self.current
        self._render()
        if current >= 0:
            self.highlight(current)

    def _render(self) -> None:
        text, words, corrected = self._source
        self.close_editor()
        self.clear()
        self.current = -1
        self._tips, self._pause_marks = [], []
        self._all = [w for w in words if isinstance(w, dict)]
        timed = [(i, w) for i, w in enumerate(self._all) if w.get("start") is not None]
        self.words = [w for _i, w in timed]
        self._index = [i for i, _w in timed]
        self._spans, self._starts = [], []
        corrected = corrected or {}
        if not self.words:
            self.setPlainText(text or "")
            self._untimed_spans(text or "")
            self._mark_corrected(corrected)
            self._mark()
            return
        pauses = {m.start_word: m for m in self.marks if m.kind == "pause"}
        cursor = QTextCursor(self.document())
        # One edit block: the document is laid out once at the end, not after every word
        # (a few ms each, seconds for a long answer).
        cursor.beginEditBlock()
        plain = QTextCharFormat()
        plain.setForeground(palette.INK)
        prev_end: float | None = None
        for i, w in enumerate(self.words):
            if prev_end is not None:
                if w["start"] - prev_end >= PARAGRAPH_GAP_S:
                    cursor.insertBlock()
                else:
                    cursor.insertText(" ", plain)
            pause = pauses.get(self._index[i])
            if pause is not None:
                self._insert_pause(cursor, pause, plain)
            fmt = QTextCharFormat(plain)
            fmt.setAnchor(True)
            fmt.setAnchorHref(f"w{i}")
            tip = f"{w['start']:.1f} s"
            was = corrected.get(self._index[i])
            if was is not None:
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(palette.ACCENT)
                tip += f" · you corrected this (heard: “{was}”)" if was else \
                    " · you added this"
            fmt.setToolTip(tip)
            self._tips.append(tip)
            pos = cursor.position()
            token = str(w["word"]).strip()
            cursor.insertText(token, fmt)
            self._spans.append((pos, len(token)))
            self._starts.append(float(w["start"]))
            prev_end = float(w.get("end") or w["start"])
        cursor.endEditBlock()
        self._mark()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _insert_pause(self, cursor: QTextCursor, pause: Mark, plain: QTextCharFormat) -> None:
        """"❚❚ 3.2 s" where the silence fell, before the word after it: a click plays from the
        silence's start."""
        fmt = QTextCharFormat(plain)
        fmt.setForeground(colour("pause", "text"))
        if self.font().pointSizeF() > 0:
            fmt.setFontPointSize(max(6.0, self.font().pointSizeF() * 0.85))
        fmt.setAnchor(True)
        fmt.setAnchorHref(f"p{len(self._pause_marks)}")
        fmt.setProperty(MARK_PROPERTY["pause"], True)
        length = (pause.end_s or 0.0) - (pause.start_s or 0.0)
        fmt.setToolTip(f"A silence of {length:.1f} s here: to an interviewer a pause of 3 s "
                       "or more reads as a stall. Click to hear it.")
        # (The pause sign ❚❚ of the Play button: "⏸" is missing from many fonts.)
        cursor.insertText(f"❚❚ {length:.1f} s", fmt)
        cursor.insertText("  ", plain)
        self._pause_marks.append(pause)

    def _mark(self) -> None:
        """Give the words their marks' looks and hovers (pauses are already in the text)."""
        if not self._spans:
            return
        words = [m for m in self.marks if m.kind != "pause"]
        if not words:
            return
        corrected = self._source[2]
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for m in words:
            if m.kind != "evidence":
                continue
            first, last = self._shown(m.start_word), self._shown(m.end_word - 1)
            if first is None or last is None:
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(colour("evidence", "back"))
            fmt.setProperty(MARK_PROPERTY["evidence"], True)
            fmt.setToolTip(f"{m.label}: the checklist quotes this sentence.")
            cursor.setPosition(self._spans[first][0])
            cursor.setPosition(sum(self._spans[last]), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        on_word: dict[int, list[Mark]] = {}
        for m in words:
            for k in range(m.start_word, m.end_word):
                on_word.setdefault(k, []).append(m)
        for k, (pos, length) in enumerate(self._spans):
            here = on_word.get(self._index[k])
            if not here:
                continue
            fmt = QTextCharFormat()
            lines = [self._tips[k]] if k < len(self._tips) and self._tips[k] else []
            for m in here:
                fmt.setProperty(MARK_PROPERTY[m.kind], True)
                if m.kind == "evidence":
                    lines.append(f"{m.label}: the checklist quotes this sentence.")
                    continue
                fmt.setForeground(colour(m.kind, "text"))
                lines.append(m.label)
                if m.kind == "filler" and self._index[k] not in corrected:
                    # A wavy line under a filler; a corrected word keeps its dotted one.
                    fmt.setFontUnderline(True)
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                    fmt.setUnderlineColor(colour("filler", "text"))
                elif m.kind == "hedge":
                    fmt.setFontItalic(True)
            fmt.setToolTip("\n".join(lines))
            cursor.setPosition(pos)
            cursor.setPosition(pos + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()

    def marks_on(self, word: int) -> set[str]:
        """The kinds of mark transcript word `word` carries as shown (empty: none, or not
        shown)."""
        k = self._shown(word)
        if k is None:
            return set()
        fmt = self._format_at(k)
        return {kind for kind, prop in MARK_PROPERTY.items() if fmt.boolProperty(prop)}

    def tip_of(self, word: int) -> str:
        """What hovering transcript word `word` says."""
        k = self._shown(word)
        return self._format_at(k).toolTip() if k is not None else ""

    def _format_at(self, shown: int) -> QTextCharFormat:
        pos, _n = self._spans[shown]
        cursor = QTextCursor(self.document())
        cursor.setPosition(pos + 1)
        return cursor.charFormat()

    def pause_markers(self) -> list[str]:
        """The pause markers' text, in order, as shown ("❚❚ 3.2 s")."""
        found, block = [], self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.charFormat().boolProperty(MARK_PROPERTY["pause"]):
                    found.append(frag.text())
                it += 1
            block = block.next()
        return found

    def _mark_corrected(self, corrected: dict[int, str]) -> None:
        if not corrected or not self._spans:
            return
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for k, (pos, length) in enumerate(self._spans):
            was = corrected.get(self._index[k])
            if was is None:
                continue
            fmt = QTextCharFormat()
            self._tips[k] = f"You corrected this (heard: “{was}”)" if was else "You added this"
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(palette.ACCENT)
            fmt.setToolTip(f"You corrected this (heard: “{was}”)" if was else "You added this")
            cursor.setPosition(pos)
            cursor.setPosition(pos + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()

    def corrected_words(self) -> list[int]:
        """Indices of the words shown as corrected (underlined)."""
        out = []
        for k in range(len(self._spans)):
            style = self._format_at(k).underlineStyle()
            if style == QTextCharFormat.UnderlineStyle.DotLine:  # (a filler's is wavy)
                out.append(self._index[k])
        return out

    def _untimed_spans(self, text: str) -> None:
        """A typed answer is shown as written; its words are found in the text to be edited."""
        tokens = [(m.start(), m.end() - m.start()) for m in re.finditer(r"\S+", text)]
        words = [str(w.get("word", "")).strip() for w in self._all]
        if len(tokens) == len(words) and all(
            text[p:p + n] == w for (p, n), w in zip(tokens, words, strict=True)
        ):
            self._spans = tokens
            self._index = list(range(len(words)))
            self._tips = [""] * len(tokens)

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
        fmt.setForeground(palette.INK)  # readable over any mark's colour
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

    def word_at(self, pos: QPoint) -> int | None:
        """The shown word under viewport point `pos`, or None between words."""
        if not self._spans:
            return None
        at = self.cursorForPosition(pos).position()
        i = bisect.bisect_right([p for p, _n in self._spans], at) - 1
        for k in (i, i - 1):  # the cursor may sit just after the word's last letter
            if 0 <= k < len(self._spans) and self._word_box(k).adjusted(-2, -2, 2, 2).contains(
                    pos):
                return k
        return None

    # -- corrections ---------------------------------------------------------------------

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        i = self.word_at(event.position().toPoint()) if self.editable else None
        if i is None:
            super().mouseDoubleClickEvent(event)
            return
        self.edit_words(self._index[i], self._index[i] + 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.editable and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                             Qt.Key.Key_F2):
            span = self._selected_words()
            if span is None and 0 <= self.current < len(self._index):
                span = (self._index[self.current], self._index[self.current] + 1)
            if span is not None:
                self.edit_words(*span)
                return
        super().keyPressEvent(event)

    def _selected_words(self) -> tuple[int, int] | None:
        """The transcript words the selection touches (start, end exclusive)."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self._spans:
            return None
        a, b = cursor.selectionStart(), cursor.selectionEnd()
        hit = [k for k, (p, n) in enumerate(self._spans) if p < b and p + n > a]
        if not hit:
            return None
        return self._index[hit[0]], self._index[hit[-1]] + 1

    def _shown(self, word: int) -> int | None:
        k = bisect.bisect_left(self._index, word)
        return k if k < len(self._index) and self._index[k] == word else None

    def edit_words(self, start: int, end: int) -> None:
        """Open the correction box over transcript words start .. end - 1."""
        first, last = self._shown(start), self._shown(end - 1)
        if first is None or last is None:
            return
        self.editing_started.emit()
        host = self._host()
        if self.editor is None or self.editor.parentWidget() is not host:
            if self.editor is not None:
                self.editor.deleteLater()
            self.editor = WordEditor(host)
            self.editor.field.saved.connect(self._save)
            self.editor.field.cancelled.connect(self.close_editor)
            self.editor.field.widen.connect(self._widen)
        self.editing = (start, end)
        text = " ".join(str(self._all[k].get("word", "")).strip() for k in range(start, end))
        editor = self.editor
        widest = self.sentence_of is None or self._sentence(start) == (start, end)
        editor.hint.setText("Enter saves · Esc cancels" + (
            "" if widest else " · Tab: the whole sentence"))
        editor.field.blockSignals(True)  # moving focus about must not cancel it
        editor.field.setText(text)
        editor.field.selectAll()
        editor.field.blockSignals(False)
        self._place(first, last)
        editor.show()
        editor.raise_()
        editor.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _host(self) -> QWidget:
        """Where the box lives: the page's scrolled body (it is not cut off at the bottom of
        the transcript and scrolls with it), else the transcript itself."""
        area = self._page_area()
        return area.widget() if area is not None and area.widget() is not None \
            else self.viewport()

    def _place(self, first: int, last: int) -> None:
        editor, host = self.editor, self.editor.parentWidget()
        a = self._word_box(first)
        b = self._word_box(last)
        top_left = self.viewport().mapTo(host, a.topLeft())
        metrics = editor.field.fontMetrics()
        wanted = metrics.horizontalAdvance(editor.field.text() + "MMMM") + 40
        room = self.viewport().mapTo(host, QPoint(self.viewport().width(), 0)).x()
        left_edge = self.viewport().mapTo(host, QPoint(0, 0)).x()
        hint = editor.hint.sizeHint().width() + 24
        width = max(220, hint, min(wanted, room - left_edge))
        width = min(width, room - left_edge)
        x = max(left_edge, min(top_left.x() - 12, room - width))
        editor.setFixedWidth(width)
        editor.adjustSize()
        y = top_left.y() - 8
        if b.bottom() - a.top() > 3 * a.height():  # a long stretch: the box goes above it
            y = max(0, top_left.y() - editor.height() - 4)
        editor.move(x, y)

    def _word_box(self, shown: int) -> QRect:
        pos, length = self._spans[shown]
        cursor = QTextCursor(self.document())
        cursor.setPosition(pos)
        left = self.cursorRect(cursor)
        cursor.setPosition(pos + length)
        right = self.cursorRect(cursor)
        return QRect(left.topLeft(), right.bottomRight()) if right.top() == left.top() \
            else left

    def _sentence(self, word: int) -> tuple[int, int] | None:
        if self.sentence_of is None:
            return None
        try:
            return self.sentence_of(word)
        except ValueError:
            return None

    def _widen(self) -> None:
        if self.editing is None:
            return
        start, end = self.editing
        sentence = self._sentence(start)
        if sentence is not None and sentence != (start, end) and sentence[0] <= start and \
                end <= sentence[1]:
            self.edit_words(*sentence)

    def _save(self) -> None:
        if self.editing is None or self.editor is None:
            return
        start, end = self.editing
        text = " ".join(self.editor.field.text().split())
        old = " ".join(str(self._all[k].get("word", "")).strip() for k in range(start, end))
        self.close_editor()
        if text != old:
            self.edit_requested.emit(start, end, text)

    def close_editor(self) -> None:
        if self.editing is None:
            return
        self.editing = None
        if self.editor is not None:
            had_focus = self.editor.field.hasFocus()
            self.editor.field.blockSignals(True)
            self.editor.hide()
            self.editor.field.blockSignals(False)
            if had_focus:
                self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clicked(self, url: QUrl) -> None:
        ref = url.toString()
        if ref.startswith("p") and ref[1:].isdigit() and int(ref[1:]) < len(self._pause_marks):
            start = self._pause_marks[int(ref[1:])].start_s
            if start is not None:
                self.seek_requested.emit(float(start))
            return
        if ref.startswith("w") and ref[1:].isdigit():
            i = int(ref[1:])
            if 0 <= i < len(self._starts):
                self.highlight(i)
                self.seek_requested.emit(self._starts[i])
