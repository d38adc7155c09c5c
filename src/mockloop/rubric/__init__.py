"""Roles, lenses, rounds, prompts and signals: the interview rubric, loaded from TOML.

Use `get_rubric()` (cached, follows the user's rubric.toml) or `load_rubric(path)`.
"""

from mockloop.rubric.coaching import Coaching, SignalCoaching, TryExample, get_coaching
from mockloop.rubric.loader import USER_FILE, get_rubric, load_rubric, validate_user_rubric
from mockloop.rubric.model import (
    LENSES,
    Checkpoint,
    Lens,
    Prompt,
    Role,
    Round,
    Rubric,
    SignalDef,
)

__all__ = [
    "LENSES",
    "USER_FILE",
    "Checkpoint",
    "Coaching",
    "Lens",
    "Prompt",
    "Role",
    "Round",
    "Rubric",
    "SignalCoaching",
    "SignalDef",
    "TryExample",
    "get_coaching",
    "get_rubric",
    "load_rubric",
    "validate_user_rubric",
]
