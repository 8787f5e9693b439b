"""The weekly plan against the journal: what was planned and what was done.

Local time as in :mod:`psoas_lib.progress`: a session belongs to the local date it was
logged on, and weeks start on Monday. The journal keeps no history of plans, so past weeks
are compared with the plan as it is now.

>>> from psoas_lib import load_catalog
>>> from psoas_lib.plan.weekly import default_plan
>>> plan = default_plan(load_catalog())           # Monday, Wednesday, Friday
>>> planned_vs_done(plan, example_sessions(), weeks=2, now="2026-03-13 12:00")
            planned  done  on_plan  in_progress
week
2026-03-02        3     2        2        False
2026-03-09        3     0        0         True
"""

from __future__ import annotations

import pandas as pd

from psoas_lib.content.catalog import Catalog
from psoas_lib.plan.weekly import WEEKDAYS, WeeklyPlan
from psoas_lib.progress import Now, Zone, local_now, local_times, week_start

__all__ = ["planned_vs_done", "week_status"]


def _local(sessions: pd.DataFrame) -> pd.Series:
    if sessions.empty:
        return pd.Series([], dtype="datetime64[ns]", name="local_time")
    return local_times(sessions)


def planned_vs_done(
    plan: WeeklyPlan,
    sessions: pd.DataFrame,
    weeks: int = 4,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
) -> pd.DataFrame:
    """One row a week (labelled by its Monday), the last ``weeks`` weeks up to this one,
    from where the history starts: the week of the first session logged, or of ``since``
    (when the plan was made) if earlier. Weeks before either are not shown: nothing was
    planned or missed then. With no session and no ``since``, only this week.

    Columns: ``planned`` (sessions in the plan), ``done`` (sessions logged that week, on any
    day), ``on_plan`` (planned days that had a session that day) and ``in_progress`` (the
    current week, not over yet).

    >>> from psoas_lib import load_catalog
    >>> from psoas_lib.plan.weekly import default_plan
    >>> plan = default_plan(load_catalog())
    >>> len(planned_vs_done(plan, example_sessions().iloc[:0], weeks=8, now="2026-03-13"))
    1
    """
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, not {weeks}")
    current = week_start(local_now(now, tz))
    local = _local(sessions)
    starts = [current]
    if len(local):
        starts.append(week_start(local.min()))
    if since is not None:
        starts.append(week_start(pd.Timestamp(since)))
    first = max(current - pd.Timedelta(weeks=weeks - 1), min(starts))
    index = pd.date_range(first, current, freq="7D", name="week", unit="ns")
    days = set(local.dt.normalize()) if len(local) else set()
    done = week_start(local).value_counts() if len(local) else pd.Series(dtype="int64")
    planned_offsets = [WEEKDAYS.index(d.weekday) for d in plan.days]
    on_plan = [
        sum((monday + pd.Timedelta(days=k)) in days for k in planned_offsets) for monday in index
    ]
    return pd.DataFrame(
        {
            "planned": len(plan.days),
            "done": done.reindex(index, fill_value=0).astype("int64").to_numpy(),
            "on_plan": pd.Series(on_plan, dtype="int64").to_numpy(),
            "in_progress": index == current,
        },
        index=index,
    )


def week_status(
    plan: WeeklyPlan,
    sessions: pd.DataFrame,
    catalog: Catalog | None = None,
    now: Now = None,
    tz: Zone = None,
) -> pd.DataFrame:
    """This week day by day: each planned session and any session on another day.

    ``status`` is "done" (a session was logged that day), "missed", "today", "coming", or
    "extra" for a session on a day that was not planned.

    >>> from psoas_lib import load_catalog
    >>> from psoas_lib.plan.weekly import default_plan
    >>> plan, catalog = default_plan(load_catalog()), load_catalog()
    >>> week = week_status(plan, example_sessions(), catalog, now="2026-03-06 12:00")
    >>> week[["day", "planned", "status"]].values.tolist()
    [['Mon', 'Desk reset', 'done'], ['Wed', 'Strength builder', 'done'],
     ['Fri', 'Desk reset', 'today']]
    """

    def name(routine_id: str) -> str:
        if catalog is not None and routine_id in catalog.routines:
            return catalog.routines[routine_id].name
        return routine_id

    today = local_now(now, tz).normalize()
    monday = week_start(today)
    local = _local(sessions)
    in_week = (local >= monday) & (local < monday + pd.Timedelta(days=7))
    logged: dict[pd.Timestamp, list[str]] = {}
    for when, routine_id in zip(
        local[in_week],
        sessions.loc[in_week.to_numpy(), "routine_id"] if len(local) else [],
        strict=True,
    ):
        logged.setdefault(when.normalize(), []).append(name(str(routine_id)))
    rows = []
    for day in plan.days:
        date = monday + pd.Timedelta(days=WEEKDAYS.index(day.weekday))
        if date in logged:
            status = "done"
        else:
            status = "missed" if date < today else "today" if date == today else "coming"
        rows.append(
            {
                "day": f"{date:%a}",
                "date": date.date(),
                "time": f"{day.time:%H:%M}",
                "planned": name(day.routine_id),
                "done": ", ".join(logged.get(date, [])),
                "status": status,
            }
        )
    planned_dates = {monday + pd.Timedelta(days=WEEKDAYS.index(d.weekday)) for d in plan.days}
    for date in sorted(set(logged) - planned_dates):
        rows.append(
            {
                "day": f"{date:%a}",
                "date": date.date(),
                "time": "",
                "planned": "",
                "done": ", ".join(logged[date]),
                "status": "extra",
            }
        )
    columns = ["day", "date", "time", "planned", "done", "status"]
    return (
        pd.DataFrame(rows, columns=columns)
        .sort_values("date", kind="stable")
        .reset_index(drop=True)
    )
