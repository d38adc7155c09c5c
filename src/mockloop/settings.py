"""User settings, stored as JSON in the data directory (so MOCKLOOP_HOME isolates them too).

The file may have been edited by hand, so each field is read on its own, with its type and
range: a bad field falls back to its default with one plain warning (logged on the
"mockloop" logger and kept in `Settings.warnings` for the window's banner); the rest of the
file still counts. Keys this version does not know are kept and written back unchanged.
"""

from __future__ import annotations

import json
import logging
import math
import os
import tempfile
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from mockloop import paths
from mockloop.errors import StorageError

log = logging.getLogger("mockloop")

MAX_OVERTIME_S = 600.0


@dataclass(frozen=True)
class Settings:
    input_device: str | int | None = None  # name or index; None = system default
    model_dir: str | None = None  # None = the embedded tiny.en model
    overtime_s: float | None = None  # None = each round's own allowance
    last_role: str = "swe"
    last_round: str = "story-90"
    window: dict = field(default_factory=dict)  # UI geometry/state, opaque to the core
    # Not settings themselves: what reading the file had to say, and keys from other versions.
    warnings: tuple[str, ...] = field(default=(), compare=False, repr=False)
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)


_STORED = ("input_device", "model_dir", "overtime_s", "last_role", "last_round", "window")
_DEFAULTS = Settings()


# Each reader returns the value to use, or raises ValueError with what the field must be and
# what is used instead (the warning says "settings.json: <field> must be <that>").

def _input_device(v):
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, int) and not isinstance(v, bool) and v >= 0:
        return v
    raise ValueError("a device name or number; using the system default microphone")


def _model_dir(v):
    if v is None or (isinstance(v, str) and not v.strip()):
        return None  # empty means the built-in model, never "the current folder"
    if isinstance(v, str):
        return v
    raise ValueError("a folder path; using the built-in speech model")


def _overtime_s(v):
    if v is None:
        return None
    if (isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            and 0 <= v <= MAX_OVERTIME_S):
        return float(v)
    raise ValueError(f"a number of seconds from 0 to {MAX_OVERTIME_S:g}; "
                     "using each round's own allowance")


def _text(default: str):
    def read(v):
        if isinstance(v, str) and v.strip():
            return v
        raise ValueError(f'a name such as "{default}"; using "{default}"')
    return read


def _window(v):
    if isinstance(v, dict):
        return v
    raise ValueError("an object; the window's size and page start afresh")


_READERS = {
    "input_device": _input_device,
    "model_dir": _model_dir,
    "overtime_s": _overtime_s,
    "last_role": _text(_DEFAULTS.last_role),
    "last_round": _text(_DEFAULTS.last_round),
    "window": _window,
}


def _read_raw(path: Path) -> tuple[dict, list[str]]:
    """The file's JSON object, or {} and why it could not be used (nothing for no file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return {}, [f"settings.json cannot be read ({reason}); using the default settings."]
    except UnicodeDecodeError:
        return {}, ["settings.json is not UTF-8 text; using the default settings."]
    try:
        raw = json.loads(text)
    except ValueError as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        return {}, [f"settings.json is not valid JSON{where}; using the default settings."]
    if not isinstance(raw, dict):
        return {}, ["settings.json does not hold a JSON object; using the default settings."]
    return raw, []


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; never an error at start. A missing file gives the defaults; a bad field
    gives its default and one warning, logged and kept in `Settings.warnings`."""
    path = path or paths.settings_path()
    raw, warnings = _read_raw(path)
    values: dict = {}
    for name, read in _READERS.items():
        if name not in raw:
            continue
        try:
            values[name] = read(raw[name])
        except ValueError as exc:
            warnings.append(f"settings.json: {name} must be {exc}.")
    extra = {k: v for k, v in raw.items() if k not in _READERS
             and k not in {f.name for f in fields(Settings)}}
    for message in warnings:
        log.warning(message)
    return Settings(**values, warnings=tuple(warnings), extra=extra)


def _stored_form(settings: Settings) -> dict:
    data = dict(settings.extra)
    for name in _STORED:
        data[name] = getattr(settings, name)
    return data


def _keep_unreadable(path: Path) -> None:
    """Before replacing a file that does not parse (a hand edit gone wrong), keep it aside as
    settings.json.broken, so saving never silently destroys what the user wrote."""
    try:
        json.loads(path.read_text(encoding="utf-8"))
        return
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        pass
    try:
        if path.is_file():
            os.replace(path, path.with_name(path.name + ".broken"))
    except OSError:
        pass  # the write below then says what is wrong with the folder


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (a temp file in the same folder, flushed, then renamed over the old
    one), so a crash or a full disk never leaves half a settings file. StorageError with one
    plain sentence if it cannot be written; the old file is then left as it was."""
    path = path or paths.settings_path()
    text = json.dumps(_stored_form(settings), indent=2, ensure_ascii=False, default=str)
    _keep_unreadable(path)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise StorageError(
            f"Your settings could not be saved to {path} ({reason}); "
            "the change lasts until the app closes."
        ) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
