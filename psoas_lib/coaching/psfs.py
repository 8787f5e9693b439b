"""The Patient-Specific Functional Scale: a score per rating, when the next one is due, change.

The PSFS (Stratford et al., 1995) asks the user to name up to five activities they find hard
because of their hips or back and to rate each from 0 (unable to do it) to 10 (able to do it
as before). The score of a rating is the mean of its activities' scores; a change of about 2
points in that mean is the smallest change the scale can tell from noise, so a fall of
:data:`FALL_POINTS` or more since the first rating is flagged for the physiotherapist. It is
asked at the start and every :data:`DUE_DAYS` days. It is information for the therapist, never
a diagnosis.

>>> from datetime import date
>>> import pandas as pd
>>> frame = pd.DataFrame({
...     "rated_at": pd.to_datetime(["2026-03-02T07:00Z", "2026-03-02T07:00Z", "2026-03-16T07:00Z",
...                                 "2026-03-16T07:00Z"]),
...     "activity": ["stairs", "car", "stairs", "car"], "score": [4, 6, 2, 3]})
>>> s = psfs_summary(frame, today=date(2026, 3, 20))
>>> (s.first, s.latest, s.change, s.fell, s.due)
(5.0, 2.5, -2.5, True, datetime.date(2026, 3, 30))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

__all__ = ["DUE_DAYS", "FALL_POINTS", "PsfsSummary", "psfs_scores", "psfs_summary"]

#: Days between two ratings (asked at the start, then every two weeks).
DUE_DAYS = 14
#: A fall of this many points (or more) in the mean score since the first rating is flagged.
FALL_POINTS = 2.0


@dataclass(frozen=True)
class PsfsSummary:
    """The first and latest scores (means, 0–10), the change, the flag and the next due day.

    ``first``, ``latest`` and ``change`` are None before the first rating; ``due`` is then
    ``today`` (it is asked at the start).
    """

    ratings: int
    first: float | None
    latest: float | None
    change: float | None
    fell: bool
    due: date
    first_on: date | None = None
    latest_on: date | None = None

    @property
    def is_due(self) -> bool:
        return self.ratings == 0 or self.due <= date.today()


def psfs_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per rating, oldest first: ``rated_at``, ``score`` (the mean, one decimal),
    ``activities`` (how many were rated).

    >>> psfs_scores(pd.DataFrame({"rated_at": [], "activity": [], "score": []})).empty
    True
    """
    if frame.empty:
        return pd.DataFrame({"rated_at": [], "score": [], "activities": []})
    rated = frame.dropna(subset=["score"])
    grouped = rated.groupby("rated_at", sort=True)["score"]
    table = pd.DataFrame(
        {"score": grouped.mean().astype(float).round(1), "activities": grouped.size()}
    )
    return table.reset_index()


def psfs_summary(frame: pd.DataFrame, today: date | None = None) -> PsfsSummary:
    """The summary of the PSFS lines in ``frame`` (the journal's :meth:`Journal.psfs`)."""
    today = today or date.today()
    scores = psfs_scores(frame)
    if scores.empty:
        return PsfsSummary(0, None, None, None, False, today)
    first, latest = scores.iloc[0], scores.iloc[-1]
    change = round(float(latest.score) - float(first.score), 1)
    latest_on = pd.Timestamp(latest.rated_at).date()
    return PsfsSummary(
        len(scores),
        float(first.score),
        float(latest.score),
        change,
        change <= -FALL_POINTS,
        latest_on + timedelta(days=DUE_DAYS),
        pd.Timestamp(first.rated_at).date(),
        latest_on,
    )
