"""Progress over the history, per role: each signal's hit rate over time, the delivery trend
of each round (time used against its length, pace, fillers per minute) and rounds per week.

Qt-free, for `mockloop progress` and the app's Progress page. Only complete rounds count, and
a take with no speech (an empty transcript) does not. The whole history of a role is read
with two SQL queries (signal results joined with rounds, and the rounds' delivery columns),
never one report at a time, so a history of thousands of rounds is summarised in well under
a second (benchmarks/bench_progress.py).

The recent rate of a signal is an exponentially weighted rate over its attempts: the newest
attempt weighs 1, the one before 2^(-1/5), and so on, so an attempt HALF_LIFE (5) attempts
back weighs half as much as the newest. It moves after a few rounds and forgets a bad
start; `rate` next to it is the plain share of all attempts. The JSON shape is in
docs/progress.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from mockloop.rubric.model import Rubric

HALF_LIFE = 5.0  # attempts of a signal after which an attempt's weight has halved
DECAY = 0.5 ** (1.0 / HALF_LIFE)
RECENT_N = 5  # "recent" delivery means and "last N" hit counts use this many
NO_ROUNDS_HINT = "No rounds yet: run `mockloop practice …` or practise in the app."


# -- reading the history -------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    """One scored signal of one round."""

    history_id: int
    round: str
    at: str  # started_at, ISO-8601 UTC
    day: date  # the local date it was done
    hit: bool


@dataclass(frozen=True)
class RoundTake:
    """One complete round with speech, with its delivery columns."""

    id: int
    round: str
    prompt_id: str | None
    at: str
    day: date
    hits: int
    scored: int
    duration_s: float | None
    wpm: float | None
    fillers_per_minute: float | None


@dataclass(frozen=True)
class History:
    """A role's complete rounds with speech, oldest first, and each signal's attempts."""

    role: str
    takes: tuple[RoundTake, ...]
    attempts: dict[str, list[Attempt]]  # signal id -> attempts, oldest first

    @property
    def empty(self) -> bool:
        return not self.takes


def since_bound(since: date | None) -> str | None:
    """The started_at (UTC, as stored) that local midnight of `since` is, for comparing."""
    if since is None:
        return None
    local = datetime.combine(since, time()).astimezone()
    return local.astimezone(UTC).isoformat(timespec="milliseconds")


# Complete, with speech: a no-speech take stores an empty transcript (Transcript.no_speech is
# "no words and no text"). Not a take of the three-framings drill: each is told through one lens
# on purpose, so the story round's checklist is not what it practises (a follow-up is counted:
# it is a failure-followup round answered for real).
_COUNTED = ("r.role = ? AND r.status = 'complete' AND trim(coalesce(r.transcript, '')) != ''"
            " AND coalesce(r.kind, '') NOT LIKE 'framing-%'")


def load_history(store, role: str, *, since: date | None = None) -> History:
    """Two queries: the rounds (delivery columns) and their signal results, oldest first."""
    where, params = _COUNTED, [role]
    bound = since_bound(since)
    if bound is not None:
        where += " AND r.started_at >= ?"
        params.append(bound)
    rounds_sql = (
        "SELECT r.id, r.round, r.prompt_id, r.started_at, r.hits, r.scored, r.duration_s, "
        f"r.wpm, r.fillers_per_minute FROM rounds r WHERE {where} "
        "ORDER BY r.started_at, r.id"
    )
    signals_sql = (
        "SELECT s.round_id, s.signal_id, s.hit FROM signal_results s "
        f"JOIN rounds r ON r.id = s.round_id WHERE {where} ORDER BY r.started_at, r.id"
    )
    with store._reading():  # the Store's lock: its one connection is shared between threads
        conn = store.db.conn
        round_rows = conn.execute(rounds_sql, params).fetchall()
        signal_rows = conn.execute(signals_sql, params).fetchall()
    takes: dict[int, RoundTake] = {}
    for rid, rnd, prompt_id, at, hits, scored, dur, wpm, fpm in round_rows:
        takes[rid] = RoundTake(rid, rnd, prompt_id, at, _local_day(at), hits or 0, scored or 0,
                               dur, wpm, fpm)
    attempts: dict[str, list[Attempt]] = {}
    for rid, signal_id, hit in signal_rows:
        take = takes.get(rid)
        if take is None:  # written between the two queries
            continue
        attempts.setdefault(signal_id, []).append(
            Attempt(rid, take.round, take.at, take.day, bool(hit)))
    return History(role, tuple(takes.values()), attempts)


def _local_day(at: str) -> date:
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return date.fromisoformat(at[:10])
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()


def role_signals(rubric: Rubric, role: str, seen: Iterable[str] = ()) -> list[str]:
    """The signals the role's loop scores, in loop and rubric order, then any other signal
    the role's history holds (a round practised outside the loop), sorted."""
    out: list[str] = []
    for rnd in rubric.loop(role):
        out.extend(s for s in rnd.signals if s not in out)
    out.extend(sorted(set(seen) - set(out)))
    return out


def rounds_scoring(rubric: Rubric, signal_id: str) -> list[str]:
    return [r.id for r in rubric.rounds.values() if signal_id in r.signals]


def weighted_rate(hits: Iterable[bool]) -> float | None:
    """The recency-weighted hit rate of attempts given oldest first (None for none)."""
    num = den = 0.0
    for hit in hits:
        num = num * DECAY + (1.0 if hit else 0.0)
        den = den * DECAY + 1.0
    return num / den if den else None


# -- the summary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SignalPoint:
    at: str
    date: str
    history_id: int
    round: str
    hit: bool
    recent_rate: float  # the weighted rate after this attempt

    def to_dict(self) -> dict:
        return {"at": self.at, "date": self.date, "round_id": self.history_id,
                "round": self.round, "hit": self.hit, "recent_rate": round(self.recent_rate, 4)}


@dataclass(frozen=True)
class SignalProgress:
    id: str
    name: str
    rounds: tuple[str, ...]  # the rounds of the rubric that score it
    attempts: int
    hits: int
    recent_rate: float | None  # weighted, see HALF_LIFE
    last_hits: int  # hits among the last RECENT_N attempts
    last_n: int  # how many attempts that is (RECENT_N or fewer)
    streak: int  # consecutive hits (> 0) or misses (< 0) at the end
    points: tuple[SignalPoint, ...] = ()

    @property
    def rate(self) -> float | None:
        return self.hits / self.attempts if self.attempts else None

    def to_dict(self) -> dict:
        return {
            "id": self.id, "name": self.name, "rounds": list(self.rounds),
            "attempts": self.attempts, "hits": self.hits, "rate": _r(self.rate),
            "recent_rate": _r(self.recent_rate),
            "last": {"hits": self.last_hits, "of": self.last_n},
            "streak": self.streak, "points": [p.to_dict() for p in self.points],
        }


@dataclass(frozen=True)
class DeliveryPoint:
    at: str
    date: str
    history_id: int
    duration_s: float | None
    time_used: float | None  # duration / the round's length (1.0 = exactly on time)
    wpm: float | None
    fillers_per_minute: float | None

    def to_dict(self) -> dict:
        return {"at": self.at, "date": self.date, "round_id": self.history_id,
                "duration_s": _r(self.duration_s, 1), "time_used": _r(self.time_used),
                "wpm": _r(self.wpm, 1), "fillers_per_minute": _r(self.fillers_per_minute, 2)}


@dataclass(frozen=True)
class Trend:
    """One delivery measure: the latest value, the mean of the last RECENT_N rounds that
    have it, and the mean of those before them (None when there are none)."""

    latest: float | None
    recent_mean: float | None
    earlier_mean: float | None
    n: int  # rounds that have a value

    def to_dict(self, digits: int) -> dict:
        return {"latest": _r(self.latest, digits), "recent_mean": _r(self.recent_mean, digits),
                "earlier_mean": _r(self.earlier_mean, digits), "n": self.n}


@dataclass(frozen=True)
class RoundProgress:
    id: str
    title: str
    length_s: float | None  # None for a round no longer in the rubric
    takes: int
    time_used: Trend
    wpm: Trend
    fillers_per_minute: Trend
    points: tuple[DeliveryPoint, ...] = ()

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "length_s": self.length_s,
                "takes": self.takes, "time_used": self.time_used.to_dict(3),
                "wpm": self.wpm.to_dict(1),
                "fillers_per_minute": self.fillers_per_minute.to_dict(2),
                "points": [p.to_dict() for p in self.points]}


@dataclass(frozen=True)
class Progress:
    role: str
    since: date | None
    rounds_counted: int
    signals: tuple[SignalProgress, ...]
    rounds: tuple[RoundProgress, ...]
    weeks: tuple[tuple[date, int], ...]  # (monday, rounds that week), no gaps
    first: str | None = None
    last: str | None = None
    message: str | None = field(default=None)  # set when there is nothing to show

    @property
    def empty(self) -> bool:
        return self.rounds_counted == 0

    def signal(self, signal_id: str) -> SignalProgress:
        return next(s for s in self.signals if s.id == signal_id)

    def to_dict(self) -> dict:
        return {
            "role": self.role,
            "since": self.since.isoformat() if self.since else None,
            "empty": self.empty,
            "message": self.message,
            "rounds_counted": self.rounds_counted,
            "first": self.first,
            "last": self.last,
            "half_life_attempts": HALF_LIFE,
            "signal_ids": [s.id for s in self.signals],
            "signals": [s.to_dict() for s in self.signals],
            "rounds": [r.to_dict() for r in self.rounds],
            "weeks": [{"week": _iso_week(monday), "start": monday.isoformat(), "rounds": n}
                      for monday, n in self.weeks],
        }


def progress(store, rubric: Rubric, role: str, *, since: date | None = None,
             history: History | None = None) -> Progress:
    """The role's progress from the history (or from `history`, already loaded)."""
    rubric.role(role)  # NotFoundError for an unknown role
    hist = history if history is not None else load_history(store, role, since=since)
    signal_ids = role_signals(rubric, role, hist.attempts)
    signals = tuple(_signal_progress(rubric, sid, hist.attempts.get(sid, []))
                    for sid in signal_ids)
    if hist.empty:
        message = NO_ROUNDS_HINT if since is None else (
            f"No rounds since {since.isoformat()}: run `mockloop practice …` or practise in "
            "the app.")
        return Progress(role, since, 0, signals, (), (), message=message)
    by_round: dict[str, list[RoundTake]] = {}
    for take in hist.takes:
        by_round.setdefault(take.round, []).append(take)
    order = [r.id for r in rubric.loop(role) if r.id in by_round]
    order += sorted(set(by_round) - set(order))
    rounds = tuple(_round_progress(rubric, rid, by_round[rid]) for rid in order)
    return Progress(role, since, len(hist.takes), signals, rounds, _weeks(hist.takes),
                    first=hist.takes[0].at, last=hist.takes[-1].at)


def _signal_progress(rubric: Rubric, signal_id: str, attempts: list[Attempt]) -> SignalProgress:
    sig = rubric.signals.get(signal_id)
    num = den = 0.0
    points = []
    for a in attempts:
        num = num * DECAY + (1.0 if a.hit else 0.0)
        den = den * DECAY + 1.0
        points.append(SignalPoint(a.at, a.day.isoformat(), a.history_id, a.round, a.hit,
                                  num / den))
    last = attempts[-RECENT_N:]
    return SignalProgress(
        id=signal_id, name=sig.name if sig else signal_id,
        rounds=tuple(rounds_scoring(rubric, signal_id)), attempts=len(attempts),
        hits=sum(a.hit for a in attempts), recent_rate=num / den if den else None,
        last_hits=sum(a.hit for a in last), last_n=len(last), streak=streak(attempts),
        points=tuple(points))


def streak(attempts: list[Attempt]) -> int:
    """Consecutive hits (positive) or misses (negative) at the end; 0 for no attempts."""
    if not attempts:
        return 0
    last = attempts[-1].hit
    n = 0
    for a in reversed(attempts):
        if a.hit != last:
            break
        n += 1
    return n if last else -n


def _round_progress(rubric: Rubric, round_id: str, takes: list[RoundTake]) -> RoundProgress:
    rnd = rubric.rounds.get(round_id)
    length = rnd.length_s if rnd else None
    points = tuple(
        DeliveryPoint(t.at, t.day.isoformat(), t.id, t.duration_s,
                      t.duration_s / length if t.duration_s is not None and length else None,
                      t.wpm, t.fillers_per_minute)
        for t in takes)
    return RoundProgress(
        id=round_id, title=rnd.title if rnd else round_id, length_s=length, takes=len(takes),
        time_used=_trend(p.time_used for p in points), wpm=_trend(p.wpm for p in points),
        fillers_per_minute=_trend(p.fillers_per_minute for p in points), points=points)


def _trend(values: Iterable[float | None]) -> Trend:
    got = [v for v in values if v is not None]
    if not got:
        return Trend(None, None, None, 0)
    recent, earlier = got[-RECENT_N:], got[:-RECENT_N]
    return Trend(got[-1], sum(recent) / len(recent),
                 sum(earlier) / len(earlier) if earlier else None, len(got))


def _weeks(takes: tuple[RoundTake, ...]) -> tuple[tuple[date, int], ...]:
    counts: dict[date, int] = {}
    for t in takes:
        monday = t.day - timedelta(days=t.day.weekday())
        counts[monday] = counts.get(monday, 0) + 1
    first, last = min(counts), max(counts)
    out = []
    week = first
    while week <= last:
        out.append((week, counts.get(week, 0)))
        week += timedelta(days=7)
    return tuple(out)


def _iso_week(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _r(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


# -- plain text (the command line) -------------------------------------------------------------


def render(p: Progress, rubric: Rubric) -> str:
    """What `mockloop progress` prints."""
    role = rubric.role(p.role)
    if p.empty:
        return (p.message or NO_ROUNDS_HINT) + "\n"
    lines = [f"Progress for {role.name} ({p.role}): {p.rounds_counted} round"
             f"{'s' if p.rounds_counted != 1 else ''} from {p.first[:10] if p.first else '?'} "
             f"to {p.last[:10] if p.last else '?'}"
             + (f" (since {p.since.isoformat()})" if p.since else "") + ".", ""]
    lines.append(f"Signals (recent = weighted, half-life {HALF_LIFE:g} attempts):")
    lines.append(f"  {'SIGNAL':24} {'RECENT':>6} {'ALL':>9} {'LAST':>6}  HISTORY (old → new)")
    for s in p.signals:
        if not s.attempts:
            lines.append(f"  {s.name[:24]:24} {'-':>6} {'-':>9} {'-':>6}  not practised yet")
            continue
        spark = "".join("●" if pt.hit else "·" for pt in s.points[-20:])
        lines.append(f"  {s.name[:24]:24} {_pct(s.recent_rate):>6} "
                     f"{f'{s.hits}/{s.attempts}':>9} {f'{s.last_hits}/{s.last_n}':>6}  {spark}")
    lines += ["", "Delivery (last 5 rounds, then the rounds before):"]
    for r in p.rounds:
        lines.append(f"  {r.title} ({r.takes} round{'s' if r.takes != 1 else ''}):")
        lines.append("    time used  " + _trend_text(r.time_used, lambda v: f"{v * 100:.0f}%"))
        lines.append("    pace       " + _trend_text(r.wpm, lambda v: f"{v:.0f} wpm"))
        lines.append("    fillers    " + _trend_text(r.fillers_per_minute,
                                                       lambda v: f"{v:.1f}/min"))
    recent_weeks = p.weeks[-8:]
    lines += ["", "Rounds per week: " + ", ".join(
        f"{_iso_week(m)} {n}" for m, n in recent_weeks)]
    return "\n".join(lines) + "\n"


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v * 100:.0f}%"


def _trend_text(t: Trend, fmt) -> str:
    if t.n == 0:
        return "- (typed answers have no timing)"
    text = f"{fmt(t.recent_mean)} lately"
    if t.earlier_mean is not None:
        text += f", {fmt(t.earlier_mean)} before"
    return text + f" (latest {fmt(t.latest)})"


# -- what the app's Progress page says (its widgets only draw these) --------------------------

TREND_STEP = 0.10  # a recent rate this much above / below the one RECENT_N attempts back


def history_version(store) -> tuple[int, int]:
    """A stamp of the history as it is now: the writes made through the store's connection
    and the commits made by any other (a command-line call, another window). The same stamp
    twice means nothing was written in between, so what was read then is still right."""
    with store._reading():
        conn = store.db.conn
        return conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0]


def last_role(store) -> str | None:
    """The role of the latest counted round (complete, with speech), or None for none."""
    sql = ("SELECT r.role FROM rounds r WHERE r.status = 'complete' AND "
           "trim(coalesce(r.transcript, '')) != '' ORDER BY r.started_at DESC, r.id DESC LIMIT 1")
    with store._reading():
        row = store.db.conn.execute(sql).fetchone()
    return row[0] if row else None


def signal_trend(s: SignalProgress) -> str:
    """"rising", "falling" or "steady": the recent rate now against RECENT_N attempts back
    (the first attempt, with fewer); "" with fewer than two attempts."""
    if len(s.points) < 2:
        return ""
    before = s.points[max(0, len(s.points) - 1 - RECENT_N)].recent_rate
    change = s.points[-1].recent_rate - before
    if change >= TREND_STEP:
        return "rising"
    if change <= -TREND_STEP:
        return "falling"
    return "steady"


def signal_words(s: SignalProgress) -> str:
    """One plain sentence under a signal's chart: its last attempts and where it is going."""
    if not s.attempts:
        rounds = ", ".join(s.rounds) if s.rounds else "a round that scores it"
        return f"Not practised yet: {rounds} scores it."
    last = f"Landed in {s.last_hits} of your last {s.last_n}"
    if s.last_n == 1:
        last = "Landed the one time you tried" if s.last_hits else "Missed the one time you tried"
    trend = signal_trend(s)
    if not trend:
        return last + "."
    if trend == "steady":
        return f"{last}; steady."
    back = max(0, len(s.points) - 1 - RECENT_N)
    k = len(s.points) - 1 - back
    return (f"{last}; {trend} from {_pct(s.points[back].recent_rate)} {k} attempt"
            f"{'s' if k != 1 else ''} ago.")


@dataclass(frozen=True)
class SeriesPoint:
    """One round's value of a delivery measure, for a chart over all the role's rounds."""

    date: str
    round: str  # round id
    value: float


DELIVERY_MEASURES = ("time_used", "wpm", "fillers_per_minute")


def delivery_series(p: Progress) -> dict[str, list[SeriesPoint]]:
    """Each delivery measure over all of the role's rounds, oldest first (rounds without a
    value - typed answers have no timing - are left out)."""
    points = sorted(((pt, r.id) for r in p.rounds for pt in r.points),
                    key=lambda x: (x[0].at, x[0].history_id))
    out: dict[str, list[SeriesPoint]] = {m: [] for m in DELIVERY_MEASURES}
    for pt, rid in points:
        for m in DELIVERY_MEASURES:
            v = getattr(pt, m)
            if v is not None:
                out[m].append(SeriesPoint(pt.date, rid, float(v)))
    return out


def delivery_words(measure: str, series: list[SeriesPoint]) -> str:
    """One plain sentence about a delivery measure: lately, and before that."""
    if not series:
        return "No timed rounds yet: typed answers have no timing. Answer out loud to see it."
    t = _trend(pt.value for pt in series)
    fmt = {"time_used": lambda v: f"{v * 100:.0f}% of the round's length",
           "wpm": lambda v: f"{v:.0f} words a minute",
           "fillers_per_minute": lambda v: f"{v:.1f} fillers a minute"}[measure]
    n = min(RECENT_N, t.n)
    text = f"Lately {fmt(t.recent_mean)} (last {n} round{'s' if n != 1 else ''})"
    if t.earlier_mean is not None:
        text += f"; {fmt(t.earlier_mean)} before"
    return text + "."
