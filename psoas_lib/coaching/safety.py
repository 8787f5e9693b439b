"""The safety state: may this person run this routine now, and if not, why.

One small, pure rule book that every entry point asks (the notebook players, the plan page
and its player, ``psoas run``, the plan proposal and the calendar export). It reads three
things from the journal (:meth:`SafetyState.from_journal`): the self-assessments, the
recorded clearances ("a professional has cleared me to exercise") and the pain stops.

Rules (times are instants; "later" means strictly later; nothing after ``now`` counts):

- **Red flag.** A saved assessment whose advice is "see a professional first" blocks every
  routine until a *later* assessment without a red flag, or a *later* general clearance.
  A new red-flag assessment after a clearance blocks again.
- **A clearance counts from its day.** A clearance clears a red flag or a pain stop only
  when it was recorded after it *and* the day of the appointment (``cleared_on``) is on or
  after the day of what it clears: a professional seen before the red flag did not see it.
  :func:`clearance_problem` says why such a date is refused when it is being recorded.
- **A pain stop today.** After a pain stop, no routine runs for the rest of that day (the
  local day of ``now``). Ways on: tomorrow, or a clearance recorded after the stop (general,
  or for the exercise that hurt). The plan and the calendar (``routine=None``) are still
  allowed (they are about the days ahead) but say it (:attr:`Verdict.rest_today`).
- **Hold-out.** Two pain stops on the same exercise at most 14 days apart hold that
  exercise out of the plan and the players, with a message to see a professional. It stays
  out (it does not expire) until the user records a clearance *later* than both stops:
  either for that exercise, or a general one. Our call: a general clearance ("a professional
  has cleared me to exercise") covers every exercise, since the professional saw the whole
  picture; a clearance for one exercise lifts only that one. Pain stops cleared by a
  clearance no longer count.
- **A routine** is refused under a red flag, after a pain stop today, or when every one of
  its exercises is held out; otherwise it runs without its held-out exercises (listed in
  ``held_out``).

A pain stop's exercise is the one the pain report names, or else the last exercise the
session got to (a pain report is optional: the form may be skipped).

Nothing here diagnoses anything: the texts only direct to a GP or physiotherapist.

>>> from datetime import datetime, timedelta, timezone
>>> t0 = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
>>> day = timedelta(days=1)
>>> flagged = SafetyState(assessments=(Assessed(t0, red_flag=True),))
>>> v = verdict(flagged, ["low-lunge"], t0 + day)
>>> v.allowed, [w.key for w in v.ways_on]
(False, ['checklist', 'clearance'])
>>> cleared = flagged.with_clearance(Clearance(t0 + day))
>>> verdict(cleared, ["low-lunge"], t0 + 2 * day).allowed
True

Two pain stops on the low lunge 10 days apart hold it out; the rest of a routine still runs:

>>> sore = SafetyState(pain_stops=(PainStop(t0, "low-lunge"), PainStop(t0 + 10 * day, "low-lunge")))
>>> v = verdict(sore, ["low-lunge", "knee-to-chest"], t0 + 11 * day)
>>> v.allowed, v.held_out
(True, ('low-lunge',))
>>> verdict(sore, ["low-lunge"], t0 + 11 * day).allowed
False
>>> verdict(sore.with_clearance(Clearance(t0 + 12 * day, "low-lunge")), ["low-lunge"],
...         t0 + 13 * day).allowed
True

A pain stop refuses every routine for the rest of its day; the next day they run again:

>>> stopped = SafetyState(pain_stops=(PainStop(t0, "low-lunge"),))
>>> v = verdict(stopped, ["knee-to-chest"], t0 + timedelta(hours=2))
>>> v.allowed, [w.key for w in v.ways_on]
(False, ['tomorrow', 'clearance'])
>>> verdict(stopped, ["knee-to-chest"], t0 + day).allowed
True

A clearance dated before the red flag does not clear it:

>>> early = flagged.with_clearance(Clearance(t0 + day, cleared_on=(t0 - day).date()))
>>> verdict(early, None, t0 + 2 * day).allowed
False
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psoas_lib.content.routine import Routine
    from psoas_lib.journal.store import Journal

__all__ = [
    "CHECKLIST_NOTEBOOK",
    "HOLD_OUT_DAYS",
    "HOLD_OUT_STOPS",
    "PAIN_AGAIN",
    "RED_FLAG",
    "Assessed",
    "Clearance",
    "PainStop",
    "SafetyState",
    "Verdict",
    "Way",
    "clearance_problem",
    "read_state",
    "verdict",
    "without",
]

#: The recommendation of a red-flag assessment.
RED_FLAG = "see-a-professional"
#: Two pain stops on one exercise at most this many days apart hold it out.
HOLD_OUT_STOPS, HOLD_OUT_DAYS = 2, 14
#: Where the checklist is taken again.
CHECKLIST_NOTEBOOK = "notebooks/01_self_assessment.ipynb"

SEE_SOMEONE = (
    "See a GP or a physiotherapist first. With back pain and numbness or tingling around "
    "the genitals or buttocks, loss of bladder or bowel control, symptoms in both legs, chest "
    "pain, or after a serious accident: call 999 or go to A&E now (112 in the EU, 911 in the "
    "US). With a fever, weight loss without trying, a lump or change in the shape of the "
    "back, pain at night or at rest, pain worse on coughing or sneezing, or pain between the "
    "shoulder blades: ask for an urgent GP appointment or call NHS 111."
)

#: Why a player that stopped for pain starts nothing more (no "Start again").
PAIN_AGAIN = (
    "You stopped for sharp pain, so this player starts nothing more today: rest and let the "
    "area settle. If the pain stays or comes back, see a GP or a physiotherapist before you "
    "exercise that area again."
)


@dataclass(frozen=True)
class Assessed:
    """A saved self-assessment: when, and whether its advice was "see a professional"."""

    at: datetime
    red_flag: bool


@dataclass(frozen=True)
class Clearance:
    """ "A professional has cleared me to exercise", recorded at ``at``: for everything
    (``exercise_id`` empty) or one exercise; ``cleared_on`` the day of the appointment."""

    at: datetime
    exercise_id: str = ""
    cleared_on: date | None = None

    @property
    def day(self) -> date:
        """The day of the appointment (the day it was recorded when none is given)."""
        return self.cleared_on if self.cleared_on is not None else _local_day(self.at)

    def clears(self, at: datetime, now: datetime, *, strict: bool = True) -> bool:
        """True when this clearance counts for something that happened at ``at``: recorded
        after it (``strict``; else at the same instant too) and not after ``now``, for an
        appointment on or after its day.

        >>> from datetime import datetime, timezone
        >>> flag = datetime(2026, 3, 2, 8, tzinfo=timezone.utc)
        >>> later = datetime(2026, 3, 4, 8, tzinfo=timezone.utc)
        >>> Clearance(later, cleared_on=date(2026, 3, 3)).clears(flag, later)
        True
        >>> Clearance(later, cleared_on=date(2026, 3, 1)).clears(flag, later)
        False
        """
        after = at < self.at if strict else at <= self.at
        return after and self.at <= now and self.day >= _local_day(at)

    def covers(self, exercise_id: str) -> bool:
        """A general clearance covers every exercise; one for an exercise, that one.

        >>> from datetime import datetime, timezone
        >>> c = Clearance(datetime(2026, 3, 2, tzinfo=timezone.utc), "low-lunge")
        >>> c.covers("low-lunge"), c.covers("knee-to-chest")
        (True, False)
        """
        return not self.exercise_id or self.exercise_id == exercise_id


@dataclass(frozen=True)
class PainStop:
    """A session stopped for sharp pain, at ``at``, during ``exercise_id``."""

    at: datetime
    exercise_id: str
    routine_id: str = ""


@dataclass(frozen=True)
class Way:
    """A way on from a refusal: ``checklist`` (take it again) or ``clearance`` (record one)."""

    key: str
    text: str


WAY_CHECKLIST = Way(
    "checklist",
    f"Take the self-assessment again ({CHECKLIST_NOTEBOOK}) if things have changed.",
)
WAY_CLEARANCE = Way(
    "clearance", "Record that a professional has cleared you to exercise (with the date)."
)
WAY_TOMORROW = Way("tomorrow", "Rest today: routines run again tomorrow.")

#: Why nothing runs for the rest of a day with a pain stop.
PAIN_TODAY = (
    "You stopped for sharp pain today at {time}, so no routine runs again today: rest and "
    "let the area settle. If the pain stays or comes back, see a GP or a physiotherapist "
    "before you exercise that area again."
)


@dataclass(frozen=True)
class Verdict:
    """The answer: ``allowed``, the ``reasons`` (plain sentences), the exercises held out of
    the routine, and the ways on when something is refused."""

    allowed: bool
    reasons: tuple[str, ...] = ()
    held_out: tuple[str, ...] = ()
    ways_on: tuple[Way, ...] = ()
    red_flag: bool = False
    #: A pain stop today: no routine runs again today (a plan is still shown).
    rest_today: bool = False

    @property
    def message(self) -> str:
        """The reasons as one paragraph ("" when all is clear)."""
        return " ".join(self.reasons)


@dataclass(frozen=True)
class SafetyState:
    """What the journal says about safety: assessments, clearances and pain stops."""

    assessments: tuple[Assessed, ...] = ()
    clearances: tuple[Clearance, ...] = ()
    pain_stops: tuple[PainStop, ...] = ()
    #: Set when the assessments could not be read: nothing can be checked, so nothing runs.
    unreadable: str = ""
    #: Other journal files that could not be read (their entries are left out).
    problems: tuple[str, ...] = ()

    def with_clearance(self, clearance: Clearance) -> SafetyState:
        """This state with one more clearance (as if just recorded)."""
        return replace(self, clearances=(*self.clearances, clearance))

    def red_flag(self, now: datetime) -> Assessed | None:
        """The red-flag assessment that blocks exercise at ``now``, or None."""
        flags = [a for a in self.assessments if a.red_flag and a.at <= now]
        if not flags:
            return None
        latest = max(flags, key=lambda a: a.at)
        superseded = any(latest.at < a.at <= now for a in self.assessments if not a.red_flag)
        cleared = any(c.clears(latest.at, now) for c in self.clearances if not c.exercise_id)
        return None if superseded or cleared else latest

    def pain_today(self, now: datetime) -> PainStop | None:
        """The latest pain stop of ``now``'s day (up to ``now``) that no clearance lifted."""
        today = _local_day(now, now)
        stops = [
            p
            for p in self.pain_stops
            if p.at <= now
            and _local_day(p.at, now) == today
            and not any(
                c.covers(p.exercise_id) and c.clears(p.at, now, strict=False)
                for c in self.clearances
            )
        ]
        return max(stops, key=lambda p: p.at, default=None)

    def held_out(self, now: datetime) -> dict[str, tuple[PainStop, PainStop]]:
        """The exercises held out at ``now``, each with its two pain stops (earliest pair)."""
        found: dict[str, tuple[PainStop, PainStop]] = {}
        for exercise in sorted({p.exercise_id for p in self.pain_stops if p.exercise_id}):
            covering = [c for c in self.clearances if c.covers(exercise)]
            stops = sorted(
                (
                    p
                    for p in self.pain_stops
                    if p.exercise_id == exercise
                    and p.at <= now
                    and not any(c.clears(p.at, now, strict=False) for c in covering)
                ),
                key=lambda p: p.at,
            )
            for first, second in pairwise(stops):
                if second.at - first.at <= timedelta(days=HOLD_OUT_DAYS):
                    found[exercise] = (first, second)
                    break
        return found

    def verdict(
        self,
        routine: Routine | Iterable[str] | None,
        now: datetime,
        names: dict[str, str] | None = None,
    ) -> Verdict:
        """See :func:`verdict`."""
        return verdict(self, routine, now, names)

    @classmethod
    def from_journal(cls, journal: Journal) -> SafetyState:
        """Read the state from a :class:`~psoas_lib.journal.store.Journal` (loads its files;
        a file that cannot be read raises its :class:`JournalError`)."""
        return cls(
            assessments=_assessed(journal.assessments()),
            clearances=_clearances(journal.clearances()),
            pain_stops=_pain_stops(journal.sessions(), journal.pain_reports()),
        )


def verdict(
    state: SafetyState,
    routine: Routine | Iterable[str] | None,
    now: datetime,
    names: dict[str, str] | None = None,
) -> Verdict:
    """May this person run ``routine`` (a routine, or its exercise ids) at ``now``?

    ``routine=None`` asks about exercise in general (the plan, the calendar): only a red
    flag refuses it. ``names`` maps exercise ids to the names shown in the reasons (a
    routine's own names are used when it is a routine).

    >>> from datetime import datetime, timezone
    >>> verdict(SafetyState(), None, datetime(2026, 3, 2, tzinfo=timezone.utc))
    Verdict(allowed=True, reasons=(), held_out=(), ways_on=(), red_flag=False, rest_today=False)
    """
    if state.unreadable:
        return Verdict(
            False,
            (
                "Your self-assessments could not be read, so your safety checks cannot be: "
                f"{state.unreadable} Fix the file (Journal().check() lists the problems, "
                "Journal().repair() mends most), then try again.",
            ),
        )
    ids, shown = _exercises(routine)
    shown.update(names or {})
    flag = state.red_flag(now)
    sore = state.pain_today(now)
    held = state.held_out(now)
    held_here = tuple(ex for ex in ids if ex in held) if routine is not None else tuple(held)
    reasons = [f"Some pain stops may be missing: {p}" for p in state.problems]
    if flag is not None:
        reasons.append(
            f"Your self-assessment of {_day(flag.at)} advised seeing a professional before "
            "you exercise, so no routine runs for now. " + SEE_SOMEONE
        )
    for ex in held_here:
        first, second = held[ex]
        reasons.append(
            f"{shown.get(ex, ex)} is held out: you stopped for pain in it on {_day(first.at)} "
            f"and {_day(second.at)}. See a GP or a physiotherapist about it before you do it "
            "again, then record that a professional has cleared you."
        )
    if sore is not None:
        reasons.append(PAIN_TODAY.format(time=f"{sore.at.astimezone(now.tzinfo):%H:%M}"))
    if flag is not None:
        return Verdict(
            False, tuple(reasons), held_here, (WAY_CHECKLIST, WAY_CLEARANCE), True, sore is not None
        )
    if sore is not None:
        return Verdict(
            routine is None, tuple(reasons), held_here, (WAY_TOMORROW, WAY_CLEARANCE), False, True
        )
    if routine is not None and ids and all(ex in held for ex in ids):
        reasons.append("Every exercise of this routine is held out, so it does not run.")
        return Verdict(False, tuple(reasons), held_here, (WAY_CLEARANCE,))
    return Verdict(True, tuple(reasons), held_here, (WAY_CLEARANCE,) if held_here else ())


def clearance_problem(
    state: SafetyState, cleared_on: date, now: datetime, exercise_id: str = ""
) -> str | None:
    """Why a clearance for ``cleared_on`` would not count, or None when it would: the day
    is before the red flag (or, for an exercise, before the pain stop) it is meant to clear.
    The form and ``psoas cleared`` refuse such a date with this message.

    >>> from datetime import datetime, timezone
    >>> t0 = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
    >>> flagged = SafetyState(assessments=(Assessed(t0, red_flag=True),))
    >>> clearance_problem(flagged, date(2026, 3, 1), t0)[:75]
    'The clearance is dated 1 March 2026, before your self-assessment of 2 March'
    >>> clearance_problem(flagged, date(2026, 3, 1), t0)[-37:]
    'appointment on or after 2 March 2026.'
    >>> clearance_problem(flagged, date(2026, 3, 2), t0) is None
    True
    """
    flag = state.red_flag(now)
    if flag is not None and cleared_on < _local_day(flag.at):
        return (
            f"The clearance is dated {_day_of(cleared_on)}, before your self-assessment of "
            f"{_day(flag.at)} that advised seeing a professional: a professional seen before "
            f"it did not see what it found. Give the day of an appointment on or after "
            f"{_day(flag.at)}."
        )
    stops = [
        p
        for ex, pair in state.held_out(now).items()
        if not exercise_id or ex == exercise_id
        for p in pair
    ]
    sore = state.pain_today(now)
    if sore is not None and (not exercise_id or sore.exercise_id == exercise_id):
        stops.append(sore)
    if stops:
        latest = max(stops, key=lambda p: p.at)
        if cleared_on < _local_day(latest.at):
            return (
                f"The clearance is dated {_day_of(cleared_on)}, before your pain stop of "
                f"{_day(latest.at)}: a professional seen before it did not see that pain. "
                f"Give the day of an appointment on or after {_day(latest.at)}."
            )
    return None


def _exercises(routine: Routine | Iterable[str] | None) -> tuple[list[str], dict[str, str]]:
    if routine is None:
        return [], {}
    items = getattr(routine, "items", None)
    if items is None:
        return list(dict.fromkeys(routine)), {}  # type: ignore[arg-type]
    ids = list(dict.fromkeys(item.exercise.id for item in items))
    return ids, {item.exercise.id: item.exercise.name for item in items}


def _day(when: datetime) -> str:
    """A day as people read it.

    >>> from datetime import datetime, timezone
    >>> _day(datetime(2026, 3, 2, 8, tzinfo=timezone.utc))
    '2 March 2026'
    """
    return _day_of(when)


def _day_of(when: date) -> str:
    return f"{when.day} {when:%B %Y}"


def _local_day(when: datetime, like: datetime | None = None) -> date:
    """The day of ``when`` in the time zone of ``like`` (default: this computer's), where
    people count their days (a naive time is taken as it is).

    >>> from datetime import datetime, timedelta, timezone
    >>> paris = datetime(2026, 3, 2, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    >>> _local_day(paris, paris), _local_day(paris, paris.astimezone(timezone.utc))
    (datetime.date(2026, 3, 2), datetime.date(2026, 3, 1))
    """
    if when.tzinfo is None:
        return when.date()
    tz = like.tzinfo if like is not None and like.tzinfo is not None else None
    return when.astimezone(tz).date()


def without(routine: Routine, held_out: Iterable[str]) -> Routine:
    """``routine`` without the items of the held-out exercises (unchanged when none of them
    is in it, or when nothing would be left: such a routine is refused anyway).

    >>> from psoas_lib import load_catalog
    >>> release = load_catalog().routines["post-workout-release"]
    >>> shorter = without(release, ["knee-to-chest"])
    >>> len(release.items) - len(shorter.items), "knee-to-chest" in shorter.exercise_ids
    (1, False)
    """
    out = set(held_out)
    kept = tuple(item for item in routine.items if item.exercise.id not in out)
    if not kept or len(kept) == len(routine.items):
        return routine
    overrides = tuple(raw for raw in routine.overrides if raw.get("exercise") not in out)
    return replace(routine, items=kept, overrides=overrides)


# --------------------------------------------------------------------------- from the journal


def read_state(home: Any = None) -> SafetyState:
    """The safety state of the journal in ``home`` (default: the data folder); never raises.

    A file that cannot be read is left out, on the safe side where possible: without the
    assessments nothing can be checked, so the state refuses everything (``unreadable``);
    without the clearances none counts; without the sessions or pain reports, their pain
    stops are missing, which ``problems`` says (the verdict's reasons repeat it).
    """
    import warnings

    from psoas_lib.errors import PsoasError
    from psoas_lib.journal.store import Journal, JournalWarning

    journal = Journal(home)
    problems: list[str] = []

    def load(what: str) -> Any:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", JournalWarning)  # a torn line: shown elsewhere
                return getattr(journal, what)()
        except (PsoasError, OSError) as exc:
            problems.append(str(exc))
            return None

    assessments = load("assessments")
    if assessments is None:
        return SafetyState(unreadable=problems[0])
    clearances, sessions, reports = load("clearances"), load("sessions"), load("pain_reports")
    from psoas_lib.journal.reading import empty_frame
    from psoas_lib.journal.schema import PAIN_REPORTS, SESSIONS

    return SafetyState(
        assessments=_assessed(assessments),
        clearances=_clearances(clearances) if clearances is not None else (),
        pain_stops=_pain_stops(
            sessions if sessions is not None else empty_frame(SESSIONS),
            reports if reports is not None else empty_frame(PAIN_REPORTS),
        ),
        problems=tuple(problems),
    )


def _instant(value: Any) -> datetime:
    instant: datetime = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    return instant


def _red_flag_ids() -> frozenset[str]:
    from psoas_lib.content.checklist import load_checklist

    return frozenset(item.id for item in load_checklist() if item.red_flag)


def _assessed(frame: Any) -> tuple[Assessed, ...]:
    """Red flag: the saved advice was "see a professional", or a red-flag item was ticked
    (a hand-edited line cannot slip through)."""
    if frame.empty:
        return ()
    flags = _red_flag_ids()
    return tuple(
        Assessed(
            _instant(row["taken_at"]),
            row["recommendation"].strip() == RED_FLAG
            or bool(flags & set(filter(None, str(row["ticked"]).split(";")))),
        )
        for row in frame.to_dict("records")
    )


def _clearances(frame: Any) -> tuple[Clearance, ...]:
    out = []
    for row in frame.to_dict("records"):
        try:
            on: date | None = date.fromisoformat(str(row["cleared_on"]).strip())
        except ValueError:
            on = None
        out.append(Clearance(_instant(row["recorded_at"]), str(row["exercise_id"]).strip(), on))
    return tuple(out)


def _pain_stops(sessions: Any, reports: Any) -> tuple[PainStop, ...]:
    """Every session stopped for pain, each once, with the exercise its report names (or
    the last it got to); a report whose session is not logged counts on its own."""
    named = {
        (_instant(r["started_at"]), r["routine_id"]): str(r["exercise_id"]).strip()
        for r in reports.to_dict("records")
    }
    out: dict[tuple[datetime, str], PainStop] = {}
    if not sessions.empty:
        for row in sessions[sessions["pain_stop"]].to_dict("records"):
            key = (_instant(row["started_at"]), row["routine_id"])
            done = [ex for ex in str(row["exercises_done"]).split(";") if ex]
            exercise = named.get(key) or (done[-1] if done else "")
            out[key] = PainStop(key[0], exercise, key[1])
    for key, exercise in named.items():
        if key not in out:
            out[key] = PainStop(key[0], exercise, key[1])
    return tuple(out.values())
