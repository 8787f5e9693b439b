"""Progress: weeks, the 3–5 goal, streaks, minutes by category, tightness, the summary.

Every expected value below is worked out by hand from a calendar (comments show how);
fixtures are frames in the exact shape Journal.sessions() returns (started_at in UTC plus
utc_offset_min), built from local ISO times the way the journal stores them.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from psoas_lib import load_catalog, make_routine, progress
from psoas_lib.content.catalog import Catalog

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
    # side once (stretch); the low lunge, 30 s a side (yoga); psoas march, 20 reps x 3 s.
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
        # all three done, 540 s: a third each -> 3 min stretch, 3 strength, 3 yoga & pilates
        (540, ALL3, "mix", {"stretch": 3.0, "strength": 3.0, "yoga & pilates": 3.0}),
        # only the march done: all 120 s -> 2 min strength
        (120, "psoas-march", "mix", {"strength": 2.0}),
        # two of three, 300 s: 60 s work each -> 2.5 min stretch, 2.5 yoga & pilates
        (
            300,
            "kneeling-hip-flexor-stretch;low-lunge",
            "mix",
            {"stretch": 2.5, "yoga & pilates": 2.5},
        ),
        # an exercise not in the routine weighs its own dose; alone it takes it all
        (300, "leg-swings", "mix", {"warm-up": 5.0}),
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
    # week of 2 Mar: 540 s (all three) + 120 s (march) = 11 min: 3 stretch, 5 strength,
    # 3 yoga; the week of 9 Mar is empty; week of 16 Mar: 300 s leg swings = 5 warm-up
    frame = journal(
        ("2026-03-02T07:30+01:00", 540, ALL3, "mix"),
        ("2026-03-04T07:30+01:00", 120, "psoas-march", "mix"),
        ("2026-03-16T07:30+01:00", 300, "leg-swings", "mix"),
    )
    weekly = progress.weekly_category_minutes(frame, mix_catalog, now="2026-03-17")
    assert weekly.round(6).to_dict("list") == {
        "stretch": [3.0, 0.0, 0.0],
        "strength": [5.0, 0.0, 0.0],
        "yoga & pilates": [3.0, 0.0, 0.0],
        "warm-up": [0.0, 0.0, 5.0],
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
