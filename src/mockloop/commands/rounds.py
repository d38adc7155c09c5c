"""Commands that make or read a round: analyze, explain, practice, finish, rounds."""

from __future__ import annotations

import sys
from pathlib import Path

from mockloop.cli import emit_json
from mockloop.commands.common import (
    StderrProgress,
    answer_from,
    open_services,
    print_report,
)
from mockloop.errors import AudioError, UserError, shown_name


def cmd_analyze(args) -> int:
    services = open_services(args)
    services.rubric.role(args.role)
    services.rubric.round(args.round_id)
    if args.text is not None:
        report = services.analyze_text(
            args.role,
            args.round_id,
            answer_from(args.text),
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
        print_report(data, services)
        if report.id is not None:
            print(f"Saved as round {report.id}.", file=sys.stderr)
    return 0


def cmd_explain(args) -> int:
    """Each sentence unit and, per scored signal, which family fired on which cue and what
    vetoed one. Nothing is saved."""
    from mockloop.analysis.explain import explain, render

    services = open_services(args)
    role = services.rubric.role(args.role)
    round_ = services.rubric.round(args.round_id)
    if args.text is not None:
        from mockloop.transcript import Transcript

        transcript = Transcript.from_text(answer_from(args.text))
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

    services = open_services(args)
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
        print_report(data, services)
        print(f"Saved as round {report.id}.", file=sys.stderr)
    return 0


def cmd_finish(args) -> int:
    services = open_services(args)
    report = services.finish_round(args.id, progress=StderrProgress("Transcribing"))
    if args.json:
        emit_json(report.to_dict())
    else:
        print_report(report.to_dict(), services)
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
