"""Making a round from a file: a typed answer, an audio file, or a mentor bundle.

- A typed answer (.txt, .md) is analysed as text (Services.analyze_text).
- An audio file (any format the loader reads) is first copied into the data folder's
  recordings/ as `import-<time>-<role>-<round><ext>`, so the round keeps its audio when the
  original is moved or deleted; it is then transcribed and analysed from the copy, saved with
  source "file" pointing at the copy.
- A mentor bundle (.zip, see bundles.py) re-creates the round as it was: its report (signals,
  transcript, delivery) kept, its recording copied into recordings/ the same way.

Every check runs before anything is written; if saving fails, the copied audio is removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mockloop.errors import UserError, shown_name
from mockloop.store.store import IMPORTED_PREFIX as IMPORT_PREFIX

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
BUNDLE_SUFFIXES = (".zip",)


@dataclass(frozen=True)
class Imported:
    kind: str  # "text", "audio" or "bundle"
    id: int
    report: dict  # the saved report, its id filled in


def kind_of(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in BUNDLE_SUFFIXES:
        return "bundle"
    return "audio"


def import_file(services, path: str | Path, *, role: str | None = None,
                round_id: str | None = None, prompt_id: str | None = None,
                progress=None) -> Imported:
    """Make a round from `path`; `role`/`round_id` are needed where the file does not say."""
    path = Path(path)
    shown = shown_name(path)
    if path.is_dir():
        raise UserError(f"{shown} is a folder; give a text file, an audio file or a "
                        "mentor bundle (.zip).")
    if not path.exists():
        raise UserError(f"No such file: {shown}")
    kind = kind_of(path)
    if kind == "bundle":
        return import_bundle(services, path, role=role, round_id=round_id)
    role, round_id = _role_and_round(services, role, round_id, shown)
    if kind == "text":
        text = read_text_file(path)
        report = services.analyze_text(role, round_id, text, prompt_id=prompt_id)
        return _imported("text", report.to_dict(), report.id)
    return import_audio(services, path, role=role, round_id=round_id, prompt_id=prompt_id,
                        progress=progress)


def _role_and_round(services, role, round_id, shown) -> tuple[str, str]:
    if not role or not round_id:
        raise UserError(f"{shown} does not say which role and round it answers: give "
                        "--role and --round (see `mockloop rounds`).")
    return services.rubric.role(role).id, services.rubric.round(round_id).id


def _imported(kind: str, data: dict, new_id: int) -> Imported:
    return Imported(kind, new_id, {**data, "id": new_id})


def read_text_file(path: Path) -> str:
    """A typed answer: UTF-8 (a byte-order mark allowed), not empty, within the text cap."""
    from mockloop.analysis.limits import answer_text, read_capped

    shown = shown_name(path.name)
    if not path.is_file():
        raise UserError(f"{shown} is not a plain text file.")
    return answer_text(read_capped(path, shown), shown, encoding="utf-8-sig")


# -- audio ----------------------------------------------------------------------------------


def _new_copy_name(role: str, round_id: str, suffix: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in f"{role}-{round_id}")
    return f"{IMPORT_PREFIX}{stamp}-{safe}{suffix}"


def _suffix(path: Path) -> str:
    s = path.suffix.lower()
    return s if s[1:].isalnum() and len(s) <= 6 else ".audio"


def copy_into_recordings(fill, role: str, round_id: str, suffix: str) -> Path:
    """Write a new file in recordings/ (`fill(fh)` writes it), atomically: a temporary file
    renamed into place; nothing is left if `fill` fails."""
    from mockloop import paths
    from mockloop.exporting import write_atomically

    folder = paths.recordings_dir()
    target = folder / _new_copy_name(role, round_id, suffix)
    write_atomically(target, folder, fill, prefix=".import-")
    return target


def import_audio(services, path: Path, *, role: str, round_id: str,
                 prompt_id: str | None = None, progress=None) -> Imported:
    """Copy the audio into recordings/, then transcribe, analyse and save from the copy."""
    import shutil

    from mockloop.audio import audio_duration

    if prompt_id:
        services.rubric.round(round_id).prompt(prompt_id)
    audio_duration(path)  # not audio (or unreadable, empty, too long): one sentence, no copy
    try:
        src = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UserError(f"Cannot read {shown_name(path)}: {exc.strerror or exc}.") from None
    with src:
        copy = copy_into_recordings(lambda fh: shutil.copyfileobj(src, fh, 1 << 20),
                                    role, round_id, _suffix(path))
    try:
        report = services.analyze_audio(role, round_id, copy, prompt_id=prompt_id,
                                        progress=progress)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return _imported("audio", report.to_dict(), report.id)


# -- mentor bundles -------------------------------------------------------------------------


def import_bundle(services, path: Path, *, role: str | None = None,
                  round_id: str | None = None) -> Imported:
    """Re-create a bundled round: its report as it was, its recording copied in."""
    from mockloop.bundles import open_bundle

    bundle = open_bundle(path)
    report = dict(bundle.report)
    for given, key, flag in ((role, "role", "--role"), (round_id, "round", "--round")):
        if given and given != report[key]:
            raise UserError(f"{path.name} is a {report[key]} {key} by its own manifest; "
                            f"leave out {flag}.")
    copy: Path | None = None
    if bundle.audio_member is not None:
        suffix = Path(bundle.audio_member).suffix
        copy = copy_into_recordings(bundle.copy_audio, report["role"], report["round"], suffix)
    try:
        if copy is not None:
            from mockloop.audio import audio_duration
            from mockloop.errors import AudioError

            try:
                audio_duration(copy)  # the bundle's recording must be audio the app can play
            except AudioError:
                raise UserError(f"{path.name} was not imported: its recording is not audio "
                                "mockloop can read.") from None
        report["id"] = None
        recording = report.get("recording")
        if isinstance(recording, dict):
            report["recording"] = {**recording, "path": str(copy) if copy else None}
        prompt = report.get("prompt") or {}
        started = _moment(bundle.manifest.get("round_started_at"))
        source = bundle.manifest.get("source")
        if source != "text" or copy is not None:
            source = "file"
        new_id = services.store.add_completed(
            report, prompt_id=prompt.get("id"), prompt_text=prompt.get("text"),
            audio_path=copy, source=source, started_at=started)
    except BaseException:
        if copy is not None:
            copy.unlink(missing_ok=True)
        raise
    return _imported("bundle", report, new_id)


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
