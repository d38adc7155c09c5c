"""What each `mockloop` command does; cli.py parses, this module acts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mockloop.cli import emit_json
from mockloop.errors import AudioError, UserError, shown_name


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


def _services(args, *, need_model_dir: bool = False):
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


def _read_text(spec: str) -> str:
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


def _render(render, data: dict, *args):
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


def _markdown(data: dict, services) -> str:
    from mockloop.exporting import named_heading
    from mockloop.report import to_markdown

    sig = services.rubric.signals
    return _render(to_markdown, data, {k: v.name for k, v in sig.items()},
                   {k: v.suggestion for k, v in sig.items()},
                   named_heading(data, services.rubric))


def _print_report(data: dict, services) -> None:
    print(_markdown(data, services))


def cmd_analyze(args) -> int:
    services = _services(args)
    services.rubric.role(args.role)
    services.rubric.round(args.round_id)
    if args.text is not None:
        report = services.analyze_text(
            args.role,
            args.round_id,
            _read_text(args.text),
            save=not args.no_save,
            prompt_id=args.prompt,
        )
    else:
        if not args.audio:
            raise UserError("Give an audio file or --text FILE.")
        if not Path(args.audio).exists():  # a pipe exists too: `analyze <(cat a.wav)`
            raise AudioError(f"No such audio file: {shown_name(args.audio)}")
        report = services.analyze_audio(
            args.role,
            args.round_id,
            args.audio,
            save=not args.no_save,
            prompt_id=args.prompt,
            progress=StderrProgress("Transcribing"),
        )
    data = report.to_dict()
    if args.json:
        emit_json(data)
    else:
        _print_report(data, services)
        if report.id is not None:
            print(f"Saved as round {report.id}.", file=sys.stderr)
    return 0


def cmd_explain(args) -> int:
    """Each sentence unit and, per scored signal, which family fired on which cue and what
    vetoed one. Nothing is saved."""
    from mockloop.analysis.explain import explain, render

    services = _services(args)
    role = services.rubric.role(args.role)
    round_ = services.rubric.round(args.round_id)
    if args.text is not None:
        from mockloop.transcript import Transcript

        transcript = Transcript.from_text(_read_text(args.text))
    else:
        if not args.audio:
            raise UserError("Give an audio file or --text FILE.")
        if not Path(args.audio).exists():
            raise AudioError(f"No such audio file: {shown_name(args.audio)}")
        from mockloop.audio import load_audio

        transcript = services.speech_model().transcribe(
            load_audio(args.audio), progress=StderrProgress("Transcribing"),
            vocabulary=round_.vocabulary)
    result = explain(transcript, round_, role)
    if args.json:
        emit_json(result.to_dict())
    else:
        sys.stdout.write(render(result))
    return 0


def cmd_practice(args) -> int:
    from mockloop.flows import hard_stop_s, record_until_stop
    from mockloop.session import LiveRound

    if not args.headless:  # the launcher opens the window for this; reached only via cli.main
        raise UserError(
            "Add --headless to practise without the window, or run `mockloop` to open the app."
        )
    from mockloop.audio import resolve_device
    from mockloop.errors import DeviceError

    services = _services(args)
    live = LiveRound(services, args.role, args.round_id, prompt_id=args.prompt, device=args.device)
    # The window's rule (flows.timing): the round's length and overtime, or --duration.
    duration = hard_stop_s(live.round, services.settings, args.duration)
    # Check the microphone before anything is printed or loaded: bad input is one line.
    if resolve_device(live.device) is None:
        raise DeviceError(
            "No microphone was found: connect one and check that the system can see it."
        )
    print(f"Prompt: {live.prompt.text}", file=sys.stderr)
    print("Loading the speech model…", file=sys.stderr)
    live.start()
    print(f"Recording for {duration:.0f} s (Ctrl+C stops early)…", file=sys.stderr)
    try:
        record_until_stop(live, duration=args.duration)
    except KeyboardInterrupt:
        print("Stopped early.", file=sys.stderr)
    report = live.stop(progress=StderrProgress("Finishing the transcript"))
    for note in report.notes:
        print(f"mockloop: {note}", file=sys.stderr)
    data = report.to_dict()
    if args.json:
        emit_json(data)
    else:
        _print_report(data, services)
        print(f"Saved as round {report.id}.", file=sys.stderr)
    return 0


def cmd_finish(args) -> int:
    services = _services(args)
    report = services.finish_round(args.id, progress=StderrProgress("Transcribing"))
    if args.json:
        emit_json(report.to_dict())
    else:
        _print_report(report.to_dict(), services)
    return 0


def cmd_rounds(args) -> int:
    from mockloop import paths
    from mockloop.rubric import get_rubric, validate_user_rubric

    rubric = get_rubric()
    if args.check:
        problems = validate_user_rubric(paths.user_rubric_path())
        for problem in problems:
            print(problem)
        if not problems:
            print(f"{paths.user_rubric_path()}: fine (or absent).")
        return 2 if problems else 0
    if args.json:
        emit_json(
            {
                "roles": [
                    {"id": r.id, "name": r.name, "lens": r.lens, "loop": list(r.loop)}
                    for r in rubric.roles.values()
                ],
                "rounds": [
                    {
                        "id": r.id,
                        "title": r.title,
                        "length_s": r.length_s,
                        "expected_lens": r.expected_lens,
                        "signals": list(r.signals),
                        "prompts": [{"id": p.id, "text": p.text} for p in r.prompts],
                    }
                    for r in rubric.rounds.values()
                ],
            }
        )
        return 0
    for role in rubric.roles.values():
        print(
            f"{role.id:12} {role.name} (listens for the {role.lens} lens): " + " → ".join(role.loop)
        )
    print()
    for rnd in rubric.rounds.values():
        m, s = divmod(int(rnd.length_s), 60)
        print(f"{rnd.id:17} {rnd.title} ({m}:{s:02d}) — scores: {', '.join(rnd.signals)}")
        for p in rnd.prompts:
            print(f"    {p.id}: {p.text}")
    for w in rubric.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return 0


def cmd_history(args) -> int:
    services = _services(args)
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
    services = _services(args)
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
    _print_report(data, services)
    _print_key_sentences(data)
    return 0


def _print_key_sentences(data: dict) -> None:
    """After a debrief, your key sentences for its role: said (when) or not (worked out now
    from the transcript; the saved report is unchanged)."""
    from mockloop import key_sentences as ks

    results = ks.check_round(ks.load(), data.get("role"),
                             (data.get("transcript") or {}).get("words") or [])
    if results:
        print(f"\n## Key sentences ({ks.summary(results)})\n\n{_sentence_lines(results)}")


def cmd_export(args) -> int:
    from mockloop.report import to_srt, to_vtt

    if args.all or args.bundle or args.id is None or args.format == "csv":
        return _export_bundle_or_all(args)
    services = _services(args)
    services.store.get(args.id)
    data = services.store.report(args.id)
    if data is None:
        raise UserError(f"Round {args.id} has no report yet (finish it first).")
    if args.format == "json":
        out = _render(lambda d: json.dumps(d, ensure_ascii=False, indent=2, allow_nan=False)
                      + "\n", data)
    elif args.format == "srt":
        out = _render(to_srt, data)
    elif args.format == "vtt":
        out = _render(to_vtt, data)
    else:
        out = _markdown(data, services)
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
        services = _services(args)
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

    services = _services(args)
    row = services.store.get(args.id)
    data = services.store.report(args.id)
    if data is None:
        raise UserError(f"Round {args.id} has no report yet (finish it first).")
    if data.get("id") is None:
        data = {**data, "id": args.id}
    target = Path(args.output) if args.output else Path(bundle_name(data, row.started_at))
    markdown = _markdown(data, services)
    audio = row.audio_path if row.audio_path and Path(row.audio_path).is_file() else None
    _render(lambda d: exporting.write_export_with(
        target, lambda fh: write_bundle(fh, d, markdown=markdown, audio=audio,
                                        started_at=row.started_at, source=row.source),
        data_dir=services.store.data_dir, replace=args.force), data)
    what = "" if audio else " (this round has no recording)"
    print(f"Wrote {target}{what}.", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    """A typed answer, an audio file or a mentor bundle becomes a round (importing.py)."""
    from mockloop.importing import import_file, kind_of

    services = _services(args)
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

    services = _services(args)
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
    services = _services(args)
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


def _progress_role(args, services) -> str:
    """--role, else the role used last (settings), else swe; checked against the rubric."""
    role = args.role or services.settings.last_role or "swe"
    services.rubric.role(role)
    return role


def cmd_progress(args) -> int:
    """Per signal of the role, its hit rate over time; per round, the delivery trend."""
    from mockloop.progress import progress, render

    services = _services(args)
    result = progress(services.store, services.rubric, _progress_role(args, services),
                      since=args.since)
    if args.json:
        emit_json(result.to_dict())
    else:
        sys.stdout.write(render(result, services.rubric))
    return 0


def cmd_next(args) -> int:
    """The suggested next round and prompt for the role, and why (spaced repetition)."""
    from datetime import date

    from mockloop.next_round import suggest

    services = _services(args)
    result = suggest(services.store, services.rubric, _progress_role(args, services),
                     date.today())
    if args.json:
        emit_json(result.to_dict())
        return 0
    m, s = divmod(int(result.length_s), 60)
    print(f"Next: {result.round} — {result.round_title} ({m}:{s:02d})")
    print(f"Prompt ({result.prompt_id}): {result.prompt_text}")
    print(f"Why: {result.why}")
    print(f"Start it: mockloop practice --headless --role {result.role} --round "
          f"{result.round} --prompt {result.prompt_id}")
    return 0


def cmd_drill(args) -> int:
    """A three-framings drill (docs/drills.md), by its first take's id: each take's lens
    shares and checklist, and whether it landed on the lens it was framed on."""
    from mockloop.drills import load_drill

    services = _services(args)
    drill = load_drill(services.store, services.rubric, args.id)
    if args.json:
        emit_json(drill.to_dict())
        return 0
    print(f"Three framings drill · round {drill.first_id}")
    if drill.prompt_text:
        print(f"Story: {drill.prompt_text}")
    print(drill.headline)
    for take in drill.takes:
        print()
        where = f" · round {take.history_id}" if take.taken else ""
        print(f"{take.framing.title}{where}")
        if take.taken:
            shares = "  ".join(f"{k} {round(100 * v)}%" for k, v in take.shares.items())
            print(f"  Lens: {shares}")
            print("  Checklist: " + ", ".join(("✓ " if c.hit else "– ") + c.name
                                            for c in take.checklist))
        print(f"  {take.verdict}")
    if drill.checklist_notes:
        print()
        for note in drill.checklist_notes:
            print(note)
    return 0


def cmd_followup(args) -> int:
    """The follow-up questions for a design round, or what a follow-up round recovered."""
    from mockloop.followup import describe

    services = _services(args)
    result = describe(services.store, services.rubric, args.id)
    if args.json:
        emit_json(result)
        return 0
    names = {k: v.name for k, v in services.rubric.signals.items()}
    if result["kind"] == "recovery":
        rec = result["recovery"]
        got, missed = rec["recovered"], rec["missed"]
        print(f"Round {args.id} follows round {result['follows']} ({rec['design_round']}), "
              f"which missed {len(missed)} signal{'s' if len(missed) != 1 else ''}.")
        if not missed:
            print("Nothing to recover: that round hit every signal.")
        elif not got:
            print("This follow-up recovered none of them.")
        else:
            print(f"Recovered {len(got)} of {len(missed)}:")
            for r in got:
                print(f"  + {r['name']}: \u201c{r['evidence']}\u201d")
        for sid in rec["still_missed"]:
            print(f"  - still missing: {names.get(sid, sid)}")
        return 0
    questions = result["questions"]
    print(f"Follow-up for round {args.id}: answer it in the {result['followup_round']} round.")
    for i, q in enumerate(questions, 1):
        about = f" ({q['name']})" if q["signal"] else ""
        print(f"{i}. {q['text']}{about}")
    if questions[0]["signal"]:
        then = result["prompt"]["text"][len(questions[0]["text"]):].strip()
        print(f"The first one is asked, then: {then}")
    if result["answered"]:
        shown = ", ".join(f"#{i}" for i in result["answered"])
        print(f"Answered in round{'s' if len(result['answered']) > 1 else ''} {shown}; "
              f"`mockloop followup {result['answered'][0]}` shows what it recovered.")
    return 0


def cmd_compare(args) -> int:
    """A take beside the previous take of its prompt, or beside ID2 (docs/takes.md)."""
    from mockloop.takes import TakeComparison, compare_ids, compare_with_previous, render

    services = _services(args)
    result: TakeComparison | None
    if args.id2 is not None:
        result = compare_ids(services.store, services.rubric, args.id, args.id2)
    else:
        result = compare_with_previous(services.store, services.rubric, args.id)
        if result is None:
            services.store.get(args.id)  # "There is no round N" first
            raise UserError(f"Round {args.id} has no earlier take of the same prompt with "
                            "speech to compare with; give a second round: "
                            f"`mockloop compare {args.id} ID2`.")
    if args.json:
        emit_json(result.to_dict())
    else:
        sys.stdout.write(render(result))
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


def cmd_sentences(args) -> int:
    """Your key sentences: list, add TEXT [--role R], remove N, check ID (docs/key-sentences.md)."""
    from mockloop import key_sentences as ks
    from mockloop.rubric import get_rubric

    value = " ".join(args.value).strip()
    if args.action == "check":
        return _check_sentences(args, value)
    if args.role is not None:
        get_rubric().role(args.role)  # an unknown role is refused, naming the known ones
    if args.action == "add":
        book = ks.add(value, args.role)
        if not args.json:
            print(f"Saved as key sentence {len(book.sentences)}.")
    elif args.action == "remove":
        if not value.isdigit():
            raise UserError("Give the number of the sentence to remove "
                            "(see `mockloop sentences list`).")
        book, gone = ks.remove(int(value))
        if not args.json:
            print(f"Removed “{gone.text}”.")
    else:
        if value:
            raise UserError("`mockloop sentences list` takes no words; to save a sentence, "
                            "use `mockloop sentences add TEXT`.")
        book = ks.load()
    for warning in book.warnings:
        print(f"mockloop: {warning}", file=sys.stderr)
    shown = [(n, s) for n, s in enumerate(book.sentences, 1)
             if args.action != "list" or args.role is None or s.applies_to(args.role)]
    if args.json:
        emit_json([{"number": n, "text": s.text, "role": s.role} for n, s in shown])
    elif args.action == "list":
        if not shown:
            print("No key sentences yet; save one with `mockloop sentences add TEXT`.")
        for n, s in shown:
            print(f"{n:3}  {s.text}" + (f"  ({s.role})" if s.role else ""))
    return 0


def _check_sentences(args, value: str) -> int:
    from mockloop import key_sentences as ks

    if not value.isdigit():
        raise UserError("Give the round's number: `mockloop sentences check ID` "
                        "(see `mockloop history`).")
    services = _services(args)
    row = services.store.get(int(value))
    data = services.store.report(row.id)
    if data is None:
        raise UserError(f"Round {row.id} has no report yet (finish it first).")
    words = (data.get("transcript") or {}).get("words") or []
    book = ks.load()
    for warning in book.warnings:
        print(f"mockloop: {warning}", file=sys.stderr)
    results = ks.check_round(book, data.get("role"), words)
    if args.json:
        emit_json([r.to_dict() for r in results])
    else:
        print(_sentence_lines(results) or f"No key sentences apply to round {row.id}'s role.")
    return 0


def _sentence_lines(results) -> str:
    """The key sentences a round said and did not, as the debrief's card lists them."""
    from mockloop.key_sentences import said_line

    return "\n".join(f"- {'✓' if r.said else '–'} “{r.sentence.text}”: {said_line(r)}"
                     for r in results)
