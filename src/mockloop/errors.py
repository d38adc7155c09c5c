"""Errors that carry one plain sentence for the user.

Anything raised as a `UserError` is shown as its message alone (no traceback):
the command line prints it on stderr and exits 2, the window shows it in a banner.
"""

from __future__ import annotations

import os


def shown_name(path: str | os.PathLike[str]) -> str:
    """A path as messages show it: bytes that are not UTF-8 become "?" marks, not escapes."""
    return os.fsencode(path).decode("utf-8", "replace").replace("\ufffd", "?")


class UserError(Exception):
    """A problem the user can act on, described in one plain sentence."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class RubricError(UserError):
    """A rubric file is invalid: the message names the file, the key and the reason."""


class AudioError(UserError):
    """Audio could not be read, recorded or played."""


class DeviceError(AudioError):
    """No input device, or the device failed or vanished."""


class ModelError(UserError):
    """The speech model is missing or cannot be loaded."""


class StorageError(UserError):
    """The data directory or database cannot be written or read."""


class NotFoundError(UserError):
    """An unknown round, role, prompt or history id."""
