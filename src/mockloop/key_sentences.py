"""My key sentences: the sentences a user wants to land in interviews, and whether a round's
transcript says them (and when).

Two halves, both Qt-free:

* the list, kept in its own small file, key-sentences.json in the data folder (a version, a
  list of {"text", "role"}; role null = every role). It is read fresh for every use and
  written atomically on every change, so the window and `mockloop sentences` never undo each
  other's edits (settings.json, by contrast, is rewritten whole from the window's copy). A
  bad file never stops anything: it reads as no sentences (or without its bad entries) with
  one plain warning, and is kept aside as key-sentences.json.broken before it is replaced.
* whether a round says them: `check_round`, over the matcher in sentence_match.py (a
  word-level alignment, loose on words, strict on negation).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mockloop.errors import StorageError, UserError
from mockloop.sentence_match import SentenceMatch, content_words, find_each, tokens_of

FILE_NAME = "key-sentences.json"
FILE_VERSION = 1
MAX_SENTENCES = 100
MAX_CHARS = 300
MIN_WORDS = 3
MIN_CONTENT_WORDS = 2



# -- the saved sentences -------------------------------------------------------------------


@dataclass(frozen=True)
class KeySentence:
    text: str
    role: str | None = None  # None: every role
    extra: dict = field(default_factory=dict, compare=False, repr=False)  # keys kept as read

    def applies_to(self, role: str | None) -> bool:
        return self.role is None or self.role == role

    def to_dict(self) -> dict:
        return {**self.extra, "text": self.text, "role": self.role}


@dataclass(frozen=True)
class KeySentences:
    """The list as read: its sentences, what reading it had to say, and keys kept as read."""

    sentences: tuple[KeySentence, ...] = ()
    warnings: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    def for_role(self, role: str | None) -> list[tuple[int, KeySentence]]:
        """(number shown to the user, counting from 1; sentence) for those that apply."""
        return [(i, s) for i, s in enumerate(self.sentences, 1) if s.applies_to(role)]


def default_path() -> Path:
    from mockloop import paths

    return paths.data_dir() / FILE_NAME


def load(path: Path | None = None) -> KeySentences:
    """The saved sentences; never an error: a missing file is an empty list, a bad file or a
    bad entry is left out with one plain warning each."""
    path = path or default_path()
    name = FILE_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return KeySentences()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        return KeySentences(warnings=(f"{name} cannot be read ({reason}); no key sentences "
                                      "are shown.",))
    try:
        raw = json.loads(text)
    except ValueError:
        return KeySentences(warnings=(f"{name} is not valid JSON; no key sentences are shown "
                                      "(the file is kept as .broken when one is saved).",))
    if isinstance(raw, list):  # a bare list, as someone might write by hand
        raw = {"sentences": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("sentences", []), list):
        return KeySentences(warnings=(f"{name} does not hold a list of sentences; no key "
                                      "sentences are shown.",))
    warnings: list[str] = []
    out: list[KeySentence] = []
    for n, entry in enumerate(raw.get("sentences", []), 1):
        sentence = _entry(entry)
        if sentence is None:
            warnings.append(f"{name}: sentence {n} is left out (each must be a text of at "
                            f"most {MAX_CHARS} characters, with an optional role).")
        elif len(out) < MAX_SENTENCES:
            out.append(sentence)
    extra = {k: v for k, v in raw.items() if k not in ("sentences", "version")}
    if type(raw.get("version")) is int and raw["version"] > FILE_VERSION:
        extra["version"] = raw["version"]  # a newer mockloop's file keeps its number
    return KeySentences(tuple(out), tuple(warnings), extra)


def _entry(entry) -> KeySentence | None:
    if isinstance(entry, str):
        entry = {"text": entry}
    if not isinstance(entry, dict):
        return None
    text, role = entry.get("text"), entry.get("role")
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_CHARS:
        return None
    if role is not None and (not isinstance(role, str) or not role.strip()):
        return None
    extra = {k: v for k, v in entry.items() if k not in ("text", "role")}
    return KeySentence(" ".join(text.split()), role.strip() if role else None, extra)


def save(book: KeySentences, path: Path | None = None) -> None:
    """Write the list atomically (temp file, fsync, rename); StorageError if it cannot be."""
    from mockloop.exporting import write_atomically

    path = path or default_path()
    _keep_unreadable(path)
    data = {"version": FILE_VERSION, **book.extra,
            "sentences": [s.to_dict() for s in book.sentences]}
    if "version" in book.extra:
        data["version"] = book.extra["version"]
    body = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        write_atomically(path, path.parent, lambda fh: fh.write(body), prefix=".key-sentences-")
    except UserError as exc:
        raise StorageError(f"Your key sentences could not be saved: {exc.message}") from None


def _keep_unreadable(path: Path) -> None:
    """Keep a file that does not parse (a hand edit gone wrong) as .broken before replacing
    it, so a save never silently destroys what the user wrote."""
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        try:
            if path.is_file():
                os.replace(path, path.with_name(path.name + ".broken"))
        except OSError:
            pass


def check_text(text: str) -> str:
    """The sentence as it will be kept (spaces tidied), or UserError saying why it cannot."""
    clean = " ".join(str(text).split()).strip(" \u2029")
    if not clean:
        raise UserError("Write the sentence you want to say.")
    if len(clean) > MAX_CHARS:
        raise UserError(f"That is {len(clean)} characters; keep a key sentence to "
                        f"{MAX_CHARS} at most, so it can be said in one breath.")
    tokens, content = content_words(clean)
    if len(tokens) < MIN_WORDS or len(content) < MIN_CONTENT_WORDS:
        raise UserError("That is too short to find in an answer: write at least three words, "
                        "two of them more than small words like “the” or “is”.")
    return clean


def add(text: str, role: str | None = None, path: Path | None = None) -> KeySentences:
    """Add a sentence (read, add, write: changes made elsewhere in between are kept)."""
    clean = check_text(text)
    book = load(path)
    if len(book.sentences) >= MAX_SENTENCES:
        raise UserError(f"You have {MAX_SENTENCES} key sentences already; remove one first.")
    if any(_same(s.text, clean) and s.role == role for s in book.sentences):
        raise UserError("That sentence is saved already.")
    new = KeySentences((*book.sentences, KeySentence(clean, role)), (), book.extra)
    save(new, path)
    return new


def update(number: int, text: str, role: str | None, path: Path | None = None) -> KeySentences:
    """Change sentence `number` (counting from 1) to `text` for `role`."""
    clean = check_text(text)
    book = load(path)
    i = _index(book, number)
    if any(j != i and _same(s.text, clean) and s.role == role
           for j, s in enumerate(book.sentences)):
        raise UserError("That sentence is saved already.")
    items = list(book.sentences)
    items[i] = KeySentence(clean, role, items[i].extra)
    new = KeySentences(tuple(items), (), book.extra)
    save(new, path)
    return new


def remove(number: int, path: Path | None = None) -> tuple[KeySentences, KeySentence]:
    """Remove sentence `number` (counting from 1); the list after, and what was removed."""
    book = load(path)
    i = _index(book, number)
    gone = book.sentences[i]
    new = KeySentences(book.sentences[:i] + book.sentences[i + 1:], (), book.extra)
    save(new, path)
    return new, gone


def _index(book: KeySentences, number: int) -> int:
    if not 1 <= number <= len(book.sentences):
        if not book.sentences:
            raise UserError("There are no key sentences yet.")
        raise UserError(f"There is no key sentence {number}; they are numbered 1 to "
                        f"{len(book.sentences)} (see `mockloop sentences list`).")
    return number - 1


def _same(a: str, b: str) -> bool:
    return [t for t, _ in tokens_of([a])] == [t for t, _ in tokens_of([b])]


# -- a round's key sentences -------------------------------------------------------------------


@dataclass(frozen=True)
class SentenceResult:
    """One saved sentence against one round: said (where first, how many times) or not."""

    number: int  # as `mockloop sentences list` numbers it
    sentence: KeySentence
    matches: tuple[SentenceMatch, ...]

    @property
    def said(self) -> bool:
        return bool(self.matches)

    @property
    def first(self) -> SentenceMatch | None:
        return self.matches[0] if self.matches else None

    def to_dict(self) -> dict:
        return {"number": self.number, "text": self.sentence.text, "role": self.sentence.role,
                "said": self.said, "start": self.first.start_s if self.first else None,
                "times": len(self.matches), "matches": [m.to_dict() for m in self.matches]}


def check_round(book: KeySentences, role: str | None, words: Sequence) -> list[SentenceResult]:
    """Each saved sentence that applies to `role`, with where `words` say it."""
    applying = book.for_role(role)
    found = find_each([s.text for _n, s in applying], words)
    return [SentenceResult(number, s, tuple(matches))
            for (number, s), matches in zip(applying, found, strict=True)]


def summary(results: Sequence[SentenceResult]) -> str:
    """"2 of 3 said" (or what there is to say when nothing applies)."""
    if not results:
        return "No key sentences for this role yet."
    said = sum(1 for r in results if r.said)
    return f"{said} of {len(results)} said"


def said_line(result: SentenceResult) -> str:
    """"said at 1:23 (twice): “what was heard”", or "not said in this round"."""
    from mockloop.debrief_lines import mmss

    first = result.first
    if first is None:
        return "not said in this round"
    at = f" at {mmss(first.start_s)}" if first.start_s is not None else ""
    n = len(result.matches)
    times = "" if n == 1 else " (twice)" if n == 2 else f" ({n} times)"
    return f"said{at}{times}: “{first.said}”"
