"""The desktop window (PySide6). The only package that imports Qt: it shows and drives the core."""

