"""Round history in SQLite (sqlite-utils): schema, migrations, search, queries. Qt-free."""

from mockloop.store.liveness import pid_alive
from mockloop.store.migrations import LATEST_VERSION, backup_path
from mockloop.store.rows import SOURCES, STATUSES, RoundRow
from mockloop.store.search import SNIPPET_MARKS
from mockloop.store.store import Store

__all__ = [
    "LATEST_VERSION", "SNIPPET_MARKS", "SOURCES", "STATUSES", "RoundRow", "Store", "backup_path",
    "pid_alive",
]
