"""Progress from the journal: weeks against the 3–5 goal, streaks, minutes, symptom trends.

Pure pandas: this module draws nothing (charts live in :mod:`psoas_lib.ui.charts`). Every
function takes the journal's frames as :meth:`Journal.sessions` and
:meth:`Journal.assessments` return them, and ``now`` can be passed in (tests, reports).

Local time. The journal stores ``started_at`` in UTC together with ``utc_offset_min``, the
offset the session was logged with. A session's wall-clock time is ``started_at +
utc_offset_min``, and it belongs to that local date: a session logged while travelling lands
on the date it happened where it happened. Weeks start on Monday and are labelled by that
Monday as a naive midnight timestamp, so daylight-saving changes never move a week.

"Now" is local too: ``now`` (default: the computer's clock) is read in ``tz`` when given,
else in its own offset (an aware ``now``) or as wall-clock time (a naive ``now``).

The goal. The article asks for 3 to 5 sessions a week: a week meets the goal with 3 sessions
or more. A week of 6 or more still meets it (a keen week does not break a streak) and is
marked ``above_goal``, above the article's range.

Streaks count weeks in a row that met the goal. The current week is still in progress:
once it meets the goal it extends the streak, and until then it neither adds to nor breaks
it. So on a Tuesday, with last week and the two before it met, the current streak is 3.

>>> sessions = example_sessions()
>>> local_times(sessions).dt.strftime("%a %Y-%m-%d %H:%M").tolist()
['Mon 2026-03-02 07:30', 'Wed 2026-03-04 18:00']
>>> weekly_summary(sessions, now="2026-03-10 12:00")
            sessions  minutes  goal_met  above_goal  in_progress
week
2026-03-02         2     17.0     False       False        False
2026-03-09         0      0.0     False       False         True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from psoas_lib.content.categories import WORKS_ON

if TYPE_CHECKING:
    from psoas_lib.content.catalog import Catalog
    from psoas_lib.content.exercise import Exercise

__all__ = [
    "CATEGORIES",
    "GOAL",
    "PERIODS",
    "Summary",
    "assessment_scores",
    "average_tightness_change",
    "category_minutes",
    "daily_counts",
    "exercise_counts",
    "local_now",
    "local_times",
    "period_start",
    "streaks",
    "summary",
    "tightness_log",
    "week_start",
    "weekly_category_minutes",
    "weekly_summary",
    "weekly_tightness",
    "works_on",
]

#: Sessions a week the article asks for: at least, at most.
GOAL = (3, 5)

#: What minutes are reported as (the balance of stretching and strengthening): what each
#: exercise works on, from data (its ``works`` in exercises.toml, else its category's
#: ``works_on`` in categories.toml). An exercise that works on both counts half to each.
CATEGORIES: tuple[str, ...] = WORKS_ON
#: Minutes that cannot be attributed (no exercise completed, or an unknown exercise).
OTHER = "other"
#: Work time assumed for an exercise the catalog no longer knows.
UNKNOWN_WORK_S = 60

#: The period picker: how many weeks each period shows, the current week included.
PERIODS: dict[str, int | None] = {"4 weeks": 4, "3 months": 13, "a year": 52, "everything": None}

Now = datetime | pd.Timestamp | str | None
Zone = tzinfo | str | None


# --------------------------------------------------------------------------- time


def local_times(frame: pd.DataFrame, column: str = "started_at") -> pd.Series:
    """Each row's local wall-clock time (naive): the UTC ``column`` plus ``utc_offset_min``."""
    utc = pd.to_datetime(frame[column], utc=True).dt.tz_localize(None)
    offset = pd.to_timedelta(frame["utc_offset_min"].astype("int64"), unit="min")
    return (utc + offset).astype("datetime64[ns]").rename("local_time")


def local_now(now: Now = None, tz: Zone = None) -> pd.Timestamp:
    """The local wall-clock time of ``now`` (naive), read as the module docstring says.

    >>> local_now("2026-03-29T21:30Z", tz="Europe/Berlin")
    Timestamp('2026-03-29 23:30:00')
    >>> local_now("2026-03-29 09:00")
    Timestamp('2026-03-29 09:00:00')
    """
    if now is None:  # this moment, aware (in the system's zone), then read in ``tz`` below
        now = datetime.now().astimezone()
    stamp = pd.Timestamp(now)
    if stamp.tzinfo is None:
        return stamp.as_unit("ns")
    if tz is not None:
        stamp = stamp.tz_convert(tz)
    return stamp.tz_localize(None).as_unit("ns")


def week_start(times: pd.Series | pd.DatetimeIndex | pd.Timestamp):
    """The Monday (midnight) starting the week of each local time.

    >>> week_start(pd.Timestamp("2021-01-03 23:59"))  # a Sunday
    Timestamp('2020-12-28 00:00:00')
    """
    if isinstance(times, pd.Timestamp):
        day = times.normalize()
        return day - pd.Timedelta(days=day.weekday())
    if isinstance(times, pd.DatetimeIndex):
        return times.normalize() - pd.to_timedelta(times.day_of_week, unit="D")
    return times.dt.normalize() - pd.to_timedelta(times.dt.day_of_week, unit="D")


def period_start(period: str, now: Now = None, tz: Zone = None) -> pd.Timestamp | None:
    """The Monday a period of :data:`PERIODS` starts on (None for "everything").

    >>> period_start("4 weeks", now="2026-03-25 10:00")  # a Wednesday
    Timestamp('2026-03-02 00:00:00')
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; use one of: " + ", ".join(PERIODS))
    weeks = PERIODS[period]
    if weeks is None:
        return None
    return week_start(local_now(now, tz)) - pd.Timedelta(weeks=weeks - 1)


def _first_week(journal: pd.DataFrame, since: Now, current: pd.Timestamp) -> pd.Timestamp:
    """The first week to show: the week of the journal's first session, or of ``since`` when
    that is later (never before the person started; never after this week)."""
    started = week_start(local_times(journal).min())
    if since is None:
        return started
    return min(max(week_start(pd.Timestamp(since)), started), max(current, started))


def _since(sessions: pd.DataFrame, since: Now) -> tuple[pd.DataFrame, pd.Series]:
    """Sessions on or after local ``since`` (all when None) and their local times."""
    local = local_times(sessions)
    if since is None:
        return sessions, local
    keep = (local >= pd.Timestamp(since)).to_numpy()
    return sessions[keep], local[keep]


# --------------------------------------------------------------------------- weeks


def weekly_summary(
    sessions: pd.DataFrame, now: Now = None, tz: Zone = None, since: Now = None
) -> pd.DataFrame:
    """Sessions, minutes and the goal, one row a week (Monday, local), empty weeks as 0.

    Weeks run from the first session's week (or the week of ``since``, when given and
    later: earlier sessions are left out, and a period without sessions gives its weeks as
    0; weeks before the journal's first session are never shown, they were not missed) to
    the current week, or to the last session's week if that is later. Columns: ``sessions``
    (int), ``minutes`` (completed minutes, float), ``goal_met`` (3 sessions or more),
    ``above_goal`` (more than 5), ``in_progress`` (the current, unfinished week). An empty
    journal gives an empty frame with these columns.

    >>> weekly_summary(example_sessions().iloc[:0], now="2026-03-10").columns.tolist()
    ['sessions', 'minutes', 'goal_met', 'above_goal', 'in_progress']
    """
    journal_empty, journal = sessions.empty, sessions
    sessions, local = _since(sessions, since)
    if journal_empty or (sessions.empty and since is None):
        return pd.DataFrame(
            {
                "sessions": pd.Series([], dtype="int64"),
                "minutes": pd.Series([], dtype="float64"),
                "goal_met": pd.Series([], dtype="bool"),
                "above_goal": pd.Series([], dtype="bool"),
                "in_progress": pd.Series([], dtype="bool"),
            },
            index=pd.DatetimeIndex([], name="week", dtype="datetime64[ns]"),
        )
    weeks = week_start(local)
    current = week_start(local_now(now, tz))
    first = _first_week(journal, since, current)
    last = current if weeks.empty else max(current, weeks.max())
    index = pd.date_range(first, last, freq="7D", name="week", unit="ns")
    count = weeks.value_counts().reindex(index, fill_value=0).astype("int64")
    seconds = sessions["completed_s"].astype("int64").groupby(weeks.to_numpy()).sum()
    minutes = (seconds.reindex(index, fill_value=0) / 60).astype("float64")
    return pd.DataFrame(
        {
            "sessions": count.to_numpy(),
            "minutes": minutes.to_numpy(),
            "goal_met": (count >= GOAL[0]).to_numpy(),
            "above_goal": (count > GOAL[1]).to_numpy(),
            "in_progress": (index == current),
        },
        index=index,
    )


def streaks(sessions: pd.DataFrame, now: Now = None, tz: Zone = None) -> tuple[int, int]:
    """(current, longest) runs of goal-meeting weeks, in weeks.

    The current week counts once it meets the goal; until then it is left out (see the
    module docstring). Weeks after the current one (sessions dated in the future) are
    ignored.

    >>> streaks(example_sessions(), now="2026-03-10")
    (0, 0)
    """
    weeks = weekly_summary(sessions, now, tz)
    current = week_start(local_now(now, tz))
    weeks = weeks[weeks.index <= current]
    if weeks.empty:
        return 0, 0
    met = weeks["goal_met"]
    if not met.iloc[-1] and weeks.index[-1] == current:
        met = met.iloc[:-1]
    if met.empty:
        return 0, 0
    runs = met.astype("int64").groupby((~met).cumsum().to_numpy()).sum()
    longest = int(runs.max())
    current_run = int(runs.iloc[-1]) if met.iloc[-1] else 0
    return current_run, longest


# --------------------------------------------------------------------------- categories


def works_on(exercise: Exercise, catalog: Catalog) -> dict[str, float]:
    """How an exercise's minutes split over :data:`CATEGORIES` (fractions adding up to 1).

    >>> from psoas_lib import load_catalog
    >>> catalog = load_catalog()
    >>> works_on(catalog.exercises["ground-bridge"], catalog)
    {'stretching': 0.5, 'strengthening': 0.5}
    >>> works_on(catalog.exercises["roll-up"], catalog)
    {'strengthening': 1.0}
    """
    works = exercise.coaching.works
    if works is None:
        category = catalog.categories.get(exercise.category)
        works = category.works_on if category is not None else OTHER
    if works == "both":
        return {"stretching": 0.5, "strengthening": 0.5}
    return {works if works in CATEGORIES else OTHER: 1.0}


def _work_seconds(
    catalog: Catalog, routine_id: str, exercise_id: str
) -> tuple[dict[str, float], int]:
    """(split over the reported categories, planned work seconds) of an exercise as a
    routine plans it."""
    from psoas_lib.content.routine import RoutineItem

    exercise = catalog.exercises.get(exercise_id)
    if exercise is None:
        return {OTHER: 1.0}, UNKNOWN_WORK_S
    category = works_on(exercise, catalog)
    routine = catalog.routines.get(routine_id)
    if routine is not None and exercise_id in routine.exercise_ids:
        work = sum(
            s.seconds for s in routine.timeline() if s.is_work and s.exercise_id == exercise_id
        )
    else:  # not in that routine (or the routine is gone): the exercise's own dose
        item = RoutineItem(exercise, exercise.dose)
        work = sum(s.seconds for s in item.segments(5, 5) if s.is_work)
    return category, int(work)


def _shares(catalog: Catalog, routine_id: str, done: str) -> dict[str, float]:
    """How a session's time splits over the categories (fractions adding up to 1)."""
    weights: dict[str, float] = {}
    for exercise_id in dict.fromkeys(i for i in done.split(";") if i):
        split, work = _work_seconds(catalog, routine_id, exercise_id)
        for category, share in split.items():
            weights[category] = weights.get(category, 0) + share * work
    total = sum(weights.values())
    if total <= 0:
        return {OTHER: 1.0}
    return {category: work / total for category, work in weights.items()}


def category_minutes(sessions: pd.DataFrame, catalog: Catalog | None = None) -> pd.DataFrame:
    """Each session's completed minutes split over what they worked on (one row a session).

    The split: each completed exercise weighs its planned work time in the session's
    routine (holds, sets and moves, the dose the routine gives it; its own catalog dose if
    the routine does not list it), and the session's ``completed_s`` (pauses included) is
    shared in proportion. A session with no completed exercise goes to ``other``, as does an
    exercise the catalog no longer knows. An exercise that works on both stretching and
    strengthening shares its time half and half. Columns: :data:`CATEGORIES`, then ``other``
    when any minutes are unattributed; rows add up to ``completed_s / 60``.

    >>> category_minutes(example_sessions()).round(2)
       stretching  strengthening  neither
    0        10.0            0.0      0.0
    1         0.0            7.0      0.0
    """
    if catalog is None:
        from psoas_lib.content.catalog import load_catalog

        catalog = load_catalog()
    keys = sessions[["routine_id", "exercises_done"]].astype(str)
    combos = keys.drop_duplicates()
    shares = pd.DataFrame(
        [_shares(catalog, r, d) for r, d in combos.itertuples(index=False)],
        index=pd.MultiIndex.from_frame(combos),
    )
    shares = shares.reindex(columns=[*CATEGORIES, OTHER]).fillna(0.0)
    per_session = shares.reindex(pd.MultiIndex.from_frame(keys)).to_numpy()
    minutes = per_session * (sessions["completed_s"].astype("int64").to_numpy()[:, None] / 60)
    frame = pd.DataFrame(
        minutes.reshape(len(sessions), len(CATEGORIES) + 1),
        columns=[*CATEGORIES, OTHER],
        index=sessions.index,
    )
    if not frame[OTHER].any():
        frame = frame.drop(columns=OTHER)
    return frame


def weekly_category_minutes(
    sessions: pd.DataFrame,
    catalog: Catalog | None = None,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
) -> pd.DataFrame:
    """Minutes per week by category, on :func:`weekly_summary`'s weeks (empty weeks 0)."""
    weeks = weekly_summary(sessions, now, tz, since)
    sessions, local = _since(sessions, since)
    if sessions.empty:
        return pd.DataFrame(
            {c: pd.Series(0.0, index=weeks.index) for c in CATEGORIES}, index=weeks.index
        )
    minutes = category_minutes(sessions, catalog)
    by_week = minutes.groupby(week_start(local).to_numpy()).sum()
    return by_week.reindex(weeks.index, fill_value=0.0).rename_axis("week")


# --------------------------------------------------------------------------- symptoms


def tightness_log(sessions: pd.DataFrame) -> pd.DataFrame:
    """Tightness before and after (0–10) of each session that recorded both, by local time.

    ``change`` is after minus before: negative means the hips felt looser afterwards.

    >>> tightness_log(example_sessions())
                         before  after  change
    local_time
    2026-03-02 07:30:00       6      4      -2
    """
    both = sessions["tightness_before"].notna() & sessions["tightness_after"].notna()
    rows = sessions[both.to_numpy()]
    log = pd.DataFrame(
        {
            "before": rows["tightness_before"].astype("int64").to_numpy(),
            "after": rows["tightness_after"].astype("int64").to_numpy(),
        },
        index=pd.DatetimeIndex(local_times(rows), name="local_time"),
    )
    log["change"] = log["after"] - log["before"]
    return log.sort_index(kind="stable")


def average_tightness_change(sessions: pd.DataFrame) -> float | None:
    """The mean of after minus before over sessions that recorded both; None without any.

    >>> average_tightness_change(example_sessions())
    -2.0
    """
    log = tightness_log(sessions)
    return None if log.empty else float(log["change"].mean())


def weekly_tightness(
    sessions: pd.DataFrame, now: Now = None, tz: Zone = None, since: Now = None
) -> pd.DataFrame:
    """Mean tightness before and after per week (NaN in weeks without ratings)."""
    weeks = weekly_summary(sessions, now, tz, since)
    sessions, _ = _since(sessions, since)
    log = tightness_log(sessions)
    means = (
        log[["before", "after"]]
        .astype("float64")
        .groupby(week_start(pd.DatetimeIndex(log.index)).to_numpy())
        .mean()
    )
    return means.reindex(weeks.index).rename_axis("week")


def assessment_scores(assessments: pd.DataFrame) -> pd.DataFrame:
    """Tightness and weakness scores by local time of the assessment, oldest first.

    >>> frame = pd.DataFrame({"taken_at": pd.to_datetime(["2026-03-02T06:30Z"]),
    ...     "utc_offset_min": [60], "tightness": [3], "weakness": [1]})
    >>> assessment_scores(frame)
                         tightness  weakness
    taken_at
    2026-03-02 07:30:00          3         1
    """
    if assessments.empty:
        index = pd.DatetimeIndex([], name="taken_at", dtype="datetime64[ns]")
        return pd.DataFrame(
            {
                "tightness": pd.Series([], dtype="int64", index=index),
                "weakness": pd.Series([], dtype="int64", index=index),
            }
        )
    scores = pd.DataFrame(
        {
            "tightness": assessments["tightness"].astype("int64").to_numpy(),
            "weakness": assessments["weakness"].astype("int64").to_numpy(),
        },
        index=pd.DatetimeIndex(local_times(assessments, "taken_at"), name="taken_at"),
    )
    return scores.sort_index(kind="stable")


# --------------------------------------------------------------------------- days, exercises


def daily_counts(
    sessions: pd.DataFrame, now: Now = None, tz: Zone = None, since: Now = None
) -> pd.Series:
    """Sessions per local day, from the Monday of the first week to today (0 on empty days).

    The first week is that of the journal's first session, or of ``since`` if later.

    >>> daily_counts(example_sessions(), now="2026-03-05 09:00").tolist()
    [1, 0, 1, 0]
    """
    journal_empty, journal = sessions.empty, sessions
    sessions, local = _since(sessions, since)
    if journal_empty or (sessions.empty and since is None):
        return pd.Series(
            [],
            dtype="int64",
            name="sessions",
            index=pd.DatetimeIndex([], name="day", dtype="datetime64[ns]"),
        )
    days = local.dt.normalize()
    today = local_now(now, tz).normalize()
    first = _first_week(journal, since, week_start(today))
    last = today if days.empty else max(today, days.max())
    index = pd.date_range(first, last, freq="D", name="day", unit="ns")
    return days.value_counts().reindex(index, fill_value=0).astype("int64").rename("sessions")


def exercise_counts(sessions: pd.DataFrame, catalog: Catalog | None = None) -> pd.DataFrame:
    """In how many sessions each exercise was completed, most often first.

    >>> exercise_counts(example_sessions())["sessions"].to_dict()
    {'kneeling-hip-flexor-stretch': 1, 'knee-to-chest': 1, 'psoas-march': 1}
    """
    if catalog is None:
        from psoas_lib.content.catalog import load_catalog

        catalog = load_catalog()
    ids = sessions["exercises_done"].astype(str).str.split(";").explode()
    ids = ids[ids.notna() & (ids != "")]
    per_session = ids.groupby(level=0).unique().explode() if not ids.empty else ids
    counts = per_session.value_counts(sort=False)
    order = pd.Series(range(len(counts)), index=counts.index)  # first seen first, on ties
    counts = counts.iloc[np.lexsort((order.to_numpy(), -counts.to_numpy()))]
    known = catalog.exercises
    return pd.DataFrame(
        {
            "name": [known[i].name if i in known else i for i in counts.index],
            "category": [known[i].category if i in known else OTHER for i in counts.index],
            "sessions": counts.to_numpy().astype("int64"),
        },
        index=pd.Index(counts.index.astype(str), name="exercise_id"),
    )


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class Summary:
    """The figures at the top of the progress notebook."""

    sessions_this_week: int
    current_streak: int
    longest_streak: int
    minutes_this_month: float
    latest_tightness: tuple[int, int] | None  # (before, after) of the latest rated session
    average_tightness_change: float | None
    total_sessions: int
    latest_assessment: tuple[int, int] | None  # (tightness, weakness)
    pain_stops: int = 0  # sessions stopped because of pain

    @property
    def latest_tightness_change(self) -> int | None:
        if self.latest_tightness is None:
            return None
        return self.latest_tightness[1] - self.latest_tightness[0]

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) pairs in plain words, for a table.

        >>> summary(example_sessions(), now="2026-03-05").rows()[0]
        ('Sessions this week', '2 (goal: 3–5)')
        """
        weeks = "week" if self.current_streak == 1 else "weeks"
        rows = [
            ("Sessions this week", f"{self.sessions_this_week} (goal: {GOAL[0]}–{GOAL[1]})"),
            (
                "Weekly streak",
                f"{self.current_streak} {weeks} meeting the goal (longest: {self.longest_streak})",
            ),
            ("Minutes this month", f"{self.minutes_this_month:.0f}"),
        ]
        if self.latest_tightness is None:
            rows.append(("Latest tightness change", "not rated yet"))
        else:
            before, after = self.latest_tightness
            change = after - before
            rows.append(
                ("Latest tightness change", f"{before} → {after} ({change:+d} on the 0–10 scale)")
            )
        if self.average_tightness_change is not None:
            rows.append(
                ("Average tightness change", f"{self.average_tightness_change:+.1f} per session")
            )
        if self.latest_assessment is not None:
            tight, weak = self.latest_assessment
            rows.append(("Latest self-assessment", f"tightness {tight}, weakness {weak}"))
        rows.append(("Sessions in the journal", str(self.total_sessions)))
        if self.pain_stops:
            rows.append(("Sessions stopped for pain", str(self.pain_stops)))
        return rows

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows(), columns=["", "value"]).set_index("")


def summary(
    sessions: pd.DataFrame,
    assessments: pd.DataFrame | None = None,
    now: Now = None,
    tz: Zone = None,
) -> Summary:
    """This week against the goal, the weekly streak, minutes this (local, calendar) month,
    the latest tightness change, the latest self-assessment.

    >>> s = summary(example_sessions(), now="2026-03-05")
    >>> s.sessions_this_week, s.minutes_this_month, s.latest_tightness_change
    (2, 17.0, -2)
    """
    today = local_now(now, tz)
    local = local_times(sessions)
    this_week = int((week_start(local) == week_start(today)).sum())
    month = today.normalize().replace(day=1)
    in_month = ((local >= month) & (local <= today)).to_numpy()
    minutes = float(sessions["completed_s"].astype("int64")[in_month].sum() / 60)
    current, longest = streaks(sessions, now, tz)
    log = tightness_log(sessions)
    latest = None if log.empty else (int(log["before"].iloc[-1]), int(log["after"].iloc[-1]))
    scores = assessment_scores(assessments) if assessments is not None else None
    last_scores = None
    if scores is not None and not scores.empty:
        last_scores = (int(scores["tightness"].iloc[-1]), int(scores["weakness"].iloc[-1]))
    return Summary(
        sessions_this_week=this_week,
        current_streak=current,
        longest_streak=longest,
        minutes_this_month=minutes,
        latest_tightness=latest,
        average_tightness_change=average_tightness_change(sessions),
        total_sessions=len(sessions),
        latest_assessment=last_scores,
        pain_stops=int(sessions["pain_stop"].astype(bool).sum()),
    )
