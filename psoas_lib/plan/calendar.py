"""The weekly plan as an iCalendar file (RFC 5545) that any calendar app can import.

Each planned day becomes one weekly recurring event (``RRULE:FREQ=WEEKLY;BYDAY=MO``) at the
plan's local time, as long as its routine (at the user's current levels), with a reminder
ten minutes before and a description listing the exercises and how to open the routine in
Psoas Coach.

Time zone: the plan's ``timezone`` or, when it has none, this computer's (``TZ`` in any
form, then ``/etc/timezone``, then the ``/etc/localtime`` link), written as
``DTSTART;TZID=...`` with its VTIMEZONE. If no zone name can be found, the times are
*floating* (no TZID): a calendar shows them at that wall-clock time wherever the user is.

UIDs are ``psoas-<calendar id>-<weekday>@psoas-coach``: exporting again after changing
Monday's routine updates Monday's event on import instead of adding a second one (a day
removed from the plan must be deleted in the calendar by hand).

The description names the app and how to open the routine in it: the app's *Run a routine*
page (``make app``), the notebook in JupyterLab (``make lab``) or the terminal
(``psoas run <routine id>``). It links to no file: a ``file://`` path points into the
computer that exported the calendar, and a phone or another computer has no such file (nor
would a JupyterLab address last: its port and token change every time it starts).

Safety first: :func:`export_calendar` asks the safety state before writing
(:func:`psoas_lib.plan.weekly.plan_safety`); after an uncleared red flag it writes nothing and
raises :class:`~psoas_lib.plan.weekly.PlanBlocked` saying why. Exercises held out after pain
stops (``WeeklyPlan.held_out``) are left out of the events' descriptions and lengths.

>>> from datetime import date
>>> from psoas_lib import load_catalog
>>> from psoas_lib.plan.weekly import default_plan
>>> plan = default_plan(load_catalog())
>>> text = calendar_bytes(plan, load_catalog(), start=date(2026, 3, 4), tzid="Europe/Paris")
>>> b"RRULE:FREQ=WEEKLY;BYDAY=WE" in text, b"DTSTART;TZID=Europe/Paris:20260304T183000" in text
(True, True)
"""

from __future__ import annotations

import contextlib
import math
import os
import zoneinfo
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import icalendar

from psoas_lib.coaching.safety import without
from psoas_lib.content.catalog import Catalog
from psoas_lib.errors import PsoasError
from psoas_lib.files import bak_backup, write_atomic
from psoas_lib.paths import data_home
from psoas_lib.plan.progression import Progression, replay_progression, routine_at_levels
from psoas_lib.plan.weekly import WEEKDAYS, PlanBlocked, WeeklyPlan, plan_safety

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "RUN_NOTEBOOK",
    "CalendarError",
    "calendar_bytes",
    "default_export_path",
    "export_calendar",
    "export_my_calendar",
    "local_timezone_name",
    "plan_calendar",
]

PRODID = "-//Psoas Coach//Weekly plan//EN"
#: The notebook the events link to: where a routine is run with the timer.
RUN_NOTEBOOK = "02_run_a_routine.ipynb"
#: Minutes before a session that the calendar reminds the user.
REMINDER_MIN = 10
EXPORT_NAME = "psoas-plan.ics"
_BYDAY = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))


class CalendarError(PsoasError):
    """The calendar file cannot be written where asked (it exists, or the folder is missing)."""


def local_timezone_name() -> str:
    """This computer's IANA time zone name, or ``""`` when it cannot be told.

    ``TZ`` first, in every form the C library reads: ``Area/City``, a legacy name
    (``Japan``, ``Singapore``), ``CET``, ``EST5EDT``, ``UTC``, with or without a leading
    ``:``, or a path into the zone database. A ``TZ`` that names no known zone (a bare
    POSIX rule such as ``JST-9``) gives ``""``, floating times, rather than the system's
    zone, which ``TZ`` overrides. Without ``TZ``: ``/etc/timezone``, then ``/etc/localtime``.

    >>> import os
    >>> before = os.environ.get("TZ")
    >>> os.environ["TZ"] = "Japan"
    >>> local_timezone_name()
    'Japan'
    >>> os.environ["TZ"] = ":/usr/share/zoneinfo/Asia/Tokyo"
    >>> local_timezone_name()
    'Asia/Tokyo'
    >>> _ = os.environ.pop("TZ") if before is None else os.environ.update(TZ=before)
    """
    tz = os.environ.get("TZ", "").strip()
    if tz:
        return _zone_key(tz)
    candidates: list[str] = []
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    with contextlib.suppress(OSError):
        candidates.append(str(Path("/etc/localtime").resolve()))
    for candidate in candidates:
        name = _zone_key(candidate)
        if name:
            return name
    return ""


def _zone_key(text: str) -> str:
    """The zone database key in a ``TZ``-style text, or ``""`` if it names no known zone."""
    name = text.strip().lstrip(":")
    if "zoneinfo/" in name:
        name = name.split("zoneinfo/", 1)[1]
    if not name or name.startswith("/"):
        return ""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return ""
    return name


def _first_on_or_after(start: date, weekday: str) -> date:
    """The first date on or after ``start`` falling on ``weekday``.

    >>> _first_on_or_after(date(2026, 3, 4), "mon")      # a Wednesday
    datetime.date(2026, 3, 9)
    """
    return start + timedelta(days=(WEEKDAYS.index(weekday) - start.weekday()) % 7)


def _description(routine_name: str, routine_id: str, minutes: int, lines: list[str]) -> str:
    return "\n".join(
        [
            f"{routine_name}, about {minutes} min.",
            *lines,
            "",
            "Run it with the timer in Psoas Coach, where you keep your workbook: in the app "
            "(make app in the workbook folder, then Run a routine), in JupyterLab (make lab, "
            f"then the notebook notebooks/{RUN_NOTEBOOK}), or in a terminal: "
            f"psoas run {routine_id}",
            "Doses are your levels on the day this calendar was exported; the workbook always "
            "shows your current ones.",
            "Warm up first, never bounce, and stop at once on sharp or radiating pain.",
        ]
    )


def plan_calendar(
    plan: WeeklyPlan,
    catalog: Catalog,
    *,
    progression: Progression | None = None,
    start: date | None = None,
    now: datetime | None = None,
    tzid: str | None = None,
) -> icalendar.Calendar:
    """The plan as an :class:`icalendar.Calendar`: one weekly event per planned day.

    ``progression`` gives the doses (default: everyone's lowest level); the first event of
    each day is on or after ``start`` (default: today); ``now`` is the DTSTAMP (default:
    now); ``tzid`` overrides the time zone (``""`` for floating times).
    """
    plan.check(catalog)
    progression = progression or replay_progression(
        _no_sessions(), catalog, beyond_top_dose=plan.beyond_top_dose
    )
    start = start or date.today()
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    zone_name = (plan.timezone or local_timezone_name()) if tzid is None else tzid
    zone = zoneinfo.ZoneInfo(zone_name) if zone_name else None
    calendar_id = plan.calendar_id or "default"

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Psoas Coach")
    for day in plan.days:
        routine = without(catalog.routines[day.routine_id], plan.held_out)
        routine = routine_at_levels(routine, catalog, progression)
        minutes = math.ceil(routine.total_seconds / 60)
        first = datetime.combine(_first_on_or_after(start, day.weekday), day.time, tzinfo=zone)
        lines = [
            f"{n}. {item.exercise.name}: {item.dose.describe(item.exercise.sides)}"
            for n, item in enumerate(routine.items, start=1)
        ]
        event = icalendar.Event()
        event.add("uid", f"psoas-{calendar_id}-{day.weekday}@psoas-coach")
        event.add("dtstamp", stamp)
        event.add("summary", f"Psoas Coach: {routine.name}")
        event.add("dtstart", first)
        event.add("duration", timedelta(minutes=minutes))
        event.add("rrule", {"freq": "weekly", "byday": [_BYDAY[day.weekday]]})
        event.add("description", _description(routine.name, routine.id, minutes, lines))
        event.add("categories", ["Psoas Coach"])
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{routine.name} in {REMINDER_MIN} minutes")
        alarm.add("trigger", timedelta(minutes=-REMINDER_MIN))
        event.add_component(alarm)
        cal.add_component(event)
    if zone is not None:
        cal.add_missing_timezones(first_date=date(start.year, 1, 1))
    return cal


def _no_sessions() -> pd.DataFrame:  # an empty journal frame: everyone at the lowest level
    import pandas as pd

    return pd.DataFrame()


def calendar_bytes(plan: WeeklyPlan, catalog: Catalog, **kw: object) -> bytes:
    """The ``.ics`` file's bytes (CRLF line ends, folded at 75 octets, as RFC 5545 asks)."""
    ical: bytes = plan_calendar(plan, catalog, **kw).to_ical()  # type: ignore[arg-type]
    return ical


def default_export_path(home: Path | str | None = None) -> Path:
    """Where the calendar goes unless the user names a file: ``<data folder>/exports/``."""
    return (Path(home) if home is not None else data_home()) / "exports" / EXPORT_NAME


def export_calendar(
    plan: WeeklyPlan,
    catalog: Catalog,
    path: Path | str | None = None,
    *,
    overwrite: bool = False,
    home: Path | str | None = None,
    **kw: object,
) -> Path:
    """Write the plan's calendar to ``path`` (default: :func:`default_export_path`).

    An existing file is never replaced silently: without ``overwrite=True`` this raises
    :class:`CalendarError`; with it, the old file is kept as ``<name>.bak`` and the new one
    swapped in atomically. After an uncleared red flag nothing is written:
    :class:`~psoas_lib.plan.weekly.PlanBlocked` says why.
    """
    verdict = plan_safety(home, catalog=catalog)
    if not verdict.allowed:
        raise PlanBlocked(verdict)
    target = Path(path).expanduser() if path is not None else default_export_path(home)
    if target.is_dir():
        raise CalendarError(f"{target} is a folder. Give a file name, e.g. {target / EXPORT_NAME}")
    if target.exists() and not overwrite:
        raise CalendarError(
            f"{target} exists already. Choose another file name, or replace "
            "it on purpose (overwrite; the old file is kept as .bak)."
        )
    if path is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    elif not target.parent.is_dir():
        raise CalendarError(
            f"{target.parent}: no such folder. Create it first or choose "
            "another place for the calendar file."
        )
    data = calendar_bytes(plan, catalog, **kw)
    write_atomic(target, data, backup=bak_backup)
    return target


def export_my_calendar(
    path: Path | str | None = None,
    *,
    home: Path | str | None = None,
    overwrite: bool = False,
    start: date | None = None,
) -> tuple[Path, WeeklyPlan]:
    """Export the user's plan (or the default one) at their current levels from the journal.

    Returns the file written and the plan used.
    """
    from psoas_lib.content.catalog import load_catalog
    from psoas_lib.journal.store import Journal
    from psoas_lib.plan.weekly import proposed_plan

    catalog = load_catalog(home=home)
    plan = proposed_plan(catalog, home)
    levels = replay_progression(
        Journal(home).sessions(), catalog, beyond_top_dose=plan.beyond_top_dose
    )
    written = export_calendar(
        plan, catalog, path, overwrite=overwrite, home=home, progression=levels, start=start
    )
    return written, plan
