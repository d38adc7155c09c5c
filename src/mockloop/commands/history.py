"""Commands on the saved history: history, show, export, import, edit, delete."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mockloop.cli import emit_json
from mockloop.commands.common import (
    StderrProgress,
    markdown_of,
    open_services,
    print_report,
    render_safely,
)
from mockloop.commands.sentences import sentence_lines
from mockloop.errors import UserError


def cmd_history(args) -> int:
    services = open_services(args)
    rows = services.store.list_rounds(
        role=args.role,
        round_id=args.round_id,
        status=args.status,
        query=args.search,
        limit=args.limit,
    )
    if args.json:
        emit_json([r.to_dict() for r in rows])
        return 0
    if not rows:
        if args.search:
            print(f"Nothing matches “{args.search}”.")
        elif args.role or args.round_id or args.status or args.limit == 0:
            print("No rounds match these filters.")
        else:
            print("No rounds yet.")
        return 0
    for r in rows:
        score = f"{r.hits}/{r.scored}" if r.scored else "  -"
        audio = f"{r.audio_s:5.0f}s" if r.audio_s else "     -"
        print(
            f"{r.id:5}  {r.started_at[:16].replace('T', ' ')}  {r.role:11} {r.round:17} "
            f"{r.status:11} {score:>5} {audio}"
        )
        if getattr(r, "snippet", None):
            print(f"       … {r.snippet} …")
    return 0


def cmd_show(args) -> int:
    services = open_services(args)
    row = services.store.get(args.id)
    data = services.store.report(args.id)
    if args.json:
        emit_json(data if data is not None else row.to_dict())
        return 0
    if data is None:
        name = f"Round {row.id} ({row.role} · {row.round})"
        error = (row.error or "").strip()
        print({
            "recording": f"{name} is still recording.",
            "interrupted": f"{name} was interrupted; `mockloop finish {row.id}` completes it.",
            "failed": f"{name} failed: {error}" + ("" if error.endswith((".", "!", "?")) else ".")
            if error else f"{name} failed.",
        }.get(row.status, f"{name} has no debrief yet."))
        return 0
    print_report(data, services)
    _print_key_sentences(data)
    return 0


def _print_key_sentences(data: dict) -> None:
    """After a debrief, your key sentences for its role: said (when) or not (worked out now
    from the transcript; the saved report is unchanged)."""
    from mockloop import key_sentences as ks

    results = ks.check_round(ks.load(), data.get("role"),
                             (data.get("transcript") or {}).get("words") or [])
    if results:
        print(f"\n## Key sentences ({ks.summary(results)})\n\n{sentence_lines(results)}")


def cmd_export(args) -> int:
    from mockloop.report import to_srt, to_vtt

    if args.all or args.bundle or args.id is None or args.format == "csv":
        return _export_bundle_or_all(args)
    services = open_services(args)
    services.store.get(args.id)
    data = services.store.report(args.id)
    if data is None:
        raise UserError(f"Round {args.id} has no report yet (finish it first).")
    if args.format == "json":
        out = render_safely(lambda d: json.dumps(d, ensure_ascii=False, indent=2, allow_nan=False)
                      + "\n", data)
    elif args.format == "srt":
        out = render_safely(to_srt, data)
    elif args.format == "vtt":
        out = render_safely(to_vtt, data)
    else:
        out = markdown_of(data, services)
    if args.output:
        from mockloop.exporting import write_export

        write_export(Path(args.output), out, data_dir=services.store.data_dir,
                     replace=args.force)
        print(f"Wrote {args.output}.", file=sys.stderr)
    else:
        from mockloop.exporting import write_stdout

        write_stdout(out)
    return 0


def _export_bundle_or_all(args) -> int:
    """`export --all --format csv|json [-o FILE]` and `export ID --bundle [-o FILE.zip]`."""
    from mockloop import exporting

    if args.all:
        if args.id is not None:
            raise UserError("Give a round ID or --all, not both.")
        if args.bundle:
            raise UserError("--bundle exports one round; leave out --all.")
        if args.format not in ("csv", "json"):
            raise UserError("With --all, choose --format csv or --format json.")
        services = open_services(args)
        render = exporting.history_csv if args.format == "csv" else exporting.history_json
        out = render(services.store)
        if args.output:
            exporting.write_export(Path(args.output), out, data_dir=services.store.data_dir,
                                   replace=args.force)
            print(f"Wrote {args.output}.", file=sys.stderr)
        else:
            exporting.write_stdout(out)
        return 0
    if args.id is None:
        raise UserError("Give the ID of the round to export (see `mockloop history`), "
                        "or --all for every round.")
    if not args.bundle:
        raise UserError("--format csv is for the whole history: add --all.")
    if args.format is not None:
        raise UserError("A mentor bundle holds every format; leave out --format.")
    from mockloop.bundles import bundle_name, write_bundle

    services = open_services(args)
    row = services.store.get(args.id)
    data = services.store.report(args.id)
    if data is None:
        raise UserError(f"Round {args.id} has no report yet (finish it first).")
    if data.get("id") is None:
        data = {**data, "id": args.id}
    target = Path(args.output) if args.output else Path(bundle_name(data, row.started_at))
    markdown = markdown_of(data, services)
    audio = row.audio_path if row.audio_path and Path(row.audio_path).is_file() else None
    render_safely(lambda d: exporting.write_export_with(
        target, lambda fh: write_bundle(fh, d, markdown=markdown, audio=audio,
                                        started_at=row.started_at, source=row.source),
        data_dir=services.store.data_dir, replace=args.force), data)
    what = "" if audio else " (this round has no recording)"
    print(f"Wrote {target}{what}.", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    """A typed answer, an audio file or a mentor bundle becomes a round (importing.py)."""
    from mockloop.importing import import_file, kind_of

    services = open_services(args)
    kind = kind_of(Path(args.file))
    done = import_file(services, args.file, role=args.role, round_id=args.round_id,
                       prompt_id=args.prompt,
                       progress=StderrProgress("Transcribing") if kind == "audio" else None)
    if args.json:
        emit_json(done.report)
    else:
        what = {"text": "typed answer", "audio": "recording", "bundle": "mentor bundle"}
        data = done.report
        print(f"Imported the {what[done.kind]} as round {done.id} ({data['role']} · "
              f"{data['round']}): {data.get('hits', 0)}/{data.get('scored', 0)} signals hit.")
    return 0


def cmd_edit(args) -> int:
    """Correct a saved round's transcript; re-score and save (see mockloop.edits)."""
    from mockloop.edits import find_phrase

    services = open_services(args)
    services.store.get(args.id)
    before = services.store.report(args.id)
    if before is None:
        raise UserError(f"Round {args.id} has no transcript to correct yet (finish it first).")
    if args.undo:
        report, said = services.undo_edit(args.id), "Took back the last correction"
    elif args.revert:
        report, said = services.revert_edits(args.id), "Restored the original transcript"
    else:
        if args.with_text is None:
            raise UserError("Say what was said instead: --with TEXT.")
        if not args.replace.split():
            raise UserError("--replace needs the words to correct.")
        places = find_phrase(services.saved_transcript(args.id), args.replace)
        if not places:
            raise UserError(f"“{args.replace}” is not in the transcript of round {args.id}.")
        if not args.all:
            places = places[:1]
        shift = 0  # each correction changes the word count before the next place
        for start, end in places:
            report = services.correct(args.id, start + shift, end + shift, args.with_text)
            shift += len(args.with_text.split()) - (end - start)
        n = len(places)
        said = (f"Replaced “{args.replace}” with “{' '.join(args.with_text.split())}” "
                f"({n} place{'s' if n != 1 else ''})")
    data = report.to_dict()
    if args.json:
        emit_json(data)
    else:
        print(f"Round {args.id}: {said}; {data['hits']}/{data['scored']} signals hit "
              f"(was {before.get('hits', 0)}/{before.get('scored', 0)}).")
    return 0


def cmd_delete(args) -> int:
    services = open_services(args)
    row = services.store.get(args.id)
    services.store.refuse_if_live(args.id, "deleted")
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("Refusing to delete without --yes when not at a terminal.")
        what = " and its recording" if services.store.owns_recording(row) else ""
        try:
            answer = input(f"Delete round {row.id} ({row.role} · {row.round}){what}? [y/N] ")
        except EOFError:
            answer = ""
            print()
        if answer.strip().lower() not in ("y", "yes"):
            print("Kept.")
            return 0
    done = services.store.delete(args.id)
    if done.audio_kept_because:
        print(f"Deleted round {args.id}; its audio {done.audio_path} was kept: "
              f"{done.audio_kept_because}.")
    else:
        print(f"Deleted round {args.id}.")
    return 0
