"""The mentor bundle: one zip holding everything a mentor needs to review a round.

Inside (flat, no folders): manifest.json (format, version, role, round, prompt id, when the
round was practised and when the bundle was made), debrief.json (the round's report, the
cli.md JSON), debrief.md, transcript.txt / .srt / .vtt, prompt.txt and the recording as
audio.<ext> when the round has one.

Reading one back (`open_bundle`) trusts nothing: only those names are accepted, never an
absolute path, a "..", a folder, a symbolic link, an encrypted or duplicated member, nor more
unpacked bytes than the caps below (a zip bomb); the report must have the shape the app reads.
Every check runs before anything is written.
"""

from __future__ import annotations

import json
import math
import stat
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from mockloop.errors import UserError

FORMAT = "mockloop-mentor-bundle"
FORMAT_VERSION = 1

TEXT_MEMBERS = ("manifest.json", "debrief.json", "debrief.md", "transcript.txt",
                "transcript.srt", "transcript.vtt", "prompt.txt")
REQUIRED = ("manifest.json", "debrief.json")
AUDIO_SUFFIXES = (".wav", ".flac", ".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".webm")
# Formats that are already compressed go in as they are; a WAV is deflated.
_STORED_SUFFIXES = (".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".webm", ".flac")

# Caps on unpacked sizes: a report of three hours of speech is a few MB.
MAX_TEXT_MEMBER_BYTES = 32 * 1024 * 1024
MAX_AUDIO_BYTES = 3 * 1024**3  # three hours of 48 kHz stereo WAV, as the audio loader allows
MAX_TOTAL_BYTES = MAX_AUDIO_BYTES + 8 * MAX_TEXT_MEMBER_BYTES
MAX_MEMBERS = 16


# -- writing --------------------------------------------------------------------------------


def bundle_name(data: dict, started_at: str | None) -> str:
    """The default file name: round, date and round number, e.g. ml-design-2024-06-03-12.zip."""
    day = (started_at or datetime.now(UTC).isoformat())[:10]
    rid = data.get("id")
    tail = f"-{rid}" if isinstance(rid, int) else ""
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in str(data.get("round", "")))
    return f"{safe or 'round'}-{day}{tail}.zip"


def manifest(data: dict, *, started_at: str | None, source: str | None,
             audio_name: str | None) -> dict:
    prompt = data.get("prompt") or {}
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "role": data["role"],
        "round": data["round"],
        "prompt_id": prompt.get("id"),
        "round_started_at": started_at,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "source": source,
        "audio": audio_name,
    }


def bundle_texts(data: dict, markdown: str) -> dict[str, str]:
    """The text members of a bundle for one report (`markdown`: its debrief.md)."""
    from mockloop.report import to_srt, to_vtt

    prompt = (data.get("prompt") or {}).get("text") or ""
    return {
        "debrief.json": json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n",
        "debrief.md": markdown,
        "transcript.txt": ((data.get("transcript") or {}).get("text") or "") + "\n",
        "transcript.srt": to_srt(data),
        "transcript.vtt": to_vtt(data),
        "prompt.txt": prompt + ("\n" if prompt else ""),
    }


def write_bundle(fh: BinaryIO, data: dict, *, markdown: str, audio: Path | None,
                 started_at: str | None, source: str | None) -> None:
    """Write the bundle of one round into the open binary file `fh`."""
    audio_name = None
    if audio is not None:
        suffix = audio.suffix.lower() if audio.suffix.lower() in AUDIO_SUFFIXES else ".wav"
        audio_name = f"audio{suffix}"
    texts = bundle_texts(data, markdown)
    info = manifest(data, started_at=started_at, source=source, audio_name=audio_name)
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(info, ensure_ascii=False, indent=2) + "\n")
        for name, text in texts.items():
            zf.writestr(name, text)
        if audio is not None and audio_name is not None:
            kind = (zipfile.ZIP_STORED if audio_name.endswith(_STORED_SUFFIXES)
                    else zipfile.ZIP_DEFLATED)
            zf.write(audio, audio_name, compress_type=kind)


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bundle:
    path: Path
    manifest: dict
    report: dict
    audio_member: str | None  # the name of the recording inside the zip, if it has one
    audio_size: int = 0

    def copy_audio(self, fh: BinaryIO) -> None:
        """Unpack the recording into `fh`, never more than its declared (capped) size."""
        if self.audio_member is None:
            return
        with zipfile.ZipFile(self.path) as zf, zf.open(self.audio_member) as src:
            left = self.audio_size
            while True:
                chunk = src.read(1 << 20)
                if not chunk:
                    break
                left -= len(chunk)
                if left < 0:
                    raise _refused(self.path, "its recording is larger than it says")
                fh.write(chunk)


def _refused(path: Path, why: str) -> UserError:
    return UserError(f"{path.name} was not imported: {why}.")


def _check_name(path: Path, info: zipfile.ZipInfo) -> str:
    """The member's name if it is one a bundle may hold; a plain refusal otherwise."""
    name = info.filename
    shown = name.encode("utf-8", "replace").decode("utf-8")[:80]
    pure = PurePosixPath(name.replace("\\", "/"))
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise _refused(path, f"it holds a file with an absolute path ({shown})")
    if ".." in pure.parts:
        raise _refused(path, f"it holds a file whose path leaves its folder ({shown})")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise _refused(path, f"it holds a symbolic link ({shown})")
    if info.is_dir() or "/" in name or "\\" in name:
        raise _refused(path, f"it holds a folder a mentor bundle does not have ({shown})")
    if info.flag_bits & 0x1:
        raise _refused(path, f"{shown} in it is encrypted")
    if name not in TEXT_MEMBERS and not _is_audio_name(name):
        raise _refused(path, f"it holds a file a mentor bundle does not have ({shown})")
    return name


def _is_audio_name(name: str) -> bool:
    stem, dot, ext = name.partition(".")
    return stem == "audio" and bool(dot) and f".{ext}" in AUDIO_SUFFIXES


def open_bundle(path: Path) -> Bundle:
    """Read and check a mentor bundle (nothing is written); UserError with one sentence."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"No such file: {path}")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refused(path, "it is not a zip file (or it is damaged)") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _refused(path, "it holds more files than a mentor bundle has")
        names: set[str] = set()
        total = 0
        audio: zipfile.ZipInfo | None = None
        for info in infos:
            name = _check_name(path, info)
            if name in names:
                raise _refused(path, f"it holds {name} twice")
            names.add(name)
            if _is_audio_name(name):
                if audio is not None:
                    raise _refused(path, "it holds more than one recording")
                audio = info
                if info.file_size > MAX_AUDIO_BYTES:
                    raise _refused(path, "its recording is too large when unpacked")
            elif info.file_size > MAX_TEXT_MEMBER_BYTES:
                raise _refused(path, f"{name} in it is too large when unpacked")
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise _refused(path, "it is too large when unpacked")
        missing = [n for n in REQUIRED if n not in names]
        if missing:
            raise _refused(path, f"it is not a mentor bundle (it has no {missing[0]})")
        manifest = _json_member(zf, path, "manifest.json")
        report = _json_member(zf, path, "debrief.json")
    _check_manifest(path, manifest, audio.filename if audio else None)
    check_report(report, path)
    if report["role"] != manifest["role"] or report["round"] != manifest["round"]:
        raise _refused(path, "its manifest and its debrief disagree about the round")
    return Bundle(path, manifest, report, audio.filename if audio else None,
                  audio.file_size if audio else 0)


def _json_member(zf: zipfile.ZipFile, path: Path, name: str) -> dict:
    try:
        with zf.open(name) as fh:
            raw = fh.read(MAX_TEXT_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        raise _refused(path, f"{name} in it is damaged") from None
    if len(raw) > MAX_TEXT_MEMBER_BYTES:
        raise _refused(path, f"{name} in it is too large when unpacked")
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError):
        raise _refused(path, f"{name} in it is not valid JSON") from None
    if not isinstance(data, dict):
        raise _refused(path, f"{name} in it does not hold a JSON object")
    return data


def _no_constant(name: str):
    raise ValueError(name)  # NaN and Infinity are not JSON


def _check_manifest(path: Path, info: dict, audio: str | None) -> None:
    if info.get("format") != FORMAT:
        raise _refused(path, "it is not a mentor bundle (its manifest names another format)")
    version = info.get("version")
    if type(version) is not int or version < 1:
        raise _refused(path, "its manifest has no format version")
    if version > FORMAT_VERSION:
        raise _refused(path, f"it was made by a newer mockloop (format version {version}); "
                       "update mockloop to import it")
    for key in ("role", "round"):
        if not isinstance(info.get(key), str) or not info[key].strip():
            raise _refused(path, f"its manifest names no {key}")
    for key in ("prompt_id", "round_started_at", "created_at", "source", "audio"):
        if info.get(key) is not None and not isinstance(info[key], str):
            raise _refused(path, f"its manifest's {key} is not text")
    if info.get("audio") is not None and info["audio"] != audio:
        raise _refused(path, "its manifest names a recording it does not hold")


# -- the report's shape --------------------------------------------------------------------


def _number(v, *, optional: bool = True) -> bool:
    if v is None:
        return optional
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def check_report(data: dict, path: Path) -> None:
    """The report holds what the debrief, the history and the exports read, with the right
    types; a plain refusal naming the first thing wrong otherwise."""
    def bad(what: str) -> UserError:
        return _refused(path, f"its debrief.json is damaged ({what})")

    for key in ("role", "round"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise bad(f"no {key}")
    signals = data.get("signals")
    if not isinstance(signals, list):
        raise bad("no list of signals")
    for s in signals:
        if not (isinstance(s, dict) and isinstance(s.get("id"), str)
                and isinstance(s.get("hit"), bool)
                and (s.get("evidence") is None or isinstance(s["evidence"], str))
                and _number(s.get("start"))):
            raise bad("a signal is not an id, a hit, evidence and a time")
    transcript = data.get("transcript")
    if not isinstance(transcript, dict) or not isinstance(transcript.get("text"), str):
        raise bad("no transcript text")
    words = transcript.get("words")
    if not isinstance(words, list):
        raise bad("no list of transcript words")
    for w in words:
        if not (isinstance(w, dict) and isinstance(w.get("word"), str)
                and _number(w.get("start")) and _number(w.get("end"))):
            raise bad("a transcript word is not a word with its times")
    original = data.get("transcript_original")
    if original is not None and not (isinstance(original, dict)
                                     and isinstance(original.get("text"), str)):
        raise bad("the original transcript is not a transcript")
    for key in ("lens", "delivery"):
        if not isinstance(data.get(key), dict):
            raise bad(f"no {key}")
    for key in ("prompt", "timings", "recording"):
        if data.get(key) is not None and not isinstance(data[key], dict):
            raise bad(f"its {key} is not an object")
    prompt = data.get("prompt") or {}
    for key in ("id", "text"):
        if prompt.get(key) is not None and not isinstance(prompt[key], str):
            raise bad(f"the prompt's {key} is not text")
    if not isinstance(data.get("notes", []), list) or not isinstance(data.get("edits", []),
                                                                     list):
        raise bad("its notes or edits are not lists")
    # Whatever else the renderers read: if an export cannot be made from it, the debrief
    # could not be shown either.
    from mockloop.report import to_markdown, to_srt, to_vtt
    from mockloop.store.columns import summary_columns

    try:
        to_markdown(data)
        to_srt(data)
        to_vtt(data)
        summary_columns(data)
        json.dumps(data, allow_nan=False)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        raise bad("the debrief cannot be read back") from None
