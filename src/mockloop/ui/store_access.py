"""The history store, usable from the window's worker threads.

LiveRound.start/stop and Services.finish_round write to the store, and the window runs them
on worker threads; the core's Store holds one SQLite connection, which SQLite's Python
binding only lets its creating thread use. Until the core store accepts calls from any
thread, each thread gets its own Store on the same database file (WAL mode lets them share
it safely); a thread's Store is dropped, and its connection closed, when the thread ends.
"""

from __future__ import annotations

import threading
from pathlib import Path

from mockloop.store import Store


class ThreadSafeStore:
    """Looks like a Store; forwards each call to the Store of the calling thread."""

    def __init__(self, path: Path | None = None) -> None:
        self._home = Store(path)  # opened (and migrated) here, so errors surface at start
        self._owner = threading.get_ident()
        self._local = threading.local()

    def _store(self) -> Store:
        if threading.get_ident() == self._owner:
            return self._home
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self._home.path)
        return store

    def __getattr__(self, name: str):
        return getattr(self._store(), name)

    def close(self) -> None:
        if threading.get_ident() == self._owner:
            self._home.close()
        else:
            store = getattr(self._local, "store", None)
            if store is not None:
                store.close()
                self._local.store = None
