"""Run in a child process by the launcher: does Qt's GUI layer start here? (exit 0 if so)."""

import sys

from PySide6.QtGui import QGuiApplication

if __name__ == "__main__":
    app = QGuiApplication(["mockloop"])
    sys.exit(0)
