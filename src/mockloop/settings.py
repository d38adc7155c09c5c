"""User settings, stored as JSON in the data directory (so MOCKLOOP_HOME isolates them too).

Two files: settings.json holds the preferences (microphone, model, overtime) with a schema
`"version": 2`; state.json holds what the window remembers (geometry, last page, last role
and round, text size), written when the window closes or changes page, never on every
picker change. A version-1 settings.json (state and preferences in one file, no version) is
read as it is: its state keys are used until state.json exists, which the first save writes,
so nothing is lost when the file is rewritten without them.

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
SETTINGS_VERSION = 2
STATE_VERSION = 1


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


_STORED = ("input_device", "model_dir", "overtime_s")  # settings.json
STATE_FIELDS = ("last_role", "last_round", "window")  # state.json
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


def _read_raw(path: Path, name: str = "settings.json") -> tuple[dict, list[str]]:
    """The file's JSON object, or {} and why it could not be used (nothing for no file)."""
    instead = "the default settings" if name == "settings.json" else \
        "the window's defaults"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return {}, [f"{name} cannot be read ({reason}); using {instead}."]
    except UnicodeDecodeError:
        return {}, [f"{name} is not UTF-8 text; using {instead}."]
    try:
        raw = json.loads(text)
    except ValueError as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        return {}, [f"{name} is not valid JSON{where}; using {instead}."]
    if not isinstance(raw, dict):
        return {}, [f"{name} does not hold a JSON object; using {instead}."]
    return raw, []


def _version(raw: dict, warnings: list[str]) -> int:
    """The file's schema version: 1 when it has none (files before version 2)."""
    if "version" not in raw:
        return 1
    v = raw["version"]
    if type(v) is int and v >= 1:
        return v
    warnings.append("settings.json: version must be a whole number such as 2; "
                    "reading it as an old (version 1) file.")
    return 1


def _read_fields(raw: dict, names, file: str, warnings: list[str]) -> dict:
    values: dict = {}
    for name in names:
        if name not in raw:
            continue
        try:
            values[name] = _READERS[name](raw[name])
        except ValueError as exc:
            warnings.append(f"{file}: {name} must be {exc}.")
    return values


def load_settings(path: Path | None = None, state_path: Path | None = None) -> Settings:
    """Read settings; never an error at start. A missing file gives the defaults; a bad field
    gives its default and one warning, logged and kept in `Settings.warnings`."""
    path = path or paths.settings_path()
    state_path = state_path or path.with_name("state.json")
    raw, warnings = _read_raw(path)
    _version(raw, warnings)
    values = _read_fields(raw, _STORED, "settings.json", warnings)
    state_raw, state_warnings = _read_raw(state_path, "state.json")
    if state_path.exists() and not state_warnings:
        values.update(_read_fields(state_raw, STATE_FIELDS, "state.json", warnings))
    else:
        # No state.json yet (an older mockloop kept the state in settings.json): use those.
        warnings += state_warnings
        values.update(_read_fields(raw, STATE_FIELDS, "settings.json", warnings))
    known = {f.name for f in fields(Settings)} | {"version"}
    extra = {k: v for k, v in raw.items() if k not in known}
    if type(raw.get("version")) is int and raw["version"] > SETTINGS_VERSION:
        extra["version"] = raw["version"]  # a newer mockloop's file keeps its number
    for message in warnings:
        log.warning(message)
    return Settings(**values, warnings=tuple(warnings), extra=extra)


def _stored_form(settings: Settings) -> dict:
    data = {"version": SETTINGS_VERSION, **settings.extra}
    for name in _STORED:
        data[name] = getattr(settings, name)
    return data


def _state_form(settings: Settings) -> dict:
    data = {"version": STATE_VERSION}
    for name in STATE_FIELDS:
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
    """Write the preferences atomically (a temp file in the same folder, flushed, then renamed
    over the old one), so a crash or a full disk never leaves half a settings file. The
    window's state goes to state.json (save_state); it is written here too only while it does
    not exist yet, so the state an older settings.json held is never dropped. StorageError
    with one plain sentence if it cannot be written; the old file is then left as it was."""
    path = path or paths.settings_path()
    state = path.with_name("state.json")
    if not state.exists():
        save_state(settings, state)
    text = json.dumps(_stored_form(settings), indent=2, ensure_ascii=False, default=str)
    _write_atomic(path, text, what="Your settings")


def save_state(settings: Settings, path: Path | None = None) -> None:
    """Write what the window remembers (state.json), atomically; StorageError if it cannot."""
    path = path or paths.state_path()
    text = json.dumps(_state_form(settings), indent=2, ensure_ascii=False, default=str)
    _write_atomic(path, text, what="The window's state")


def _write_atomic(path: Path, text: str, *, what: str) -> None:
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
            f"{what} could not be saved to {path} ({reason}); "
            "the change lasts until the app closes."
        ) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def check_writable(path: Path | None = None) -> None:
    """StorageError (the sentence a failed save gives) when settings.json could not be
    written: something that is not a file in its place, or a folder that takes no files."""
    path = path or paths.settings_path()
    try:
        if path.exists() and not path.is_file():
            raise IsADirectoryError(21, "Is a directory")
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise StorageError(
            f"Your settings could not be saved to {path} ({reason}); "
            "the change lasts until the app closes."
        ) from None
