"""What every command shares: services, reading text, printing a report, progress on stderr."""

from __future__ import annotations

import sys
from pathlib import Path

from mockloop.errors import UserError, shown_name


class StderrProgress:
    """Fraction-done reporting on stderr: a live line on a terminal, a few lines otherwise."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.tty = sys.stderr.isatty()
        self._last = -1

    def __call__(self, fraction: float) -> None:
        pct = max(0, min(100, int(fraction * 100)))
        if self.tty:
            sys.stderr.write(f"\r{self.label}… {pct:3d}%")
            if pct >= 100:
                sys.stderr.write("\n")
            sys.stderr.flush()
        elif pct // 25 > self._last:
            self._last = pct // 25
            print(f"{self.label}… {pct}%", file=sys.stderr)


def open_services(args, *, need_model_dir: bool = False):
    from mockloop.session import Services

    services = Services(model_dir=getattr(args, "model", None) or None)
    if services.store.read_only_reason:
        print(f"mockloop: {services.store.read_only_reason}", file=sys.stderr)
    try:
        found = services.recover_interrupted()
    except UserError:
        found = []
    if found:
        print(
            f"mockloop: found {len(found)} interrupted round(s) ({', '.join(map(str, found))}); "
            "`mockloop finish ID` completes them.",
            file=sys.stderr,
        )
    return services


def answer_from(spec: str) -> str:
    """The answer in FILE, or on standard input for "-": UTF-8, not empty, at most 200 KB."""

    from mockloop.analysis.limits import MAX_TEXT_BYTES, answer_text, read_capped, too_long

    if spec == "-":
        label = "The answer on standard input"
        try:
            data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        except OSError as exc:
            raise UserError(f"Cannot read standard input: {exc.strerror}.") from None
        if len(data) > MAX_TEXT_BYTES:
            raise too_long(None, label)  # the rest is left unread: it may never end
    else:
        label = shown_name(spec)
        path = Path(spec)
        if path.exists() and not path.is_file():
            raise UserError(f"{label} is not a plain text file; give a file, or pass the "
                            "text on standard input with --text -.")
        if not path.is_file():
            raise UserError(f"No such text file: {label}")
        data = read_capped(path, label)
    return answer_text(data, label)


def render_safely(render, data: dict, *args):
    """Run a report renderer; a stored report it cannot read is damaged, said plainly."""
    try:
        return render(data, *args)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        from mockloop.errors import StorageError

        which = f"round {data['id']}" if isinstance(data.get("id"), int) else "this round"
        raise StorageError(
            f"The saved debrief of {which} is damaged and cannot be shown; "
            "`mockloop show ID --json` prints what is left of it."
        ) from None


def markdown_of(data: dict, services) -> str:
    from mockloop.exporting import named_heading
    from mockloop.report import to_markdown

    sig = services.rubric.signals
    return render_safely(to_markdown, data, {k: v.name for k, v in sig.items()},
                   {k: v.suggestion for k, v in sig.items()},
                   named_heading(data, services.rubric))


def print_report(data: dict, services) -> None:
    print(markdown_of(data, services))
