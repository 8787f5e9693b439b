"""The calendar export, parsed back with the icalendar package.

Lengths worked out by hand from the routines' timelines at the lowest levels:
desk reset = get ready 10 + kneeling 6 holds x 20 + 5 switches x 5 (145) + rest 15
+ lying 20 + 5 + 20 (45) + rest 15 + pelvic tilt 4 x 10 + 3 x 5 (55) + rest 15
+ knee-to-chest 10 x 5 (50) = 350 s, so 6 minutes;
strength builder = 10 + bridge 5 x 5 + 4 x 5 (45) + 15 + single-leg raise 2 x 10 x 10 + 5
(205) + 15 + psoas march 10 x 5 (50) = 340 s, so 6 minutes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pandas as pd
import pytest

from psoas_lib import load_catalog
from psoas_lib.plan.calendar import (
    CalendarError,
    calendar_bytes,
    default_export_path,
    export_calendar,
    plan_calendar,
)
from psoas_lib.plan.progression import replay_progression
from psoas_lib.plan.weekly import make_plan

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog()
ROOT = Path(__file__).resolve().parent.parent
PLAN = make_plan(
    CATALOG,
    [
        ("mon", "07:30", "desk-reset"),
        ("wed", "18:00", "strength-builder"),
        ("fri", "07:30", "desk-reset"),
    ],
    calendar_id="abc123",
)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def parse(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_weekly_events_with_days_times_lengths_and_rules():
    data = calendar_bytes(PLAN, CATALOG, start=date(2026, 3, 4), now=NOW, tzid="Europe/Paris")
    events = parse(data)
    paris = ZoneInfo("Europe/Paris")
    got = [
        (
            str(e["SUMMARY"]),
            e["DTSTART"].dt,
            e["DTSTART"].params["TZID"],
            e["DURATION"].dt,
            dict(e["RRULE"]),
            str(e["UID"]),
        )
        for e in events
    ]
    assert got == [
        (
            "Psoas Coach: Desk reset",
            datetime(2026, 3, 9, 7, 30, tzinfo=paris),
            "Europe/Paris",
            timedelta(minutes=12),  # 695 s at the lowest levels (see test_cli), rounded up
            {"FREQ": ["WEEKLY"], "BYDAY": ["MO"]},
            "psoas-abc123-mon@psoas-coach",
        ),
        (
            "Psoas Coach: Strength builder",
            datetime(2026, 3, 4, 18, 0, tzinfo=paris),
            "Europe/Paris",
            timedelta(minutes=6),
            {"FREQ": ["WEEKLY"], "BYDAY": ["WE"]},
            "psoas-abc123-wed@psoas-coach",
        ),
        (
            "Psoas Coach: Desk reset",
            datetime(2026, 3, 6, 7, 30, tzinfo=paris),
            "Europe/Paris",
            timedelta(minutes=12),
            {"FREQ": ["WEEKLY"], "BYDAY": ["FR"]},
            "psoas-abc123-fri@psoas-coach",
        ),
    ]
    cal = icalendar.Calendar.from_ical(data)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert (str(cal["VERSION"]), str(cal["PRODID"])) == ("2.0", "-//Psoas Coach//Weekly plan//EN")
    assert all(e["DTSTAMP"].dt == NOW for e in events)
    assert b"\r\n" in data


def test_every_event_reminds_ten_minutes_before():
    for event in parse(calendar_bytes(PLAN, CATALOG, start=date(2026, 3, 4), tzid="UTC")):
        (alarm,) = event.walk("VALARM")
        assert (str(alarm["ACTION"]), alarm["TRIGGER"].dt) == ("DISPLAY", timedelta(minutes=-10))


def test_the_description_lists_the_doses_and_names_the_app_not_a_file():
    (event, *_) = parse(calendar_bytes(PLAN, CATALOG, start=date(2026, 3, 4), tzid="UTC"))
    text = str(event["DESCRIPTION"])
    assert text.startswith(
        "Desk reset, about 12 min.\n"
        "1. Marching in place: 180 s\n"
        "2. Leg swings: 30 s per side, 2 sets\n"
        "3. Standing pelvic tilt: 10 s hold, 4 times\n"
        "4. Warrior I: 20 s hold, 1 per side\n"
        "5. Kneeling hip-flexor (psoas) stretch: 20 s hold, 3 per side\n"
    )
    assert "Psoas Coach" in text and "make app" in text and "Run a routine" in text
    assert "notebooks/02_run_a_routine.ipynb" in text and "psoas run desk-reset" in text
    assert "stop at once on sharp or radiating pain" in text
    # nothing points into the computer that made the file
    ics = calendar_bytes(PLAN, CATALOG, start=date(2026, 3, 4), tzid="UTC").decode()
    assert "file:" not in ics and str(ROOT) not in ics.replace("\r\n ", "")
    assert "URL" not in event


def test_lengths_follow_the_current_levels():
    desk = ";".join(CATALOG.routines["desk-reset"].exercise_ids)
    rows = [
        {
            "started_at": pd.Timestamp("2026-03-02 10:00", tz="UTC") + pd.Timedelta(days=k),
            "utc_offset_min": 0,
            "routine_id": "desk-reset",
            "planned_s": 600,
            "completed_s": 600,
            "exercises_done": desk,
            "tightness_before": 5,
            "tightness_after": 4,
            "pain_stop": False,
        }
        for k in range(12)
    ]
    levels = replay_progression(pd.DataFrame(rows), CATALOG)
    # 12 sessions, two steps up: warrior I, kneeling and low lunge at 30 s (capped), the
    # pelvic tilt at 20 s x 5 (its third level): the catalog's 795 s (see test_routine) with
    # the tilt's 4 x 10 + 15 = 55 s now 5 x 20 + 4 x 5 = 120 s: 860 s, 15 minutes rounded up
    (monday, *_) = parse(
        calendar_bytes(PLAN, CATALOG, progression=levels, start=date(2026, 3, 4), tzid="UTC")
    )
    assert monday["DURATION"].dt == timedelta(minutes=15)
    assert "3. Standing pelvic tilt: 20 s hold, 5 times" in str(monday["DESCRIPTION"])


def test_without_a_time_zone_the_times_float():
    events = parse(calendar_bytes(PLAN, CATALOG, start=date(2026, 3, 4), tzid=""))
    assert events[0]["DTSTART"].dt == datetime(2026, 3, 9, 7, 30)  # naive: floating
    assert "TZID" not in events[0]["DTSTART"].params
    assert b"VTIMEZONE" not in calendar_bytes(PLAN, CATALOG, tzid="")


def test_the_plans_time_zone_is_used():
    plan = make_plan(
        CATALOG, [(d.weekday, d.time, d.routine_id) for d in PLAN.days], timezone="America/New_York"
    )
    (event, *_) = parse(calendar_bytes(plan, CATALOG, start=date(2026, 3, 4)))
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event["DTSTART"].dt.time() == time(7, 30)


def test_uids_are_stable_across_exports():
    first = [str(e["UID"]) for e in parse(calendar_bytes(PLAN, CATALOG, tzid="UTC"))]
    again = [
        str(e["UID"])
        for e in parse(calendar_bytes(PLAN, CATALOG, tzid="UTC", start=date(2027, 1, 1)))
    ]
    assert first == again and len(set(first)) == 3


def test_export_writes_to_the_data_folders_exports_by_default(psoas_home):
    path = export_calendar(PLAN, CATALOG, home=psoas_home, tzid="UTC")
    assert path == psoas_home / "exports" / "psoas-plan.ics" == default_export_path(psoas_home)
    assert len(parse(path.read_bytes())) == 3


def test_export_never_overwrites_silently(tmp_path):
    target = tmp_path / "mine.ics"
    target.write_bytes(b"my own calendar")
    with pytest.raises(CalendarError, match=r"mine\.ics exists already"):
        export_calendar(PLAN, CATALOG, target, tzid="UTC")
    assert target.read_bytes() == b"my own calendar"
    export_calendar(PLAN, CATALOG, target, overwrite=True, tzid="UTC")
    assert (tmp_path / "mine.ics.bak").read_bytes() == b"my own calendar"
    assert len(parse(target.read_bytes())) == 3


@pytest.mark.parametrize(
    "name, message",
    [
        ("no-such-folder/plan.ics", "no-such-folder: no such folder."),
        (".", "is a folder. Give a file name"),
    ],
)
def test_export_to_a_bad_place_says_so(tmp_path, name, message):
    with pytest.raises(CalendarError, match=message):
        export_calendar(PLAN, CATALOG, tmp_path / name, tzid="UTC")


def test_the_calendar_object_is_an_icalendar_calendar():
    assert isinstance(plan_calendar(PLAN, CATALOG, tzid="UTC"), icalendar.Calendar)


# TZ in every form. Monday 9 March 2026, 07:30 local, in UTC (worked out by hand):
# Japan = Asia/Tokyo, +9 all year: 22:30 on Sunday 8 March. Singapore, +8: 23:30 on Sunday.
# CET, +1 in winter: 06:30. EST5EDT: US summer time starts 8 March 2026 (second Sunday of
# March), so -4: 11:30. UTC: 07:30. Europe/Paris, still winter time (+1): 06:30.
# With a leading colon (glibc's form) and as a path into the zone database, too.
TZ_FORMS = [
    ("Japan", "Japan", datetime(2026, 3, 8, 22, 30, tzinfo=UTC)),
    ("Singapore", "Singapore", datetime(2026, 3, 8, 23, 30, tzinfo=UTC)),
    ("CET", "CET", datetime(2026, 3, 9, 6, 30, tzinfo=UTC)),
    ("EST5EDT", "EST5EDT", datetime(2026, 3, 9, 11, 30, tzinfo=UTC)),
    ("UTC", "UTC", datetime(2026, 3, 9, 7, 30, tzinfo=UTC)),
    ("Europe/Paris", "Europe/Paris", datetime(2026, 3, 9, 6, 30, tzinfo=UTC)),
    (":Japan", "Japan", datetime(2026, 3, 8, 22, 30, tzinfo=UTC)),
    (":/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo", datetime(2026, 3, 8, 22, 30, tzinfo=UTC)),
]


@pytest.mark.parametrize(("tz", "tzid", "utc"), TZ_FORMS)
def test_every_form_of_tz_gives_the_right_zone(monkeypatch, tz, tzid, utc):
    monkeypatch.setenv("TZ", tz)
    (monday, *_) = parse(calendar_bytes(PLAN, CATALOG, start=date(2026, 3, 4), now=NOW))
    # UTC itself is written as 07:30:00Z, without a TZID
    assert monday["DTSTART"].params.get("TZID", "UTC") == tzid
    assert monday["DTSTART"].dt.astimezone(UTC) == utc


@pytest.mark.parametrize("tz", ["JST-9", "Nowhere/Land", "EST+5EDT,M3.2.0/2,M11.1.0/2"])
def test_a_tz_that_names_no_known_zone_floats_rather_than_guess(monkeypatch, tz):
    # TZ is set, so the system's zone would be wrong: floating times keep the wall clock
    monkeypatch.setenv("TZ", tz)
    (monday, *_) = parse(calendar_bytes(PLAN, CATALOG, start=date(2026, 3, 4), now=NOW))
    assert "TZID" not in monday["DTSTART"].params
    assert monday["DTSTART"].dt == datetime(2026, 3, 9, 7, 30)


def test_without_tz_the_systems_zone_is_used(monkeypatch):
    import time as clock

    from psoas_lib.plan.calendar import local_timezone_name

    monkeypatch.delenv("TZ", raising=False)
    clock.tzset()
    name = local_timezone_name()
    # independent check: the zone found has this computer's current UTC offset
    now = datetime.now(UTC)
    assert ZoneInfo(name).utcoffset(now) == timedelta(seconds=clock.localtime().tm_gmtoff)
