"""How much typed text one answer may be: a cap checked wherever text enters the app.

200 KB is over 30,000 words, more than three hours of speech (the longest audio file the app
reads); anything bigger is a pasted log or a mistake, and would be analysed, saved in the
history and indexed for search for nothing. Analysis itself stays linear in the input.
"""

from __future__ import annotations

import os

from mockloop.errors import UserError

MAX_TEXT_BYTES = 200 * 1024  # UTF-8 bytes


class TextTooLongError(UserError):
    """A typed answer over MAX_TEXT_BYTES."""


def too_long(size_bytes: int | None, what: str = "The answer") -> TextTooLongError:
    """The error for `what` of `size_bytes` (None: not measured, only known to be too big)."""
    size = "" if size_bytes is None else f" {_kb(size_bytes)},"
    return TextTooLongError(
        f"{what} is{size} over the {MAX_TEXT_BYTES // 1024} KB of text (about 30,000 words) "
        "one answer may be, so it was not analysed."
    )


def _kb(size: int) -> str:
    if size >= 10 * 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{-(-size // 1024)} KB"  # rounded up: 200.1 KB never reads as the limit


def text_bytes(text: str) -> int:
    """UTF-8 size of `text`, without encoding a huge string just to measure it."""
    if len(text) > MAX_TEXT_BYTES:
        return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-8", "surrogatepass"))


def read_capped(path: str | os.PathLike[str], what: str) -> bytes:
    """The bytes of a typed-answer file, refused (one sentence) when over the cap; never reads
    more than the cap and one byte, whatever the file claims."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_TEXT_BYTES:
                raise too_long(size, what)
            data = fh.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise UserError(f"Cannot read {what}: {exc.strerror or exc}.") from None
    if len(data) > MAX_TEXT_BYTES:
        raise too_long(len(data), what)
    return data


def answer_text(data: bytes, what: str, *, encoding: str = "utf-8") -> str:
    """A typed answer from its bytes: decoded, not empty, within the cap (else one sentence)."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise UserError(f"{what} is not UTF-8 text.") from None
    if not text.strip():
        raise UserError(f"{what} is empty: there is no answer to analyse.")
    return check_text_size(text, what)


def check_text_size(text: str, what: str = "The answer") -> str:
    """`text` itself, or TextTooLongError (a UserError, one sentence) when it is over the cap.

    `what` names the text in the message ("notes.txt", "The answer on standard input").
    """
    if len(text) * 4 <= MAX_TEXT_BYTES:  # at most 4 bytes a character: surely small enough
        return text
    size = text_bytes(text)
    if size > MAX_TEXT_BYTES:
        raise too_long(size, what)
    return text
