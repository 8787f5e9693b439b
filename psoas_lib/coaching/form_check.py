"""Judging a body position against an exercise's rules: in position, which rule fails, not sure.

The camera widget sends the pose model's landmarks (points on the picture, each with how
sure the model is that it sees it); this module turns them into angles and checks them
against the rules of ``data/pose_rules.toml``. Pure: no widgets, no camera, no clock of its
own (the caller passes the time).

A pose is a mapping of point names (``"left_knee"``...) to ``(x, y, visibility)``, with ``x``
and ``y`` in the same unit on both axes and ``y`` pointing down, as on a picture.

>>> from psoas_lib.content.pose_rules import PoseRule
>>> rules = (PoseRule("trunk-upright", "trunk", None, None, 15, "Sit up tall."),)
>>> upright = {"left_shoulder": (0.0, 0.0, 0.9), "left_hip": (0.0, 1.0, 0.9)}
>>> judge(rules, upright).words
'In position'
>>> leaning = {"left_shoulder": (1.0, 0.0, 0.9), "left_hip": (0.0, 1.0, 0.9)}  # 45° forward
>>> judge(rules, leaning).words
'Out of position: Sit up tall.'
>>> judge(rules, {"left_shoulder": (1.0, 0.0, 0.2), "left_hip": (0.0, 1.0, 0.9)}).words
'Not sure: the camera cannot see your shoulders and hips'
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from psoas_lib.content.pose_rules import PoseRule

__all__ = [
    "IN_POSITION",
    "LANDMARKS",
    "NOT_SURE",
    "OUT_OF_POSITION",
    "FormCheck",
    "FormState",
    "Pose",
    "from_landmarks",
    "judge",
    "measure",
]

IN_POSITION, OUT_OF_POSITION, NOT_SURE = "in position", "out of position", "not sure"
#: MediaPipe Pose's numbering of the points this module uses.
LANDMARKS = {
    "nose": 0,
    "left_ear": 7,
    "right_ear": 8,
    "left_shoulder": 11,
    "right_shoulder": 12,
    "left_hip": 23,
    "right_hip": 24,
    "left_knee": 25,
    "right_knee": 26,
    "left_ankle": 27,
    "right_ankle": 28,
}
#: Below this visibility a point counts as not seen.
VISIBLE = 0.5
#: The nose must be this far ahead of the ear (in picture heights) to tell the facing way.
FACING_MIN = 0.01
#: For this long (seconds) the way the face last pointed stands in for a face that does not
#: tell (the model's first frames after a sudden move often put the nose between the ears).
FACING_MEMORY = 1.0
SIDES = ("left", "right")
_PLAIN = {"shoulder": "shoulders", "hip": "hips", "knee": "knees", "ankle": "ankles"}

Point = tuple[float, float, float]
Pose = Mapping[str, Point]


class NotSure(Exception):
    """A rule cannot be judged: ``what`` names the body part the camera cannot see."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def from_landmarks(rows: Sequence[Sequence[float]] | None, aspect: float = 4 / 3) -> Pose:
    """A pose from the model's 33 rows ``[x, y, z, visibility]`` (x, y from 0 to 1 of the
    picture's width and height). ``x`` is scaled by ``aspect`` (width / height) so angles
    are true; a point outside the picture counts as not seen.

    >>> rows = [[0.5, 0.5, 0.0, 0.9]] * 33
    >>> rows[25] = [1.2, 0.5, 0.0, 0.99]   # the left knee, off the picture
    >>> pose = from_landmarks(rows)
    >>> pose["left_hip"], pose["left_knee"][2]
    ((0.6666666666666666, 0.5, 0.9), 0.0)
    """
    if not rows:
        return {}
    pose = {}
    for name, index in LANDMARKS.items():
        x, y, _z, vis = (float(v) for v in rows[index][:4])
        inside = 0.0 <= x <= 1.0 and 0.0 <= y <= 1.0
        pose[name] = (x * aspect, y, vis if inside else 0.0)
    return pose


def _seen(pose: Pose, name: str, visible: float) -> bool:
    point = pose.get(name)
    return point is not None and point[2] >= visible


def _need(pose: Pose, names: Sequence[str], visible: float, what: str) -> None:
    if not all(_seen(pose, n, visible) for n in names):
        raise NotSure(what)


def _best_side(pose: Pose, parts: Sequence[str]) -> str:
    """The side (left/right) whose ``parts`` the camera sees best."""

    def score(side: str) -> float:
        return min(pose.get(f"{side}_{p}", (0.0, 0.0, 0.0))[2] for p in parts)

    return max(SIDES, key=score)


def _angle_at(a: Point, b: Point, c: Point) -> float:
    """The angle at ``b`` between ``b->a`` and ``b->c``, 0 to 180 degrees."""
    u, v = (a[0] - b[0], a[1] - b[1]), (c[0] - b[0], c[1] - b[1])
    cross, dot = u[0] * v[1] - u[1] * v[0], u[0] * v[0] + u[1] * v[1]
    return abs(math.degrees(math.atan2(cross, dot)))


def _face(pose: Pose, visible: float) -> tuple[float, float]:
    """From the ears to the nose: from the midpoint of the ears when both are seen (side-on,
    the far ear shows next to the nose, so it alone says little), else from the one seen.

    >>> ears = {"left_ear": (0.3, 1.0, 0.9), "right_ear": (0.1, 1.0, 0.9)}
    >>> _face({"nose": (0.0, 1.0, 0.9), **ears}, VISIBLE)   # the midpoint is at 0.2
    (-0.2, 0.0)
    """
    ears = [pose[f"{s}_ear"] for s in SIDES if _seen(pose, f"{s}_ear", visible)]
    if not ears or not _seen(pose, "nose", visible):
        raise NotSure("face (which way you face)")
    nose = pose["nose"]
    return (
        nose[0] - sum(e[0] for e in ears) / len(ears),
        nose[1] - sum(e[1] for e in ears) / len(ears),
    )


def facing(pose: Pose, visible: float = VISIBLE, known: int | None = None) -> int:
    """+1 when the person faces the picture's right (nose right of the ear), -1 left.

    When the nose is nearly straight below the ear (a head bowed with a trunk leaning
    forward), the face's direction across the trunk's line tells instead. When neither
    tells (or the face is not seen), ``known`` (the way the face pointed a moment ago, see
    :class:`FormCheck`) is the answer; without it, :class:`NotSure`.

    >>> facing({"nose": (2.0, 1.0, 0.9), "left_ear": (1.9, 1.0, 0.9)})
    1
    >>> bowed = {"nose": (1.0, 1.1, 0.9), "left_ear": (1.0, 1.0, 0.9),
    ...          "left_shoulder": (1.3, 1.2, 0.9), "left_hip": (0.8, 2.0, 0.9)}
    >>> facing(bowed)   # the trunk leans right: the bowed face looks right
    1
    """
    try:
        fx, fy = _face(pose, visible)
    except NotSure:
        if known is None:
            raise
        return known
    dx = fx
    trunk = _best_side(pose, ("shoulder", "hip"))
    if abs(dx) < FACING_MIN and all(
        _seen(pose, f"{trunk}_{p}", visible) for p in ("shoulder", "hip")
    ):
        (sx, sy, _), (hx, hy, _) = pose[f"{trunk}_shoulder"], pose[f"{trunk}_hip"]
        tx, ty = sx - hx, sy - hy
        size2 = tx * tx + ty * ty
        if size2 > 0:
            dx = fx - (fx * tx + fy * ty) / size2 * tx  # across the trunk's line
    if abs(dx) >= FACING_MIN:
        return 1 if dx > 0 else -1
    if known is None:
        raise NotSure("face side-on (turn side-on to the camera)")
    return known


def _legs(pose: Pose, rule: PoseRule, visible: float, known: int | None = None) -> list[str]:
    """The side prefix (left/right) of the leg or legs ``rule`` looks at."""
    parts = ("hip", "knee", "ankle")
    seen = [s for s in SIDES if all(_seen(pose, f"{s}_{p}", visible) for p in parts)]
    if rule.leg in ("both", "seen"):
        if not seen:
            raise NotSure("legs")
        return seen if rule.leg == "both" else [_best_side(pose, parts)]
    if len(seen) < 2:
        raise NotSure("legs")
    if rule.leg in ("front", "back"):
        ahead = facing(pose, visible, known)
        order = sorted(SIDES, key=lambda s: pose[f"{s}_knee"][0] * ahead)
        return [order[1] if rule.leg == "front" else order[0]]
    hips = {s: _hip_angle(pose, s, visible) for s in SIDES}
    if rule.leg == "standing":  # the thigh nearest the trunk's line
        return [min(SIDES, key=lambda s: abs(hips[s] - 180.0))]
    order = sorted(SIDES, key=lambda s: hips[s])
    return [order[0] if rule.leg == "bent" else order[1]]


def _shoulder(pose: Pose, visible: float) -> Point:
    side = _best_side(pose, ("shoulder",))
    _need(pose, (f"{side}_shoulder",), visible, "shoulders")
    return pose[f"{side}_shoulder"]


def _hip_angle(pose: Pose, side: str, visible: float) -> float:
    """Trunk to thigh at the hip: 180 in line, less when the knee comes forward (towards
    the way the face points), more when the thigh goes behind the trunk's line."""
    shoulder, hip, knee = _shoulder(pose, visible), pose[f"{side}_hip"], pose[f"{side}_knee"]
    tx, ty = shoulder[0] - hip[0], shoulder[1] - hip[1]
    size = math.hypot(tx, ty)
    if size == 0:
        raise NotSure("shoulders and hips")
    tx, ty = tx / size, ty / size
    fx, fy = _face(pose, visible)
    along = fx * tx + fy * ty
    fx, fy = fx - along * tx, fy - along * ty  # the face's direction across the trunk
    if math.hypot(fx, fy) < FACING_MIN:
        raise NotSure("face (which way you face)")
    kx, ky = knee[0] - hip[0], knee[1] - hip[1]
    down = -(kx * tx + ky * ty)  # along the trunk's line, away from the shoulders
    front = (kx * fx + ky * fy) / math.hypot(fx, fy)
    return 180.0 - math.degrees(math.atan2(front, down))


def measure(
    rule: PoseRule, pose: Pose, visible: float = VISIBLE, known: int | None = None
) -> list[float]:
    """The rule's angle on ``pose``, one value per leg it looks at (degrees).

    Raises :class:`NotSure` when a point it needs is not seen.

    >>> rule = PoseRule("k", "knee", "seen", 70, 110, "Bend")
    >>> pose = {"right_hip": (0, 0, 1), "right_knee": (1, 0, 1), "right_ankle": (1, 1, 1)}
    >>> measure(rule, pose)
    [90.0]
    """
    if rule.measure == "trunk":
        side = _best_side(pose, ("shoulder", "hip"))
        _need(pose, (f"{side}_shoulder", f"{side}_hip"), visible, "shoulders and hips")
        (sx, sy, _), (hx, hy, _) = pose[f"{side}_shoulder"], pose[f"{side}_hip"]
        return [abs(math.degrees(math.atan2(abs(sx - hx), hy - sy)))]
    values = []
    for side in _legs(pose, rule, visible, known):
        hip, knee, ankle = (pose[f"{side}_{p}"] for p in ("hip", "knee", "ankle"))
        if rule.measure == "knee":
            values.append(_angle_at(hip, knee, ankle))
        elif rule.measure == "hip":
            values.append(_hip_angle(pose, side, visible))
        else:  # thigh: from straight down, positive towards the way the face points
            ahead = facing(pose, visible, known)
            values.append(math.degrees(math.atan2((knee[0] - hip[0]) * ahead, knee[1] - hip[1])))
    return values


@dataclass(frozen=True)
class FormState:
    """The verdict on one pose: ``status``, the failing rules (in file order), the values."""

    status: str
    failing: tuple[PoseRule, ...] = ()
    unseen: str = ""
    values: Mapping[str, tuple[float, ...]] = field(default_factory=dict)

    @property
    def words(self) -> str:
        """The verdict as the screen shows it."""
        if self.status == IN_POSITION:
            return "In position"
        if self.status == NOT_SURE:
            return f"Not sure: the camera cannot see your {self.unseen}"
        return "Out of position: " + " ".join(r.cue for r in self.failing)

    @property
    def cue(self) -> str | None:
        """The one cue to say: the first failing rule's (None when nothing fails)."""
        return self.failing[0].cue if self.failing else None


def _check(
    rules: Sequence[PoseRule],
    pose: Pose | None,
    passing: Mapping[str, bool],
    margin: float,
    visible: float,
    known: int | None = None,
) -> FormState:
    if not pose:
        return FormState(NOT_SURE, unseen="body (step into the picture)")
    failing, values = [], {}
    for rule in rules:
        try:
            found = measure(rule, pose, visible, known)
        except NotSure as exc:
            return FormState(NOT_SURE, unseen=_PLAIN.get(exc.what, exc.what))
        values[rule.id] = tuple(round(v, 1) for v in found)
        # hysteresis: a passing rule fails only beyond the widened range, a failing one
        # passes again only inside the narrowed range
        slack = margin if passing.get(rule.id, True) else -margin
        if not all(rule.passes(v, slack) for v in found):
            failing.append(rule)
    status = OUT_OF_POSITION if failing else IN_POSITION
    return FormState(status, tuple(failing), values=values)


def judge(rules: Sequence[PoseRule], pose: Pose | None, visible: float = VISIBLE) -> FormState:
    """One pose against ``rules`` without memory (no hysteresis)."""
    return _check(rules, pose, {}, 0.0, visible)


class FormCheck:
    """Judges a stream of poses with hysteresis, so the verdict does not flicker.

    A rule that passes fails only ``margin`` degrees outside its range, and passes again
    only ``margin`` inside; a new verdict is taken only once ``confirm`` poses in a row agree
    and, when the poses come with their time ``t`` (seconds), once it has held ``hold``
    seconds since the first of them: a time, not a count, so it does not depend on how
    often the browser sends.

    >>> from psoas_lib.content.pose_rules import PoseRule
    >>> check = FormCheck([PoseRule("t", "trunk", None, None, 15, "Sit up.")], confirm=1)
    >>> def leaning(deg):
    ...     dx = math.tan(math.radians(deg))
    ...     return {"left_shoulder": (dx, 0.0, 1.0), "left_hip": (0.0, 1.0, 1.0)}
    >>> [check.update(leaning(d)).status for d in (10, 17, 20, 13, 10)]
    ['in position', 'in position', 'out of position', 'out of position', 'in position']
    >>> timed = FormCheck(check.rules, confirm=2, hold=0.1)
    >>> [timed.update(leaning(d), t).status for d, t in ((0, 0.0), (0, 0.1), (30, 0.2),
    ...                                                   (30, 0.25), (30, 0.35))]
    ['not sure', 'in position', 'in position', 'in position', 'out of position']
    """

    def __init__(
        self,
        rules: Sequence[PoseRule],
        *,
        margin: float = 4.0,
        confirm: int = 2,
        hold: float = 0.0,
        visible: float = VISIBLE,
    ) -> None:
        self.rules = tuple(rules)
        self.margin = margin
        self.confirm = max(1, confirm)
        self.hold = max(0.0, hold)
        self.visible = visible
        self.state = FormState(NOT_SURE, unseen="body (turn the check on)")
        self._passing: dict[str, bool] = {}
        self._pending: tuple[str, int, float | None] = ("", 0, None)
        self._facing: tuple[int, float] | None = None  # the way the face last pointed, when

    def _known_facing(self, pose: Pose | None, t: float | None) -> int | None:
        """The way the face pointed at most FACING_MEMORY s ago, when this pose's face does
        not tell (a person does not turn round in a fraction of a second)."""
        if pose and t is not None:
            try:
                self._facing = (facing(pose, self.visible), t)
                return None
            except NotSure:
                pass
        if self._facing is None or t is None or t - self._facing[1] > FACING_MEMORY:
            return None
        return self._facing[0]

    def update(self, pose: Pose | None, t: float | None = None) -> FormState:
        """Judge the next pose, seen at time ``t`` (seconds; None: count poses only);
        returns the (possibly unchanged) verdict."""
        known = self._known_facing(pose, t)
        seen = _check(self.rules, pose, self._passing, self.margin, self.visible, known)
        if seen.status != NOT_SURE:
            failing = {r.id for r in seen.failing}
            self._passing = {r.id: r.id not in failing for r in self.rules}
        key = seen.status + "|" + ",".join(r.id for r in seen.failing)
        current = self.state.status + "|" + ",".join(r.id for r in self.state.failing)
        if key == current:
            self._pending = ("", 0, None)
            self.state = seen
            return self.state
        same = self._pending[0] == key
        count = self._pending[1] + 1 if same else 1
        since = self._pending[2] if same else t
        self._pending = (key, count, since)
        held = t is None or since is None or t - since >= self.hold - 1e-9  # (float sums)
        if count >= self.confirm and held:
            self.state = seen
            self._pending = ("", 0, None)
        return self.state

    def reset(self) -> None:
        """Forget the history (a new exercise or side)."""
        self._passing = {}
        self._pending = ("", 0, None)
        self._facing = None
        self.state = FormState(NOT_SURE, unseen="body (turn the check on)")
