"""Load the rubric: the built-in TOML plus the user's rubric.toml, checked at load.

A broken built-in file raises RubricError; a broken user file never does: its bad entries are
skipped and listed in `Rubric.warnings` (see mockloop.rubric.user for the user format).
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from pathlib import Path

from mockloop import paths
from mockloop.rubric.builtin import builtin_rubric
from mockloop.rubric.model import Rubric
from mockloop.rubric.user import merge_user, read_user_file


class _Default(enum.Enum):
    USER_FILE = "the user's rubric.toml in the data directory"


USER_FILE = _Default.USER_FILE


def load_rubric(user_path: Path | _Default | None = USER_FILE) -> Rubric:
    """The built-in rubric plus the good parts of `user_path` (None: built-in only).

    By default the user file is `paths.user_rubric_path()`; a missing user file is normal
    and gives no warning.
    """
    base = builtin_rubric()
    if user_path is USER_FILE:
        user_path = paths.user_rubric_path()
    if user_path is None or not Path(user_path).exists():
        return base
    user_path = Path(user_path)
    data, problem = read_user_file(user_path)
    if data is None:
        return dataclasses.replace(base, rounds=dict(base.rounds), warnings=(str(problem),))
    return merge_user(base, data, user_path.name)


def get_rubric() -> Rubric:
    """The rubric for this data directory, loaded again only when the user file changes."""
    path = paths.user_rubric_path()
    try:
        st = path.stat()
        stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    return _cached(str(path), stamp)


@functools.lru_cache(maxsize=4)
def _cached(path: str, stamp: tuple[int, int] | None) -> Rubric:
    # `stamp` is only part of the cache key, so an edited file is read again.
    return load_rubric(Path(path) if stamp is not None else None)


def validate_user_rubric(path: Path) -> list[str]:
    """Problems in a user rubric file, one plain line each; empty when it is fine or absent.

    A missing file is not a problem: the user file is optional, as in `load_rubric`.
    """
    path = Path(path)
    if not path.exists():
        return []
    data, problem = read_user_file(path)
    if data is None:
        return [str(problem)]
    return list(merge_user(builtin_rubric(), data, path.name).warnings)
