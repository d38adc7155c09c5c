"""The command line: the headless twin of the desktop app (shared/spec/cli.md).

With no arguments it opens the app. Bad input ends with one plain line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import math
import os
import sys
import traceback

from mockloop import __version__, paths
from mockloop.errors import UserError

log = logging.getLogger("mockloop")


MAX_DURATION_S = 3 * 3600  # as long as the longest audio file the app reads


def _seconds(text: str) -> float:
    """An argparse type: a finite number of seconds above 0 and at most 3 hours."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (0 < value <= MAX_DURATION_S):  # also false for nan
        raise argparse.ArgumentTypeError(
            f"must be a number of seconds above 0 and at most {MAX_DURATION_S} "
            f"(3 hours), not '{text}'"
        )
    return value


def _date(text: str):
    """An argparse type: a calendar date, YYYY-MM-DD."""
    from datetime import date

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a date as YYYY-MM-DD (such as 2025-03-01), not '{text}'") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mockloop",
        description=(
            "Offline coach for spoken mock interviews. "
            "Run `mockloop` with no command to open the app."
        ),
    )
    p.add_argument("--version", action="version", version=f"mockloop {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    a = sub.add_parser("analyze", help="analyse a recorded answer (audio file) or a transcript")
    a.add_argument("--role", required=True, help="ai-engineer, mle or swe")
    a.add_argument(
        "--round", required=True, dest="round_id", help="round id (see `mockloop rounds`)"
    )
    a.add_argument("--prompt", help="prompt id within the round")
    src = a.add_mutually_exclusive_group(required=True)
    src.add_argument("--text", metavar="FILE", help="a plain-text transcript ('-' for stdin)")
    src.add_argument(
        "audio", nargs="?", metavar="AUDIO", help="an audio file (wav, flac, mp3, ogg, m4a)"
    )
    a.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    a.add_argument("--no-save", action="store_true", help="do not keep this round in the history")
    a.add_argument("--model", metavar="DIR", help="a CTranslate2 Whisper model directory")

    ex = sub.add_parser("explain", help="show, sentence by sentence, which rule fired on which "
                        "cue and what vetoed one (nothing is saved)")
    ex.add_argument("--role", required=True, help="ai-engineer, mle or swe")
    ex.add_argument(
        "--round", required=True, dest="round_id", help="round id (see `mockloop rounds`)"
    )
    ex_src = ex.add_mutually_exclusive_group(required=True)
    ex_src.add_argument("--text", metavar="FILE", help="a plain-text transcript ('-' for stdin)")
    ex_src.add_argument(
        "audio", nargs="?", metavar="AUDIO", help="an audio file (wav, flac, mp3, ogg, m4a)"
    )
    ex.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    ex.add_argument("--model", metavar="DIR", help="a CTranslate2 Whisper model directory")

    pr = sub.add_parser("practice", help="run one timed round from the microphone")
    pr.add_argument("--role", required=True)
    pr.add_argument("--round", required=True, dest="round_id")
    pr.add_argument("--prompt")
    pr.add_argument("--headless", action="store_true", help="no window: record, stop, report")
    pr.add_argument("--duration", type=_seconds, metavar="SECONDS", help="record this long")
    pr.add_argument(
        "--device", metavar="NAME_OR_INDEX", help="input device (see `mockloop devices`)"
    )
    pr.add_argument("--json", action="store_true")
    pr.add_argument("--model", metavar="DIR")

    r = sub.add_parser("rounds", help="list roles, rounds and prompts")
    r.add_argument("--json", action="store_true")
    r.add_argument(
        "--check", action="store_true", help="check your own rubric.toml and report problems"
    )

    h = sub.add_parser("history", help="list past rounds, newest first; search transcripts")
    h.add_argument("--search", "-s", metavar="WORDS", help="full-text search over transcripts")
    h.add_argument("--role")
    h.add_argument("--round", dest="round_id")
    h.add_argument("--status", choices=["recording", "interrupted", "complete", "failed"])
    h.add_argument("--limit", type=int)
    h.add_argument("--json", action="store_true")

    s = sub.add_parser("show", help="show one round's debrief")
    s.add_argument("id", type=int)
    s.add_argument("--json", action="store_true")

    e = sub.add_parser("export", help="export a round as Markdown, JSON, SRT or VTT, a "
                       "round's mentor bundle (--bundle), or the whole history (--all)")
    e.add_argument("id", type=int, nargs="?")
    e.add_argument("--format", "-f", choices=["md", "json", "srt", "vtt", "csv"],
                   help="md (default), json, srt or vtt; with --all: csv or json")
    e.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    e.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    e.add_argument("--bundle", action="store_true", help="one zip for a mentor: audio, "
                   "transcript (txt/srt/vtt), debrief (md/json) and prompt")
    e.add_argument("--all", action="store_true", help="every round: --format csv or json")

    im = sub.add_parser("import", help="make a round from a typed answer (.txt/.md), an "
                        "audio file or a mentor bundle (.zip)")
    im.add_argument("file", metavar="FILE")
    im.add_argument("--role", help="the role, where the file does not say")
    im.add_argument("--round", dest="round_id", help="the round, where the file does not say")
    im.add_argument("--prompt", help="prompt id within the round (text or audio)")
    im.add_argument("--json", action="store_true", help="print the new round as JSON")
    im.add_argument("--model", metavar="DIR", help="a CTranslate2 Whisper model directory")

    ed = sub.add_parser(
        "edit", help="correct a round's transcript (re-scored; the original is kept)",
        description="Correct words the recogniser got wrong: the round is scored again from "
        "the corrected transcript and saved; --undo takes back the last correction, --revert "
        "restores the transcript as it was recognised.")
    ed.add_argument("id", type=int)
    what = ed.add_mutually_exclusive_group(required=True)
    what.add_argument("--replace", metavar="WORDS", help="the words to correct (case and "
                      "punctuation aside)")
    what.add_argument("--undo", action="store_true", help="take back the last correction")
    what.add_argument("--revert", action="store_true", help="restore the original transcript")
    ed.add_argument("--with", dest="with_text", metavar="TEXT", help="what was said instead")
    ed.add_argument("--all", action="store_true", help="every place WORDS occur, not the first")
    ed.add_argument("--json", action="store_true", help="print the re-scored round as JSON")

    fo = sub.add_parser("followup", help="the follow-up questions for a saved design round, "
                        "or what a follow-up round recovered of its design round's misses")
    fo.add_argument("id", type=int)
    fo.add_argument("--json", action="store_true", help="print one JSON object on stdout")

    f = sub.add_parser("finish", help="transcribe and analyse an interrupted round")
    f.add_argument("id", type=int)
    f.add_argument("--json", action="store_true")
    f.add_argument("--model", metavar="DIR")

    d = sub.add_parser("delete", help="delete a round and its recording")
    d.add_argument("id", type=int)
    d.add_argument("--yes", action="store_true", help="do not ask")

    dv = sub.add_parser("devices", help="list input devices")
    dv.add_argument("--json", action="store_true")

    pg = sub.add_parser("progress", help="each signal's hit rate over time and the delivery "
                        "trend (time used, pace, fillers) for a role")
    pg.add_argument("--role", help="ai-engineer, mle or swe (default: the role used last)")
    pg.add_argument("--since", type=_date, metavar="DATE",
                    help="only rounds from this date on (YYYY-MM-DD)")
    pg.add_argument("--json", action="store_true", help="print one JSON object on stdout")

    nx = sub.add_parser("next", help="the round and prompt to practise next, and why")
    nx.add_argument("--role", help="ai-engineer, mle or swe (default: the role used last)")
    nx.add_argument("--json", action="store_true", help="print one JSON object on stdout")

    dr = sub.add_parser("drill", help="a three-framings drill's takes side by side (product, "
                        "model, system risk): did each land on its lens?")
    dr.add_argument("id", type=int, help="the history id of the drill's first take")
    dr.add_argument("--json", action="store_true", help="print one JSON object on stdout")

    ks = sub.add_parser("sentences", help="your key sentences (the ones to land in "
                        "interviews): list, add, remove; check which a round said",
                        description="sentences [list]: your key sentences, numbered; "
                        "sentences add TEXT [--role R]: save one (for every role unless "
                        "--role); sentences remove N; sentences check ID: which of them "
                        "round ID said, and when (docs/key-sentences.md)")
    ks.add_argument("action", nargs="?", default="list",
                    choices=["list", "add", "remove", "check"])
    ks.add_argument("value", nargs="*", metavar="TEXT|N|ID")
    ks.add_argument("--role", help="add: only for this role (ai-engineer, mle or swe); "
                    "list: only those that apply to it")
    ks.add_argument("--json", action="store_true", help="print one JSON value on stdout")
    cp = sub.add_parser("compare", help="a take beside the previous take of its prompt (or "
                        "beside a second round): signals gained and lost, time, pace, fillers")
    cp.add_argument("id", type=int)
    cp.add_argument("id2", type=int, nargs="?", metavar="ID2",
                    help="another take of the same round (default: the previous take)")
    cp.add_argument("--json", action="store_true", help="print one JSON object on stdout")

    mo = sub.add_parser("models", help="list the speech models; download or time one",
                        description="models: list the speech models on this computer; "
                        "models download NAME (base.en, small.en, distil-small.en): the only "
                        "download mockloop makes; models measure [NAME]: time them here; "
                        "models use NAME: the model the app and every command use from now on")
    mo.add_argument("action", nargs="?", default="list",
                    choices=["list", "download", "measure", "use"])
    mo.add_argument("name", nargs="?", metavar="NAME")
    mo.add_argument("--json", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is local; never reach a hub
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="mockloop: %(message)s")
    if args.command is None:
        print(
            "mockloop: no command given; run `mockloop --help` (or `mockloop` alone for the app).",
            file=sys.stderr,
        )
        return 2
    try:
        from mockloop import commands

        code = getattr(commands, f"cmd_{args.command}")(args)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except UserError as exc:
        print(f"mockloop: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("mockloop: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except OSError as exc:
        if exc.errno != errno.ENOSPC and exc.filename is not None:
            return _crash(exc)
        from mockloop.exporting import output_failed

        _quiet_stdout()
        print(f"mockloop: {output_failed(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: one line for the user, the traceback in the log file
        return _crash(exc)


def _crash(exc: BaseException) -> int:
    where = _log_crash()
    print(
        f"mockloop: unexpected error ({type(exc).__name__}: {exc}); details in {where}",
        file=sys.stderr,
    )
    return 1


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's own flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _log_crash() -> str:
    try:
        path = paths.data_dir() / "mockloop.log"
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with open(fd, "a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc() + "\n")
        return str(path)
    except OSError:
        return "(log not writable)"


def emit_json(obj) -> None:
    """`obj` as JSON on stdout; ValueError for Infinity/NaN, which are not JSON at all.

    Every number reaching here is checked finite where it enters (rubric, audio), so a
    non-finite one is a bug upstream and is reported as one, never printed as `Infinity`.
    """
    text = json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        # A file name that is not UTF-8 arrives with lone surrogates: escape them (and any
        # character the terminal cannot show) instead of failing half-way through the output.
        text = json.dumps(obj, ensure_ascii=True, indent=2, allow_nan=False)
    sys.stdout.write(text + "\n")
