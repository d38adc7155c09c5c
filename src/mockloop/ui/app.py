"""Starting the desktop app: one QApplication, one Services (the composition root), one window."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from mockloop.errors import UserError
from mockloop.ui.style import apply_theme


def run_app(argv: list[str] | None = None) -> int:
    """Open the window and run until it is closed. Returns the process exit code."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # Warnings (e.g. a bad value in settings.json) read as the command line's do on stderr.
    logging.basicConfig(level=logging.WARNING, format="mockloop: %(message)s")
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("mockloop")
    app.setApplicationDisplayName("mockloop")
    # The dark theme follows the system (and its changes); MOCKLOOP_THEME=dark|light forces one.
    forced = {"dark": True, "light": False}.get(os.environ.get("MOCKLOOP_THEME", "").lower())
    apply_theme(app, dark=forced)
    if forced is None:
        try:
            app.styleHints().colorSchemeChanged.connect(
                lambda _scheme: apply_theme(app, dark=None))
        except AttributeError:  # Qt before 6.5: no scheme to follow
            pass
    from mockloop.session import Services
    from mockloop.ui.main_window import MainWindow

    try:
        services = Services()
    except UserError as exc:  # e.g. the data folder cannot be written: say so and stop
        QMessageBox.critical(None, "mockloop cannot start", exc.message)
        return 2
    try:
        window = MainWindow(services)
        window.show()
        window.start_up()
        return app.exec()
    finally:
        services.close()
