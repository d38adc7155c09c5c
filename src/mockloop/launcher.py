"""The `mockloop` entry point: the window when there is no command, the command line otherwise.

Kept apart from cli.py so the command line itself never depends on the Qt package.

On Linux, Qt aborts the whole process (a core dump, exit 134) when its platform plugin cannot
start: no display at all, a DISPLAY nobody answers on, or a missing system library of the xcb
plugin. So before Qt is asked for a window, `screen_problem` looks for these cheaply and, only
when a quick check fails, confirms in a throwaway subprocess; the user gets one sentence.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys

# Platforms that need a display server; any other (offscreen, minimal, vnc, eglfs...) is the
# user's explicit choice and is not second-guessed.
_X11 = {"xcb"}
_WAYLAND = {"wayland", "wayland-egl", "wayland-brcm"}

def _platforms() -> list[str]:
    """The platform plugins Qt will try, in order ("wayland;xcb", "xcb:option=1" allowed)."""
    wanted = os.environ.get("QT_QPA_PLATFORM", "").strip()
    names = [p.split(":", 1)[0].strip().lower() for p in wanted.split(";")]
    return [n for n in names if n]


def _x_display_answers(display: str) -> bool:
    """Whether an X server listens at DISPLAY (":0", "unix:0", "localhost:10.0"); cheap."""
    host, _, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if not number.isdigit():
        return True  # a form this check does not know (e.g. a launchd path): let Qt try
    if host in ("", "unix") or host.startswith("/"):
        path = f"/tmp/.X11-unix/X{number}"
        if os.path.exists(path):
            return True
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:  # Linux abstract socket
            s.settimeout(1.0)
            try:
                s.connect("\0" + path)
                return True
            except OSError:
                return False
    try:
        with socket.create_connection((host, 6000 + int(number)), timeout=1.0):
            return True
    except OSError:
        return False


def _wayland_socket_exists(name: str) -> bool:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    path = name if os.path.isabs(name) else os.path.join(runtime, name)
    return bool(runtime or os.path.isabs(name)) and os.path.exists(path)


def _xcb_missing_library() -> str | None:
    """Load Qt's xcb plugin library (not Qt itself) to see whether a system library it needs,
    such as libxcb-cursor0, is missing: its file name, or None if the plugin loads."""
    import ctypes
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None  # no Qt: the import in open_app says so
    for folder in spec.submodule_search_locations:
        plugin = os.path.join(folder, "Qt", "plugins", "platforms", "libqxcb.so")
        if os.path.exists(plugin):
            try:
                ctypes.CDLL(plugin)
            except OSError as exc:
                name = str(exc).split(":", 1)[0].strip()
                return os.path.basename(name) if ".so" in name else "a system library"
    return None


def _probe_fails() -> str | None:
    """Start Qt's GUI layer in a subprocess: None if it starts, else what it printed."""
    try:
        from mockloop.child import child_command

        done = subprocess.run(child_command("mockloop.ui.probe"), capture_output=True,
                              text=True, timeout=30, env=os.environ.copy())
    except (OSError, subprocess.TimeoutExpired):
        return None  # cannot tell: let the real start try
    return None if done.returncode == 0 else (done.stderr or "")


def _headless_hint(args: list[str]) -> str:
    if args and args[0] == "practice":
        return f"`{shlex.join(['mockloop', *args, '--headless'])}`"
    return "`mockloop practice --role swe --round coding --headless`"


def screen_problem(args: list[str] | None = None) -> str | None:
    """One plain sentence if the window cannot open here (so Qt would abort), else None."""
    if not sys.platform.startswith("linux"):
        return None
    platforms = _platforms()
    if platforms and not set(platforms) <= _X11 | _WAYLAND:
        return None  # offscreen, vnc, eglfs...: chosen on purpose
    wanted = platforms or ["wayland", "xcb"]
    display = os.environ.get("DISPLAY", "").strip()
    wayland = os.environ.get("WAYLAND_DISPLAY", "").strip()
    usable_x = "xcb" in wanted and bool(display)
    usable_wayland = bool(_WAYLAND & set(wanted)) and bool(wayland)
    hint = (f"the command line works without one, for example {_headless_hint(args or [])}; "
            "see `mockloop --help`.")
    if not usable_x and not usable_wayland:
        missing = "no DISPLAY or WAYLAND_DISPLAY"
        if platforms == ["xcb"]:
            missing = "no DISPLAY"
        elif platforms and set(platforms) <= _WAYLAND:
            missing = "no WAYLAND_DISPLAY"
        return f"there is no screen to open the app on ({missing}); {hint}"
    if usable_wayland and _wayland_socket_exists(wayland):
        return None
    missing_library = _xcb_missing_library() if usable_x else None
    if usable_x and missing_library is None and _x_display_answers(display):
        return None
    # A quick check failed: ask Qt itself, in a subprocess, before it can abort this one.
    failure = _probe_fails()
    if failure is None:
        return None  # the quick checks were wrong: Qt starts fine
    if missing_library is not None:
        package = (" (on Debian or Ubuntu: `sudo apt install libxcb-cursor0`)"
                   if "xcb-cursor" in missing_library else "")
        return (f"the app cannot open a window because {missing_library}, which Qt needs for "
                f"X11, is not installed{package}; {hint}")
    if "could not connect to display" in failure or "wl_display" in failure:
        named = [f"{k}={v}" for k, v in (("DISPLAY", display), ("WAYLAND_DISPLAY", wayland)) if v]
        verb = "does" if len(named) == 1 else "do"
        where = f"{' and '.join(named)} {verb} not answer" + ("" if display else ", no DISPLAY")
        return f"there is no screen to open the app on ({where}); {hint}"
    return f"the app cannot open a window here (Qt's display plugin did not start); {hint}"


def open_app(argv0: str = "mockloop", args: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    problem = screen_problem(args)
    if problem is not None:
        print(f"mockloop: {problem}", file=sys.stderr)
        return 2
    try:
        from mockloop.ui.app import run_app
    except ImportError as exc:
        print(
            f"mockloop: the desktop app cannot start ({exc}); the command line still works, "
            "see `mockloop --help`.",
            file=sys.stderr,
        )
        return 2
    return run_app([argv0])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    from mockloop.child import RUN_MODULE, run_module

    if args[:1] == [RUN_MODULE] and len(args) > 1:  # the packaged app's `python -m`
        return run_module(args[1:])
    if not args or (
        args[0] == "practice" and "--headless" not in args and not {"-h", "--help"} & set(args)
    ):
        return open_app(sys.argv[0] if sys.argv else "mockloop", args)
    from mockloop.cli import main as cli_main

    return cli_main(args)
