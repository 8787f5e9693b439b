"""The weekly plan: validation, the default plan, the plan file, planned against done."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pandas as pd
import pytest

from psoas_lib import load_catalog
from psoas_lib.coaching.assessment import assess
from psoas_lib.journal.store import Journal
from psoas_lib.plan.progression import replay_progression
from psoas_lib.plan.weekly import (
    PlanDay,
    PlanError,
    WeeklyPlan,
    current_plan,
    default_plan,
    load_plan,
    make_plan,
    plan_path,
    routine_lean,
    save_plan,
)
from psoas_lib.plan.weeks import planned_vs_done, week_status

CATALOG = load_catalog()
THREE = [
    ("mon", "07:30", "desk-reset"),
    ("wed", "18:00", "strength-builder"),
    ("fri", "07:30", "desk-reset"),
]


# ------------------------------------------------------------------ validation


def test_days_are_kept_in_weekday_order_with_local_times():
    plan = make_plan(
        CATALOG,
        [
            ("Friday", "7:30", "desk-reset"),
            ("mon", "18:00", "desk-reset"),
            ("WED", time(6, 5), "strength-builder"),
        ],
    )
    assert [(d.weekday, d.time, d.routine_id) for d in plan.days] == [
        ("mon", time(18, 0), "desk-reset"),
        ("wed", time(6, 5), "strength-builder"),
        ("fri", time(7, 30), "desk-reset"),
    ]
    assert plan.day("wed").day_name == "Wednesday" and plan.day("sun") is None


@pytest.mark.parametrize(
    "days, message",
    [
        (THREE[:2], "a weekly plan needs 3 to 5 different days, not 2 (mon, wed). Add a day."),
        (
            [(w, "07:00", "desk-reset") for w in ("mon", "tue", "wed", "thu", "fri", "sat")],
            "a weekly plan needs 3 to 5 different days, not 6 (mon, tue, wed, thu, fri, sat). "
            "Remove a day: rest matters too.",
        ),
        (
            [*THREE[:2], ("mon", "19:00", "desk-reset")],
            "Monday appears twice in the plan. Give each session its own day.",
        ),
        (
            [*THREE[:2], ("mnday", "19:00", "desk-reset")],
            "unknown weekday 'mnday'. Use one of: mon, tue, wed, thu, fri, sat, sun",
        ),
        (
            [*THREE[:2], ("sun", "25:00", "desk-reset")],
            "the time '25:00' is not a time of day. Write it as HH:MM on a 24-hour clock, "
            "e.g. 07:30 or 18:30",
        ),
        ([*THREE[:2], ("sun", "7.30", "desk-reset")], "the time '7.30' is not a time of day."),
        (
            [*THREE[:2], ("sun", "10:00", "couch-time")],
            "Sunday: unknown routine 'couch-time'. Use one of: desk-reset, strength-builder,",
        ),
    ],
)
def test_bad_plans_are_refused_with_a_clear_message(days, message):
    with pytest.raises(PlanError) as caught:
        make_plan(CATALOG, days)
    assert str(caught.value).startswith(message)


def test_an_unknown_time_zone_is_refused():
    with pytest.raises(PlanError, match="unknown time zone 'Mars/Olympus'"):
        make_plan(CATALOG, THREE, timezone="Mars/Olympus")


# ------------------------------------------------------------------ the default plan


@pytest.mark.parametrize(
    "routine, lean",
    [
        ("desk-reset", "stretching"),  # 4 stretches
        ("strength-builder", "strengthening"),  # bridge (stretch) + 2 strength
        ("post-workout-release", "stretching"),
        ("yoga-pilates-flow", "both"),  # 2 yoga + 2 Pilates
        ("full-programme", "stretching"),  # 5 stretch + 2 yoga against 2 strength + 2 Pilates
        ("pre-activity-warm-up", "neither"),  # warm-ups only
    ],
)
def test_routine_lean(routine, lean):
    assert routine_lean(CATALOG.routines[routine]) == lean


@pytest.mark.parametrize(
    "ticked, recommendation, routines",
    [
        ([], "balanced", ["full-programme", "strength-builder", "full-programme"]),
        (
            ["tight-hips-groin", "sits-long"],
            "stretch-focused",
            ["desk-reset", "strength-builder", "desk-reset"],
        ),
        (
            ["leg-hard-to-hold-up"],
            "strength-focused",
            ["strength-builder", "desk-reset", "strength-builder"],
        ),
        (
            ["tight-hips-groin", "runs-cycles-yoga"],
            "stretch-focused",
            ["post-workout-release", "strength-builder", "post-workout-release"],
        ),
        (
            ["sharp-radiating-pain"],
            "see-a-professional",
            ["desk-reset", "strength-builder", "desk-reset"],
        ),
    ],
)
def test_the_default_follows_the_assessment_and_balances_the_week(ticked, recommendation, routines):
    result = assess(ticked)
    assert result.recommendation == recommendation
    plan = default_plan(CATALOG, result)
    assert [d.weekday for d in plan.days] == ["mon", "wed", "fri"]
    assert {d.time for d in plan.days} == {time(18, 30)}
    assert [d.routine_id for d in plan.days] == routines
    leans = {routine_lean(CATALOG.routines[r]) for r in routines}
    assert {"stretching", "strengthening"} <= leans


def test_default_notes_say_why():
    assert default_plan(CATALOG).note == (
        "No self-assessment yet: a gentle start with Desk "
        "reset, with Strength builder on Wednesday for "
        "balance."
    )
    assert default_plan(CATALOG, assess(["sharp-radiating-pain"])).note.startswith(
        "Your latest check suggests seeing a professional first."
    )
    mixed = default_plan(CATALOG, {"routine_id": "yoga-pilates-flow"})
    assert [d.routine_id for d in mixed.days] == ["yoga-pilates-flow"] * 3


def test_after_a_clearance_the_proposed_plan_no_longer_says_see_a_professional(psoas_home):
    from datetime import datetime, timedelta

    from psoas_lib import Journal
    from psoas_lib.plan.weekly import proposed_plan

    now = datetime.now().astimezone().replace(microsecond=0)
    journal = Journal(psoas_home)
    journal.add_assessment(**assess(["sharp-radiating-pain"]).as_record(now - timedelta(days=2)))
    journal.add_clearance(
        recorded_at=now - timedelta(days=1), cleared_on=now.date() - timedelta(days=1)
    )
    note = proposed_plan(CATALOG, psoas_home, now=now).note
    assert note == (
        "A professional has cleared you to exercise: a gentle start: Desk reset, with "
        "Strength builder on Wednesday for balance."
    )
    assert "see" not in note.lower()


# ------------------------------------------------------------------ the plan file


def test_save_then_load_gives_the_same_plan(psoas_home):
    plan = make_plan(CATALOG, THREE, timezone="Europe/Paris", beyond_top_dose=True)
    path = save_plan(plan, psoas_home)
    assert path == psoas_home / "plan.toml"
    loaded = load_plan(CATALOG, psoas_home)
    assert loaded.days == plan.days
    assert (loaded.timezone, loaded.beyond_top_dose, loaded.source) == (
        "Europe/Paris",
        True,
        "saved",
    )
    assert len(loaded.calendar_id) == 16  # given once, on first save
    save_plan(loaded, psoas_home)
    assert load_plan(CATALOG, psoas_home).calendar_id == loaded.calendar_id


def test_saving_keeps_the_previous_plan_as_bak(psoas_home):
    save_plan(make_plan(CATALOG, THREE), psoas_home)
    first = plan_path(psoas_home).read_bytes()
    save_plan(make_plan(CATALOG, [*THREE, ("sun", "10:00", "yoga-pilates-flow")]), psoas_home)
    assert (psoas_home / "plan.toml.bak").read_bytes() == first
    assert len(load_plan(CATALOG, psoas_home).days) == 4
    assert not (psoas_home / "plan.toml.tmp").exists()


def test_the_file_is_readable_toml_with_one_block_a_day(psoas_home):
    save_plan(make_plan(CATALOG, THREE), psoas_home)
    text = plan_path(psoas_home).read_text(encoding="utf-8")
    assert text.count("[[day]]\n") == 3
    assert '[[day]]\nweekday = "wed"\ntime = "18:00"\nroutine = "strength-builder"\n' in text


GOOD = """timezone = ""
beyond_top_dose = false

[[day]]
weekday = "mon"
time = "07:30"
routine = "desk-reset"

[[day]]
weekday = "wed"
time = "07:30"
routine = "strength-builder"

[[day]]
weekday = "fri"
time = "07:30"
routine = "desk-reset"
"""


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            'routine = "strength-builder"',
            'routine = "nap"',
            "plan.toml, line 12, entry '#2', field 'routine': unknown routine 'nap'. Use one of:",
        ),
        (
            'weekday = "fri"',
            'weekday = "fryday"',
            "plan.toml, line 15, entry '#3', field 'weekday': unknown weekday 'fryday'. "
            "Use one of:",
        ),
        (
            'weekday = "fri"',
            'weekday = "mon"',
            "plan.toml, line 15, entry '#3', field 'weekday': Monday is planned twice.",
        ),
        (
            'time = "07:30"\nroutine = "strength-builder"',
            'time = "7h30"\nroutine = "strength-builder"',
            "plan.toml, line 11, entry '#2', field 'time': the time '7h30' is not a time of day.",
        ),
        (
            'time = "07:30"\nroutine = "strength-builder"',
            'time = 730\nroutine = "strength-builder"',
            "plan.toml, line 11, entry '#2', field 'time': 'time' should be text in quotes or",
        ),
        (
            "beyond_top_dose = false",
            "beyond_top_dose = 1",
            "plan.toml, line 2, field 'beyond_top_dose': 'beyond_top_dose' should be true or false",
        ),
        (
            'timezone = ""',
            'timezone = "Paris"',
            "plan.toml, line 1, field 'timezone': unknown time zone 'Paris'.",
        ),
        (
            'timezone = ""',
            'timezone = ""\ncolour = "red"',
            "plan.toml, line 2, field 'colour': unknown setting 'colour'.",
        ),
        (
            'routine = "desk-reset"\n\n[[day]]\nweekday = "wed"',
            'routine = "desk-reset"\nmood = 3\n\n[[day]]\nweekday = "wed"',
            "plan.toml, line 8, entry '#1', field 'mood': unknown field",
        ),
        (
            '[[day]]\nweekday = "fri"\ntime = "07:30"\nroutine = "desk-reset"\n',
            "",
            "plan.toml: the plan has 2 [[day]] blocks; it needs 3 to 5 on different days. Add a",
        ),
        (
            'time = "07:30"\nroutine = "strength-builder"',
            'time = "07:30\nroutine = "strength-builder"',
            "plan.toml, line 11: this is not valid TOML",
        ),
    ],
)
def test_a_broken_file_names_line_and_field_and_stays_unchanged(psoas_home, old, new, message):
    assert old in GOOD
    path = plan_path(psoas_home)
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(PlanError) as caught:
        load_plan(CATALOG, psoas_home)
    assert str(caught.value).startswith(str(path.parent) + "/" + message)
    assert path.read_bytes() == before


def test_the_good_file_loads(psoas_home):
    plan_path(psoas_home).write_text(GOOD, encoding="utf-8")
    assert [d.routine_id for d in load_plan(CATALOG, psoas_home).days] == [
        "desk-reset",
        "strength-builder",
        "desk-reset",
    ]


def test_current_plan_is_the_saved_one_or_the_default_from_the_latest_assessment(psoas_home):
    assert load_plan(CATALOG, psoas_home) is None
    plan = current_plan(CATALOG, psoas_home)
    assert plan.source == "default" and plan.days == default_plan(CATALOG).days
    assert plan.calendar_id == current_plan(CATALOG, psoas_home).calendar_id != ""
    journal = Journal(psoas_home)
    for day, ticked in ((1, ["tight-hips-groin"]), (9, ["leg-hard-to-hold-up"])):
        result = assess(ticked)
        journal.add_assessment(
            taken_at=datetime(2026, 3, day, 9, tzinfo=UTC),
            ticked=ticked,
            tightness=result.tightness,
            weakness=result.weakness,
            recommendation=result.recommendation,
            routine_id=result.routine_id or "",
        )
    assert [d.routine_id for d in current_plan(CATALOG, psoas_home).days] == [
        "strength-builder",
        "desk-reset",
        "strength-builder",
    ]  # the 9 March one
    save_plan(make_plan(CATALOG, THREE), psoas_home)
    assert current_plan(CATALOG, psoas_home).source == "saved"


# ------------------------------------------------------------------ planned against done


def sessions(*stamps: str, offset: int = 60, routine: str = "desk-reset") -> pd.DataFrame:
    """Journal rows at the given UTC times, logged at UTC+``offset`` minutes."""
    return pd.DataFrame(
        {
            "started_at": pd.to_datetime(list(stamps), utc=True),
            "utc_offset_min": [offset] * len(stamps),
            "routine_id": [routine] * len(stamps),
            "planned_s": [600] * len(stamps),
            "completed_s": [600] * len(stamps),
        }
    )


PLAN = make_plan(CATALOG, THREE)  # Mon, Wed, Fri


def test_planned_vs_done_by_week():
    # Weeks of Mon 2, 9 and 16 March 2026. Sessions (UTC, logged at UTC+1):
    # Mon 2 Mar, Tue 3 Mar (not planned), Fri 6 Mar; Sun 8 Mar 23:30 UTC = Mon 9 Mar 00:30 local;
    # nothing in the week of 16 March (the current one, Wednesday 18 March).
    frame = sessions("2026-03-02 06:00", "2026-03-03 06:00", "2026-03-06 17:00", "2026-03-08 23:30")
    result = planned_vs_done(PLAN, frame, weeks=3, now="2026-03-18 12:00")
    assert result.index.tolist() == [
        pd.Timestamp("2026-03-02"),
        pd.Timestamp("2026-03-09"),
        pd.Timestamp("2026-03-16"),
    ]
    assert result["planned"].tolist() == [3, 3, 3]
    assert result["done"].tolist() == [3, 1, 0]
    assert result["on_plan"].tolist() == [2, 1, 0]
    assert result["in_progress"].tolist() == [False, False, True]


def test_planned_vs_done_with_an_empty_journal_is_this_week_only():
    # nothing logged and no plan date: the weeks before are not "3 planned, 0 done"
    empty = sessions()[:0]
    result = planned_vs_done(PLAN, empty, weeks=8, now="2026-03-18 12:00")
    assert result.index.tolist() == [pd.Timestamp("2026-03-16")]
    assert result[["planned", "done", "on_plan"]].values.tolist() == [[3, 0, 0]]


@pytest.mark.parametrize(
    ("stamps", "since", "weeks"),
    [
        # first session Wed 4 Mar (UTC+1), now Wed 18 Mar, 8 weeks asked: 2, 9, 16 Mar
        (("2026-03-04 06:00",), None, ["2026-03-02", "2026-03-09", "2026-03-16"]),
        # the plan made on Thu 26 Feb, before the first session: from its week (23 Feb)
        (
            ("2026-03-04 06:00",),
            "2026-02-26",
            ["2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16"],
        ),
        # a plan made after the first session does not cut the history short
        (("2026-03-04 06:00",), "2026-03-17", ["2026-03-02", "2026-03-09", "2026-03-16"]),
        # no session, a plan made on Mon 9 Mar: 9 and 16 Mar
        ((), "2026-03-09", ["2026-03-09", "2026-03-16"]),
        # a history longer than asked: the last 2 weeks only
        (("2026-01-05 06:00",), None, ["2026-03-09", "2026-03-16"][-2:]),
    ],
)
def test_planned_vs_done_starts_where_the_history_starts(stamps, since, weeks):
    asked = 2 if stamps == ("2026-01-05 06:00",) else 8
    result = planned_vs_done(
        PLAN, sessions(*stamps), weeks=asked, now="2026-03-18 12:00", since=since
    )
    assert [f"{w:%Y-%m-%d}" for w in result.index] == weeks
    assert result["planned"].tolist() == [3] * len(weeks)


def test_this_weeks_status_day_by_day():
    # Wednesday 11 March 2026 at noon: Monday done, Wednesday still today, Friday coming,
    # an extra session on Tuesday.
    frame = sessions("2026-03-09 06:00", "2026-03-10 17:00", routine="strength-builder")
    week = week_status(PLAN, frame, CATALOG, now="2026-03-11 12:00")
    assert week[["day", "time", "planned", "done", "status"]].values.tolist() == [
        ["Mon", "07:30", "Desk reset", "Strength builder", "done"],
        ["Tue", "", "", "Strength builder", "extra"],
        ["Wed", "18:00", "Strength builder", "", "today"],
        ["Fri", "07:30", "Desk reset", "", "coming"],
    ]
    later = week_status(PLAN, frame, CATALOG, now="2026-03-14 09:00")
    assert later["status"].tolist() == ["done", "extra", "missed", "missed"]


def test_a_plan_day_can_be_built_directly():
    plan = WeeklyPlan(
        (
            PlanDay("sun", time(9), "desk-reset"),
            PlanDay("tue", time(9), "desk-reset"),
            PlanDay("thu", time(9), "desk-reset"),
        )
    )
    assert [d.weekday for d in plan.days] == ["tue", "thu", "sun"]
    assert plan.check(CATALOG) is plan


def test_the_plan_as_a_table():
    # catalog doses: desk reset 795 s (worked out in test_routine: 14 min, rounded up);
    # strength builder 10 + 45 + 15 + 405 + 15 + 100 = 590 s (10 min, rounded up)
    assert PLAN.frame(CATALOG).values.tolist() == [
        ["Monday", "07:30", "Desk reset", 14, "stretching"],
        ["Wednesday", "18:00", "Strength builder", 10, "strengthening"],
        ["Friday", "07:30", "Desk reset", 14, "stretching"],
    ]
    # at the lowest levels: 695 s (test_cli) and 340 s (590 - 200 - 50: half the raises
    # and half the marches, see test_ics)
    fresh = replay_progression(pd.DataFrame(), CATALOG)
    assert PLAN.frame(CATALOG, fresh)["minutes"].tolist() == [12, 6, 12]
