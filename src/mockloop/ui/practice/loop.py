"""Where the user is in a full-loop practice: the role's rounds in order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from mockloop.session import RoundRequest


@dataclass(frozen=True)
class LoopPlan:
    role_id: str
    rounds: tuple[str, ...]
    index: int = 0  # the round being (or about to be) practised

    @classmethod
    def starting_at(cls, role_id: str, rounds: Sequence[str],
                    request: RoundRequest) -> LoopPlan | None:
        """The role's loop from the requested round on; None for a round outside the loop
        (practised on its own)."""
        rounds = tuple(rounds)
        if request.round_id not in rounds:
            return None
        return cls(role_id, rounds, rounds.index(request.round_id))

    def covers(self, request: RoundRequest) -> bool:
        """The request is this loop's current round (whatever its prompt)."""
        return self.role_id == request.role_id and self.round_id == request.round_id

    @property
    def round_id(self) -> str:
        return self.rounds[self.index]

    @property
    def has_next(self) -> bool:
        return self.index + 1 < len(self.rounds)

    def advanced(self) -> LoopPlan:
        return replace(self, index=self.index + 1)

    @property
    def step_label(self) -> str:
        return f"Round {self.index + 1} of {len(self.rounds)}"
