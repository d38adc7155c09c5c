"""Guard against the PySide6 build that frees None and True on Python 3.11.

PySide6(-Essentials) 6.12.0 on CPython 3.11 returns None (every void method: setText,
setVisible, QTimer.start, ...) and True (Signal.emit) without taking a reference, as if
they were immortal - which they only are from Python 3.12 on. Each call takes one reference
away; a window that updates 20 times a second runs them down within minutes and the
interpreter aborts ("deallocating None"). The real fix is a PySide6 without the bug (6.11.x
is fine); until the project pins one, this gives None, True and False a reserve of
references so large that no session can use it up. It does nothing on a sound build.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40  # ~10^12 calls; refcounts are 64-bit, so this is far from any limit


def _drops_references() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def apply() -> bool:
    """Add the reserve if this interpreter and PySide6 need it. True when it was added."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal singletons: nothing to run down
    if not _drops_references():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython 3.11 object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += RESERVE
    return True


APPLIED = apply()
