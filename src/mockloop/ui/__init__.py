"""The desktop window (PySide6). The only package that imports Qt: it shows and drives the core."""

from mockloop.ui import pyside_fix  # noqa: F401  (first: guards every Qt call that follows)
