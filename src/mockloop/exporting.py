"""Writing exports to files the user names, without ever putting the history at risk.

An export never writes over the history database (or its -wal/-shm/backups), the settings,
the user's rubric, the log or any recording; it writes a temporary file beside the target and
renames it into place, so a full disk or a crash never leaves half a file; and it refuses a
file that already exists unless told to replace it.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from mockloop.errors import UserError

# Files in the data folder that belong to mockloop (besides everything under recordings/).
_PROTECTED_NAMES = ("settings.json", "state.json", "rubric.toml", "mockloop.log",
                    "key-sentences.json")
_PROTECTED_PREFIXES = ("history.db", "settings.json", "state.json")


def protected(target: Path, data_dir: Path) -> bool:
    """True when writing `target` would touch a file mockloop keeps in its data folder."""
    try:
        resolved = target.resolve()
        home = data_dir.resolve()
    except OSError:
        return False
    if resolved.is_relative_to(home / "recordings"):
        return True
    if resolved.parent != home:
        return False
    name = resolved.name
    return name in _PROTECTED_NAMES or name.startswith(_PROTECTED_PREFIXES)


def write_export(target: Path, text: str | bytes, *, data_dir: Path,
                 replace: bool = False) -> None:
    """Write `text` to `target` atomically; UserError with one plain sentence if it cannot."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    write_export_with(target, lambda fh: fh.write(data), data_dir=data_dir, replace=replace)


def check_target(target: Path, data_dir: Path, *, replace: bool = False) -> Path:
    """Refuse a target that is mockloop's own, a folder, taken (unless `replace`) or in a
    folder that does not exist; returns the folder to write in."""
    if protected(target, data_dir):
        raise UserError(
            f"{target} is one of mockloop's own files (the history, settings or recordings); "
            "choose another file to export to."
        )
    if target.is_dir():
        raise UserError(f"{target} is a folder; give the name of a file to write.")
    if (target.exists() or target.is_symlink()) and not replace:
        raise UserError(f"{target} already exists; add --force to replace it.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"The folder {folder} does not exist.")
    return folder


def write_export_with(target: Path, fill: Callable[[BinaryIO], object], *, data_dir: Path,
                      replace: bool = False) -> None:
    """Like write_export, but `fill(fh)` writes the content (a zip, a copied recording)
    into the temporary file; anything it raises leaves no file behind."""
    target = Path(target)
    folder = check_target(target, data_dir, replace=replace)
    write_atomically(target, folder, fill, prefix=f".{target.name}.")


def write_atomically(target: Path, folder: Path, fill: Callable[[BinaryIO], object], *,
                     prefix: str) -> None:
    """`fill(fh)` writes a private (0600) temporary file in `folder`, which is synced and then
    renamed to `target`; on any failure nothing is left behind (UserError for a disk error)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=folder)
    except OSError as exc:
        raise UserError(_write_failed(target, exc)) from None
    try:
        with os.fdopen(fd, "w+b") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UserError(_write_failed(target, exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def copy_export(target: Path, source: Path, *, data_dir: Path, replace: bool = False) -> None:
    """Copy a file (a round's recording) to `target`, with write_export's protections."""
    try:
        src = open(source, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UserError(f"The recording {source} cannot be read "
                        f"({exc.strerror or exc}).") from None
    with src:
        write_export_with(target, lambda fh: shutil.copyfileobj(src, fh, 1 << 20),
                          data_dir=data_dir, replace=replace)


# -- the whole history ---------------------------------------------------------------------

# `mockloop history --json` fields, in its order, as CSV columns (the search snippet aside).
def _row_fields() -> list[str]:
    from dataclasses import fields as dc_fields

    from mockloop.store.rows import RoundRow

    return [f.name for f in dc_fields(RoundRow) if f.name != "snippet"]


def history_records(store) -> list[tuple[dict, dict | None]]:
    """Every round, newest first: its history row (as `history --json` prints it) and its
    report (None while it has none), the report's id filled in from the row."""
    out = []
    for row in store.list_rounds():
        try:
            report = store.report(row.id)
        except UserError:
            report = None  # damaged: the row still says what it was
        if report is not None and report.get("id") is None:
            report = {**report, "id": row.id}
        out.append((row.to_dict(), report))
    return out


def history_json(store) -> str:
    """The list of full reports, newest first; a round without one (recording, interrupted,
    failed) is listed as its history row, as `mockloop show ID --json` prints it."""
    items = [report if report is not None else row for row, report in history_records(store)]
    return json.dumps(items, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def history_csv(store) -> str:
    """One row per round: the `history --json` fields, then one column per signal
    (`signal:<id>`: 1 hit, 0 missed, empty when that round does not score it)."""
    records = history_records(store)
    columns = _row_fields()
    signal_ids: list[str] = []
    for _row, report in records:
        for s in (report or {}).get("signals") or []:
            sid = s.get("id") if isinstance(s, dict) else None
            if isinstance(sid, str) and sid not in signal_ids:
                signal_ids.append(sid)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns + [f"signal:{sid}" for sid in signal_ids])
    for row, report in records:
        hits = {s.get("id"): s.get("hit") for s in (report or {}).get("signals") or []
                if isinstance(s, dict)}
        cells = ["" if row.get(c) is None else _cell(row[c]) for c in columns]
        cells += ["" if sid not in hits else ("1" if hits[sid] else "0") for sid in signal_ids]
        writer.writerow(cells)
    return buf.getvalue()


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        # Text a spreadsheet would run as a formula (a prompt or an error message): kept as
        # text, with the apostrophe spreadsheets themselves use for that.
        return "'" + value
    return str(value)


def write_stdout(text: str) -> None:
    """Write to standard output, turning a failed write into one plain sentence."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise UserError(output_failed(exc)) from None


def output_failed(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "The output could not be written: the disk is full."
    return f"The output could not be written ({exc.strerror or exc})."


def _write_failed(target: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"{target} could not be written: the disk is full (nothing was changed)."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{target} could not be written: you do not have permission to write there."
    return f"{target} could not be written ({exc.strerror or exc})."


# -- one round, in any of the app's formats ------------------------------------------------

# What the app's Export menu offers, with each file's suffix.
ROUND_FORMATS = {"md": ".md", "json": ".json", "txt": ".txt", "srt": ".srt", "vtt": ".vtt"}


def render_report(data: dict, fmt: str, rubric=None) -> str:
    """A report as md, json, txt (the transcript), srt or vtt; a report that cannot be read
    is one plain sentence (StorageError: damaged)."""
    from mockloop.report import to_markdown, to_srt, to_vtt

    try:
        if fmt == "json":
            return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        if fmt == "txt":
            return str(data["transcript"]["text"]) + "\n"
        if fmt == "srt":
            return to_srt(data)
        if fmt == "vtt":
            return to_vtt(data)
        if fmt == "md":
            sig = rubric.signals if rubric is not None else {}
            return to_markdown(data, {k: v.name for k, v in sig.items()},
                               {k: v.suggestion for k, v in sig.items()},
                               heading=named_heading(data, rubric))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        from mockloop.errors import StorageError

        which = f"round {data['id']}" if isinstance(data.get("id"), int) else "this round"
        raise StorageError(f"The saved debrief of {which} is damaged and cannot be "
                           "exported.") from None
    raise ValueError(f"unknown export format {fmt!r}")


def named_heading(data: dict, rubric) -> str | None:
    """"Software Engineer · 90-second shipped-decision story" (None: a role or round the
    rubric does not know any more, so the ids stay)."""
    from mockloop.errors import NotFoundError

    if rubric is None or not isinstance(data, dict):
        return None
    try:
        return f"{rubric.role(str(data['role'])).name} · {rubric.round(str(data['round'])).title}"
    except (NotFoundError, KeyError):
        return None  # a damaged report: the renderer says so in its own words


def export_round(kind: str, data: dict, target: Path, *, data_dir: Path, rubric=None,
                 audio: Path | None = None, started_at: str | None = None,
                 source: str | None = None, replace: bool = False) -> Path:
    """Write one round as `kind` (a ROUND_FORMATS key, "audio" or "bundle") to `target`."""
    target = Path(target)
    if kind == "audio":
        if audio is None or not Path(audio).is_file():
            raise UserError("This round has no recording to export.")
        copy_export(target, Path(audio), data_dir=data_dir, replace=replace)
    elif kind == "bundle":
        from mockloop.bundles import write_bundle

        markdown = render_report(data, "md", rubric)
        render_report(data, "srt")  # a damaged report is refused before the zip is begun
        keep = Path(audio) if audio is not None and Path(audio).is_file() else None
        write_export_with(target, lambda fh: write_bundle(
            fh, data, markdown=markdown, audio=keep, started_at=started_at, source=source),
            data_dir=data_dir, replace=replace)
    else:
        write_export(target, render_report(data, kind, rubric), data_dir=data_dir,
                     replace=replace)
    return target
