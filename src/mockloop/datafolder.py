"""Choosing another data folder, and moving the history into it.

The choice is kept in a small pointer file in the platform's config folder (paths.py reads
it: MOCKLOOP_HOME > the pointer > the platform default). Moving copies the database with
SQLite's backup API (a consistent copy even while the app has it open, never a file copy of a
live database), the recordings and the settings; checks the copy (integrity_check, the row
count of every table, every recording's size); and only then switches. The old folder is
left exactly as it was. When MOCKLOOP_HOME is set it decides, and nothing can be chosen.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mockloop import paths
from mockloop.errors import UserError

# Copied with the history besides the database and recordings/ (when present).
COPIED_FILES = ("settings.json", "state.json", "rubric.toml", "key-sentences.json")


@dataclass(frozen=True)
class Moved:
    folder: Path
    rounds: int
    recordings: int
    message: str  # one sentence saying what happened


def env_lock() -> str | None:
    """Why the folder cannot be chosen here (MOCKLOOP_HOME is set), or None."""
    home = paths.home_from_env()
    if home:
        return (f"MOCKLOOP_HOME is set to {home}, so mockloop uses that folder; unset it "
                "to choose another one here.")
    return None


def check_new_folder(folder: Path, current: Path) -> Path:
    """The folder to move to, refused with a sentence when it cannot be used: not absolute,
    the current folder or inside it (or around it), not empty, not writable."""
    folder = Path(folder).expanduser()
    if not folder.is_absolute():
        raise UserError(f"Choose a full folder path, not {folder}.")
    try:
        new, old = folder.resolve(), current.resolve()
    except OSError as exc:
        raise UserError(f"{folder} cannot be used ({exc.strerror or exc}).") from None
    if new == old:
        raise UserError(f"{folder} is already the data folder.")
    if new.is_relative_to(old) or old.is_relative_to(new):
        raise UserError(f"{folder} is inside the current data folder (or holds it); "
                        "choose a folder elsewhere.")
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file, not a folder.")
    if folder.is_dir():
        try:
            if any(folder.iterdir()):
                raise UserError(f"{folder} is not empty; choose an empty folder (or a new "
                                "one) so nothing in it is mixed with your history.")
        except OSError as exc:
            raise UserError(f"{folder} cannot be read ({exc.strerror or exc}).") from None
    else:
        parent = folder.parent
        if not parent.is_dir():
            raise UserError(f"The folder {parent} does not exist.")
    probe_dir = folder if folder.is_dir() else folder.parent
    try:
        fd, probe = tempfile.mkstemp(prefix=".mockloop-probe-", dir=probe_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError:
        raise UserError(f"{folder} is not writable: choose a folder you can write to.") from None
    return folder


def write_pointer(folder: Path | None) -> None:
    """Remember the chosen folder (None: back to the default), atomically."""
    pointer = paths.pointer_path()
    if folder is None:
        pointer.unlink(missing_ok=True)
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": 1, "data_dir": str(folder)}, indent=2) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=".data-folder-", suffix=".tmp", dir=pointer.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, pointer)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _tables(conn: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _recordings(folder: Path) -> dict[str, int]:
    """Every regular file in recordings/ (symbolic links are not ours): name -> size."""
    rec = folder / "recordings"
    if not rec.is_dir() or rec.is_symlink():
        return {}
    return {p.name: p.stat().st_size for p in rec.iterdir()
            if p.is_file() and not p.is_symlink()}


def copy_history(current: Path, folder: Path) -> tuple[int, int]:
    """Copy the database (backup API), recordings and settings into `folder`, then verify;
    returns (rounds, recordings). Raises UserError (having removed the copy) if anything
    does not match."""
    made = not folder.exists()
    folder.mkdir(mode=paths.PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    try:
        rounds, n_rec = _copy_and_verify(current, folder)
    except BaseException:
        _remove_copy(folder, made)
        raise
    return rounds, n_rec


def _copy_and_verify(current: Path, folder: Path) -> tuple[int, int]:
    db = current / "history.db"
    new_db = folder / "history.db"
    counts: dict[str, int] = {}
    try:
        if db.is_file():
            src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            dst = sqlite3.connect(new_db)
            try:
                src.backup(dst)
                counts = _tables(src)
                copied = _tables(dst)
                ok = dst.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            finally:
                src.close()
                dst.close()
            if not ok or copied != counts:
                raise UserError(f"The copy of the history in {folder} did not check out, so "
                                "nothing was switched; the old folder is untouched.")
        sizes = _recordings(current)
        if sizes:
            rec = folder / "recordings"
            rec.mkdir(mode=paths.PRIVATE_DIR_MODE, exist_ok=True)
            for name in sizes:
                shutil.copy2(current / "recordings" / name, rec / name)
            if _recordings(folder) != sizes:
                raise UserError(f"The recordings copied to {folder} do not match the "
                                "originals, so nothing was switched; the old folder is "
                                "untouched.")
        for name in COPIED_FILES:
            if (current / name).is_file():
                shutil.copy2(current / name, folder / name)
    except OSError as exc:
        raise UserError(f"The history could not be copied to {folder} "
                        f"({exc.strerror or exc}); nothing was switched and the old folder "
                        "is untouched.") from None
    except sqlite3.Error as exc:
        raise UserError(f"The history could not be copied to {folder} ({exc}); nothing was "
                        "switched and the old folder is untouched.") from None
    return counts.get("rounds", 0), len(sizes)


def _remove_copy(folder: Path, made: bool) -> None:
    """Take away what a failed copy put into the (empty) folder."""
    with contextlib.suppress(OSError):
        if made:
            shutil.rmtree(folder)
        else:
            for p in folder.iterdir():
                shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()


def move_data_folder(current: Path, folder: Path, *, with_history: bool) -> Moved:
    """Use `folder` from now on; with_history: copy the history there first (checked). The
    old folder is never changed. The caller reopens the history from paths.data_dir()."""
    lock = env_lock()
    if lock:
        raise UserError(lock)
    folder = check_new_folder(folder, current)
    rounds = n_rec = 0
    if with_history:
        rounds, n_rec = copy_history(current, folder)
    else:
        folder.mkdir(mode=paths.PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    try:
        write_pointer(folder)
    except OSError as exc:
        raise UserError(f"The choice of {folder} could not be saved in "
                        f"{paths.pointer_path()} ({exc.strerror or exc}); mockloop keeps "
                        f"using {current}.") from None
    if with_history:
        message = (f"Your history ({rounds} round{'s' if rounds != 1 else ''}, {n_rec} "
                   f"recording{'s' if n_rec != 1 else ''}) was copied to {folder} and checked; "
                   f"mockloop uses it from now on, and {current} is left as it was.")
    else:
        message = (f"mockloop now keeps a new, empty history in {folder}; your old history "
                   f"stays in {current}.")
    return Moved(folder, rounds, n_rec, message)
