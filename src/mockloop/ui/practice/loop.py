"""Where the user is in a full-loop practice: the role's rounds in order."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class LoopPlan:
    role_id: str
    rounds: tuple[str, ...]
    index: int = 0  # the round being (or about to be) practised

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
