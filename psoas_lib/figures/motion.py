"""The figure in motion: easing between keyframes, pinning, planted feet, hands that hold.

A frame at time ``t`` (0 to 1 in one repetition; the loop returns to the first key) is made
in four steps: the joint angles are eased between the keys around ``t``; forward kinematics
places the body; the body is moved so the pinned point stays where it was in the first key
(which rests its lowest contact on the floor or a prop); then two-link inverse kinematics
bends each planted leg so its ankle stays put with the foot as flat as it started, and each
arm whose hand holds something so the wrist reaches it. The other side (``side="right"``)
is the exact reflection (``x`` becomes ``-x``).

The keyframes are written for a figure facing ``+x`` with its working side towards the
viewer (``+z``). A person facing right seen from ``+z`` shows the viewer their *right*
side (right = forwards x up = +x x +y = +z), so that is the ``right`` side's drawing; the
``left`` side is its mirror image, facing left, so the named leg is always the near one.

>>> from psoas_lib.figures.keyframes import load_keyframes
>>> fig = load_keyframes()["ground-bridge"]
>>> start, top = frame(fig, 0.0), frame(fig, 0.5)
>>> start.points["hip"][1] < 10, top.points["hip"][1] > 20  # the hips lift
(True, True)
>>> frame(fig, 0.3, "left").points["knee"][0] == -frame(fig, 0.3, "right").points["knee"][0]
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from psoas_lib.content.datafile import CatalogError
from psoas_lib.figures.body import CLEARANCE, LENGTHS, RANGES, Vec, points
from psoas_lib.figures.figure import Figure, Key
from psoas_lib.figures.ik import two_link

__all__ = [
    "FLOOR_TOLERANCE_CM",
    "Frame",
    "angles_at",
    "check_keys",
    "ease",
    "floor_gap",
    "frame",
    "frames",
    "hand_target",
    "mirror",
]

SIDES = ("left", "right")
FLOOR_TOLERANCE_CM = 2.0
THIGH_GRIP = 0.6  # hands hold the thigh 60 % of the way from hip to knee
SHIN_GRIP = 0.2  # hands hugging a knee hold the top of the shin, 20 % of the way down


@dataclass(frozen=True)
class Frame:
    """One moment of the figure: the joint angles (after inverse kinematics) and points."""

    t: float
    angles: Mapping[str, float]
    points: Mapping[str, Vec]


def ease(s: float) -> float:
    """Ease in and out (cosine): starts and ends at rest, so each key pose is reached gently.

    >>> [round(ease(s), 3) for s in (0.0, 0.25, 0.5, 1.0)]
    [0.0, 0.146, 0.5, 1.0]
    """
    return (1 - math.cos(math.pi * s)) / 2


def _segment(fig: Figure, t: float) -> tuple[int, float]:
    keys = fig.keys
    t = t % 1.0 if t != 1.0 else 1.0
    for i in range(len(keys)):
        start = keys[i].t
        end = keys[i + 1].t if i + 1 < len(keys) else 1.0
        if start <= t <= end and end > start:
            return i, (t - start) / (end - start)
    return len(keys) - 1, 1.0


def angles_at(fig: Figure, t: float) -> dict[str, float]:
    """The joint angles at ``t`` before inverse kinematics.

    ``ease`` figures slow into every key; ``flow`` figures (circles, swings) pass through the
    keys without stopping (a closed Catmull-Rom spline).
    """
    keys = fig.keys
    i, s = _segment(fig, t)
    n = len(keys)
    a, b = keys[i].angles, keys[(i + 1) % n].angles
    if fig.easing == "ease":
        w = ease(s)
        return {j: a[j] + (b[j] - a[j]) * w for j in a}
    p0, p3 = keys[(i - 1) % n].angles, keys[(i + 2) % n].angles
    h00, h10 = 2 * s**3 - 3 * s**2 + 1, s**3 - 2 * s**2 + s
    h01, h11 = -2 * s**3 + 3 * s**2, s**3 - s**2
    return {
        j: h00 * a[j]
        + h10 * _tangent(p0[j], a[j], b[j])
        + h01 * b[j]
        + h11 * _tangent(a[j], b[j], p3[j])
        for j in a
    }


def _tangent(before: float, at: float, after: float) -> float:
    """A key's slope in a ``flow`` figure: Catmull-Rom's, or flat where the joint rests at
    the same angle in a neighbouring key (so a still joint does not drift).

    >>> _tangent(0.0, 10.0, 30.0), _tangent(10.0, 10.0, 30.0)
    (15.0, 0.0)
    """
    if at in (before, after):
        return 0.0
    return (after - before) / 2


def _blend(fig: Figure, t: float) -> tuple[Key, Key, float]:
    i, s = _segment(fig, t)
    return fig.keys[i], fig.keys[(i + 1) % len(fig.keys)], ease(s)


def surface(fig: Figure, x: float, z: float) -> float:
    """The height of what lies under ``(x, z)``: a bench top or the floor (0)."""
    return max((p.top for p in fig.props if p.under(x, z)), default=0.0)


def floor_gap(fig: Figure, name: str, point: Vec) -> float:
    """How far the skin at a point is above what lies under it (negative: inside it)."""
    return point[1] - CLEARANCE[name] - surface(fig, point[0], point[2])


def _moved(pts: Mapping[str, Vec], dx: float, dy: float) -> dict[str, Vec]:
    return {k: (p[0] + dx, p[1] + dy, p[2]) for k, p in pts.items()}


def _anchor(fig: Figure) -> tuple[Vec, dict[str, tuple[Vec, float]]]:
    """Where the pinned point stays, and each planted foot's ankle and foot direction."""
    cached = fig.__dict__.get("_anchor")
    if cached is None:
        cached = fig.__dict__["_anchor"] = _place(fig)
    return cached


def _place(fig: Figure) -> tuple[Vec, dict[str, tuple[Vec, float]]]:
    key = fig.keys[0]
    pts = points(key.angles)
    pin = pts[fig.pin]
    pts = _moved(pts, -pin[0], 0.0)
    names = key.contacts or tuple(pts)
    lift = max(CLEARANCE[n] + surface(fig, pts[n][0], pts[n][2]) - pts[n][1] for n in names)
    pts = _moved(pts, 0.0, lift)
    plants = {}
    for foot in fig.planted:
        prefix = foot.removesuffix("foot")
        shank = 180.0 - key.angles[prefix + "hip"] + key.angles["pelvis"]
        shank += key.angles[prefix + "knee"]
        plants[prefix] = (pts[prefix + "ankle"], shank - 90.0 - key.angles[prefix + "ankle"])
    return pts[fig.pin], plants


def hand_target(fig: Figure, target: str, pts: Mapping[str, Vec]) -> tuple[float, float] | None:
    """Where a hand holding ``target`` goes (x, y), or None for a free hand."""
    if target == "free":
        return None
    if target == "chair":
        prop = fig.prop("chair")
        return prop.grip() if prop else None
    if target.endswith("thigh"):
        prefix = target.removesuffix("thigh")
        hip, knee = pts[prefix + "hip"], pts[prefix + "knee"]
        return (hip[0] + (knee[0] - hip[0]) * THIGH_GRIP, hip[1] + (knee[1] - hip[1]) * THIGH_GRIP)
    knee, ankle = pts[target], pts[target.replace("knee", "ankle")]
    return (knee[0] + (ankle[0] - knee[0]) * SHIN_GRIP, knee[1] + (ankle[1] - knee[1]) * SHIN_GRIP)


def _frame_keyed(fig: Figure, t: float) -> Frame:
    ang = angles_at(fig, t)
    pin_at, plants = _anchor(fig)
    raw = points(ang)
    dx, dy = pin_at[0] - raw[fig.pin][0], pin_at[1] - raw[fig.pin][1]
    pts = _moved(raw, dx, dy)
    for prefix, (ankle, foot_dir) in plants.items():
        hip = pts[prefix + "hip"]
        thigh, shank = two_link(hip[:2], ankle[:2], LENGTHS["thigh"], LENGTHS["shank"], 1)
        ang[prefix + "hip"] = ang["pelvis"] + 180.0 - thigh
        ang[prefix + "knee"] = shank - thigh
        ang[prefix + "ankle"] = shank - 90.0 - foot_dir
    if plants:
        pts = _moved(points(ang), dx, dy)
    before, after, w = _blend(fig, t)
    reached = False
    for prefix in ("", "other_"):
        side = "hand" if not prefix else "other_hand"
        goals = [hand_target(fig, getattr(k, side), pts) for k in (before, after)]
        if goals == [None, None]:
            continue
        own = pts[prefix + "wrist"][:2]
        a, b = (g if g is not None else own for g in goals)
        goal = (a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w)
        shoulder = pts[prefix + "shoulder"][:2]
        # The elbow bends one way only (flexion), so the elbow sits behind the line
        upper, fore = two_link(shoulder, goal, LENGTHS["upper_arm"], LENGTHS["forearm"], -1)
        thorax = ang["pelvis"] + ang["lumbar"] + ang["thorax"]
        ang[prefix + "shoulder"] = thorax + 180.0 - upper
        ang[prefix + "elbow"] = upper - fore
        reached = True
    if reached:
        pts = _moved(points(ang), dx, dy)
    return Frame(t, ang, pts)


def mirror(f: Frame) -> Frame:
    """The same frame seen from the other side: every ``x`` becomes ``-x``."""
    return Frame(f.t, f.angles, {k: (-p[0], p[1], p[2]) for k, p in f.points.items()})


def frame(fig: Figure, t: float, side: str = "right") -> Frame:
    """The figure at time ``t`` of one repetition, on ``side``: for ``right`` it faces right
    (``+x``), for ``left`` it faces left; the named side is the near one (``+z``). The
    default, ``right``, is the keyframes' own coordinates (props are placed in them)."""
    if side not in SIDES:
        raise ValueError(f"side should be 'left' or 'right', not {side!r}")
    f = _frame_keyed(fig, t)
    return f if side == "right" else mirror(f)


def frames(fig: Figure, count: int = 48, side: str = "right") -> list[Frame]:
    """``count`` frames evenly over one repetition (t = 0, 1/count, ...)."""
    return [frame(fig, n / count, side) for n in range(count)]


def _angle_range(joint: str) -> tuple[float, float]:
    return RANGES[joint.removeprefix("other_")]


def check_keys(fig: Figure) -> None:
    """Check every keyframe as placed: nothing through the floor or a prop, contacts resting
    on it, joints the inverse kinematics chose within range, hands reaching what they hold.

    Raises :class:`CatalogError` naming the file, exercise, keyframe and joint or point.
    """
    for key in fig.keys:
        f = frame(fig, key.t, "right")
        for name, point in f.points.items():
            gap = floor_gap(fig, name, point)
            if gap < -FLOOR_TOLERANCE_CM:
                raise CatalogError(
                    f"{fig.where(key, _joint_of(name))}: this pose puts the {_said(name)} "
                    f"{-gap:.0f} cm through the floor or prop. Change the angles that place it "
                    f"({_chain(name)}) so it rests on it, or pin another point"
                )
        for name in key.contacts:
            gap = floor_gap(fig, name, f.points[name])
            if gap > FLOOR_TOLERANCE_CM:
                raise CatalogError(
                    f"{fig.where(key, _joint_of(name))}: the {_said(name)} should touch the "
                    f"floor or prop but is {gap:.0f} cm above it. Change the angles, or take it "
                    "out of contacts"
                )
        for joint, value in f.angles.items():
            low, high = _angle_range(joint)
            if not low - 0.5 <= value <= high + 0.5:
                raise CatalogError(
                    f"{fig.where(key, joint)}: to keep the feet planted and the hands holding, "
                    f"{joint} would be {value:.0f} degrees, outside {low:g} to {high:g}. "
                    "Change the pose so the body can reach"
                )
        for prefix, side in (("", "hand"), ("other_", "other_hand")):
            goal = hand_target(fig, getattr(key, side), f.points)
            if goal is not None:
                miss = math.dist(goal, f.points[prefix + "wrist"][:2])
                if miss > FLOOR_TOLERANCE_CM:
                    raise CatalogError(
                        f"{fig.where(key, prefix + 'shoulder')}: the {side.replace('_', ' ')} "
                        f"cannot reach the {getattr(key, side).replace('_', ' ')} "
                        f"({miss:.0f} cm short). Bring the trunk closer or let the hand go free"
                    )


_JOINT_OF = {"knee": "hip", "ankle": "knee", "heel": "ankle", "toe": "ankle", "elbow": "shoulder"}
_JOINT_OF |= {"wrist": "elbow", "fingers": "elbow", "head": "neck", "head_top": "neck"}
_JOINT_OF |= {"chin": "neck", "neck": "thorax", "waist": "lumbar", "sacrum": "pelvis"}


def _joint_of(point: str) -> str:
    """The joint that moves a point most directly (for error messages)."""
    base = point.removeprefix("other_")
    prefix = point[: len(point) - len(base)]
    joint = _JOINT_OF.get(base, "pelvis")
    return prefix + joint if joint in ("hip", "knee", "ankle", "shoulder", "elbow") else joint


def _chain(point: str) -> str:
    """The joints that place a point, root first (for error messages)."""
    base = point.removeprefix("other_")
    prefix = point[: len(point) - len(base)]
    legs = {"knee": ["hip"], "ankle": ["hip", "knee"], "heel": ["hip", "knee", "ankle"]}
    legs["toe"] = legs["heel"]
    arms = {"elbow": ["shoulder"], "wrist": ["shoulder", "elbow"], "fingers": ["shoulder", "elbow"]}
    spine = {"waist": ["lumbar"], "neck": ["lumbar", "thorax"], "chin": ["lumbar", "thorax"]}
    spine |= {"head": ["lumbar", "thorax", "neck"], "head_top": ["lumbar", "thorax", "neck"]}
    if base in legs:
        joints = ["pelvis", *(prefix + j for j in legs[base])]
    elif base in arms:
        joints = ["pelvis", "lumbar", "thorax", *(prefix + j for j in arms[base])]
    else:
        joints = ["pelvis", *spine.get(base, [])]
    return ", ".join(joints)


def _said(point: str) -> str:
    return point.replace("other_", "other ").replace("_", " ")
