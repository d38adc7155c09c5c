"""Print `name==version` for every distribution a project's requirements pull in, as installed.

    python requirements/closure.py mockloop[test]            # the lock's pins
    python requirements/closure.py --with-roots pyinstaller --minus requirements/lock.txt

Walks `importlib.metadata` from the given roots (with their extras), following only the
requirements whose markers hold here, and leaves the roots themselves out (unless
--with-roots); --minus FILE leaves out what FILE already pins. Used by
scripts/refresh-lock.sh to write the lock and by tests/packaging/test_lock.py to check it.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(roots: list[str], *, with_roots: bool = False) -> dict[str, str]:
    """{canonical name: installed version} of everything the roots require (and the roots
    themselves if with_roots)."""
    found: dict[str, set[str]] = {}
    root_names = set()
    todo: list[tuple[str, set[str]]] = []
    for spec in roots:
        req = Requirement(spec)
        root_names.add(canonical(req.name))
        todo.append((req.name, set(req.extras)))
    missing = []
    while todo:
        name, extras = todo.pop()
        for line in distribution(name).requires or []:
            req = Requirement(line)
            if req.marker is not None and not any(
                req.marker.evaluate({"extra": e}) for e in (extras or {""})
            ):
                continue
            key = canonical(req.name)
            try:
                distribution(req.name)
            except PackageNotFoundError:
                missing.append(str(req))
                continue
            wanted = set(req.extras)
            if key in found and wanted <= found[key]:
                continue
            found[key] = found.get(key, set()) | wanted
            todo.append((req.name, wanted))
    if missing:
        raise SystemExit(f"required but not installed: {', '.join(sorted(missing))}")
    if with_roots:
        found.update({k: set() for k in root_names})
    return {k: distribution(k).version for k in sorted(found)
            if with_roots or k not in root_names}


def read_pins(path: str) -> dict[str, str]:
    pins = {}
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonical(name)] = version.strip()
    return pins


def main(argv: list[str]) -> int:
    minus: dict[str, str] = {}
    roots = []
    with_roots = False
    args = iter(argv)
    for a in args:
        if a == "--minus":
            minus.update(read_pins(next(args)))
        elif a == "--with-roots":
            with_roots = True
        else:
            roots.append(a)
    for name, version in closure(roots, with_roots=with_roots).items():
        if name not in minus:
            print(f"{name}=={version}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
