"""Typed, frozen rubric objects: roles, lenses, rounds, prompts and signals.

The content lives in TOML under resources/ (and optionally the user's rubric.toml);
`mockloop.rubric.load_rubric()` builds these objects and validates them.
"""

from __future__ import annotations

from dataclasses import dataclass

LENSES = ("product", "model", "system")


@dataclass(frozen=True)
class Lens:
    id: str  # one of LENSES
    name: str
    covers: str


@dataclass(frozen=True)
class Role:
    id: str  # "ai-engineer" | "mle" | "swe"
    name: str
    lens: str  # the role's center of gravity
    loop: tuple[str, ...]  # default round ids, in order
    blurb: str = ""


@dataclass(frozen=True)
class SignalDef:
    id: str
    name: str  # short label shown in the checklist
    description: str  # what the interviewer listens for (our wording)
    suggestion: str  # what saying it could sound like, shown for a miss
    group: str = "shared"  # shared | ai-engineer | mle | swe | comp


@dataclass(frozen=True)
class Prompt:
    id: str  # "<round id>/<key>", e.g. "story-90/launch-call"
    text: str
    builtin: bool = True
    title: str = ""  # short label for pickers; empty for prompts without one

    @property
    def key(self) -> str:
        """The part of the id after the round id ("launch-call")."""
        return self.id.rpartition("/")[2]


CHECKPOINT_WINDOWS = ("by", "end")


@dataclass(frozen=True)
class Checkpoint:
    at_s: float  # seconds from the start
    label: str  # the names of the signals it checks ("Shaping constraint")
    signals: tuple[str, ...] = ()  # signals expected by this time
    # "by": the signals should be out by at_s. "end": they belong to the final stretch, which
    # starts at at_s and runs to the end of the round (the last 20 s of a 90 s story).
    window: str = "by"
    names: tuple[str, ...] = ()  # the signals' names, in the order of `signals`

    def name_of(self, signal_id: str) -> str:
        """The name of one of this checkpoint's signals (its id when names are not known)."""
        if signal_id in self.signals and len(self.names) == len(self.signals):
            return self.names[self.signals.index(signal_id)]
        return signal_id


@dataclass(frozen=True)
class Round:
    id: str
    title: str
    length_s: float
    expected_lens: str | None  # a lens id, "role" (the role's lens), or None
    signals: tuple[str, ...]  # scored signal ids, in rubric order
    prompts: tuple[Prompt, ...]
    checkpoints: tuple[Checkpoint, ...] = ()
    amber_at_s: float = 0.0  # timing light turns amber at this elapsed time
    red_at_s: float = 0.0  # ...and red here
    overtime_s: float = 15.0  # allowance after length_s before the round stops itself
    summary: str = ""
    builtin: bool = True  # False for rounds from the user's rubric.toml
    # Words the recogniser should expect in this round ("Postgres", "p99", "RSUs"): given to
    # it as context, so rare technical terms are not heard as everyday words.
    vocabulary: tuple[str, ...] = ()

    def light(self, elapsed_s: float) -> str:
        """Timing-light colour at this elapsed time: "green", "amber", "red" or "over"."""
        if elapsed_s >= self.length_s:
            return "over"
        if elapsed_s >= self.red_at_s:
            return "red"
        if elapsed_s >= self.amber_at_s:
            return "amber"
        return "green"

    def lens_for(self, role: Role) -> str | None:
        """The lens this round expects from this role."""
        if self.expected_lens == "role":
            return role.lens
        return self.expected_lens

    def prompt(self, prompt_id: str | None) -> Prompt:
        """The prompt with this id (full "round/key" or just the key); the first for None."""
        if prompt_id is None:
            return self.prompts[0]
        for p in self.prompts:
            if prompt_id in (p.id, p.key):
                return p
        from mockloop.errors import NotFoundError

        known = ", ".join(p.id for p in self.prompts)
        raise NotFoundError(f"Round '{self.id}' has no prompt '{prompt_id}' (known: {known}).")


@dataclass(frozen=True)
class Rubric:
    roles: dict[str, Role]
    lenses: dict[str, Lens]
    signals: dict[str, SignalDef]
    rounds: dict[str, Round]
    warnings: tuple[str, ...] = ()  # problems in user files that were skipped

    def role(self, role_id: str) -> Role:
        try:
            return self.roles[role_id]
        except KeyError:
            from mockloop.errors import NotFoundError

            known = ", ".join(self.roles)
            raise NotFoundError(f"Unknown role '{role_id}' (choose one of: {known}).") from None

    def signal(self, signal_id: str) -> SignalDef:
        try:
            return self.signals[signal_id]
        except KeyError:
            from mockloop.errors import NotFoundError

            raise NotFoundError(f"Unknown signal '{signal_id}'.") from None

    def signals_of(self, round_id: str) -> tuple[SignalDef, ...]:
        """The definitions of the signals a round scores, in rubric order."""
        return tuple(self.signals[s] for s in self.round(round_id).signals)

    def loop(self, role_id: str) -> tuple[Round, ...]:
        """The rounds of a role's default full-loop practice, in order."""
        return tuple(self.rounds[r] for r in self.role(role_id).loop)

    def round(self, round_id: str) -> Round:
        try:
            return self.rounds[round_id]
        except KeyError:
            from mockloop.errors import NotFoundError

            known = ", ".join(self.rounds)
            raise NotFoundError(f"Unknown round '{round_id}' (choose one of: {known}).") from None
