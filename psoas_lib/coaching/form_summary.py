"""What Check my form kept, summed up per exercise: the latest share of the hold in position,
and the kept angle against the person's OWN first week with the check.

Pure (pandas only): it reads the frame :meth:`~psoas_lib.journal.store.Journal.form_checks`
returns and the kept angles of ``data/pose_rules.toml``. A camera's angle is rough (10-20
degrees off, depending on the view), so it is never shown as a measurement: only *further*,
*about the same* or *less far* than the first week, with :data:`TOLERANCE_DEG` of leeway.

>>> import pandas as pd
>>> from psoas_lib.content.pose_rules import KeptAngle
>>> frame = pd.DataFrame({
...     "started_at": pd.to_datetime(["2026-03-02 07:30", "2026-03-04 07:30",
...                                   "2026-03-20 07:30"], utc=True),
...     "exercise_id": ["low-lunge"] * 3, "judged_s": [50, 40, 50],
...     "in_position_s": [30, 30, 41], "angle": ["hip:back"] * 3,
...     "angle_deg": pd.array([190, 194, 199], dtype="Int64")})
>>> (lunge,) = form_progress(frame, {"low-lunge": KeptAngle("hip", "back", "larger")})
>>> lunge.share, lunge.compared
(0.82, 'further')
>>> lunge.words()
'in position 82 % of the hold; further than in your first week with the check'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from psoas_lib.content.pose_rules import KeptAngle

__all__ = [
    "ABOUT_THE_SAME",
    "EMPTY_WORDS",
    "FIRST_WEEK_DAYS",
    "FURTHER",
    "LESS_FAR",
    "TOLERANCE_DEG",
    "FormProgress",
    "form_progress",
]

#: A change smaller than this (degrees) is "about the same": the camera cannot tell finer.
TOLERANCE_DEG = 5.0
#: The first week: the sessions with the check within this many days of the first one.
FIRST_WEEK_DAYS = 7
FURTHER, ABOUT_THE_SAME, LESS_FAR = "further", "about the same", "less far"
#: What an empty section says: how to fill it.
EMPTY_WORDS = (
    "Nothing kept yet: turn on Check my form in the player, and each exercise's share of the "
    "hold in position is kept with the session."
)
_WORDS = {
    ("further", FURTHER): "further than in your first week with the check",
    ("further", ABOUT_THE_SAME): "about as far as in your first week with the check",
    ("further", LESS_FAR): "less far than in your first week with the check",
    ("nearer", FURTHER): "nearer the aim than in your first week with the check",
    ("nearer", ABOUT_THE_SAME): "about as near the aim as in your first week with the check",
    ("nearer", LESS_FAR): "further from the aim than in your first week with the check",
}


@dataclass(frozen=True)
class FormProgress:
    """One exercise: its latest checked session's share in position (None: the camera could
    not judge any of it), how many sessions were checked, and the kept angle compared with
    the first week (None: still the first week, or no angle kept)."""

    exercise_id: str
    share: float | None
    sessions: int
    compared: str | None = None
    nearer: bool = False  # the kept angle aims at a value (the march's right angle)
    first_week: bool = False  # the latest session is still in the first week

    def words(self) -> str:
        """The summary in plain words, relative to the person's own start, never in degrees.

        >>> FormProgress("psoas-march", 0.5, 1, first_week=True).words()
        'in position 50 % of the hold; your first week with the check: later sessions are \
compared with it'
        >>> FormProgress("psoas-march", None, 3).words()
        'the camera could not judge the hold: good light, whole body in view'
        """
        if self.share is None:
            head = "the camera could not judge the hold: good light, whole body in view"
        else:
            head = f"in position {self.share:.0%} of the hold".replace("%", " %")
        if self.compared is not None:
            return f"{head}; {_WORDS[('nearer' if self.nearer else 'further', self.compared)]}"
        if self.first_week:
            return f"{head}; your first week with the check: later sessions are compared with it"
        return head


def _compared(gain: float, tolerance: float) -> str:
    """>>> _compared(6, 5), _compared(-5, 5), _compared(-5.5, 5)
    ('further', 'about the same', 'less far')
    """
    if gain > tolerance:
        return FURTHER
    if gain < -tolerance:
        return LESS_FAR
    return ABOUT_THE_SAME


def form_progress(
    frame: pd.DataFrame,
    kept: Mapping[str, KeptAngle],
    *,
    tolerance: float = TOLERANCE_DEG,
) -> list[FormProgress]:
    """Per exercise (in the order first checked): the latest session's share in position and
    its kept angle against the first week's median, only for the angle as defined now (a
    changed definition in data/pose_rules.toml starts a new first week)."""
    if frame.empty:
        return []
    import pandas as pd  # here: the callers have it loaded

    out = []
    rows = frame.sort_values("started_at", kind="stable")
    for exercise, group in rows.groupby("exercise_id", sort=False):
        latest = group.iloc[-1]
        judged = int(latest["judged_s"])
        share = round(int(latest["in_position_s"]) / judged, 2) if judged else None
        angle = kept.get(str(exercise))
        compared, first_week = None, False
        if angle is not None:
            same = group[(group["angle"] == angle.key) & group["angle_deg"].notna()]
            if len(same):
                start = same["started_at"].iloc[0]
                week = same[same["started_at"] < start + pd.Timedelta(days=FIRST_WEEK_DAYS)]
                last = same.iloc[-1]
                if last["started_at"] < start + pd.Timedelta(days=FIRST_WEEK_DAYS):
                    first_week = True
                else:
                    base = float(week["angle_deg"].astype(float).median())
                    gain = angle.gain(base, float(last["angle_deg"]))
                    compared = _compared(gain, tolerance)
        out.append(
            FormProgress(
                str(exercise),
                share,
                len(group),
                compared,
                nearer=angle is not None and angle.further == "nearer",
                first_week=first_week,
            )
        )
    return out
