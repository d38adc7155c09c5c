"""The key-sentences command: keep, list and check the sentences you want to say."""

from __future__ import annotations

import sys

from mockloop.cli import emit_json
from mockloop.commands.common import (
    open_services,
)
from mockloop.errors import UserError


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
    services = open_services(args)
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
        print(sentence_lines(results) or f"No key sentences apply to round {row.id}'s role.")
    return 0


def sentence_lines(results) -> str:
    """The key sentences a round said and did not, as the debrief's card lists them."""
    from mockloop.key_sentences import said_line

    return "\n".join(f"- {'✓' if r.said else '–'} “{r.sentence.text}”: {said_line(r)}"
                     for r in results)
