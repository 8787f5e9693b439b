"""Gentle progression: each exercise's level, raised and lowered by readable rules.

"Start easy, listen to your body, and progress steadily." Each exercise that progresses
has a ladder of levels for one number of its dose: the hold (20 → 30 → 45 → 60 s) or the
repetitions (10 → 15 → 20). The ladder starts at the lower of the catalog's low end and
the first rung, and ends at the catalog's top dose (the article's figure, or the workbook's
own where the article gives none), so the article's top dose is the cap. Warm-up moves
keep their dose.

The rules, checked session by session in time order (so the levels are a pure function of
the journal):

1. Everyone starts at the lowest level.
2. A session counts for an exercise when the exercise is in its ``exercises_done`` and at
   least :data:`COMPLETE_SHARE` of the planned time was done, without a pain stop.
3. **Step up** one level after :data:`SESSIONS_TO_STEP_UP` counted sessions at a level,
   when over the last :data:`SESSIONS_TO_STEP_UP` of them tightness after was, on average,
   no worse than before (sessions without both ratings are left out of the average), and
   no session at all had a pain stop in the last :data:`PAIN_FREE_DAYS` days.
4. **Step back** one level after a pain stop, for each exercise reached in that session
   (those done, and the one it stopped at). The count at the level starts again.
5. Never above the top dose, unless the user chose ``beyond_top_dose``: then the ladder
   carries on, up to a cap per exercise: at most twice its top dose, and never past the
   workbook's limits (a 120 s hold, 30 repetitions a side).
6. **No level makes a routine too long or unbuildable.** A step up that would make a routine
   of the catalog holding the exercise longer than the workbook's 60 minutes (or break one
   of its dose rules) does not happen: the exercise stays where it is, and its "why" says
   so (the levels table shows it).

>>> catalog = load_catalog()
>>> ladder_for(catalog.exercises["lying-psoas-stretch"]).levels
(20, 30, 45, 60)
>>> ladder_for(catalog.exercises["kneeling-hip-flexor-stretch"]).levels
(20, 30)
>>> ladder_for(catalog.exercises["single-leg-raise"]).levels
(10, 15, 20)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from psoas_lib.content.catalog import Catalog, load_catalog, make_routine  # noqa: F401 (doctests)
from psoas_lib.content.exercise import MAX_HOLD_S, MAX_REPS, MAX_TOTAL, Exercise
from psoas_lib.content.routine import MAX_ROUTINE_S, Routine
from psoas_lib.errors import PsoasError

if TYPE_CHECKING:  # pandas is imported where a journal is replayed (psoas list stays light)
    import pandas as pd

__all__ = [
    "COMPLETE_SHARE",
    "HOLD_LADDER",
    "PAIN_FREE_DAYS",
    "REPS_LADDER",
    "SESSIONS_TO_STEP_UP",
    "ExerciseLevel",
    "Ladder",
    "LevelChange",
    "Progression",
    "dosed_catalog",
    "ladder_for",
    "levelled_catalog",
    "replay_progression",
    "routine_at_levels",
]

#: Hold rungs in seconds; rungs above an exercise's top dose only with ``beyond_top_dose``.
HOLD_LADDER = (20, 30, 45, 60, 90)
#: Repetition rungs (per side, or in total for alternating exercises).
REPS_LADDER = (10, 15, 20, 25, 30)
#: The workbook's own limits a beyond-top ladder never passes, by dose field.
_LIMITS = {"hold_s": MAX_HOLD_S, "reps": MAX_REPS, "total": MAX_TOTAL}
#: Completed sessions at a level before it may rise.
SESSIONS_TO_STEP_UP = 6
#: A pain stop in this many days before a session blocks every step up.
PAIN_FREE_DAYS = 14
#: The share of the planned time that makes a session count as completed.
COMPLETE_SHARE = 0.9


@dataclass(frozen=True)
class Ladder:
    """The levels one exercise can be done at: which dose field, its values and the top.

    ``field`` is ``"hold_s"``, ``"reps"`` or ``"total"`` (alternating exercises), or ``""``
    for an exercise that keeps its dose (then ``levels`` is empty). A hold whose catalog
    repetitions are a range (or a workbook choice, the bridge's "as tolerated") climbs its
    repetitions too, once the hold is at its top: ``reps_levels`` then gives the
    repetitions of each level, beside ``levels`` (so a value of ``levels`` may repeat).
    """

    exercise_id: str
    field: str
    levels: tuple[int, ...]
    top: int
    article: bool = True  # False: the top is the workbook's choice (no number in the article)
    reps_levels: tuple[int, ...] = ()

    @property
    def word(self) -> str:
        return "hold" if self.field == "hold_s" else "repetitions"

    def show(self, value: int) -> str:
        """A level in words: ``"45 s"`` for a hold, ``"15"`` for repetitions."""
        return f"{value} s" if self.field == "hold_s" else str(value)

    def show_level(self, index: int) -> str:
        """Level ``index`` in words: ``"45 s"``, ``"15"``, or ``"20 s × 5"`` with repetitions."""
        text = self.show(self.levels[index])
        return f"{text} × {self.reps_levels[index]}" if self.reps_levels else text

    def override_at(self, index: int) -> dict[str, int]:
        """The dose fields of level ``index``: ``{"hold_s": 20}``, or with ``"reps"`` too."""
        found = {self.field: self.levels[index]}
        if self.reps_levels:
            found["reps"] = self.reps_levels[index]
        return found


def _reps_rungs(low: int, high: int) -> list[int]:
    """Repetition rungs from ``low`` to ``high`` in at most three steps.

    >>> _reps_rungs(4, 6), _reps_rungs(5, 10), _reps_rungs(5, 5)
    ([4, 5, 6], [5, 8, 10], [5])
    """
    step = max(1, -(-(high - low) // 2))
    return sorted(set(range(low, high + 1, step)) | {high})


def ladder_for(exercise: Exercise, beyond_top_dose: bool = False) -> Ladder:
    """The ladder of an exercise, from its catalog dose.

    >>> ex = load_catalog().exercises["lying-psoas-stretch"]     # 30–60 s in the article
    >>> ladder_for(ex).levels, ladder_for(ex, beyond_top_dose=True).levels
    ((20, 30, 45, 60), (20, 30, 45, 60, 90))
    >>> bridge = load_catalog().exercises["ground-bridge"]   # 10 s holds: at most 20 s beyond
    >>> ladder_for(bridge, beyond_top_dose=True).levels[-1]
    20
    >>> tilt = ladder_for(load_catalog().exercises["standing-pelvic-tilt"])  # 10–20 s, 4–6 times
    >>> [tilt.show_level(n) for n in range(len(tilt.levels))]
    ['10 s × 4', '20 s × 4', '20 s × 5', '20 s × 6']
    >>> ladder_for(load_catalog().exercises["leg-swings"]).levels  # warm-up: keeps its dose
    ()
    """
    dose = exercise.dose
    if exercise.style == "hold":
        name, value, rungs = "hold_s", dose.hold_s, HOLD_LADDER
    elif exercise.style == "reps":
        name = "total" if exercise.alternating else "reps"
        value, rungs = getattr(dose, name), REPS_LADDER
    else:
        return Ladder(exercise.id, "", (), 0)
    if value is None:  # a dose without the number this style counts: nothing to step
        return Ladder(exercise.id, "", (), 0)
    low, top = value if isinstance(value, tuple) else (value, value)
    cap = min(2 * top, _LIMITS[name])  # the beyond-top ladder's end for this exercise
    levels = sorted({low, top} | {r for r in rungs if r <= top or (beyond_top_dose and r <= cap)})
    article = name not in dose.workbook_default
    climbs = isinstance(dose.reps, tuple) or "reps" in dose.workbook_default
    if exercise.style != "hold" or not climbs or dose.reps is None:
        return Ladder(exercise.id, name, tuple(levels), top, article=article)
    reps_low, reps_top = dose.reps if isinstance(dose.reps, tuple) else (dose.reps, dose.reps)
    at_top = [v for v in levels if v <= top]
    above = [v for v in levels if v > top]
    climb = _reps_rungs(reps_low, reps_top)
    holds = at_top + [top] * (len(climb) - 1) + above
    reps = [reps_low] * (len(at_top) - 1) + climb + [reps_top] * len(above)
    return Ladder(exercise.id, name, tuple(holds), top, article, tuple(reps))


@dataclass(frozen=True)
class LevelChange:
    """One step up or down, with the reason in plain words."""

    exercise_id: str
    at: datetime  # the session's start, UTC
    local_date: date  # the date where it happened
    field: str
    before: int
    after: int
    reason: str
    up: bool | None = None  # set when the level changed but not ``field`` (repetitions only)

    @property
    def direction(self) -> str:
        if self.up is not None:
            return "up" if self.up else "down"
        return "up" if self.after > self.before else "down"


@dataclass(frozen=True)
class ExerciseLevel:
    """Where one exercise stands now: its level, the count at it and why."""

    exercise_id: str
    ladder: Ladder
    index: int
    sessions_at_level: int
    why: str

    @property
    def value(self) -> int | None:
        return self.ladder.levels[self.index] if self.ladder.levels else None

    @property
    def override(self) -> dict[str, int]:
        """The dose override for a routine item: ``{"hold_s": 45}`` (empty if none)."""
        return self.ladder.override_at(self.index) if self.value is not None else {}

    def describe(self) -> str:
        """The level in words, e.g. ``"hold 30 s (level 2 of 4)"``."""
        if self.value is None:
            return "keeps its dose"
        return (
            f"{self.ladder.word} {self.ladder.show_level(self.index)} "
            f"(level {self.index + 1} of {len(self.ladder.levels)})"
        )


@dataclass(frozen=True)
class Progression:
    """Every exercise's current level and the history of changes, oldest first."""

    levels: Mapping[str, ExerciseLevel]
    changes: tuple[LevelChange, ...]
    #: Routines that run at the doses written in them (a physiotherapist's programme's, unless
    #: it says ``progress = true``): the levels do not change them.
    as_written: frozenset[str] = frozenset()

    def frame(self, catalog: Catalog) -> pd.DataFrame:
        """One row per exercise: its level, the top dose and why it is there."""
        import pandas as pd

        rows = []
        for ident, level in self.levels.items():
            ladder = level.ladder
            rows.append(
                {
                    "exercise": catalog.exercises[ident].name,
                    "level": level.describe(),
                    "top dose": ladder.show(ladder.top) if ladder.levels else "",
                    "why": level.why,
                }
            )
        return pd.DataFrame(rows)

    def changes_frame(self, catalog: Catalog) -> pd.DataFrame:
        """The history of changes as a table, oldest first."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "date": c.local_date,
                    "exercise": catalog.exercises[c.exercise_id].name,
                    "change": c.direction,
                    "reason": c.reason,
                }
                for c in self.changes
            ],
            columns=["date", "exercise", "change", "reason"],
        )


@dataclass
class _State:
    index: int = 0
    counted: list[tuple[Any, Any]] = field(default_factory=list)  # (before, after) ratings
    last_change: LevelChange | None = None
    note: str = ""  # the latest event in words, for "why"


def _points(change: float) -> str:
    """A tightness change in words.

    >>> _points(-2.0), _points(0.0), _points(1.5), _points(-1.0)
    ('tightness down 2 points', 'tightness unchanged', 'tightness up 1.5 points', \
'tightness down 1 point')
    """
    if change == 0:
        return "tightness unchanged"
    size = f"{abs(change):g}"
    unit = "point" if size == "1" else "points"
    return f"tightness {'down' if change < 0 else 'up'} {size} {unit}"


def _tightness(window: list[tuple[Any, Any]]) -> float | None:
    """The average of after − before over the sessions with both ratings (None: no ratings)."""
    import pandas as pd

    pairs = [(b, a) for b, a in window if not pd.isna(b) and not pd.isna(a)]
    if not pairs:
        return None
    return round(sum(int(a) - int(b) for b, a in pairs) / len(pairs), 1)


def _rows(sessions: pd.DataFrame | None) -> list[dict[str, Any]]:
    if sessions is None or sessions.empty:
        return []
    import pandas as pd

    frame = sessions.assign(_utc=pd.to_datetime(sessions["started_at"], utc=True))
    frame = frame.sort_values("_utc", kind="stable")
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def _local_date(row: Mapping[str, Any]) -> date:
    import pandas as pd

    offset = row.get("utc_offset_min", 0)
    offset = 0 if pd.isna(offset) else int(offset)
    day: date = (row["_utc"] + timedelta(minutes=offset)).date()
    return day


def replay_progression(
    sessions: pd.DataFrame | None, catalog: Catalog, *, beyond_top_dose: bool = False
) -> Progression:
    """Replay the journal's sessions in time order and return every exercise's level.

    ``sessions`` is :meth:`Journal.sessions`'s frame (``started_at``, ``utc_offset_min``,
    ``routine_id``, ``planned_s``, ``completed_s``, ``exercises_done``,
    ``tightness_before``, ``tightness_after``, ``pain_stop``), or None for no sessions.

    >>> catalog = load_catalog()
    >>> fresh = replay_progression(None, catalog)
    >>> fresh.levels["lying-psoas-stretch"].describe()
    'hold 20 s (level 1 of 4)'
    """
    ladders = {i: ladder_for(ex, beyond_top_dose) for i, ex in catalog.exercises.items()}
    states = {i: _State() for i in ladders}
    changes: list[LevelChange] = []
    pains: list[pd.Timestamp] = []
    blocked: dict[str, str] = {}
    for row in _rows(sessions):
        when, day = row["_utc"], _local_date(row)
        done = [i for i in str(row.get("exercises_done") or "").split(";") if i in ladders]
        if bool(row.get("pain_stop")):
            pains.append(when)
            for ident in _reached(done, row.get("routine_id"), catalog):
                state, ladder = states[ident], ladders[ident]
                state.counted = []
                state.note = f"stays at the lowest level: pain stop on {_day_words(day)}"
                if state.index > 0:
                    before, after = ladder.levels[state.index], ladder.levels[state.index - 1]
                    state.index -= 1
                    state.last_change = LevelChange(
                        ident,
                        when.to_pydatetime(),
                        day,
                        ladder.field,
                        before,
                        after,
                        f"{ladder.word} lowered to {ladder.show_level(state.index)}: pain stop "
                        f"on {_day_words(day)}",
                        up=False,
                    )
                    state.note = state.last_change.reason
                    changes.append(state.last_change)
            continue
        planned, completed = int(row.get("planned_s") or 0), int(row.get("completed_s") or 0)
        if completed < COMPLETE_SHARE * planned:
            continue
        recent_pain = [p for p in pains if when - p < timedelta(days=PAIN_FREE_DAYS)]
        for ident in done:
            state, ladder = states[ident], ladders[ident]
            if not ladder.levels:
                continue
            state.counted.append((row.get("tightness_before"), row.get("tightness_after")))
            blocked.pop(ident, None)
            if len(state.counted) < SESSIONS_TO_STEP_UP or state.index + 1 >= len(ladder.levels):
                continue
            change = _tightness(state.counted[-SESSIONS_TO_STEP_UP:])
            before = ladder.levels[state.index]
            if recent_pain:
                blocked[ident] = (
                    f"waiting: a pain stop on {_local_day(recent_pain[-1], row)} "
                    f"is less than {PAIN_FREE_DAYS // 7} weeks before the last "
                    "session"
                )
                continue
            if change is not None and change > 0:
                blocked[ident] = (
                    f"waiting: {_points(change)} on average over the last "
                    f"{SESSIONS_TO_STEP_UP} sessions"
                )
                continue
            too_long = _too_long(catalog, ladders, states, ident, state.index + 1)
            if too_long:
                blocked[ident] = too_long
                continue
            after = ladder.levels[state.index + 1]
            words = "tightness not rated" if change is None else f"{_points(change)}"
            if change is not None and change < 0:
                words += " on average"
            was = ladder.show_level(state.index)
            state.index += 1
            state.last_change = LevelChange(
                ident,
                when.to_pydatetime(),
                day,
                ladder.field,
                before,
                after,
                f"{ladder.word} raised to {ladder.show_level(state.index)}: "
                f"{len(state.counted)} sessions at {was}, {words}, no pain stops",
                up=True,
            )
            state.counted = []
            state.note = f"{state.last_change.reason} (on {_day_words(day)})"
            changes.append(state.last_change)
    levels = {
        i: ExerciseLevel(
            i, ladders[i], s.index, len(s.counted), _why(ladders[i], s, blocked.get(i))
        )
        for i, s in states.items()
    }
    return Progression(levels, tuple(changes))


def _too_long(
    catalog: Catalog,
    ladders: Mapping[str, Ladder],
    states: Mapping[str, _State],
    ident: str,
    index: int,
) -> str | None:
    """Why ``ident`` may not rise to level ``index`` (None when it may): some routine of the
    catalog holding it would be longer than the workbook's limit, or could not be built."""
    for routine in catalog.routines.values():
        if ident not in routine.exercise_ids:
            continue
        items = []
        for raw in routine.overrides:
            ex = raw["exercise"]
            ladder = ladders.get(ex)
            at = index if ex == ident else states[ex].index if ex in states else 0
            items.append({**raw, **(ladder.override_at(at) if ladder and ladder.levels else {})})
        try:
            built: Routine | None = _rebuilt(routine, catalog, items)
        except PsoasError as err:
            if f"{MAX_ROUTINE_S // 60} minutes (the workbook's limit)" not in str(err):
                return f"stays here: the next level would break {routine.name!r} ({err})"
            built = None  # the routine checks its own length: too long
        if built is None or built.total_seconds > MAX_ROUTINE_S:
            return (
                f"stays here: the next level would make {routine.name!r} longer than "
                f"{MAX_ROUTINE_S // 60} minutes (the workbook's limit)"
            )
    return None


def _local_day(utc: pd.Timestamp, row: Mapping[str, Any]) -> str:
    return _day_words(_local_date({**row, "_utc": utc}))


def _day_words(day: date) -> str:
    """A date in words.

    >>> _day_words(date(2026, 3, 2))
    'Mon 2 Mar 2026'
    """
    return f"{day:%a} {day.day} {day:%b %Y}"


def _reached(done: list[str], routine_id: object, catalog: Catalog) -> list[str]:
    """The exercises done in a stopped session plus the one it stopped at (if known)."""
    reached = list(done)
    routine = catalog.routines.get(str(routine_id)) if routine_id else None
    if routine is not None:
        stopped_at = next((i for i in routine.exercise_ids if i not in done), None)
        if stopped_at is not None:
            reached.append(stopped_at)
    return reached


def _why(ladder: Ladder, state: _State, blocked: str | None) -> str:
    if not ladder.levels:
        return "a warm-up move: it keeps its dose"
    value = ladder.levels[state.index]
    if len(ladder.levels) == 1:
        return f"keeps {ladder.show_level(0)}: the workbook has one level for it"
    parts = []
    parts.append(state.note or "the starting level, the lowest")
    if state.index + 1 >= len(ladder.levels):
        whose = "the article's" if ladder.article else "the workbook's"
        parts.append(
            f"above {whose} top dose, as you chose"
            if value > ladder.top
            else f"{whose} top dose: it stays here"
        )
    else:
        count = len(state.counted)
        parts.append(blocked or f"{count} of {SESSIONS_TO_STEP_UP} sessions done at this level")
    return "; ".join(parts)


def routine_at_levels(routine: Routine, catalog: Catalog, progression: Progression) -> Routine:
    """The routine with each exercise's dose at its current level (same id and name).

    >>> catalog = load_catalog()
    >>> fresh = replay_progression(None, catalog)
    >>> desk = routine_at_levels(catalog.routines["desk-reset"], catalog, fresh)
    >>> [item.dose.hold for item in desk.items][2:5]    # tilt, warrior I, kneeling stretch
    [10, 20, 20]
    """
    if routine.id in progression.as_written:
        return routine
    items = []
    for raw in routine.overrides:
        level = progression.levels.get(raw["exercise"])
        items.append({**raw, **(level.override if level else {})})
    return _rebuilt(routine, catalog, items)


def _rebuilt(routine: Routine, catalog: Catalog, items: list[dict[str, Any]]) -> Routine:
    """``routine`` built again from ``items`` (its overrides with other doses), keeping its
    id, name, description, pauses, source and role; the builder checks every limit."""
    built = make_routine(
        catalog,
        routine.name,
        items,
        id=routine.id,
        description=routine.description,
        get_ready_s=routine.get_ready_s,
        rest_s=routine.rest_s,
        switch_s=routine.switch_s,
        release_s=routine.release_s,
    )
    return replace(built, source=routine.source, role=routine.role)


def levelled_catalog(catalog: Catalog, progression: Progression) -> Catalog:
    """The catalog with every routine at the current levels (for the player).

    >>> catalog = load_catalog()
    >>> fresh = levelled_catalog(catalog, replay_progression(None, catalog))
    >>> fresh.routines["desk-reset"].items[4].dose.hold      # the catalog's is 30 s
    20
    """
    return Catalog(
        exercises=catalog.exercises,
        routines={
            i: routine_at_levels(r, catalog, progression) for i, r in catalog.routines.items()
        },
        categories=catalog.categories,
    )


def dosed_catalog(
    catalog: Catalog, progression: Progression | None, *, full_dose: bool = False
) -> Catalog:
    """The catalog as a player runs it: every routine at ``progression``'s levels, or as
    written (the catalog's full dose) when ``full_dose`` is chosen or there are no levels.

    >>> catalog = load_catalog()
    >>> fresh = replay_progression(None, catalog)
    >>> [dosed_catalog(catalog, fresh, full_dose=full).routines["desk-reset"].total_seconds
    ...  for full in (False, True)]
    [695, 795]
    """
    if full_dose or progression is None:
        return catalog
    return levelled_catalog(catalog, progression)
