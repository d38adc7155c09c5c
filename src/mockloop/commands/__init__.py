"""What each `mockloop` command does; cli.py parses, these modules act (one per group of
commands). cli.py calls `cmd_<command>` from here."""

from __future__ import annotations

from mockloop.commands.coaching import cmd_compare, cmd_drill, cmd_followup, cmd_next, cmd_progress
from mockloop.commands.history import (
    cmd_delete,
    cmd_edit,
    cmd_export,
    cmd_history,
    cmd_import,
    cmd_show,
)
from mockloop.commands.models import cmd_devices, cmd_models
from mockloop.commands.rounds import cmd_analyze, cmd_explain, cmd_finish, cmd_practice, cmd_rounds
from mockloop.commands.sentences import cmd_sentences

__all__ = [
    "cmd_analyze", "cmd_compare", "cmd_delete", "cmd_devices", "cmd_drill", "cmd_edit",
    "cmd_explain", "cmd_export", "cmd_finish", "cmd_followup", "cmd_history", "cmd_import",
    "cmd_models", "cmd_next", "cmd_practice", "cmd_progress", "cmd_rounds", "cmd_sentences",
    "cmd_show",
]
