"""Blocking core calls (model loading, stop, finish) run on a QThread and report back as signals.

The GUI thread never waits on the core: a `Task` runs one callable on its own thread and
emits `succeeded(result)` or `failed(message)` (queued to the GUI thread), plus `progress`.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from mockloop.errors import UserError

log = logging.getLogger("mockloop.ui")

Progress = Callable[[float], None]

# Every task ever started and still alive, so the window (and the tests' leak guard) can wait.
_live: weakref.WeakSet[Task] = weakref.WeakSet()


class Task(QThread):
    """One blocking call on its own thread. `fn` receives a progress callback (0..1)."""

    succeeded = Signal(object)
    failed = Signal(str)
    progress = Signal(float)
    # Emitted on the worker thread; relayed by slots of this object, which lives on the GUI
    # thread, so whatever is connected to the public signals (lambdas too) runs there.
    _ok = Signal(object)
    _err = Signal(str)
    _step = Signal(float)

    def __init__(self, fn: Callable[[Progress], Any], *, name: str = "task",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._fn = fn
        _live.add(self)
        self._ok.connect(self._relay_ok, Qt.ConnectionType.QueuedConnection)
        self._err.connect(self._relay_err, Qt.ConnectionType.QueuedConnection)
        self._step.connect(self._relay_step, Qt.ConnectionType.QueuedConnection)
        # The thread object goes away once it has finished and its results were delivered.
        self.finished.connect(self.deleteLater)

    def run(self) -> None:  # on the worker thread: no widgets here
        try:
            result = self._fn(self._step.emit)
        except UserError as exc:
            self._err.emit(exc.message)
        except Exception as exc:  # a bug: one plain line for the banner, details in the log
            log.exception("background task %s failed", self.objectName())
            self._err.emit(f"Something went wrong ({type(exc).__name__}: {exc}).")
        else:
            self._ok.emit(result)

    @Slot(object)
    def _relay_ok(self, result: object) -> None:
        self.succeeded.emit(result)

    @Slot(str)
    def _relay_err(self, message: str) -> None:
        self.failed.emit(message)

    @Slot(float)
    def _relay_step(self, fraction: float) -> None:
        self.progress.emit(fraction)


def run_task(parent: QObject, fn: Callable[[Progress], Any], *, name: str,
             on_done: Callable[[Any], None] | None = None,
             on_failed: Callable[[str], None] | None = None,
             on_progress: Callable[[float], None] | None = None) -> Task:
    """Start `fn` on a worker thread; the callbacks run on the GUI thread."""
    task = Task(fn, name=name, parent=parent)
    if on_done is not None:
        task.succeeded.connect(on_done)
    if on_failed is not None:
        task.failed.connect(on_failed)
    if on_progress is not None:
        task.progress.connect(on_progress)
    task.start()
    return task


def running_tasks() -> list[Task]:
    """Tasks whose thread is still running."""
    out = []
    for task in list(_live):
        try:
            if task.isRunning():
                out.append(task)
        except RuntimeError:  # the C++ object is already gone
            continue
    return out


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Block until every running task ends (used when the window closes). True if all ended."""
    ok = True
    for task in running_tasks():
        ok = task.wait(timeout_ms) and ok
    return ok
