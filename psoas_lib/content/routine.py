"""Routines and their timelines: the flat list of timed segments a player runs.

A routine lists exercises (with optional dose overrides), a rest between exercises and a
pause to switch sides. :meth:`Routine.timeline` expands it into segments: get ready, each
hold or set per side and per round, switch sides, release between rounds, rest.

>>> from psoas_lib import load_catalog
>>> release = load_catalog().routines["post-workout-release"]
>>> [(s.kind, s.side, s.seconds) for s in release.timeline()[:4]]
[('get-ready', None, 10), ('set', None, 100), ('rest', None, 20), ('hold', 'left', 30)]

The rest is 20 s, not 15: the knee-to-chest is done on the floor, the kneeling stretch
kneeling (a change of position).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from psoas_lib.clock import format_clock
from psoas_lib.content.datafile import Entry
from psoas_lib.content.exercise import Dose, Exercise, parse_dose

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["KINDS", "ROLES", "Routine", "RoutineItem", "Segment", "parse_routine"]

#: Segment kinds. Work: hold, set (repetitions), move (dynamic). Pauses: the others.
KINDS = ("get-ready", "hold", "set", "move", "switch", "release", "rest")
WORK_KINDS = ("hold", "set", "move")

PAUSES = {"get_ready_s": 10, "rest_s": 15, "switch_s": 5, "release_s": 5}

#: What the workbook offers a preset for (``role`` in data/routines.toml, each on one preset).
ROLES = ("stretch-focused", "strength-focused", "balanced", "warm-up", "after-activity")

#: The bounds on a routine read from a data file or a user routine (issue 14's coaching
#: limit for its length): seconds of each pause, exercises in it, and its whole length.
MAX_PAUSE_S = 300
#: The shortest pause: time to let go and breathe (issue 14's limit).
MIN_PAUSE_S = 5
#: The shortest rest before an exercise done in another position (standing, kneeling,
#: the floor, a bed, a chair): time to get down, up, or across. A shorter ``rest_s`` is
#: lengthened there, never refused.
POSITION_CHANGE_S = 20
MAX_ITEMS = 50
MAX_ROUTINE_S = 60 * 60


@dataclass(frozen=True)
class Segment:
    """One timed step of a routine.

    ``round``/``rounds`` count holds or sets on this side; ``count`` is the number of
    repetitions inside a ``set`` (0 otherwise); ``side`` is "left", "right" or None.
    For pauses, ``exercise_id`` names the exercise that comes next (or the current one).
    """

    kind: str
    seconds: int
    exercise_id: str | None = None
    side: str | None = None
    round: int = 1
    rounds: int = 1
    count: int = 0
    alternating: bool = False

    @property
    def is_work(self) -> bool:
        return self.kind in WORK_KINDS


@dataclass(frozen=True)
class RoutineItem:
    """An exercise in a routine with the dose it is done at there."""

    exercise: Exercise
    dose: Dose

    @property
    def steps(self) -> tuple[str, ...]:
        """The exercise's steps with this item's dose in them (the numbers the timer runs)."""
        return self.exercise.steps_at(self.dose)

    def segments(self, switch_s: int, release_s: int) -> Iterator[Segment]:
        """This exercise's segments: rounds of work, sides taken in turn, pauses between."""
        ex, dose = self.exercise, self.dose
        count = 0
        if ex.style == "hold":
            kind, seconds, rounds = "hold", dose.hold or 0, dose.count * dose.sets
        elif ex.style == "dynamic":
            kind, seconds, rounds = "move", dose.duration_s or 0, dose.sets
        else:
            count = (dose.total if ex.alternating else dose.count) or 0
            kind, seconds, rounds = "set", count * (dose.rep_s or 0), dose.sets
        sides: tuple[str | None, ...] = ("left", "right") if ex.per_side else (None,)
        pause, pause_s = ("switch", switch_s) if ex.per_side else ("release", release_s)
        for rnd in range(1, rounds + 1):
            for side in sides:
                if rnd > 1 or side == "right":
                    yield Segment(pause, pause_s, ex.id)
                yield Segment(kind, seconds, ex.id, side, rnd, rounds, count, ex.alternating)


@dataclass(frozen=True)
class Routine:
    """A named sequence of exercises with its pauses; ``timeline()`` gives its segments."""

    id: str
    name: str
    items: tuple[RoutineItem, ...]
    description: str = ""
    get_ready_s: int = PAUSES["get_ready_s"]
    rest_s: int = PAUSES["rest_s"]
    switch_s: int = PAUSES["switch_s"]
    release_s: int = PAUSES["release_s"]
    source: str = "preset"  # "preset" or "user"
    role: str | None = None  # one of ROLES, for presets only
    overrides: tuple[Mapping[str, Any], ...] = field(default=(), compare=False, repr=False)

    def timeline(self) -> list[Segment]:
        """The routine as a flat list of timed segments."""
        segments: list[Segment] = []
        for n, item in enumerate(self.items):
            pause = "get-ready" if n == 0 else "rest"
            seconds = self.get_ready_s if n == 0 else self.rest_s
            if n and item.exercise.position != self.items[n - 1].exercise.position:
                seconds = max(seconds, POSITION_CHANGE_S)
            if seconds:
                segments.append(Segment(pause, seconds, item.exercise.id))
            segments.extend(
                s for s in item.segments(self.switch_s, self.release_s) if s.seconds > 0
            )
        return segments

    @property
    def total_seconds(self) -> int:
        """How long the whole routine takes, pauses included."""
        return sum(s.seconds for s in self.timeline())

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(item.exercise.id for item in self.items)

    @property
    def positions(self) -> tuple[str, ...]:
        """The positions the routine needs, in the order it first needs them.

        >>> from psoas_lib import load_catalog
        >>> load_catalog().routines["strength-builder"].positions
        ('floor',)
        """
        return tuple(dict.fromkeys(item.exercise.position for item in self.items))

    @property
    def position_changes(self) -> int:
        """How often the routine changes position between two exercises."""
        found = [item.exercise.position for item in self.items]
        return sum(a != b for a, b in itertools.pairwise(found))

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(item.exercise.category for item in self.items))

    def timeline_frame(self) -> pd.DataFrame:
        """The timeline as a table: one row a segment, with its start and end in seconds."""
        import pandas as pd

        names = {item.exercise.id: item.exercise.name for item in self.items}
        rows, start = [], 0
        for s in self.timeline():
            rows.append(
                {
                    "start_s": start,
                    "end_s": start + s.seconds,
                    "kind": s.kind,
                    "exercise_id": s.exercise_id,
                    "exercise": names.get(s.exercise_id) if s.exercise_id else None,
                    "side": s.side,
                    "round": s.round,
                    "rounds": s.rounds,
                    "count": s.count,
                    "seconds": s.seconds,
                }
            )
            start += s.seconds
        return pd.DataFrame(rows)

    def plan_frame(self) -> pd.DataFrame:
        """The plan a person reads before starting: one row an exercise, with its dose and time."""
        import pandas as pd

        rows = []
        for n, item in enumerate(self.items, start=1):
            ex = item.exercise
            seconds = sum(s.seconds for s in item.segments(self.switch_s, self.release_s))
            rows.append(
                {
                    "#": n,
                    "exercise": ex.name,
                    "category": ex.category,
                    "dose": item.dose.describe(ex.sides),
                    "time": format_clock(seconds),
                }
            )
        return pd.DataFrame(rows).set_index("#")


def parse_routine(entry: Entry, exercises: Mapping[str, Exercise], source: str) -> Routine:
    """Build a :class:`Routine` from a validated ``[[routine]]`` table."""
    raw_items = entry.get("items", list)
    if not raw_items:
        raise entry.error(
            "items", "the routine has no exercises", 'Add items = [{ exercise = "knee-to-chest" }]'
        )
    if len(raw_items) > MAX_ITEMS:
        raise entry.error(
            "items",
            f"the routine has {len(raw_items)} exercises",
            f"Use at most {MAX_ITEMS}; split it into two routines",
        )
    items = []
    for n, raw in enumerate(raw_items, start=1):
        where = f"items[{n}]"
        if isinstance(raw, str):
            raw = {"exercise": raw}
        if not isinstance(raw, dict) or not isinstance(raw.get("exercise"), str):
            raise entry.error(
                where,
                f"item {n} should name an exercise",
                'Write it as { exercise = "knee-to-chest" }',
            )
        ex_id = raw["exercise"]
        if ex_id not in exercises:
            raise entry.error(
                where,
                f"item {n} names an unknown exercise {ex_id!r}",
                "Use an id from data/exercises.toml",
            )
        ex = exercises[ex_id]
        changes = {k: v for k, v in raw.items() if k != "exercise"}
        merged = {**_dose_table(ex.dose), **changes}
        dose = parse_dose(entry, merged, ex.style, ex.sides, prefix=f"{where}.")
        items.append(RoutineItem(ex, dose))
    pauses: dict[str, int] = {}
    for name, default in PAUSES.items():
        seconds = entry.seconds(name, required=False, default=default, allow_zero=True)
        assert seconds is not None  # a missing pause takes its default
        pauses[name] = seconds
    role = entry.choice("role", ROLES, required=False)
    if role is not None and source != "preset":
        raise entry.error(
            "role",
            f"only preset routines have a role, not your own ({role!r})",
            "Remove the role line: roles belong to data/routines.toml",
        )
    for name, value in pauses.items():
        if value is not None and value > MAX_PAUSE_S:
            raise entry.error(
                name,
                f"'{name}' = {value} is more than the workbook allows",
                f"Use at most {MAX_PAUSE_S} (seconds); check the number for a typo",
            )
        if value is not None and value < MIN_PAUSE_S:
            raise entry.error(
                name,
                f"'{name}' = {value} is a pause shorter than {MIN_PAUSE_S} seconds",
                f"Use at least {MIN_PAUSE_S} (seconds): time to let go, breathe and get ready",
            )
    routine = Routine(
        id=entry.get("id", str),
        name=entry.text("name"),
        role=role,
        items=tuple(items),
        description=entry.text("description", required=False, default=""),
        source=source,
        overrides=tuple(_overrides(raw_items)),
        **pauses,
    )
    if routine.total_seconds > MAX_ROUTINE_S:
        raise entry.error(
            "items",
            f"the routine takes {format_clock(routine.total_seconds)}, longer than "
            f"{MAX_ROUTINE_S // 60} minutes (the workbook's limit)",
            "Shorten the doses or split it into two routines",
        )
    return routine


def _overrides(raw_items: list[Any]) -> Iterator[dict[str, Any]]:
    for raw in raw_items:
        yield {"exercise": raw} if isinstance(raw, str) else dict(raw)


def _dose_table(dose: Dose) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for name in ("hold_s", "reps", "sets", "total", "rep_s", "duration_s"):
        value = getattr(dose, name)
        if value is not None and not (name == "sets" and value == 1):
            table[name] = list(value) if isinstance(value, tuple) else value
    return table
