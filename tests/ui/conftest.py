"""GUI test setup: one speech model for the whole run, a window factory, and a leak guard.

Every test gets its own data folder (tests/conftest.py) and so its own history and settings;
only the loaded speech model is shared, because loading it is the slow part.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication

from mockloop.session import Services
from mockloop.ui import tasks
from mockloop.ui.main_window import MainWindow
from mockloop.ui.style import apply_theme


def SharedModelServices(model, **kwargs) -> Services:
    """Services whose speech model is the one the session already loaded (injected, not
    patched): everything else - rubric, history, settings - is fresh for each test."""
    return Services(model=model, **kwargs)


@pytest.fixture(scope="session")
def speech_model():
    from mockloop.asr import SpeechModel

    model = SpeechModel()
    model.load()
    model.warm_up()
    return model


@pytest.fixture
def services(speech_model) -> Iterator[Services]:
    s = SharedModelServices(speech_model)
    yield s
    s.close()


@pytest.fixture
def make_window(qtbot, qapp) -> Iterator[Callable[..., MainWindow]]:
    """make_window(services, stream_factory=..., player_factory=...) -> a shown MainWindow."""
    apply_theme(qapp)
    made: list[MainWindow] = []

    def _make(services: Services, **kwargs) -> MainWindow:
        window = MainWindow(services, **kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield _make
    for window in made:
        window.close()


@pytest.fixture(autouse=True)
def leak_guard(qapp) -> Iterator[None]:
    """Fail a test that leaves worker threads running, timers ticking in closed windows,
    or top-level windows open."""
    yield
    # Let pending deleteLater() calls and queued results run before judging.
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
    running = [t.objectName() for t in tasks.running_tasks()]
    if running:
        tasks.wait_all(30_000)
    open_windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    ticking = [f"{type(w).__name__}/{t.objectName() or type(t.parent()).__name__}"
               for w in QApplication.topLevelWidgets() if not w.isVisible()
               for t in w.findChildren(QTimer) if t.isActive()]
    for w in open_windows:
        w.close()
    assert not running, f"worker threads still running after the test: {running}"
    assert not open_windows, f"windows left open: {[type(w).__name__ for w in open_windows]}"
    assert not ticking, f"timers still active in closed windows: {ticking}"
