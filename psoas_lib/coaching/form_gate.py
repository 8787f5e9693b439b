"""Counting a hold only while in position, and the set-up check before the first hold.

:class:`HoldGate` turns the camera's verdicts (:class:`~psoas_lib.coaching.form_check.
FormState`) into the player's actions: after more than ``grace_s`` out of position during a
hold it pauses the timer (through the timer's own pause, so the clock stays drift-free), and
resumes it once back in position. It only ever resumes a pause it made itself. One spoken
cue at a time, never twice within ``cue_gap_s``. Pure: the caller passes the time.

>>> from psoas_lib.coaching.form_check import FormState, IN_POSITION, OUT_OF_POSITION
>>> from psoas_lib.content.pose_rules import PoseRule
>>> lean = PoseRule("trunk-upright", "trunk", None, None, 20, "Lift your chest.")
>>> out, ok = FormState(OUT_OF_POSITION, (lean,)), FormState(IN_POSITION)
>>> gate = HoldGate()
>>> gate.update(out, 10.0, holding=True, running=True).pause     # out, but not for 1 s yet
False
>>> act = gate.update(out, 11.2, holding=True, running=True)
>>> act.pause, act.say, act.words
(True, 'Lift your chest.', 'Hold paused: out of position. Lift your chest.')
>>> gate.update(ok, 12.0, holding=True, running=False).resume
True
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from psoas_lib.coaching.form_check import IN_POSITION, NOT_SURE, OUT_OF_POSITION, FormState
from psoas_lib.journal.store import FormCheckRow

if TYPE_CHECKING:
    from psoas_lib.content.pose_rules import KeptAngle

__all__ = ["GateAction", "HoldGate", "PositionShare", "setup_problems"]

#: Out of position for longer than this (seconds) pauses the hold.
GRACE_S = 1.0
#: No two spoken cues closer than this (seconds).
CUE_GAP_S = 6.0


@dataclass(frozen=True)
class GateAction:
    """What the player should do now: pause or resume the timer, say a cue, show words."""

    pause: bool = False
    resume: bool = False
    say: str | None = None
    words: str = ""


class HoldGate:
    """Pauses a hold after ``grace_s`` out of position and resumes it when back in."""

    def __init__(self, grace_s: float = GRACE_S, cue_gap_s: float = CUE_GAP_S) -> None:
        self.grace_s = grace_s
        self.cue_gap_s = cue_gap_s
        self.paused_by_gate = False
        self._out_since: float | None = None
        self._last_cue_at: float | None = None
        self._last_cue: str | None = None

    def reset(self) -> None:
        """Forget everything (the check turned off, a new routine)."""
        self.paused_by_gate = False
        self._out_since = None
        self._last_cue_at = self._last_cue = None

    def _cue(self, cue: str | None, t: float) -> str | None:
        if cue is None:
            return None
        if self._last_cue_at is not None and t - self._last_cue_at < self.cue_gap_s:
            return None
        self._last_cue_at, self._last_cue = t, cue
        return cue

    def update(
        self, state: FormState, t: float, *, holding: bool, running: bool, pausing: bool = True
    ) -> GateAction:
        """The action for the verdict ``state`` at time ``t`` (seconds).

        ``holding``: the routine is in a hold (or another work step); ``running``: its timer
        is counting; ``pausing``: the hold may be paused (off: cues and words only).
        *Not sure* changes nothing: the clock goes on (or stays paused) as it was.
        """
        if state.status == OUT_OF_POSITION:
            if self._out_since is None:
                self._out_since = t
        elif state.status == IN_POSITION:
            self._out_since = None
        if not holding:
            resume = self.paused_by_gate  # the hold ended (Skip): never leave our pause behind
            self.paused_by_gate = False
            return GateAction(resume=resume, words=state.words)
        if state.status == IN_POSITION:
            if self.paused_by_gate:
                self.paused_by_gate = False
                return GateAction(resume=True, words="In position: the hold goes on.")
            return GateAction(words="In position")
        if state.status == NOT_SURE:
            return GateAction(words=state.words)
        out_for = t - (self._out_since if self._out_since is not None else t)
        if out_for > self.grace_s and (running or self.paused_by_gate):
            pause = pausing and running and not self.paused_by_gate
            self.paused_by_gate = self.paused_by_gate or pause
            say = self._cue(state.cue, t)
            if not self.paused_by_gate:
                return GateAction(say=say, words=state.words)
            return GateAction(
                pause=pause, say=say, words=f"Hold paused: out of position. {state.cue}"
            )
        return GateAction(words=state.words)


def setup_problems(
    pose: Mapping[str, tuple[float, float, float]], side: str | None, visible: float = 0.5
) -> list[str]:
    """What to change before the first hold: the whole body in the picture, and (for an
    exercise done one side at a time) the named side towards the camera, as the figure shows.

    ``pose`` as in :mod:`~psoas_lib.coaching.form_check` (a point outside the picture has
    visibility 0). An empty list: ready.

    >>> seen = {f"{s}_{p}": (0.0, 0.0, v) for s, v in (("left", 0.9), ("right", 0.3))
    ...         for p in ("shoulder", "hip", "knee", "ankle")}
    >>> setup_problems({**seen, "nose": (0.0, 0.0, 0.9)}, "left")
    []
    >>> setup_problems({**seen, "nose": (0.0, 0.0, 0.9)}, "right")
    ['Turn so your right side faces the camera, as the figure shows.']
    >>> setup_problems(seen, None)
    ['Step back or move the camera so your whole body, head to feet, is in the picture.']
    """
    problems = []

    def seen(name: str) -> bool:
        point = pose.get(name)
        return point is not None and point[2] >= visible

    ankles = seen("left_ankle") or seen("right_ankle")
    if not (seen("nose") and ankles and (seen("left_hip") or seen("right_hip"))):
        problems.append(
            "Step back or move the camera so your whole body, head to feet, is in the picture."
        )
    if side in ("left", "right"):
        parts = ("shoulder", "hip", "knee", "ankle")

        def score(s: str) -> float:
            return sum(pose.get(f"{s}_{p}", (0.0, 0.0, 0.0))[2] for p in parts)

        other = "right" if side == "left" else "left"
        if score(side) < score(other):
            problems.append(f"Turn so your {side} side faces the camera, as the figure shows.")
    return problems


class PositionShare:
    """The share of each exercise's hold time spent in position, from the verdicts' times.

    The time between two verdicts counts for the first one's status, when that verdict came
    during a running hold; *not sure* time is counted apart (neither in nor out of position).
    With each judged verdict of a running hold the caller may pass the exercise's kept angle
    (:class:`~psoas_lib.content.pose_rules.KeptAngle`); its median goes to the journal.

    >>> share = PositionShare()
    >>> for t, status in [(0, IN_POSITION), (8, OUT_OF_POSITION), (10, NOT_SURE),
    ...                   (11, IN_POSITION), (20, IN_POSITION)]:
    ...     share.add("low-lunge", status, t, counting=True)
    >>> share.share("low-lunge"), share.words("low-lunge")    # 17 s in of 19 s judged
    (0.8947368421052632, 'In position 89 % of the hold time the camera could judge.')
    >>> share.not_sure["low-lunge"]
    1.0
    """

    def __init__(self) -> None:
        self.seconds: dict[str, list[float]] = {}  # exercise -> [in position, judged]
        self.not_sure: dict[str, float] = {}  # exercise -> seconds the camera could not judge
        self.angles: dict[str, list[float]] = {}  # exercise -> kept angle at judged verdicts
        self._last: tuple[str, str, float, bool] | None = None

    def add(
        self,
        exercise: str | None,
        status: str,
        t: float,
        *,
        counting: bool,
        angle: float | None = None,
    ) -> None:
        """A verdict at time ``t``; ``counting``: during a running hold of ``exercise``;
        ``angle``: the exercise's kept angle in this pose (None: not measured)."""
        if self._last is not None:
            was, last_status, last_t, last_counting = self._last
            if last_counting and t > last_t and last_status == NOT_SURE:
                self.not_sure[was] = self.not_sure.get(was, 0.0) + t - last_t
            elif last_counting and t > last_t:
                tally = self.seconds.setdefault(was, [0.0, 0.0])
                tally[1] += t - last_t
                if last_status == IN_POSITION:
                    tally[0] += t - last_t
        if exercise and counting and angle is not None and status != NOT_SURE:
            self.angles.setdefault(exercise, []).append(angle)
        self._last = (exercise, status, t, counting) if exercise else None

    def share(self, exercise: str) -> float | None:
        """In-position time over judged time (None before anything was judged)."""
        inside, judged = self.seconds.get(exercise, (0.0, 0.0))
        return inside / judged if judged else None

    def words(self, exercise: str) -> str:
        """The share in words, never as a measurement."""
        share = self.share(exercise)
        if share is None:
            return ""
        return f"In position {share:.0%} of the hold time the camera could judge.".replace(
            "%", " %"
        )

    def rows(self, kept: Mapping[str, KeptAngle]) -> list[FormCheckRow]:
        """What the journal keeps: per exercise held with the check on, whole seconds and
        the median of the kept angle (``kept``: per exercise, from data/pose_rules.toml).

        >>> from psoas_lib.content.pose_rules import KeptAngle
        >>> share = PositionShare()
        >>> for t, status, angle in [(0, IN_POSITION, 190.0), (6, OUT_OF_POSITION, 170.0),
        ...                          (8, IN_POSITION, 200.0), (10, NOT_SURE, None),
        ...                          (12, IN_POSITION, 196.0)]:
        ...     share.add("low-lunge", status, t, counting=True, angle=angle)
        >>> share.rows({"low-lunge": KeptAngle("hip", "back", "larger")})
        [FormCheckRow(exercise_id='low-lunge', judged_s=10, in_position_s=8, not_sure_s=2, \
angle='hip:back', angle_deg=193.0)]
        """
        out = []
        for exercise in dict.fromkeys([*self.seconds, *self.not_sure]):
            inside, judged = self.seconds.get(exercise, (0.0, 0.0))
            if round(judged) == 0 and round(self.not_sure.get(exercise, 0.0)) == 0:
                continue  # under half a second of hold: nothing worth a line
            angles = self.angles.get(exercise)
            angle = kept.get(exercise)
            out.append(
                FormCheckRow(
                    exercise,
                    round(judged),
                    min(round(inside), round(judged)),
                    round(self.not_sure.get(exercise, 0.0)),
                    angle.key if angle is not None and angles else "",
                    float(statistics.median(angles)) if angle is not None and angles else None,
                )
            )
        return out

    def clear(self) -> None:
        """Forget everything (the session was logged, or a new one starts)."""
        self.seconds, self.not_sure, self.angles = {}, {}, {}
        self._last = None
