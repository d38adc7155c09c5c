"""Commands that compound practice: progress, next, drill, followup, compare."""

from __future__ import annotations

import sys

from mockloop.cli import emit_json
from mockloop.commands.common import (
    open_services,
)
from mockloop.errors import UserError


def _progress_role(args, services) -> str:
    """--role, else the role used last (settings), else swe; checked against the rubric."""
    role = args.role or services.settings.last_role or "swe"
    services.rubric.role(role)
    return role


def cmd_progress(args) -> int:
    """Per signal of the role, its hit rate over time; per round, the delivery trend."""
    from mockloop.progress import progress, render

    services = open_services(args)
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

    services = open_services(args)
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

    services = open_services(args)
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

    services = open_services(args)
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

    services = open_services(args)
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
