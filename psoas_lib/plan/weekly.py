"""The weekly plan: 3–5 sessions a week, each on a weekday, at a local time, with a routine.

The article asks for 3 to 5 sessions a week that balance stretching and strengthening. A
plan names the days; :func:`default_plan` proposes one that follows the latest
self-assessment, and :func:`save_plan` keeps the user's own in ``<data folder>/plan.toml``,
a small TOML file they may also edit by hand (:func:`load_plan` checks it and names the
line and field of any mistake).

Safety first (:mod:`psoas_lib.coaching.safety`): after a saved "see a professional first"
result that no later assessment or clearance lifted, :func:`proposed_plan` proposes nothing
and raises :class:`PlanBlocked`, which says why and the ways on; exercises held out after
pain stops are left out of what the plan shows (``WeeklyPlan.held_out``).

>>> catalog = load_catalog()
>>> plan = default_plan(catalog)
>>> [(d.weekday, f"{d.time:%H:%M}", d.routine_id) for d in plan.days]
[('mon', '18:30', 'desk-reset'), ('wed', '18:30', 'strength-builder'),
 ('fri', '18:30', 'desk-reset')]
>>> make_plan(catalog, [("mon", "07:00", "desk-reset"), ("tue", "07:00", "desk-reset")])
Traceback (most recent call last):
...
psoas_lib.plan.weekly.PlanError: a weekly plan needs 3 to 5 different days, not 2 (mon, tue)...
"""

from __future__ import annotations

import hashlib
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from psoas_lib.content.catalog import Catalog, load_catalog
from psoas_lib.content.categories import load_categories
from psoas_lib.content.datafile import CatalogError, entries, key_line, read_toml
from psoas_lib.content.routine import Routine
from psoas_lib.errors import PsoasError, where
from psoas_lib.events import announce
from psoas_lib.files import bak_backup, write_atomic
from psoas_lib.paths import data_home

if TYPE_CHECKING:
    import pandas as pd

    from psoas_lib.coaching.safety import Verdict
    from psoas_lib.plan.progression import Progression

__all__ = [
    "MAX_DAYS",
    "MIN_DAYS",
    "PLAN_FILE",
    "WEEKDAYS",
    "PlanBlocked",
    "PlanDay",
    "PlanError",
    "WeeklyPlan",
    "current_plan",
    "default_plan",
    "load_plan",
    "make_plan",
    "plan_path",
    "plan_safety",
    "proposed_plan",
    "routine_lean",
    "save_plan",
]

#: Weekday keys, Monday first (the order of ``datetime.weekday()``).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
#: The article: practise 3 to 5 times a week.
MIN_DAYS, MAX_DAYS = 3, 5
#: The default plan starts easy: the article's lowest count, with a rest day between.
DEFAULT_DAYS = ("mon", "wed", "fri")
DEFAULT_TIME = time(18, 30)
#: The default plan's note after a "see a professional first" check ...
FLAG_NOTE = "Your latest check suggests seeing a professional first. Once they agree, "
#: ... and what it says instead once that red flag is cleared (a proposed plan).
CLEARED_NOTE = "A professional has cleared you to exercise: "

PLAN_FILE = "plan.toml"
_TOP_KEYS = ("timezone", "beyond_top_dose", "calendar_id", "day")
_DAY_KEYS = ("weekday", "time", "routine")


class PlanError(PsoasError):
    """A weekly plan that cannot be used: wrong number of days, an unknown routine..."""


class PlanBlocked(PlanError):
    """No plan is proposed and no calendar written: the safety state refuses exercise.

    ``verdict`` is the safety state's answer (reasons, ways on); ``plan`` the plan as it
    would have been (a view may still show the saved days to edit), or None.
    """

    def __init__(self, verdict: Verdict, plan: WeeklyPlan | None = None) -> None:
        ways = " ".join(f"Or: {w.text}" if n else w.text for n, w in enumerate(verdict.ways_on))
        super().__init__(
            f"No plan is proposed and no calendar is written for now. {verdict.message} {ways}"
        )
        self.verdict, self.plan = verdict, plan


@dataclass(frozen=True)
class PlanDay:
    """One planned session: a weekday key (``"mon"``...), a local time and a routine id."""

    weekday: str
    time: time
    routine_id: str

    @property
    def day_name(self) -> str:
        return WEEKDAY_NAMES[self.weekday]


@dataclass(frozen=True)
class WeeklyPlan:
    """3 to 5 planned sessions on different weekdays, kept in weekday order.

    ``timezone`` is an IANA name (``"Europe/Paris"``) or ``""`` for the computer's own local
    time. ``beyond_top_dose`` is the user's explicit choice to let doses progress past the
    article's top dose. ``calendar_id`` keeps calendar events' UIDs stable across exports.
    ``note`` says where a default plan came from (not saved).
    """

    days: tuple[PlanDay, ...]
    timezone: str = ""
    beyond_top_dose: bool = False
    calendar_id: str = ""
    source: str = "default"  # "default" (proposed) or "saved" (the user's file)
    note: str = field(default="", compare=False)
    #: Exercises the safety state holds out (after pain stops): left out of what is shown.
    held_out: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        days = tuple(self.days)
        for day in days:
            if day.weekday not in WEEKDAYS:
                raise PlanError(
                    f"unknown weekday {day.weekday!r}. Use one of: " + ", ".join(WEEKDAYS)
                )
            if not isinstance(day.time, time):
                raise PlanError(
                    f"{day.weekday}: the time {day.time!r} is not a time of day. "
                    "Write it as HH:MM, e.g. 18:30"
                )
        seen: set[str] = set()
        for day in days:
            if day.weekday in seen:
                raise PlanError(
                    f"{WEEKDAY_NAMES[day.weekday]} appears twice in the plan. "
                    "Give each session its own day."
                )
            seen.add(day.weekday)
        if not MIN_DAYS <= len(days) <= MAX_DAYS:
            named = ", ".join(d.weekday for d in days) or "none"
            fix = "Add a day." if len(days) < MIN_DAYS else "Remove a day: rest matters too."
            raise PlanError(
                f"a weekly plan needs {MIN_DAYS} to {MAX_DAYS} different days, "
                f"not {len(days)} ({named}). {fix}"
            )
        if self.timezone:
            _check_timezone(self.timezone)
        object.__setattr__(
            self, "days", tuple(sorted(days, key=lambda d: WEEKDAYS.index(d.weekday)))
        )

    def day(self, weekday: str) -> PlanDay | None:
        """The session planned on ``weekday`` (a key such as ``"mon"``), or None."""
        return next((d for d in self.days if d.weekday == weekday), None)

    def check(self, catalog: Catalog) -> WeeklyPlan:
        """Raise :class:`PlanError` if a day names a routine the catalog does not have."""
        for day in self.days:
            if day.routine_id not in catalog.routines:
                raise PlanError(
                    f"{day.day_name}: unknown routine {day.routine_id!r}. Use one "
                    "of: " + ", ".join(catalog.routines)
                )
        return self

    def frame(self, catalog: Catalog, progression: Progression | None = None) -> pd.DataFrame:
        """The plan as a table: day, time, routine, minutes and its stretch/strength lean.

        Minutes are at the catalog's doses, or at the levels of ``progression`` when given.
        """
        import pandas as pd

        from psoas_lib.coaching.safety import without
        from psoas_lib.plan.progression import routine_at_levels

        rows = []
        for day in self.days:
            routine = without(catalog.routines[day.routine_id], self.held_out)
            if progression is not None:
                routine = routine_at_levels(routine, catalog, progression)
            rows.append(
                {
                    "day": day.day_name,
                    "time": f"{day.time:%H:%M}",
                    "routine": routine.name,
                    "minutes": -(-routine.total_seconds // 60),
                    "works on": routine_lean(routine),
                }
            )
        return pd.DataFrame(rows)


def _check_timezone(name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise PlanError(
            f"unknown time zone {name!r}. Use a name such as 'Europe/Paris' or "
            "'America/New_York', or leave it empty for this computer's time."
        ) from None


def parse_weekday(value: str) -> str:
    """A weekday key from a key or a name in any case.

    >>> parse_weekday("Wednesday"), parse_weekday("fri")
    ('wed', 'fri')
    """
    key = str(value).strip().lower()[:3]
    if key not in WEEKDAYS or not WEEKDAY_NAMES[key].lower().startswith(str(value).lower().strip()):
        raise PlanError(f"unknown weekday {value!r}. Use one of: " + ", ".join(WEEKDAYS))
    return key


def parse_time(value: str | time) -> time:
    """A local time of day from ``"HH:MM"`` (or a ``time``).

    >>> parse_time("7:05")
    datetime.time(7, 5)
    """
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    found = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", str(value))
    if not found or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        raise PlanError(
            f"the time {value!r} is not a time of day. Write it as HH:MM on a "
            "24-hour clock, e.g. 07:30 or 18:30"
        )
    return time(int(found.group(1)), int(found.group(2)))


def make_plan(
    catalog: Catalog,
    days: Iterable[tuple[str, str | time, str] | PlanDay | Mapping[str, Any]],
    *,
    timezone: str = "",
    beyond_top_dose: bool = False,
    calendar_id: str = "",
    source: str = "saved",
) -> WeeklyPlan:
    """A checked plan from ``(weekday, "HH:MM", routine id)`` triples (or mappings).

    >>> plan = make_plan(load_catalog(), [("Tue", "7:30", "desk-reset"),
    ...     ("thu", "07:30", "strength-builder"), ("sat", "10:00", "yoga-pilates-flow")])
    >>> [d.day_name for d in plan.days]
    ['Tuesday', 'Thursday', 'Saturday']
    """
    built = []
    for day in days:
        if isinstance(day, PlanDay):
            built.append(day)
            continue
        if isinstance(day, Mapping):
            weekday, when, routine_id = day["weekday"], day["time"], day["routine"]
        else:
            weekday, when, routine_id = day
        built.append(PlanDay(parse_weekday(weekday), parse_time(when), str(routine_id)))
    plan = WeeklyPlan(
        tuple(built),
        timezone=timezone,
        beyond_top_dose=beyond_top_dose,
        calendar_id=calendar_id,
        source=source,
    )
    return plan.check(catalog)


def routine_lean(routine: Routine) -> str:
    """What a routine mostly works on: "stretching", "strengthening", "both" or "neither".

    Each exercise counts as its category's ``works_on`` in data/categories.toml: stretch and
    yoga exercises as stretching, strength and Pilates ones as strengthening, warm-ups for
    neither.

    >>> routines = load_catalog().routines
    >>> [routine_lean(routines[r]) for r in ("desk-reset", "strength-builder",
    ...                                      "yoga-pilates-flow", "pre-activity-warm-up")]
    ['stretching', 'strengthening', 'both', 'neither']
    """
    works_on = {c.id: c.works_on for c in load_categories().values()}
    kinds = [works_on.get(item.exercise.category) for item in routine.items]
    stretching, strengthening = kinds.count("stretching"), kinds.count("strengthening")
    if stretching == strengthening:
        return "neither" if stretching == 0 else "both"
    return "stretching" if stretching > strengthening else "strengthening"


def _field(assessment: object, name: str) -> str:
    """A text field of an assessment: an object's attribute or a table row's value."""
    if assessment is None:
        return ""
    if isinstance(assessment, Mapping):
        value = assessment.get(name, "")
    else:
        value = getattr(assessment, name, "")
    return value if isinstance(value, str) else ""


def default_plan(catalog: Catalog, assessment: object = None) -> WeeklyPlan:
    """The proposed plan: Monday, Wednesday and Friday at 18:30, balanced.

    ``assessment`` is the latest self-assessment: an
    :class:`~psoas_lib.coaching.assessment.Assessment` or a row of the journal's assessments
    table (a mapping). Its ``routine_id`` takes Monday and Friday; Wednesday gets its
    ``complement_routine_id`` or else a routine of the other
    kind (:func:`routine_lean`), so the week has both stretching and strengthening. A
    routine that mixes both evenly takes all three days. Without a suggested routine (no
    assessment yet, "see a professional", or a routine that neither stretches nor
    strengthens), the week is the ``stretch-focused`` preset (the desk reset) with the
    ``strength-focused`` one (the strength builder) on Wednesday: presets are found by
    their role in data/routines.toml.

    >>> plan = default_plan(load_catalog(), {"routine_id": "strength-builder"})
    >>> [d.routine_id for d in plan.days]
    ['strength-builder', 'desk-reset', 'strength-builder']
    >>> plan.note
    'Following your latest check (Strength builder), with Desk reset on Wednesday for balance.'
    """
    wanted = _field(assessment, "routine_id")
    main = wanted if wanted in catalog.routines else ""
    lean = routine_lean(catalog.routines[main]) if main else "neither"
    stretch, strength = (catalog.for_role(r).id for r in ("stretch-focused", "strength-focused"))
    if lean == "neither":
        main, lean = stretch, "stretching"
    partner = {"stretching": strength, "strengthening": stretch}.get(lean, main)
    complement = _field(assessment, "complement_routine_id")
    if main == wanted and complement in catalog.routines:
        partner = complement
    chosen = (main, partner, main)
    days = tuple(PlanDay(w, DEFAULT_TIME, r) for w, r in zip(DEFAULT_DAYS, chosen, strict=True))
    main_name = catalog.routines[main].name
    if _field(assessment, "recommendation") == "see-a-professional":
        note = f"{FLAG_NOTE}a gentle start: {main_name}"
    elif main == wanted:
        note = f"Following your latest check ({main_name})"
    elif wanted:
        note = (
            f"Your latest check suggests {wanted!r}, which is not a stretching or "
            f"strengthening routine here; the week starts from {main_name}"
        )
    else:
        note = f"No self-assessment yet: a gentle start with {main_name}"
    if partner != main:
        note += f", with {catalog.routines[partner].name} on Wednesday for balance."
    else:
        note += ", which mixes stretching and strengthening, three times a week."
    return WeeklyPlan(days, note=note).check(catalog)


# ---------------------------------------------------------------------------- the file


def plan_path(home: Path | str | None = None) -> Path:
    """The plan file: ``<data folder>/plan.toml``."""
    return (Path(home) if home is not None else data_home()) / PLAN_FILE


def folder_calendar_id(home: Path | str | None = None) -> str:
    """A stable id for a data folder, for the UIDs of a plan that was never saved."""
    folder = Path(home) if home is not None else data_home()
    return hashlib.sha1(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]


def plan_to_toml(plan: WeeklyPlan) -> str:
    """The plan as the text of ``plan.toml``, with a comment explaining each field.

    >>> text = plan_to_toml(default_plan(load_catalog()))
    >>> '[[day]]\\nweekday = "mon"\\ntime = "18:30"\\nroutine = "desk-reset"' in text
    True
    """
    table = {
        "timezone": plan.timezone,
        "beyond_top_dose": plan.beyond_top_dose,
        "calendar_id": plan.calendar_id,
    }
    blocks = "".join(
        "\n[[day]]\n"
        + tomli_w.dumps({"weekday": d.weekday, "time": f"{d.time:%H:%M}", "routine": d.routine_id})
        for d in plan.days
    )
    header = (
        "# Your Psoas Coach weekly plan. You may edit it; the workbook checks it when it loads.\n"
        "#\n"
        f"# [[day]]           one block per session, {MIN_DAYS} to {MAX_DAYS} different days\n"
        "#   weekday         mon, tue, wed, thu, fri, sat or sun\n"
        '#   time            local time on a 24-hour clock, "HH:MM"\n'
        "#   routine         a routine id (see the start-here notebook)\n"
        '# timezone          e.g. "Europe/Paris"; "" means this computer\'s local time\n'
        "# beyond_top_dose   true lets doses progress past the article's top dose (your choice)\n"
        "# calendar_id       keeps calendar events the same when you export again\n\n"
    )
    return header + tomli_w.dumps(table) + blocks


def save_plan(plan: WeeklyPlan, home: Path | str | None = None) -> Path:
    """Write the plan to ``plan.toml`` in the data folder and return its path.

    The new file is written beside the old one and then swapped in with an atomic rename,
    so a crash never leaves half a plan; the previous plan is kept as ``plan.toml.bak``.
    A plan without a ``calendar_id`` gets a new random one, kept from then on.
    """
    import secrets

    path = plan_path(home)
    if not plan.calendar_id:
        plan = replace(plan, calendar_id=secrets.token_hex(8))
    write_atomic(path, plan_to_toml(plan).encode("utf-8"), backup=bak_backup)
    announce("plan", path)
    return path


def load_plan(catalog: Catalog, home: Path | str | None = None) -> WeeklyPlan | None:
    """The user's saved plan, checked; None when there is no plan file.

    A mistake raises :class:`PlanError` naming the file, the line and the field; the file is
    never changed by loading.
    """
    path = plan_path(home)
    if not path.exists():
        return None
    try:
        data, lines = read_toml(path)
        return _parse_plan(catalog, path, data, lines)
    except CatalogError as exc:
        raise PlanError(str(exc)) from None


def _parse_plan(catalog: Catalog, path: Path, data: dict[str, Any], lines: list[str]) -> WeeklyPlan:
    for key in data:
        if key not in _TOP_KEYS:
            raise PlanError(
                f"{_at(path, lines, key)}: unknown setting {key!r}. Use: " + ", ".join(_TOP_KEYS)
            )
    settings: dict[str, Any] = {}
    for key, kind, words, default in (
        ("timezone", str, "text in quotes", ""),
        ("beyond_top_dose", bool, "true or false", False),
        ("calendar_id", str, "text in quotes", ""),
    ):
        value = data.get(key, default)
        if not isinstance(value, kind):
            raise PlanError(
                f"{_at(path, lines, key)}: {key!r} should be {words}, not "
                f"{value!r}. Write it as {words}"
            )
        settings[key] = value
    if settings["timezone"]:
        try:
            _check_timezone(settings["timezone"])
        except PlanError as exc:
            raise PlanError(f"{_at(path, lines, 'timezone')}: {exc}") from None
    days: list[PlanDay] = []
    found = entries(data, "day", path, lines)
    for entry in found:
        for key in entry.data:
            if key not in _DAY_KEYS:
                raise entry.error(key, f"unknown field {key!r}", "Use: " + ", ".join(_DAY_KEYS))
        weekday = entry.get("weekday", str)
        try:
            weekday = parse_weekday(weekday)
        except PlanError:
            raise entry.error(
                "weekday", f"unknown weekday {weekday!r}", "Use one of: " + ", ".join(WEEKDAYS)
            ) from None
        if any(d.weekday == weekday for d in days):
            raise entry.error(
                "weekday",
                f"{WEEKDAY_NAMES[weekday]} is planned twice",
                "Give each session its own day, or remove this block",
            )
        when = entry.get("time", (str, time))
        try:
            when = parse_time(when)
        except PlanError:
            raise entry.error(
                "time",
                f"the time {when!r} is not a time of day",
                "Write it as HH:MM on a 24-hour clock, e.g. 07:30",
            ) from None
        routine_id = entry.get("routine", str)
        if routine_id not in catalog.routines:
            raise entry.error(
                "routine",
                f"unknown routine {routine_id!r}",
                "Use one of: " + ", ".join(catalog.routines),
            )
        days.append(PlanDay(weekday, when, routine_id))
    if not MIN_DAYS <= len(days) <= MAX_DAYS:
        raise PlanError(
            f"{path}: the plan has {len(days)} [[day]] blocks; it needs "
            f"{MIN_DAYS} to {MAX_DAYS} on different days. "
            + ("Add a block." if len(days) < MIN_DAYS else "Remove a block.")
        )
    return WeeklyPlan(tuple(days), source="saved", **settings)


def _at(path: Path, lines: list[str], key: str) -> str:
    line = key_line(lines, key)
    return where(path, line, field=key) if line else str(path)


def plan_safety(
    home: Path | str | None = None,
    now: datetime | None = None,
    catalog: Catalog | None = None,
) -> Verdict:
    """The safety state's answer for planning (any routine) at ``now`` (default: now);
    ``catalog`` names the held-out exercises in its reasons."""
    from psoas_lib.coaching.safety import read_state

    names = {ex.id: ex.name for ex in catalog.exercises.values()} if catalog else {}
    return read_state(home).verdict(None, now or datetime.now().astimezone(), names)


def proposed_plan(
    catalog: Catalog | None = None,
    home: Path | str | None = None,
    *,
    now: datetime | None = None,
) -> WeeklyPlan:
    """:func:`current_plan`, as the plan page, ``psoas plan`` and the calendar propose it:
    asked of the safety state at ``now`` (default: now) first.

    Raises :class:`PlanBlocked` after an uncleared red flag (no plan is proposed); exercises
    held out after pain stops are in the plan's ``held_out`` and said in its note, as is a
    pain stop today (nothing more today; the plan is for the days ahead).

    >>> import tempfile
    >>> proposed_plan(home=tempfile.mkdtemp()).held_out
    ()
    """
    catalog = catalog or load_catalog(home=home)
    plan = current_plan(catalog, home)
    verdict = plan_safety(home, now, catalog)
    if not verdict.allowed:
        raise PlanBlocked(verdict, plan)
    if plan.note.startswith(FLAG_NOTE):  # proposed, so the red flag has been cleared
        plan = replace(plan, note=CLEARED_NOTE + plan.note[len(FLAG_NOTE) :])
    if verdict.held_out or verdict.rest_today:  # said in the plan's note
        note = " ".join(filter(None, (plan.note, verdict.message)))
        plan = replace(plan, held_out=verdict.held_out, note=note)
    return plan


def current_plan(catalog: Catalog | None = None, home: Path | str | None = None) -> WeeklyPlan:
    """The user's saved plan, or else the default one following their latest assessment
    (what the weeks are counted against; to propose exercise, use :func:`proposed_plan`).

    >>> import tempfile
    >>> current_plan(home=tempfile.mkdtemp()).source
    'default'
    """
    catalog = catalog or load_catalog(home=home)
    saved = load_plan(catalog, home)
    if saved is not None:
        return saved
    from psoas_lib.journal.store import Journal

    assessments = Journal(home).assessments()
    latest = None
    if not assessments.empty:
        latest = assessments.sort_values("taken_at", kind="stable").iloc[-1].to_dict()
    plan = default_plan(catalog, latest)
    return replace(plan, calendar_id=folder_calendar_id(home))
