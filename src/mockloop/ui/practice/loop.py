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
    # (round index, history id) of the take that counts for each round done: a take with
    # speech (mockloop.scorecard.counts_as_loop_round); a retake replaces it.
    taken: tuple[tuple[int, int], ...] = ()

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

    def with_take(self, history_id: int) -> LoopPlan:
        """The current round was answered (with speech) as `history_id`."""
        kept = tuple(t for t in self.taken if t[0] != self.index)
        return replace(self, taken=(*kept, (self.index, history_id)))

    @property
    def take_ids(self) -> tuple[int, ...]:
        """The history ids of the rounds done, in loop order (the loop's scorecard)."""
        return tuple(hid for _, hid in sorted(self.taken))

    @property
    def answered(self) -> bool:
        """The current round has a take that counts (the loop may go on)."""
        return any(i == self.index for i, _ in self.taken)

    @property
    def done(self) -> bool:
        """The last round has a take that counts: the loop is over."""
        return not self.has_next and self.answered

    def advanced(self) -> LoopPlan:
        return replace(self, index=self.index + 1)

    @property
    def step_label(self) -> str:
        return f"Round {self.index + 1} of {len(self.rounds)}"
