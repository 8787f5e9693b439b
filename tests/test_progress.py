"""Progress: weeks, the 3–5 goal, streaks, minutes by category, tightness, the summary.

Every expected value below is worked out by hand from a calendar (comments show how);
fixtures are frames in the exact shape Journal.sessions() returns (started_at in UTC plus
utc_offset_min), built from local ISO times the way the journal stores them.
"""

from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from psoas_lib import load_catalog, make_routine, progress
from psoas_lib.content.catalog import Catalog
from psoas_lib.paths import DATA_DIR

COLUMNS = [
    "started_at",
    "utc_offset_min",
    "routine_id",
    "planned_s",
    "completed_s",
    "exercises_done",
    "tightness_before",
    "tightness_after",
    "pain_stop",
    "notes",
]


def journal(*rows: tuple | str) -> pd.DataFrame:
    """A sessions frame: each row is a local ISO time with its offset, or a tuple
    (time, completed_s, exercises_done, routine_id, before, after, pain_stop)."""
    records = []
    for row in rows:
        row = (row,) if isinstance(row, str) else row
        when, completed, done, routine, before, after, pain = (
            *row,
            *(600, "knee-to-chest", "desk-reset", None, None, False)[len(row) - 1 :],
        )
        stamp = pd.Timestamp(when)
        records.append(
            {
                "started_at": stamp.tz_convert("UTC"),
                "utc_offset_min": int(stamp.utcoffset().total_seconds() // 60),
                "routine_id": routine,
                "planned_s": 600,
                "completed_s": completed,
                "exercises_done": done,
                "tightness_before": before,
                "tightness_after": after,
                "pain_stop": pain,
                "notes": "",
            }
        )
    frame = pd.DataFrame(records, columns=COLUMNS)
    return frame.astype(
        {
            "started_at": "datetime64[ns, UTC]",
            "utc_offset_min": "int64",
            "planned_s": "int64",
            "completed_s": "int64",
            "tightness_before": "Int64",
            "tightness_after": "Int64",
            "pain_stop": "bool",
        }
    )


def berlin(*args: int) -> str:
    """A Europe/Berlin wall-clock time as ISO with the offset the zone gives it then."""
    return datetime(*args, tzinfo=ZoneInfo("Europe/Berlin")).isoformat()


def week_rows(frame: pd.DataFrame) -> list[tuple[str, int, bool]]:
    return [
        (f"{week:%Y-%m-%d}", int(row.sessions), bool(row.goal_met))
        for week, row in frame.iterrows()
    ]


EMPTY = journal()


# --------------------------------------------------------------------------- weekly_summary


def test_missing_weeks_are_filled_with_zero_up_to_the_current_week():
    # Mon 2 Mar, Wed 4 Mar, Fri 6 Mar 2026 -> week of 2 Mar: 3 sessions (goal met);
    # nothing in the week of 9 Mar; Tue 17 Mar -> week of 16 Mar: 1; now Wed 25 Mar ->
    # the current week of 23 Mar, empty. Minutes: 3 x 600 s = 30, 0, 10, 0.
    frame = journal(
        "2026-03-02T07:30+01:00",
        "2026-03-04T18:00+01:00",
        "2026-03-06T07:30+01:00",
        "2026-03-17T07:30+01:00",
    )
    weeks = progress.weekly_summary(frame, now="2026-03-25 12:00")
    assert week_rows(weeks) == [
        ("2026-03-02", 3, True),
        ("2026-03-09", 0, False),
        ("2026-03-16", 1, False),
        ("2026-03-23", 0, False),
    ]
    assert weeks["minutes"].tolist() == [30.0, 0.0, 10.0, 0.0]
    assert weeks["in_progress"].tolist() == [False, False, False, True]


@pytest.mark.parametrize(
    ("stamps", "now", "expected"),
    [
        # Spring: Berlin goes from CET (+01:00) to CEST (+02:00) at 02:00 on Sun 29 Mar 2026.
        # 01:30 CET and 23:30 CEST that Sunday are both in the week of Mon 23 Mar; 00:30 CEST
        # on Mon 30 Mar (22:30 UTC on Sunday, 23:30 in CET) is in the week of 30 Mar.
        (
            [(2026, 3, 29, 1, 30), (2026, 3, 29, 23, 30), (2026, 3, 30, 0, 30)],
            "2026-04-01T12:00+02:00",
            [("2026-03-23", 2, False), ("2026-03-30", 1, False)],
        ),
        # Autumn: back to CET (+01:00) at 03:00 on Sun 25 Oct 2026. 23:30 CET that Sunday
        # (22:30 UTC) is in the week of 19 Oct; 00:30 CET on Mon 26 Oct is 23:30 UTC on
        # Sunday, yet it belongs to the week of 26 Oct. 10:00 CEST on Fri 23 Oct: week of 19.
        (
            [(2026, 10, 23, 10, 0), (2026, 10, 25, 23, 30), (2026, 10, 26, 0, 30)],
            "2026-10-27T09:00+01:00",
            [("2026-10-19", 2, False), ("2026-10-26", 1, False)],
        ),
    ],
)
def test_a_week_with_a_daylight_saving_change(stamps, now, expected):
    frame = journal(*(berlin(*s) for s in stamps))
    assert week_rows(progress.weekly_summary(frame, now=now)) == expected


def test_offsets_come_from_the_real_zone():
    # the fixture's own arithmetic: CET before the spring change, CEST after
    assert berlin(2026, 3, 29, 1, 30).endswith("+01:00")
    assert berlin(2026, 3, 30, 0, 30).endswith("+02:00")


def test_year_boundary_iso_week_53():
    # 28 Dec 2020 (Mon) .. 3 Jan 2021 (Sun) is ISO week 53 of 2020: all four sessions are
    # in the week of 28 Dec 2020 (goal met), Mon 4 Jan 2021 opens the next week.
    frame = journal(
        "2020-12-28T08:00+01:00",
        "2020-12-31T18:00+01:00",
        "2021-01-01T10:00+01:00",
        "2021-01-03T20:00+01:00",
        "2021-01-04T08:00+01:00",
    )
    weeks = progress.weekly_summary(frame, now="2021-01-05T12:00+01:00")
    assert week_rows(weeks) == [("2020-12-28", 4, True), ("2021-01-04", 1, False)]
    # the current week (1 so far) neither adds nor breaks: the streak is week 53 alone
    assert progress.streaks(frame, now="2021-01-05T12:00+01:00") == (1, 1)


def test_single_session():
    # Wed 4 Mar 2026, 600 s -> one week (of 2 Mar), 1 session, 10 minutes, in progress
    frame = journal("2026-03-04T18:00+01:00")
    weeks = progress.weekly_summary(frame, now="2026-03-04T20:00+01:00")
    assert week_rows(weeks) == [("2026-03-02", 1, False)]
    assert weeks["minutes"].tolist() == [10.0]
    assert weeks["in_progress"].tolist() == [True]
    assert progress.streaks(frame, now="2026-03-04T20:00+01:00") == (0, 0)


def test_empty_journal():
    weeks = progress.weekly_summary(EMPTY, now="2026-03-04")
    assert weeks.empty
    assert list(weeks.columns)[:3] == ["sessions", "minutes", "goal_met"]
    assert progress.streaks(EMPTY, now="2026-03-04") == (0, 0)
    assert progress.daily_counts(EMPTY, now="2026-03-04").empty
    assert progress.tightness_log(EMPTY).empty
    assert progress.average_tightness_change(EMPTY) is None
    assert progress.exercise_counts(EMPTY).empty
    assert progress.weekly_category_minutes(EMPTY, now="2026-03-04").empty
    summary = progress.summary(EMPTY, now="2026-03-04")
    assert (
        summary.sessions_this_week,
        summary.current_streak,
        summary.minutes_this_month,
        summary.latest_tightness_change,
    ) == (0, 0, 0.0, None)


def test_sessions_from_two_time_zones_land_on_their_local_dates():
    # At home in Berlin (+01:00): Fri 6 Mar 07:30. In New York (-05:00): Sun 8 Mar 22:00,
    # which is 03:00 UTC and 04:00 Berlin time on Monday 9 Mar, yet it happened on Sunday:
    # it counts for Sun 8 Mar and the week of 2 Mar. Back home: Mon 9 Mar 07:30.
    frame = journal("2026-03-06T07:30+01:00", "2026-03-08T22:00-05:00", "2026-03-09T07:30+01:00")
    weeks = progress.weekly_summary(frame, now="2026-03-09T12:00+01:00")
    assert week_rows(weeks) == [("2026-03-02", 2, False), ("2026-03-09", 1, False)]
    days = progress.daily_counts(frame, now="2026-03-09T12:00+01:00")
    # days from Mon 2 Mar to Mon 9 Mar: 0 0 0 0 1(Fri) 0 1(Sun) 1(Mon)
    assert days.tolist() == [0, 0, 0, 0, 1, 0, 1, 1]


def test_now_is_read_in_the_given_zone():
    # 22:30 UTC on Sun 29 Mar 2026 is 00:30 on Mon 30 Mar in Berlin (CEST): a new week
    frame = journal("2026-03-23T08:00+01:00")
    weeks = progress.weekly_summary(frame, now="2026-03-29T22:30Z", tz="Europe/Berlin")
    assert week_rows(weeks) == [("2026-03-23", 1, False), ("2026-03-30", 0, False)]


def test_since_starts_at_its_week_and_leaves_earlier_sessions_out():
    frame = journal("2026-03-02T07:30+01:00", "2026-03-18T07:30+01:00")
    weeks = progress.weekly_summary(frame, now="2026-03-25", since="2026-03-09")
    assert week_rows(weeks) == [
        ("2026-03-09", 0, False),
        ("2026-03-16", 1, False),
        ("2026-03-23", 0, False),
    ]


# --------------------------------------------------------------------------- streaks


def weeks_of(counts: list[int]) -> pd.DataFrame:
    """counts[i] sessions in the i-th week from Mon 5 Jan 2026, one a day from Monday."""
    start = pd.Timestamp("2026-01-05 08:00")
    return journal(
        *(
            f"{start + pd.Timedelta(weeks=w, days=d):%Y-%m-%dT%H:%M}+01:00"
            for w, n in enumerate(counts)
            for d in range(n)
        )
    )


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([3, 4, 5], (3, 3)),  # this week already has 5: it counts
        ([3, 4, 0], (2, 2)),  # this week has none yet: left out, not a break
        ([3, 0, 3, 4, 1], (2, 2)),  # the empty second week broke the first run
        ([3, 3, 3, 0, 3, 0], (1, 3)),  # current run: week 5 alone; longest: weeks 1-3
        ([6, 3, 3], (3, 3)),  # 6 sessions: above the 3-5 range, but the goal is met
        ([3, 3, 0, 0], (0, 2)),  # last complete week missed: the streak is over
        ([2, 1, 2], (0, 0)),
    ],
)
def test_streaks_in_weeks(counts, expected):
    # now: Sunday evening of the last week, so every session listed is in the past
    now = pd.Timestamp("2026-01-05 20:00") + pd.Timedelta(weeks=len(counts) - 1, days=6)
    assert progress.streaks(weeks_of(counts), now=now) == expected


# --------------------------------------------------------------------------- categories


@pytest.fixture
def mix_catalog() -> Catalog:
    # A routine with 60 s of work each in three categories: the kneeling stretch, 30 s a
    # side once (stretch); the low lunge, 30 s a side (yoga, works on stretching); psoas
    # march, 20 reps x 3 s (strength, works on strengthening).
    real = load_catalog()
    mix = make_routine(
        real,
        "Mix",
        [
            {"exercise": "kneeling-hip-flexor-stretch", "hold_s": 30, "reps": 1, "sets": 1},
            {"exercise": "low-lunge", "hold_s": 30, "reps": 1, "sets": 1},
            {"exercise": "psoas-march", "total": 20, "rep_s": 3, "sets": 1},
        ],
    )
    return Catalog(exercises=real.exercises, routines={**real.routines, "mix": mix})


ALL3 = "kneeling-hip-flexor-stretch;low-lunge;psoas-march"


@pytest.mark.parametrize(
    ("completed_s", "done", "routine", "expected"),
    [
        # all three done, 540 s: a third each -> 3 + 3 min stretching (kneeling, lunge), 3
        # strengthening
        (540, ALL3, "mix", {"stretching": 6.0, "strengthening": 3.0}),
        # only the march done: all 120 s -> 2 min strengthening
        (120, "psoas-march", "mix", {"strengthening": 2.0}),
        # two of three, 300 s: both stretching -> 5 min stretching
        (300, "kneeling-hip-flexor-stretch;low-lunge", "mix", {"stretching": 5.0}),
        # an exercise not in the routine weighs its own dose; alone it takes it all (a
        # warm-up works on neither)
        (300, "leg-swings", "mix", {"neither": 5.0}),
        # nothing completed, or an exercise the catalog does not know: unattributed
        (60, "", "mix", {"other": 1.0}),
        (180, "no-such-exercise", "gone-routine", {"other": 3.0}),
    ],
)
def test_minutes_by_category(mix_catalog, completed_s, done, routine, expected):
    frame = journal(("2026-03-02T07:30+01:00", completed_s, done, routine))
    minutes = progress.category_minutes(frame, mix_catalog).iloc[0]
    got = {k: round(float(v), 6) for k, v in minutes.items() if v}
    assert got == expected


def test_weekly_category_minutes_add_up_to_weekly_minutes(mix_catalog):
    # week of 2 Mar: 540 s (all three: 6 stretching, 3 strengthening) + 120 s (march: 2
    # strengthening) = 11 min: 6 stretching, 5 strengthening; the week of 9 Mar is empty;
    # week of 16 Mar: 300 s leg swings = 5 min of neither (warm-up)
    frame = journal(
        ("2026-03-02T07:30+01:00", 540, ALL3, "mix"),
        ("2026-03-04T07:30+01:00", 120, "psoas-march", "mix"),
        ("2026-03-16T07:30+01:00", 300, "leg-swings", "mix"),
    )
    weekly = progress.weekly_category_minutes(frame, mix_catalog, now="2026-03-17")
    assert weekly.round(6).to_dict("list") == {
        "stretching": [6.0, 0.0, 0.0],
        "strengthening": [5.0, 0.0, 0.0],
        "neither": [0.0, 0.0, 5.0],
    }
    totals = progress.weekly_summary(frame, now="2026-03-17")["minutes"]
    assert weekly.sum(axis=1).round(6).tolist() == totals.round(6).tolist() == [11.0, 0.0, 5.0]


# --------------------------------------------------------------------------- tightness


def test_tightness_before_and_after():
    # rated (6, 4) and (7, 4); (5, -) and (-, -) are incomplete and left out.
    # changes: 4 - 6 = -2, 4 - 7 = -3; average -2.5; the latest is (7, 4): -3
    frame = journal(
        ("2026-03-02T07:30+01:00", 600, "", "desk-reset", 6, 4),
        ("2026-03-03T07:30+01:00", 600, "", "desk-reset", 5, None),
        ("2026-03-04T07:30+01:00", 600, "", "desk-reset", 7, 4),
        ("2026-03-05T07:30+01:00", 600, "", "desk-reset", None, None),
    )
    log = progress.tightness_log(frame)
    assert log["change"].tolist() == [-2, -3]
    assert progress.average_tightness_change(frame) == -2.5
    assert progress.summary(frame, now="2026-03-06").latest_tightness == (7, 4)
    # weekly means (one week): before (6 + 7) / 2 = 6.5, after (4 + 4) / 2 = 4
    weekly = progress.weekly_tightness(frame, now="2026-03-06")
    assert weekly.to_dict("list") == {"before": [6.5], "after": [4.0]}


def test_assessment_scores_by_local_time():
    # taken 23:30 CEST on Sun 29 Mar (21:30 UTC) and 08:00 CET on 2 Mar: sorted oldest first
    frame = pd.DataFrame(
        {
            "taken_at": pd.to_datetime(["2026-03-29T21:30Z", "2026-03-02T07:00Z"]),
            "utc_offset_min": [120, 60],
            "ticked": ["a", "a;b"],
            "tightness": [1, 2],
            "weakness": [0, 1],
            "recommendation": ["", ""],
            "routine_id": ["", ""],
            "notes": ["", ""],
        }
    )
    scores = progress.assessment_scores(frame)
    assert [f"{t:%Y-%m-%d %H:%M}" for t in scores.index] == ["2026-03-02 08:00", "2026-03-29 23:30"]
    assert scores["tightness"].tolist() == [2, 1]


# --------------------------------------------------------------------------- counts, periods


def test_exercise_counts_count_sessions_not_mentions():
    # psoas-march in 3 sessions (listed twice in the last: still one session);
    # knee-to-chest and leg-swings once each, in the order first seen
    frame = journal(
        ("2026-03-02T07:30+01:00", 600, "knee-to-chest;psoas-march"),
        ("2026-03-03T07:30+01:00", 600, "psoas-march"),
        ("2026-03-04T07:30+01:00", 600, "psoas-march;psoas-march;leg-swings"),
    )
    counts = progress.exercise_counts(frame)
    assert counts["sessions"].to_dict() == {"psoas-march": 3, "knee-to-chest": 1, "leg-swings": 1}
    assert counts.loc["leg-swings", "category"] == "warm-up"


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("4 weeks", "2026-03-02"),  # Mon 23 Mar (this week) minus 3 weeks
        ("3 months", "2025-12-29"),  # 13 weeks: 23 Mar minus 12 weeks = 84 days
        ("a year", "2025-03-31"),  # 52 weeks: 23 Mar 2026 minus 357 days
        ("everything", None),
    ],
)
def test_period_start(period, expected):
    start = progress.period_start(period, now="2026-03-25 10:00")
    assert (None if start is None else f"{start:%Y-%m-%d}") == expected


def test_unknown_period_is_refused():
    with pytest.raises(ValueError, match="4 weeks"):
        progress.period_start("fortnight", now="2026-03-25")


# --------------------------------------------------------------------------- summary


def test_summary():
    # now Wed 25 Mar 2026 (Berlin, +01:00).
    # Sessions: Sat 28 Feb 23:30 in New York (04:30 UTC on 1 Mar, but February where it
    # happened), 1200 s; Mon 2, Wed 4, Fri 6 Mar 600 s each; Mon 23 Mar 900 s rated 6 -> 4;
    # Tue 24 Mar 600 s, stopped for pain.
    # This week (of 23 Mar): 2. Minutes in March: 3 x 600 + 900 + 600 = 3300 s = 55 min.
    # Weeks: 23 Feb: 1, 2 Mar: 3 (met), 9 and 16 Mar: 0, 23 Mar: 2 (in progress, left out)
    # -> current streak 0, longest 1.
    frame = journal(
        ("2026-02-28T23:30-05:00", 1200),
        "2026-03-02T07:30+01:00",
        "2026-03-04T07:30+01:00",
        "2026-03-06T07:30+01:00",
        ("2026-03-23T07:30+01:00", 900, "knee-to-chest", "desk-reset", 6, 4),
        ("2026-03-24T07:30+01:00", 600, "knee-to-chest", "desk-reset", None, None, True),
    )
    s = progress.summary(frame, now="2026-03-25T10:00+01:00")
    assert (
        s.sessions_this_week,
        s.current_streak,
        s.longest_streak,
        s.minutes_this_month,
        s.latest_tightness_change,
        s.total_sessions,
        s.pain_stops,
    ) == (2, 0, 1, 55.0, -2, 6, 1)
    rows = dict(s.rows())
    assert rows["Sessions this week"] == "2 (goal: 3–5)"
    assert rows["Latest tightness change"] == "6 → 4 (-2 on the 0–10 scale)"


def test_a_period_without_sessions_gives_its_weeks_as_zero():
    # the journal has March 2026 only; the period from Mon 21 Dec 2026 to Fri 1 Jan 2027
    # covers the weeks of 21 and 28 Dec, both empty (an empty journal stays empty)
    frame = journal("2026-03-02T07:30+01:00")
    weeks = progress.weekly_summary(frame, now="2027-01-01", since="2026-12-21")
    assert week_rows(weeks) == [("2026-12-21", 0, False), ("2026-12-28", 0, False)]
    assert progress.weekly_summary(EMPTY, now="2027-01-01", since="2026-12-21").empty


@pytest.mark.parametrize(
    ("count", "met", "above"),
    [
        (2, False, False),
        (3, True, False),
        (5, True, False),
        (6, True, True),
    ],
)
def test_goal_met_and_above_goal(count, met, above):
    # `count` sessions on Monday 2 Mar 2026 at 08:00 UTC (offset 0); now: Wed 11 Mar.
    started = pd.Series(pd.to_datetime(["2026-03-02 08:00"] * count, utc=True))
    sessions = pd.DataFrame(
        {
            "started_at": started,
            "utc_offset_min": 0,
            "routine_id": "desk-reset",
            "planned_s": 480,
            "completed_s": 480,
            "exercises_done": "",
            "tightness_before": pd.NA,
            "tightness_after": pd.NA,
            "pain_stop": False,
            "notes": "",
        }
    )
    week = progress.weekly_summary(sessions, now="2026-03-11 12:00").loc["2026-03-02"]
    assert (int(week.sessions), bool(week.goal_met), bool(week.above_goal)) == (count, met, above)


# --------------------------------------------------------------------------- exact shapes
# These pin whole frames (values, dtypes, index names and order), as the charts and the
# notebooks read them; mutation testing showed partial checks let changes through.


def test_exercise_counts_put_the_most_done_first_even_when_seen_last():
    # leg-swings is seen first (once); psoas-march only later, in 2 sessions; knee-to-chest
    # in 2 sessions too, first seen before psoas-march: ties keep the order first seen.
    frame = journal(
        ("2026-03-02T07:30+01:00", 600, "leg-swings"),
        ("2026-03-03T07:30+01:00", 600, "knee-to-chest;psoas-march"),
        ("2026-03-04T07:30+01:00", 600, ";psoas-march;knee-to-chest;"),
    )
    counts = progress.exercise_counts(frame)
    expected = pd.DataFrame(
        {
            "name": ["Knee-to-chest stretch", "Psoas march", "Leg swings"],
            "category": ["stretch", "strength", "warm-up"],
            "sessions": pd.Series([2, 2, 1], dtype="int64").to_numpy(),
        },
        index=pd.Index(["knee-to-chest", "psoas-march", "leg-swings"], name="exercise_id"),
    )
    pd.testing.assert_frame_equal(counts, expected)


def test_exercise_counts_of_an_unknown_exercise_and_of_nothing_done():
    frame = journal(
        ("2026-03-02T07:30+01:00", 600, "gone-exercise"), ("2026-03-03T07:30+01:00", 60, "")
    )
    counts = progress.exercise_counts(frame)
    assert counts.to_dict("index") == {
        "gone-exercise": {"name": "gone-exercise", "category": "other", "sessions": 1}
    }
    empty = progress.exercise_counts(journal(("2026-03-03T07:30+01:00", 60, "")))
    assert empty.empty and list(empty.columns) == ["name", "category", "sessions"]


@pytest.fixture
def weighted_catalog() -> Catalog:
    # Work times differ: the kneeling stretch holds 60 s a side (120 s of work), the psoas
    # march 20 reps x 3 s (60 s of work).
    real = load_catalog()
    routine = make_routine(
        real,
        "Weighted",
        [
            {"exercise": "kneeling-hip-flexor-stretch", "hold_s": 60, "reps": 1, "sets": 1},
            {"exercise": "psoas-march", "total": 20, "rep_s": 3, "sets": 1},
        ],
    )
    return Catalog(exercises=real.exercises, routines={**real.routines, "weighted": routine})


def test_minutes_by_category_weigh_each_exercise_by_its_work_time(weighted_catalog):
    # 360 s done, both exercises: 120 / 180 of it stretch (4 min), 60 / 180 strength (2 min).
    # A second session with only the march, 90 s: 1.5 min strength.
    frame = journal(
        ("2026-03-02T07:30+01:00", 360, "kneeling-hip-flexor-stretch;psoas-march", "weighted"),
        ("2026-03-03T07:30+01:00", 90, "psoas-march", "weighted"),
    )
    minutes = progress.category_minutes(frame, weighted_catalog)
    expected = pd.DataFrame(
        {
            "stretching": [4.0, 0.0],
            "strengthening": [2.0, 1.5],
            "neither": [0.0, 0.0],
        },
        index=frame.index,
    )
    pd.testing.assert_frame_equal(minutes, expected)


def test_weekly_category_minutes_without_sessions_in_the_period_are_zero_weeks():
    # the period is the weeks of 16 and 23 Mar; the only session (2 Mar) is before it
    frame = journal("2026-03-02T07:30+01:00")
    weekly = progress.weekly_category_minutes(frame, now="2026-03-25", since="2026-03-16")
    expected = pd.DataFrame(
        {c: [0.0, 0.0] for c in progress.CATEGORIES},
        index=pd.DatetimeIndex(["2026-03-16", "2026-03-23"], name="week").as_unit("ns"),
    )
    pd.testing.assert_frame_equal(weekly, expected, check_freq=False)
    weekly = progress.weekly_category_minutes(
        journal("2026-03-02T07:30+01:00", "2026-03-17T07:30+01:00"),
        now="2026-03-25",
        since="2026-03-16",
    )
    # the 17 Mar session (600 s of knee to chest, a stretch) is in; 2 Mar is not
    assert weekly.index.name == "week"
    assert weekly["stretching"].tolist() == [10.0, 0.0]


def test_weekly_summary_frame_exactly():
    # now Wed 18 Mar; sessions Mon 2 Mar (600 s) and Tue 3 Mar (300 s): the week of 2 Mar has
    # 2 sessions, 15 min; 9 Mar none; 16 Mar none and in progress.
    frame = journal("2026-03-02T07:30+01:00", ("2026-03-03T07:30+01:00", 300))
    weeks = progress.weekly_summary(frame, now="2026-03-18 10:00")
    expected = pd.DataFrame(
        {
            "sessions": pd.Series([2, 0, 0], dtype="int64").to_numpy(),
            "minutes": [15.0, 0.0, 0.0],
            "goal_met": [False, False, False],
            "above_goal": [False, False, False],
            "in_progress": [False, False, True],
        },
        index=pd.date_range("2026-03-02", periods=3, freq="7D", name="week", unit="ns"),
    )
    pd.testing.assert_frame_equal(weeks, expected)
    empty = progress.weekly_summary(EMPTY, now="2026-03-18")
    assert empty.empty and list(empty.columns) == list(expected.columns)
    assert empty.index.name == "week" and dict(empty.dtypes) == dict(expected.dtypes)


def test_weekly_summary_reads_now_in_the_given_zone():
    # 23:30 UTC on Sun 8 Mar is already Mon 9 Mar in Berlin: a new (empty) current week
    frame = journal("2026-03-02T07:30+01:00")
    utc = progress.weekly_summary(frame, now="2026-03-08T23:30Z", tz="UTC")
    berlin_ = progress.weekly_summary(frame, now="2026-03-08T23:30Z", tz="Europe/Berlin")
    assert [f"{w:%d}" for w in utc.index] == ["02"]
    assert [f"{w:%d}" for w in berlin_.index] == ["02", "09"]


def test_streaks_read_now_in_the_given_zone():
    # three sessions in the week of 2 Mar meet the goal; at 23:30 UTC on Sun 8 Mar that
    # week is still the current one in UTC (current streak 1), but in Berlin it is Monday
    # 9 Mar: the new week is in progress and left out, the streak is still 1.
    frame = journal("2026-03-02T07:30+01:00", "2026-03-03T07:30+01:00", "2026-03-04T07:30+01:00")
    assert progress.streaks(frame, now="2026-03-08T23:30Z", tz="UTC") == (1, 1)
    assert progress.streaks(frame, now="2026-03-08T23:30Z", tz="Europe/Berlin") == (1, 1)
    # a week later in Berlin (Mon 16 Mar), the week of 9 Mar was missed: 0, longest 1
    assert progress.streaks(frame, now="2026-03-15T23:30Z", tz="Europe/Berlin") == (0, 1)
    assert progress.streaks(frame, now="2026-03-15T23:30Z", tz="UTC") == (1, 1)


def test_daily_counts_exactly():
    # Tue 3 Mar and twice Thu 5 Mar; now Fri 6 Mar: from Monday 2 Mar to Friday 6 Mar
    frame = journal("2026-03-03T07:30+01:00", "2026-03-05T07:30+01:00", "2026-03-05T19:00+01:00")
    days = progress.daily_counts(frame, now="2026-03-06 09:00")
    expected = pd.Series(
        [0, 1, 0, 2, 0],
        dtype="int64",
        name="sessions",
        index=pd.date_range("2026-03-02", "2026-03-06", freq="D", name="day", unit="ns"),
    )
    pd.testing.assert_series_equal(days, expected)
    # since Mon 9 Mar, now Wed 11 Mar: three empty days
    later = progress.daily_counts(frame, now="2026-03-11 09:00", since="2026-03-09")
    assert later.tolist() == [0, 0, 0] and later.index[0] == pd.Timestamp("2026-03-09")
    empty = progress.daily_counts(EMPTY, now="2026-03-06")
    assert empty.empty and (empty.name, empty.index.name, str(empty.dtype)) == (
        "sessions",
        "day",
        "int64",
    )


def test_daily_counts_read_now_in_the_given_zone():
    # 23:30 UTC on Thu 5 Mar is Fri 6 Mar in Berlin: one more (empty) day
    frame = journal("2026-03-03T07:30+01:00")
    assert len(progress.daily_counts(frame, now="2026-03-05T23:30Z", tz="UTC")) == 4
    assert len(progress.daily_counts(frame, now="2026-03-05T23:30Z", tz="Europe/Berlin")) == 5


def test_assessment_scores_exactly_and_empty():
    frame = pd.DataFrame(
        {
            "taken_at": pd.to_datetime(["2026-03-29T21:30Z", "2026-03-02T07:00Z"]),
            "utc_offset_min": [120, 60],
            "tightness": [1, 2],
            "weakness": [0, 1],
        }
    )
    expected = pd.DataFrame(
        {"tightness": [2, 1], "weakness": [1, 0]},
        index=pd.DatetimeIndex(["2026-03-02 08:00", "2026-03-29 23:30"], name="taken_at").as_unit(
            "ns"
        ),
    ).astype("int64")
    pd.testing.assert_frame_equal(progress.assessment_scores(frame), expected)
    empty = progress.assessment_scores(frame.iloc[:0])
    pd.testing.assert_frame_equal(empty, expected.iloc[:0], check_index_type=True)


def test_tightness_log_exactly():
    # rated 6 -> 4 on Wed 4 Mar and 7 -> 5 on Mon 2 Mar: sorted by local time
    frame = journal(
        ("2026-03-04T07:30+01:00", 600, "", "desk-reset", 6, 4),
        ("2026-03-02T07:30+01:00", 600, "", "desk-reset", 7, 5),
    )
    expected = pd.DataFrame(
        {"before": [7, 6], "after": [5, 4], "change": [-2, -2]},
        index=pd.DatetimeIndex(["2026-03-02 07:30", "2026-03-04 07:30"], name="local_time").as_unit(
            "ns"
        ),
    ).astype("int64")
    pd.testing.assert_frame_equal(progress.tightness_log(frame), expected)
    assert progress.average_tightness_change(EMPTY) is None


def test_summary_rows_in_every_case():
    # now Wed 25 Mar. Weeks of 2 and 9 Mar have 3 sessions each (a streak of 2 weeks, but
    # the week of 16 Mar is missed: current 0, longest 2), plus Mon 23 Mar rated 5 -> 3.
    # Minutes in March: 7 x 600 s = 70 min. Assessments: the latest (3 Mar) is 4, 2.
    days = ["02", "03", "04", "09", "10", "11"]
    frame = journal(
        *(f"2026-03-{d}T07:30+01:00" for d in days),
        ("2026-03-23T07:30+01:00", 600, "", "desk-reset", 5, 3, True),
    )
    assessments = pd.DataFrame(
        {
            "taken_at": pd.to_datetime(["2026-03-03T07:00Z", "2026-03-01T07:00Z"]),
            "utc_offset_min": [60, 60],
            "tightness": [4, 6],
            "weakness": [2, 3],
        }
    )
    s = progress.summary(frame, assessments, now="2026-03-25T10:00+01:00")
    assert s.rows() == [
        ("Sessions this week", "1 (goal: 3–5)"),
        ("Weekly streak", "0 weeks meeting the goal (longest: 2)"),
        ("Minutes this month", "70"),
        ("Latest tightness change", "5 → 3 (-2 on the 0–10 scale)"),
        ("Average tightness change", "-2.0 per session"),
        ("Latest self-assessment", "tightness 4, weakness 2"),
        ("Sessions in the journal", "7"),
        ("Sessions stopped for pain", "1"),
    ]
    table = s.to_frame()
    assert table.index.name == "" and table.loc["Minutes this month", "value"] == "70"


def test_summary_rows_of_a_first_week():
    # one unrated session on Mon 2 Mar; now Tue 3 Mar: nothing rated, no assessment, no
    # pain stop; the streak (this week does not meet the goal yet) is 0 weeks.
    s = progress.summary(journal(("2026-03-02T07:30+01:00", 90)), now="2026-03-03")
    assert s.rows() == [
        ("Sessions this week", "1 (goal: 3–5)"),
        ("Weekly streak", "0 weeks meeting the goal (longest: 0)"),
        ("Minutes this month", "2"),
        ("Latest tightness change", "not rated yet"),
        ("Sessions in the journal", "1"),
    ]
    assert s.latest_tightness_change is None and s.latest_assessment is None


def test_a_streak_of_one_week_is_singular():
    frame = journal("2026-03-02T07:30+01:00", "2026-03-03T07:30+01:00", "2026-03-04T07:30+01:00")
    s = progress.summary(frame, now="2026-03-05")
    assert dict(s.rows())["Weekly streak"] == "1 week meeting the goal (longest: 1)"


def test_minutes_this_month_leave_out_last_month_and_the_future():
    # now Tue 3 Mar 12:00: 28 Feb (600 s) is last month, 3 Mar 18:00 (300 s) is later today
    frame = journal(
        "2026-02-28T07:30+01:00",
        ("2026-03-01T07:30+01:00", 120),
        ("2026-03-03T18:00+01:00", 300),
    )
    assert progress.summary(frame, now="2026-03-03 12:00").minutes_this_month == 2.0


# --------------------------------------------------------------------------- "now" by default


def test_the_default_now_is_this_moment_in_the_system_zone():
    # The notebooks call these without `now`: a session a second ago (in the system's own
    # zone) is in the current week, on today's date, and counts this week.
    just_now = (datetime.now().astimezone() - pd.Timedelta(seconds=1)).isoformat()
    frame = journal(just_now)
    today = pd.Timestamp(just_now).tz_localize(None).normalize()
    monday = today - pd.Timedelta(days=today.weekday())
    weeks = progress.weekly_summary(frame)
    assert list(weeks.index) == [monday] and weeks["in_progress"].tolist() == [True]
    assert progress.daily_counts(frame).index[-1] == today
    assert progress.summary(frame).sessions_this_week == 1
    assert progress.streaks(frame) == (0, 0)
    assert progress.period_start("4 weeks") == monday - pd.Timedelta(weeks=3)


def test_local_now_without_a_moment_reads_this_moment_in_the_given_zone(monkeypatch):
    # The bug was: local_now(None, tz="Pacific/Auckland") returned the system's time.
    # Auckland is 12 or 13 hours ahead of UTC, so with the system on UTC the two differ.
    import time as time_module

    monkeypatch.setenv("TZ", "UTC")
    time_module.tzset()
    try:
        zone = ZoneInfo("Pacific/Auckland")
        before = datetime.now(zone).replace(tzinfo=None)
        got = progress.local_now(None, tz="Pacific/Auckland")
        by_tzinfo = progress.local_now(None, tz=zone)
        after = datetime.now(zone).replace(tzinfo=None)
        assert pd.Timestamp(before) <= got <= by_tzinfo <= pd.Timestamp(after)
        system = progress.local_now()
        assert abs(system - pd.Timestamp(datetime.utcnow())) < pd.Timedelta(minutes=1)
    finally:
        monkeypatch.undo()
        time_module.tzset()


@pytest.mark.parametrize(
    ("now", "tz", "expected"),
    [
        ("2026-03-29T21:30Z", "Europe/Berlin", "2026-03-29 23:30"),  # CEST, +2
        ("2026-03-29T21:30Z", None, None),  # an aware moment without a zone: its own offset
        ("2026-03-29 09:00", "Europe/Berlin", "2026-03-29 09:00"),  # naive: already local
        (datetime(2026, 1, 5, 8, 0, tzinfo=ZoneInfo("UTC")), "Asia/Tokyo", "2026-01-05 17:00"),
    ],
)
def test_local_now_of_a_given_moment(now, tz, expected):
    got = progress.local_now(now, tz)
    if expected is None:  # read in the zone it was given in: UTC, 21:30
        expected = "2026-03-29 21:30"
    assert got == pd.Timestamp(expected) and got.tzinfo is None and got.unit == "ns"


# --------------------------------------------------------------------------- more edges
# Found by mutation testing: each pins a rule the tests above left open.


def test_two_exercises_of_one_category_add_up(weighted_catalog):
    # the lying stretch is not in "weighted": its own dose, 30 s a side = 60 s of work.
    # Kneeling (120 s) + lying (60 s) are stretch, the march (60 s) strength: 240 s in all.
    # 480 s done: stretch 180 / 240 x 8 min = 6 min, strength 60 / 240 x 8 = 2 min.
    done = "kneeling-hip-flexor-stretch;lying-psoas-stretch;psoas-march"
    frame = journal(("2026-03-02T07:30+01:00", 480, done, "weighted"))
    minutes = progress.category_minutes(frame, weighted_catalog).iloc[0]
    assert (minutes["stretching"], minutes["strengthening"]) == (6.0, 2.0)


def test_category_minutes_keep_the_sessions_order_and_index(weighted_catalog):
    # sessions 1 and 3 are the same (routine, exercises): each keeps its own minutes, and
    # the rows keep the journal's index (here a filtered one: 5, 7, 9)
    frame = journal(
        ("2026-03-02T07:30+01:00", 120, "psoas-march", "weighted"),
        ("2026-03-03T07:30+01:00", 60, "kneeling-hip-flexor-stretch", "weighted"),
        ("2026-03-04T07:30+01:00", 240, "psoas-march", "weighted"),
    )
    frame.index = [5, 7, 9]
    minutes = progress.category_minutes(frame, weighted_catalog)
    assert list(minutes.index) == [5, 7, 9]
    assert minutes["strengthening"].tolist() == [2.0, 0.0, 4.0]
    assert minutes["stretching"].tolist() == [0.0, 1.0, 0.0]


def test_local_times_are_named_local_time():
    times = progress.local_times(journal("2026-03-02T07:30+01:00"))
    assert times.name == "local_time" and times.tolist() == [pd.Timestamp("2026-03-02 07:30")]


def test_a_session_at_the_first_moment_of_a_period_is_in_it():
    # since Mon 9 Mar: a session at 00:00 that day counts (and one the Sunday before not)
    frame = journal("2026-03-08T23:59+01:00", "2026-03-09T00:00+01:00")
    weeks = progress.weekly_summary(frame, now="2026-03-10", since="2026-03-09")
    assert week_rows(weeks) == [("2026-03-09", 1, False)]


def test_minutes_this_month_include_its_first_moment_and_now():
    # now is exactly the 1 Mar 00:00 session's start plus a day; the 2 Mar 00:00 session
    # starts at now: both count, 28 Feb does not -> (120 + 60) s = 3 min
    frame = journal(
        "2026-02-28T23:59+01:00",
        ("2026-03-01T00:00+01:00", 120),
        ("2026-03-02T00:00+01:00", 60),
    )
    assert progress.summary(frame, now="2026-03-02 00:00").minutes_this_month == 3.0


def test_summary_reads_now_in_the_given_zone():
    # 23:30 UTC on Sun 8 Mar is Mon 9 Mar in Berlin: a new week (0 sessions so far); on
    # 31 Mar 23:30 UTC it is already 1 Apr in Berlin: no minutes this month yet
    frame = journal("2026-03-02T07:30+01:00", "2026-03-31T07:30+02:00")
    assert progress.summary(frame, now="2026-03-08T23:30Z", tz="UTC").sessions_this_week == 1
    berlin_ = progress.summary(frame, now="2026-03-08T23:30Z", tz="Europe/Berlin")
    assert berlin_.sessions_this_week == 0
    assert progress.summary(frame, now="2026-03-31T23:30Z", tz="UTC").minutes_this_month == 20
    april = progress.summary(frame, now="2026-03-31T23:30Z", tz="Europe/Berlin")
    assert april.minutes_this_month == 0


def test_period_start_reads_now_in_the_given_zone():
    # Berlin: Mon 9 Mar, 3 weeks earlier is 16 Feb; UTC: Sun 8 Mar, in the week of 2 Mar: 9 Feb
    now = "2026-03-08T23:30Z"
    assert progress.period_start("4 weeks", now=now, tz="Europe/Berlin") == pd.Timestamp(
        "2026-02-16"
    )
    assert progress.period_start("4 weeks", now=now, tz="UTC") == pd.Timestamp("2026-02-09")


def test_an_unknown_period_names_the_known_ones():
    with pytest.raises(ValueError) as err:
        progress.period_start("fortnight", now="2026-03-25")
    assert str(err.value) == (
        "unknown period 'fortnight'; use one of: 4 weeks, 3 months, a year, everything"
    )


def test_weekly_tables_read_now_in_the_given_zone(mix_catalog):
    # 23:30 UTC on Sun 8 Mar: in Berlin the week of 9 Mar has begun (one more, empty, row)
    frame = journal(("2026-03-02T07:30+01:00", 600, "", "desk-reset", 6, 4))
    for table in (
        lambda **kw: progress.weekly_category_minutes(frame, mix_catalog, **kw),
        lambda **kw: progress.weekly_tightness(frame, **kw),
    ):
        assert len(table(now="2026-03-08T23:30Z", tz="UTC")) == 1
        assert len(table(now="2026-03-08T23:30Z", tz="Europe/Berlin")) == 2


def test_weekly_tightness_exactly():
    # weeks of 2 Mar (6 -> 4 and 8 -> 5: means 7, 4.5), 9 Mar (not rated: NaN), 16 Mar
    # (4 -> 3); since 9 Mar leaves the first week out
    frame = journal(
        ("2026-03-02T07:30+01:00", 600, "", "desk-reset", 6, 4),
        ("2026-03-04T07:30+01:00", 600, "", "desk-reset", 8, 5),
        ("2026-03-10T07:30+01:00", 600, "", "desk-reset", None, None),
        ("2026-03-16T07:30+01:00", 600, "", "desk-reset", 4, 3),
    )
    weekly = progress.weekly_tightness(frame, now="2026-03-17")
    expected = pd.DataFrame(
        {"before": [7.0, float("nan"), 4.0], "after": [4.5, float("nan"), 3.0]},
        index=pd.date_range("2026-03-02", periods=3, freq="7D", name="week", unit="ns"),
    )
    pd.testing.assert_frame_equal(weekly, expected, check_freq=False)
    since = progress.weekly_tightness(frame, now="2026-03-17", since="2026-03-09")
    assert since.index.name == "week" and since["before"].tolist()[1:] == [4.0]
    assert len(since) == 2


def test_sessions_dated_after_now_extend_the_tables():
    # a session on Mon 16 Mar while now is Tue 3 Mar (a clock set wrong): the weeks and the
    # days run on to it
    frame = journal("2026-03-02T07:30+01:00", "2026-03-16T07:30+01:00")
    weeks = progress.weekly_summary(frame, now="2026-03-03")
    assert week_rows(weeks) == [
        ("2026-03-02", 1, False),
        ("2026-03-09", 0, False),
        ("2026-03-16", 1, False),
    ]
    assert weeks["in_progress"].tolist() == [True, False, False]
    days = progress.daily_counts(frame, now="2026-03-03")
    assert len(days) == 15 and days.iloc[-1] == 1  # 2 to 16 Mar


def test_an_empty_journal_has_no_days_even_for_a_period():
    days = progress.daily_counts(EMPTY, now="2026-03-11", since="2026-03-09")
    assert days.empty and days.name == "sessions"


def test_the_latest_of_three_assessments_is_the_summary_one():
    assessments = pd.DataFrame(
        {
            "taken_at": pd.to_datetime(
                ["2026-03-01T07:00Z", "2026-03-02T07:00Z", "2026-03-03T07:00Z"]
            ),
            "utc_offset_min": [60, 60, 60],
            "tightness": [6, 5, 4],
            "weakness": [3, 2, 1],
        }
    )
    s = progress.summary(journal("2026-03-02T07:30+01:00"), assessments, now="2026-03-04")
    assert s.latest_assessment == (4, 1)


def test_the_summary_streak_reads_now_in_the_given_zone():
    # as in test_streaks_read_now_in_the_given_zone: on Sun 15 Mar 23:30 UTC, Berlin is in
    # the week of 16 Mar, so the missed week of 9 Mar has ended the streak
    frame = journal("2026-03-02T07:30+01:00", "2026-03-03T07:30+01:00", "2026-03-04T07:30+01:00")
    now = "2026-03-15T23:30Z"
    assert progress.summary(frame, now=now, tz="Europe/Berlin").current_streak == 0
    assert progress.summary(frame, now=now, tz="UTC").current_streak == 1


# --------------------------------------------------------------------------- balance from data


def test_the_bridge_and_the_tilt_count_half_stretching_half_strengthening():
    # Both are "stretch" by category but work on both (exercises.toml `works`). Their own
    # doses (not in "mix"): the bridge 5 holds x 5 s = 25 s of work, the tilt 4 x 10 s =
    # 40 s, 65 s in all. 130 s done: each weighs its work, half to each side: stretching
    # (25/65 + 40/65) / 2 x 130 s = 65 s, strengthening the same: 65 s = 1.0833 min each.
    frame = journal(("2026-03-02T07:30+01:00", 130, "ground-bridge;standing-pelvic-tilt", "x"))
    minutes = progress.category_minutes(frame).iloc[0]
    assert minutes["stretching"] == pytest.approx(65 / 60)
    assert minutes["strengthening"] == pytest.approx(65 / 60)
    assert minutes["neither"] == 0.0


def test_pilates_and_yoga_count_by_what_they_work_on_not_by_a_python_grouping(tmp_path):
    # Data decides: a copy of data/ where the roll-up is marked as stretching moves its
    # minutes there (before: strengthening, like its category, Pilates).
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "exercises.toml"
    text = path.read_text(encoding="utf-8")
    block = text.index('id = "roll-up"')
    marked = text.index('works = "strengthening"', block)
    path.write_text(text[:marked] + 'works = "stretching"' + text[marked + 23 :], "utf-8")
    catalog = load_catalog(folder)
    frame = journal(("2026-03-02T07:30+01:00", 120, "roll-up", "x"))
    assert progress.category_minutes(frame).iloc[0]["strengthening"] == 2.0
    assert progress.category_minutes(frame, catalog).iloc[0]["stretching"] == 2.0


@pytest.mark.parametrize(
    ("works", "category", "expected"),
    [
        ("both", "stretch", {"stretching": 0.5, "strengthening": 0.5}),
        ("neither", "stretch", {"neither": 1.0}),
        (None, "pilates", {"strengthening": 1.0}),  # categories.toml: Pilates strengthens
        (None, "yoga", {"stretching": 1.0}),
        (None, "warm-up", {"neither": 1.0}),
    ],
)
def test_works_on_reads_the_exercise_then_its_category(works, category, expected):
    catalog = load_catalog()
    base = catalog.exercises["roll-up"]
    exercise = dataclasses.replace(
        base, category=category, coaching=dataclasses.replace(base.coaching, works=works)
    )
    assert progress.works_on(exercise, catalog) == expected


# --------------------------------------------------------------------------- honest history


@pytest.mark.parametrize(
    ("since", "weeks", "sessions"),
    [
        # first session Wed 11 Mar; a period from Mon 16 Feb starts at the week of 9 Mar:
        # weeks of 9 Mar (1 session), 16 Mar (0), 23 Mar (1, this week)
        ("2026-02-16", ["2026-03-09", "2026-03-16", "2026-03-23"], [1, 0, 1]),
        # a period starting after the first session starts where it says
        ("2026-03-16", ["2026-03-16", "2026-03-23"], [0, 1]),
        # everything: from the first session's week
        (None, ["2026-03-09", "2026-03-16", "2026-03-23"], [1, 0, 1]),
    ],
)
def test_weeks_before_the_first_session_are_not_shown_as_missed(since, weeks, sessions):
    frame = journal("2026-03-11T08:00+01:00", "2026-03-24T08:00+01:00")
    summary = progress.weekly_summary(frame, now="2026-03-25 12:00", since=since)
    assert [f"{w:%Y-%m-%d}" for w in summary.index] == weeks
    assert summary["sessions"].tolist() == sessions


def test_days_before_the_first_session_are_not_counted():
    # first session Wed 11 Mar; a period from Mon 2 Mar starts on Mon 9 Mar (its week):
    # 9 to 12 Mar, the session on the 11th
    frame = journal("2026-03-11T08:00+01:00")
    days = progress.daily_counts(frame, now="2026-03-12 09:00", since="2026-03-02")
    assert [f"{d:%d}" for d in days.index] == ["09", "10", "11", "12"]
    assert days.tolist() == [0, 0, 1, 0]
