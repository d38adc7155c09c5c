"""Commands on the machine: devices (microphones) and models (list, use, download)."""

from __future__ import annotations

import sys

from mockloop.cli import emit_json
from mockloop.errors import UserError


def cmd_devices(args) -> int:
    from mockloop.audio import list_input_devices

    devices = list_input_devices()
    if args.json:
        emit_json(
            [
                {
                    "index": d.index,
                    "name": d.name,
                    "default_samplerate": d.default_samplerate,
                    "channels": d.max_input_channels,
                    "default": d.is_default,
                    "source": d.source,
                }
                for d in devices
            ]
        )
        return 0
    if not devices:
        print("No input devices found. Plug in a microphone, or check the system's sound settings.")
        return 0
    for d in devices:
        mark = "*" if d.is_default else " "
        rate = f"{d.default_samplerate:.0f} Hz"
        where = f"sound server: {d.source}" if d.source else f"{d.max_input_channels} ch, {rate}"
        print(f"{mark} {d.index:3}  {d.name}  ({where})")
    return 0


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


class _DownloadProgress:
    """Bytes and percent on stderr: a live line on a terminal, every 10% otherwise."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.tty = sys.stderr.isatty()
        self._last = -1

    def __call__(self, done: int, total: int) -> None:
        if not total:
            return
        pct = min(100, int(done * 100 / total))
        line = f"Downloading {self.name}… {_mb(done)} of {_mb(total)} ({pct}%)"
        if self.tty:
            sys.stderr.write("\r" + line + "   ")
            sys.stderr.flush()
        elif pct // 10 > self._last:
            self._last = pct // 10
            print(line, file=sys.stderr)

    def end(self) -> None:
        if self.tty and self._last != -2:
            sys.stderr.write("\n")
            self._last = -2


def _use_model(args) -> int:
    """`models use NAME`: remember the model in settings (as the app's Settings dialog does)."""
    from mockloop.asr import catalog
    from mockloop.asr.model_dir import locate_model
    from mockloop.settings import load_settings, save_settings

    settings = load_settings()
    if not args.name:
        names = ", ".join(e.name for e in catalog.list_models(settings.model_dir))
        raise UserError(f"Name the model to use: {names}.")
    entry = catalog.find_model(args.name, settings.model_dir)
    if not entry.builtin:
        locate_model(entry.path)  # a folder that is not a usable model says so, in one sentence
    save_settings(settings.with_(model_dir=entry.setting))
    chosen = catalog.find_model(entry.name if entry.builtin else str(entry.path), entry.setting)
    if args.json:
        emit_json({**chosen.to_dict(), "in_use": True})
        return 0
    speed = ""
    if chosen.keeps_up is False:
        speed = (" It is too slow to keep up live here, so rounds show the built-in model's "
                 "live text and this one transcribes the answer after Stop.")
    elif chosen.speed is None and not chosen.builtin:
        speed = f" `mockloop models measure {chosen.name}` times it here."
    print(f"mockloop now uses {chosen.name} for every round and command.{speed}")
    return 0


def cmd_models(args) -> int:
    from mockloop.asr import catalog
    from mockloop.asr.download import DOWNLOADS, download
    from mockloop.settings import load_settings

    in_use = load_settings().model_dir
    if args.action == "use":
        return _use_model(args)
    if args.action == "download":
        if not args.name:
            raise UserError(f"Name the model to download: {', '.join(DOWNLOADS)}.")
        progress = _DownloadProgress(args.name)
        print(f"Downloading {args.name} (Ctrl+C stops; the next try continues)…",
              file=sys.stderr)
        try:
            path = download(args.name, progress=progress)
        except KeyboardInterrupt:
            progress.end()
            print("mockloop: download stopped; run the same command again to continue where "
                  "it stopped.", file=sys.stderr)
            return 130
        finally:
            progress.end()
        entry = next((e for e in catalog.list_models(in_use) if e.path == path), None)
        if args.json:
            emit_json(entry.to_dict() if entry else {"name": args.name, "path": str(path)})
        else:
            print(f"{args.name} is ready in {path}. Choose it in the app's Settings, or pass "
                  f"--model {path}; `mockloop models measure {args.name}` times it here.")
        return 0
    if args.action == "measure":
        models = catalog.list_models(in_use)
        if args.name:
            models = [catalog.find_model(args.name, in_use)]
        for e in models:
            print(f"Timing {e.name}…", file=sys.stderr)
            catalog.measure_speed(e.path)
        args.name = None
    elif args.name:
        raise UserError("`mockloop models` takes no name; use `mockloop models download NAME` "
                        "or `mockloop models measure NAME`.")
    models = catalog.list_models(in_use)
    if args.json:
        emit_json([e.to_dict() for e in models])
        return 0
    print(f"  {'NAME':22} {'SIZE':>8}  {'SPEED':>10}  {'LIVE':5} WHERE")
    for e in models:
        speed = f"{e.speed.rtf:.2f}x" if e.speed else "-"
        live = "-" if e.keeps_up is None else ("yes" if e.keeps_up else "no")
        where = e.source if e.builtin else f"{e.source}: {e.path}"
        print(f"{'*' if e.in_use else ' '} {e.name:22} {catalog.describe_size(e.size_bytes):>8}  "
              f"{speed:>10}  {live:5} {where}")
    print(f"\n* in use. SPEED is seconds of decoding per second of speech on this computer "
          f"(LIVE: keeps up with a live round at {catalog.LIVE_RTF_LIMIT:g} or less); "
          "`mockloop models measure` times them. "
          f"`mockloop models download NAME` fetches one of: {', '.join(DOWNLOADS)}.",
          file=sys.stderr)
    return 0
