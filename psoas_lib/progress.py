"""Progress from the journal: weeks against the 3–5 goal, streaks, minutes, symptom trends.

Pure pandas: this module draws nothing (charts live in :mod:`psoas_lib.charts`).

Local time. The journal stores ``started_at`` in UTC together with ``utc_offset_min``, the
offset the session was logged with. A session's wall-clock time is ``started_at +
utc_offset_min``, and it belongs to that local date: a session logged while travelling lands
on the date it happened where it happened. Weeks start on Monday and are labelled by that
Monday (a naive midnight timestamp, so daylight-saving changes never shift a week).

>>> sessions = example_sessions()
>>> local_times(sessions).dt.strftime("%a %Y-%m-%d %H:%M").tolist()
['Mon 2026-03-02 07:30', 'Wed 2026-03-04 18:00']
"""

from __future__ import annotations

import pandas as pd

__all__ = ["assessment_scores", "example_sessions", "local_times"]


def local_times(frame: pd.DataFrame, column: str = "started_at") -> pd.Series:
    """Each row's local wall-clock time (naive): the UTC ``column`` plus ``utc_offset_min``."""
    utc = pd.to_datetime(frame[column], utc=True).dt.tz_localize(None)
    offset = pd.to_timedelta(frame["utc_offset_min"].astype("int64"), unit="min")
    return (utc + offset).astype("datetime64[ns]").rename("local_time")


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
        return pd.DataFrame({"tightness": pd.Series([], dtype="int64", index=index),
                             "weakness": pd.Series([], dtype="int64", index=index)})
    scores = pd.DataFrame({"tightness": assessments["tightness"].astype("int64").to_numpy(),
                           "weakness": assessments["weakness"].astype("int64").to_numpy()},
                          index=pd.DatetimeIndex(local_times(assessments, "taken_at"),
                                                 name="taken_at"))
    return scores.sort_index(kind="stable")


def example_sessions() -> pd.DataFrame:
    """Two sessions in the journal's frame shape, for examples and doctests."""
    return pd.DataFrame({
        "started_at": pd.to_datetime(["2026-03-02T06:30:00Z", "2026-03-04T17:00:00Z"]),
        "utc_offset_min": [60, 60],
        "routine_id": ["desk-reset", "strength-builder"],
        "planned_s": [600, 480],
        "completed_s": [600, 420],
        "exercises_done": ["kneeling-hip-flexor-stretch;knee-to-chest", "psoas-march"],
        "tightness_before": pd.array([6, 5], dtype="Int64"),
        "tightness_after": pd.array([4, pd.NA], dtype="Int64"),
        "pain_stop": [False, False],
        "notes": ["", ""],
    })
