"""Phrase families: the readable rules (kept as TOML data) that say how a signal is spoken.

Each signal's families live in resources/analysis/signals/<signal_id>.toml, in order (the first
family that fires on a sentence gives the evidence). A family has cue patterns (regexes over
normalised unit text, always whole tokens), optional act patterns that must also be present (the
thing done, not only named), and optional `unless` patterns that cancel it; `examples` and
`near_misses` are phrases that must and must not hit the signal (tests/analysis/
test_rule_examples.py checks them). Macros: {g3} is a gap of up to 3 words, {NAME} a vocab entry
or a [words] list (resources/analysis/vocab.toml). See resources/analysis/signals/README.md.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from mockloop.analysis.negation import negated
from mockloop.analysis.units import Unit

SIGNALS_DIR = "signals"  # under mockloop.resources/analysis: one <signal_id>.toml per signal
FAMILY_KEYS = frozenset({"name", "cue", "act", "unless", "neg", "act_window", "join",
                         "examples", "near_misses"})
_MACRO = re.compile(r"\{([A-Za-z_]+)(\d*)\}")


@dataclass(frozen=True)
class Family:
    signal: str
    name: str
    cues: tuple[re.Pattern, ...]
    act_src: tuple[str, ...] = ()  # compiled on first use: most answers never reach an act
    unless_src: tuple[str, ...] = ()
    neg: bool = True  # False when the cue itself is a deliberate "not" (restraint)
    act_window: int = 0  # how many following units the act may sit in
    join: int = 0  # read this many following units together with the cue's unit
    cue_src: tuple[str, ...] = ()  # the cue patterns as written (before macro expansion)
    examples: tuple[str, ...] = ()  # phrases that must hit the signal (through this family)
    near_misses: tuple[str, ...] = ()  # phrases that must not hit the signal
    index: int = 0  # position among the signal's families (names need not be unique)

    @property
    def acts(self) -> tuple[re.Pattern, ...]:
        return _compiled(self.act_src)

    @property
    def unless(self) -> tuple[re.Pattern, ...]:
        return _compiled(self.unless_src)


def _read(*parts: str) -> dict:
    data = files("mockloop.resources").joinpath("analysis", *parts).read_text(encoding="utf-8")
    return tomllib.loads(data)


def expand(pattern: str, vocab: dict[str, str]) -> str:
    """Replace {gN} gaps and {NAME} vocab macros (recursively) in a pattern."""
    def sub(m: re.Match) -> str:
        name, num = m.group(1), m.group(2)
        if name == "g" and num:
            # A gap never swallows a negator: "we chose X over Y" must not hide a "not".
            return rf"(?:(?!(?:not|no|never|without) )\S+ ){{0,{num}}}"
        key = name + num
        if key not in vocab:
            raise KeyError(f"unknown macro {{{key}}} in pattern {pattern!r}")
        return "(?:" + expand(vocab[key], vocab) + ")"
    return _MACRO.sub(sub, pattern)


def compile_pattern(pattern: str, vocab: dict[str, str]) -> re.Pattern:
    # Whole tokens only: a pattern never starts or ends inside a word.
    return re.compile(r"(?<!\S)(?:" + expand(pattern, vocab) + r")(?!\S)")


def words_alternation(entries: list[str]) -> str:
    """A [words] list as one alternation: longest entry first (ties keep their order), so a
    longer phrase is preferred to a word it starts with."""
    return "|".join(sorted(entries, key=len, reverse=True))


@cache
def vocab() -> dict[str, str]:
    """The macros: [vocab] entries (regexes) and [words] lists (alternations of fragments)."""
    data = _read("vocab.toml")
    out = dict(data.get("vocab", {}))
    for name, entries in data.get("words", {}).items():
        if name in out:
            raise ValueError(f"vocab.toml: {name} is both a [vocab] entry and a [words] list")
        if not isinstance(entries, list):
            raise ValueError(f"vocab.toml: [words] {name} is not a list (regexes go in [vocab])")
        if any(not e.strip() for e in entries):
            # An empty alternative lets {NAME} match nothing, so "hand it to {PERSON}" would
            # no longer need a person.
            raise ValueError(f"vocab.toml: [words] {name} has an empty entry")
        out[name] = words_alternation(entries)
    return out


@cache
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    voc = vocab()
    return tuple(compile_pattern(p, voc) for p in patterns)


@cache
def signal_ids() -> tuple[str, ...]:
    """The signals that have a rule file, sorted."""
    folder = files("mockloop.resources").joinpath("analysis", SIGNALS_DIR)
    return tuple(sorted(p.name.removesuffix(".toml") for p in folder.iterdir()
                        if p.name.endswith(".toml")))


def rule_file(signal_id: str) -> str:
    """The rule file of a signal, relative to resources/analysis."""
    return f"{SIGNALS_DIR}/{signal_id}.toml"


@cache
def raw_families(signal_id: str) -> tuple[dict, ...]:
    """One signal's family tables as read from its TOML file, in file order (none when the
    signal has no file)."""
    try:
        data = _read(SIGNALS_DIR, f"{signal_id}.toml")
    except FileNotFoundError:
        return ()
    out = []
    for n, raw in enumerate(data.get("family", []), 1):
        unknown = set(raw) - FAMILY_KEYS
        if unknown or "name" not in raw or "cue" not in raw:
            what = f"unknown keys {sorted(unknown)}" if unknown else "needs name and cue"
            raise ValueError(f"{rule_file(signal_id)}: family {n} ({raw.get('name')!r}): {what}")
        out.append(raw)
    return tuple(out)


@cache
def families_for(signal_id: str) -> tuple[Family, ...]:
    """The compiled families of one signal. Read and compiled on first use, so a round only
    pays for the signals it scores."""
    voc = vocab()
    return tuple(
        Family(
            signal=signal_id, name=raw["name"],
            cues=tuple(compile_pattern(p, voc) for p in raw["cue"]),
            act_src=tuple(raw.get("act", ())),
            unless_src=tuple(raw.get("unless", ())),
            neg=raw.get("neg", True), act_window=raw.get("act_window", 0),
            join=raw.get("join", 0), cue_src=tuple(raw["cue"]),
            examples=tuple(raw.get("examples", ())),
            near_misses=tuple(raw.get("near_misses", ())), index=k,
        )
        for k, raw in enumerate(raw_families(signal_id))
    )


def families() -> dict[str, tuple[Family, ...]]:
    """All phrase families, compiled, grouped by signal id (sorted)."""
    return {signal_id: families_for(signal_id) for signal_id in signal_ids()}


def _matches(pattern: re.Pattern, text: str):
    """Every match of `pattern`, trying each later token start after a match: a negated
    phrase ("can not parse the photos the customer gets ...") must not hide a clean one
    that starts inside it ("the customer gets the regular form")."""
    pos = 0
    while pos <= len(text):
        m = pattern.search(text, pos)
        if m is None:
            return
        yield m
        nxt = text.find(" ", m.start() + 1)
        if nxt < 0:
            return
        pos = nxt + 1


@dataclass(frozen=True)
class Veto:
    """A cue or act that matched but did not count, as seen by family_hits (for explain)."""
    kind: str  # "negation", "comma" (a short phrase split by a comma), "unless", "no act"
    part: str  # "cue", "act" or "unless"
    unit: int  # the unit index (of the first unit for a joined span)
    pattern: str  # the pattern as written
    text: str  # the matched text that was vetoed (or the text the unless matched)
    tokens: tuple[int, int] = (0, 0)  # the vetoed match's token range in the unit read


@dataclass
class Seen:
    """What family_hits saw while deciding one (family, unit): filled only when one is passed,
    so the detector itself pays nothing for it."""
    cue: tuple[str, str] | None = None  # (pattern as written, matched text) of the firing cue
    act: tuple[int, str, str] | None = None  # (unit index, pattern, matched text)
    vetoes: list[Veto] = field(default_factory=list)


def _clean_match(pattern: re.Pattern, unit: Unit, check_neg: bool,
                 seen: Seen | None = None, part: str = "", src: str = "",
                 at: int = 0) -> re.Match | None:
    """The first match of `pattern` in `unit` that counts: not a comma-split short phrase and
    (with check_neg) not denied by a negator. Vetoed matches are noted in `seen`."""
    for m in _matches(pattern, unit.text):
        if m.end() == m.start():
            continue
        lo, hi = unit.token_at(m.start()), unit.token_at(m.end() - 1) + 1
        # A short phrase is one unit of meaning: "was accepted, that request" is not
        # "accepted that".
        if hi - lo <= 3 and any(unit.tokens[k].comma_after for k in range(lo, hi - 1)):
            if seen is not None:
                seen.vetoes.append(Veto("comma", part, at, src, m.group(), (lo, hi)))
            continue
        if not check_neg or not negated(unit, lo, hi):
            return m
        if seen is not None:
            seen.vetoes.append(Veto("negation", part, at, src, m.group(), (lo, hi)))
    return None


def _first_clean(patterns: tuple[re.Pattern, ...], srcs: tuple[str, ...], unit: Unit,
                 check_neg: bool, seen: Seen | None, part: str, at: int) -> re.Match | None:
    """The clean match of the first pattern that has one (patterns tried in order)."""
    for k, pat in enumerate(patterns):
        m = _clean_match(pat, unit, check_neg, seen, part, srcs[k] if seen else "", at)
        if m is not None:
            if seen is not None:
                if part == "cue":
                    seen.cue = (srcs[k], m.group())
                else:
                    seen.act = (at, srcs[k], m.group())
            return m
    return None


def _cancelled(fam: Family, text: str, seen: Seen | None, at: int) -> bool:
    """Whether one of the family's `unless` patterns matches `text`."""
    for k, pat in enumerate(fam.unless):
        m = pat.search(text)
        if m is not None:
            if seen is not None:
                seen.vetoes.append(Veto("unless", "unless", at, fam.unless_src[k], m.group()))
            return True
    return False


def joined(units: list[Unit], i: int, extra: int) -> Unit:
    """Unit `i` read together with the next `extra` units, as one span."""
    parts = units[i:i + 1 + extra]
    if len(parts) == 1:
        return parts[0]
    tokens = tuple(t for u in parts for t in u.tokens)
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t.text) + 1
    return Unit(first=parts[0].first, last=parts[-1].last, tokens=tokens,
                text=" ".join(t.text for t in tokens), starts=tuple(starts))


def _starts_in(pattern: re.Pattern, unit: Unit, limit: int, check_neg: bool,
              seen: Seen | None = None, src: str = "", at: int = 0) -> re.Match | None:
    """A clean cue match that begins within the first `limit` characters (with check_neg
    False, as for `neg = false` families, a negator does not deny it)."""
    for m in _matches(pattern, unit.text):
        if m.start() >= limit:
            break
        lo, hi = unit.token_at(m.start()), unit.token_at(m.end() - 1) + 1
        if not check_neg or not negated(unit, lo, hi):
            return m
        if seen is not None:
            seen.vetoes.append(Veto("negation", "cue", at, src, m.group(), (lo, hi)))
    return None


def _clean_end(pattern: re.Pattern, unit: Unit, check_neg: bool,
               seen: Seen | None = None, src: str = "", at: int = 0) -> re.Match | None:
    """The first match of `pattern` in `unit` that no negator denies."""
    for m in _matches(pattern, unit.text):
        if m.end() == m.start():
            continue
        lo, hi = unit.token_at(m.start()), unit.token_at(m.end() - 1) + 1
        if not check_neg or not negated(unit, lo, hi):
            return m
        if seen is not None:
            seen.vetoes.append(Veto("negation", "act", at, src, m.group(), (lo, hi)))
    return None


def family_hits(fam: Family, units: list[Unit], i: int, seen: Seen | None = None) -> int | None:
    """The last unit index of family `fam` spoken from unit `i`, or None when it is not.

    The cue sits in unit `i` (read with the next `join` units when the family spans
    sentences); the act may sit in it or in the next `act_window` units. With `seen`, what
    matched and what vetoed it is recorded there (mockloop.analysis.explain).
    """
    if fam.join:
        return _join_hits(fam, units, i, seen)
    unit = units[i]
    if _first_clean(fam.cues, fam.cue_src, unit, fam.neg, seen, "cue", i) is None:
        return None
    if _cancelled(fam, unit.text, seen, i):
        return None
    if not fam.acts:
        return i
    for j in range(i, min(len(units), i + 1 + fam.act_window)):
        if j > i and _cancelled(fam, units[j].text, seen, j):
            return None  # the sentence the act sits in takes it back
        if _first_clean(fam.acts, fam.act_src, units[j], fam.neg, seen, "act", j) is not None:
            return j
    if seen is not None:
        seen.vetoes.append(Veto("no act", "act", i, "", ""))
    return None


def _join_hits(fam: Family, units: list[Unit], i: int, seen: Seen | None) -> int | None:
    unit = joined(units, i, fam.join)
    srcs = fam.cue_src if seen is not None else ("",) * len(fam.cues)
    cues = [_starts_in(p, unit, len(units[i].text), fam.neg, seen, srcs[k], i)
            for k, p in enumerate(fam.cues)]
    found = [(m.end(), -k) for k, m in enumerate(cues) if m is not None]
    if not found:
        return None
    end, k = max(found)
    if seen is not None:
        cue = cues[-k]
        assert cue is not None  # k was taken from the matches found
        seen.cue = (fam.cue_src[-k], cue.group())
    if _cancelled(fam, unit.text, seen, i):
        return None
    if fam.acts:
        asrcs = fam.act_src if seen is not None else ("",) * len(fam.acts)
        acts = [_clean_end(p, unit, fam.neg, seen, asrcs[k], i) for k, p in enumerate(fam.acts)]
        act_found = [(m.end(), k) for k, m in enumerate(acts) if m is not None]
        if not act_found:
            if seen is not None:
                seen.vetoes.append(Veto("no act", "act", i, "", ""))
            return None
        act_end, k = min(act_found)
        if seen is not None:
            act = acts[k]
            assert act is not None  # k was taken from the matches found
            seen.act = (i, fam.act_src[k], act.group())
        end = max(end, act_end)
    # The evidence runs to the sentence where the last matched word sits.
    used, pos = i, len(units[i].text)
    while used + 1 < len(units) and used < i + fam.join and end > pos:
        used += 1
        pos += 1 + len(units[used].text)
    return used
