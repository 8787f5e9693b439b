"""The body model: segment lengths, joints with their anatomical ranges, forward kinematics.

Segment lengths are fractions of standing height ``H`` from the anthropometric table of
D. A. Winter, *Biomechanics and Motor Control of Human Movement*, 4th ed., Wiley 2009,
fig. 4.1 (after Drillis & Contini): shoulder at 0.818 H, chin at 0.870 H, hip (greater
trochanter) at 0.530 H, knee at 0.285 H, ankle at 0.039 H, upper arm 0.186 H, forearm
0.146 H, hand 0.108 H, foot length 0.152 H, hip width 0.191 H, shoulder width 0.259 H.
The trunk from hip to shoulder (0.818 - 0.530 = 0.288 H) is split into a pelvis
(hip to the lumbosacral joint), a lumbar and a thoracic segment so it can curl.

Coordinates are centimetres for a person of ``HEIGHT_CM`` = 175: ``x`` forwards (the way
the figure faces on its left side), ``y`` up, ``z`` towards the viewer (the working side
is the near side). Angles are degrees. A segment's absolute direction ``a`` is measured
from straight up, positive turning towards ``+x``: 0 up, 90 forwards, 180 down.

Joint angles (all 0 = standing straight, arms by the sides, foot square to the shin):

================  =========================================================  ============
joint             meaning (positive is...)                                   range (deg)
================  =========================================================  ============
pelvis            tilt of the pelvis in the room: forwards (-90 lying on     -180..180
                  the back, head to the left)
lumbar, thorax    spine flexion (curling forwards) at the lower and upper    see RANGES
                  back; negative arches
neck              neck flexion (chin to chest)
hip               hip flexion (thigh forwards); negative is extension
hip_out           the leg swung out to the side about the body's long axis
                  (with the hip bent, as in leg circles)
knee              knee flexion (heel towards the buttock)
ankle             dorsiflexion (toes towards the shin); negative points them
shoulder          shoulder flexion (arm forwards and up; 180 overhead)
elbow             elbow flexion
================  =========================================================  ============

The working leg's and arm's joints have these names; the other side's are prefixed
``other_`` (``other_hip``, ``other_knee``...).

>>> pts = points({})
>>> round(pts["head_top"][1], 1), round(pts["hip"][1], 1), round(pts["heel"][1], 1)
(82.3, 0.0, -92.8)
>>> round(segment_length(pts, "hip", "knee"), 2) == round(0.245 * HEIGHT_CM, 2)
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping

__all__ = [
    "BONES",
    "CLEARANCE",
    "HEIGHT_CM",
    "JOINTS",
    "LENGTHS",
    "POINTS",
    "RANGES",
    "direction",
    "points",
    "segment_length",
]

HEIGHT_CM = 175.0
Vec = tuple[float, float, float]

# Winter (2009) fig. 4.1, as fractions of height; the trunk split is ours (see docstring).
FRACTIONS = {
    "pelvis": 0.060,  # hip joint to lumbosacral joint, 20 degrees behind the vertical
    "lumbar": 0.100,  # lumbosacral (L5/S1) to thoracolumbar (T12/L1)
    "thorax": 0.132,  # T12/L1 to the shoulder line (C7)
    "neck": 0.052,  # shoulder line (0.818) to chin (0.870)
    "head": 0.130,  # chin (0.870) to the top of the head (1.000)
    "thigh": 0.245,  # greater trochanter (0.530) to knee (0.285)
    "shank": 0.246,  # knee (0.285) to ankle (0.039)
    "ankle_height": 0.039,
    "heel": 0.030,  # heel behind the ankle
    "toe": 0.122,  # toes in front of the ankle (foot length 0.152)
    "upper_arm": 0.186,
    "forearm": 0.146,
    "hand": 0.108 * 0.6,  # a relaxed, half-closed hand reaches 60 % of the fingertip length
    "hip_half_width": 0.191 / 2,
    "shoulder_half_width": 0.259 / 2,
}
LENGTHS = {name: fraction * HEIGHT_CM for name, fraction in FRACTIONS.items()}
PELVIS_OFFSET = -20.0  # the lumbosacral joint sits behind and above the hip joint
HEAD_RADIUS = 9.5  # the head is drawn as a circle this big round its centre (cm)

# Anatomical ranges of motion (degrees), rounded from the AAOS normal values
# (Greene & Heckman, The Clinical Measurement of Joint Motion, 1994); the spine split
# between its lumbar and thoracic parts.
RANGES: dict[str, tuple[float, float]] = {
    "pelvis": (-180.0, 180.0),
    "lumbar": (-30.0, 60.0),
    "thorax": (-25.0, 45.0),
    "neck": (-50.0, 60.0),
    "hip": (-30.0, 135.0),
    "hip_out": (-30.0, 45.0),
    "knee": (0.0, 150.0),
    "ankle": (-50.0, 35.0),  # dorsiflexion to 35 under body weight (lunges)
    "shoulder": (-60.0, 180.0),
    "elbow": (0.0, 150.0),
}
SIDE_JOINTS = ("hip", "hip_out", "knee", "ankle", "shoulder", "elbow")
JOINTS: tuple[str, ...] = (
    "pelvis",
    "lumbar",
    "thorax",
    "neck",
    *SIDE_JOINTS,
    *(f"other_{j}" for j in SIDE_JOINTS),
)

# Bones drawn and checked for constant length: (from, to).
SIDE_BONES = (
    ("hip", "knee"),
    ("knee", "ankle"),
    ("ankle", "heel"),
    ("ankle", "toe"),
    ("heel", "toe"),
    ("shoulder", "elbow"),
    ("elbow", "wrist"),
    ("wrist", "fingers"),
)
BONES: tuple[tuple[str, str], ...] = (
    ("hip", "sacrum"),
    ("sacrum", "waist"),
    ("waist", "neck"),
    ("neck", "chin"),
    ("chin", "head_top"),
    *SIDE_BONES,
    *((f"other_{a}", f"other_{b}") for a, b in SIDE_BONES),
)
SIDE_POINTS = ("knee", "ankle", "heel", "toe", "elbow", "wrist", "fingers")
POINTS: tuple[str, ...] = (
    "hip",
    "sacrum",
    "waist",
    "neck",
    "chin",
    "head_top",
    "head",
    "other_hip",
    "shoulder",
    "other_shoulder",
    *SIDE_POINTS,
    *(f"other_{p}" for p in SIDE_POINTS),
)

# How far the skin lies from each point (cm): a point resting on the floor sits this high.
# The drawn stroke widths match (the trunk is drawn 6 cm thick, so its centre line rests
# 3 cm above the floor).
_CLEAR = {
    "hip": 5.0,
    "sacrum": 4.0,
    "waist": 4.0,
    "neck": 4.0,
    "chin": 4.0,
    "head_top": 0.0,
    "head": HEAD_RADIUS,
    "shoulder": 4.0,
    "knee": 4.0,
    "ankle": 4.0,
    "heel": 0.0,
    "toe": 0.0,
    "elbow": 2.5,
    "wrist": 2.0,
    "fingers": 1.0,
}
CLEARANCE: dict[str, float] = {
    **_CLEAR,
    **{f"other_{p}": _CLEAR[p] for p in (*SIDE_POINTS, "hip", "shoulder")},
}


def direction(angle: float) -> tuple[float, float]:
    """The unit vector of an absolute segment angle (0 up, 90 forwards, 180 down).

    >>> [tuple(round(c, 6) + 0.0 for c in direction(a)) for a in (0, 90, 180)]
    [(0.0, 1.0), (1.0, 0.0), (0.0, -1.0)]
    """
    rad = math.radians(angle)
    return math.sin(rad), math.cos(rad)


def _step(start: Vec, angle: float, length: float) -> Vec:
    """Move ``length`` along the absolute ``angle``, in the plane of the side view."""
    dx, dy = direction(angle)
    return (start[0] + dx * length, start[1] + dy * length, start[2])


def _turn(point: Vec, centre: Vec, axis: tuple[float, float, float], angle: float) -> Vec:
    """Rotate ``point`` about the line through ``centre`` along the unit ``axis``
    (Rodrigues' formula: a true rotation, so every length is kept)."""
    v = tuple(p - c for p, c in zip(point, centre, strict=True))
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    ux, uy, uz = axis
    cross = (uy * v[2] - uz * v[1], uz * v[0] - ux * v[2], ux * v[1] - uy * v[0])
    dot = ux * v[0] + uy * v[1] + uz * v[2]
    x, y, z = (centre[i] + v[i] * c + cross[i] * s + axis[i] * dot * (1 - c) for i in range(3))
    return (x, y, z)


def _leg(
    pts: dict[str, Vec], prefix: str, hip: Vec, pelvis: float, ang: Mapping[str, float]
) -> None:
    thigh = pelvis + 180.0 - ang.get(prefix + "hip", 0.0)
    shank = thigh + ang.get(prefix + "knee", 0.0)
    foot = shank - 90.0 - ang.get(prefix + "ankle", 0.0)
    knee = _step(hip, thigh, LENGTHS["thigh"])
    ankle = _step(knee, shank, LENGTHS["shank"])
    sole = _step(ankle, foot + 90.0, LENGTHS["ankle_height"])
    leg = {
        "knee": knee,
        "ankle": ankle,
        "heel": _step(sole, foot, -LENGTHS["heel"]),
        "toe": _step(sole, foot, LENGTHS["toe"]),
    }
    out = ang.get(prefix + "hip_out", 0.0)
    if out:
        # Swing the leg out to the side about the body's long axis through the hip: a
        # positive turn moves a raised leg towards -z, so the near (working) side turns back.
        axis = (*direction(pelvis), 0.0)
        turn = -out if not prefix else out
        leg = {name: _turn(p, hip, axis, turn) for name, p in leg.items()}
    for name, p in leg.items():
        pts[prefix + name] = p


def _arm(
    pts: dict[str, Vec], prefix: str, shoulder: Vec, thorax: float, ang: Mapping[str, float]
) -> None:
    upper = thorax + 180.0 - ang.get(prefix + "shoulder", 0.0)
    fore = upper - ang.get(prefix + "elbow", 0.0)
    elbow = _step(shoulder, upper, LENGTHS["upper_arm"])
    wrist = _step(elbow, fore, LENGTHS["forearm"])
    pts[prefix + "elbow"] = elbow
    pts[prefix + "wrist"] = wrist
    pts[prefix + "fingers"] = _step(wrist, fore, LENGTHS["hand"])


def points(angles: Mapping[str, float], origin: Vec = (0.0, 0.0, 0.0)) -> dict[str, Vec]:
    """Forward kinematics: every point of the body for these joint angles.

    The hip joint centre (midway between the hips) is at ``origin``; missing joints are 0.

    >>> lying = points({"pelvis": -90})
    >>> round(lying["head_top"][0], 1), round(lying["toe"][1], 1)  # head left, toes up
    (-82.3, 21.4)
    """
    pelvis = angles.get("pelvis", 0.0)
    lumbar = pelvis + angles.get("lumbar", 0.0)
    thorax = lumbar + angles.get("thorax", 0.0)
    neck = thorax + angles.get("neck", 0.0)
    w = LENGTHS["hip_half_width"]
    sw = LENGTHS["shoulder_half_width"]
    pts: dict[str, Vec] = {"hip": origin}
    sacrum = _step(origin, pelvis + PELVIS_OFFSET, LENGTHS["pelvis"])
    waist = _step(sacrum, lumbar, LENGTHS["lumbar"])
    top = _step(waist, thorax, LENGTHS["thorax"])
    chin = _step(top, neck, LENGTHS["neck"])
    pts.update(sacrum=sacrum, waist=waist, neck=top, chin=chin)
    pts["head_top"] = _step(chin, neck, LENGTHS["head"])
    pts["head"] = _step(chin, neck, LENGTHS["head"] / 2)
    near_hip = (origin[0], origin[1], origin[2] + w)
    far_hip = (origin[0], origin[1], origin[2] - w)
    pts["hip"] = near_hip
    pts["other_hip"] = far_hip
    _leg(pts, "", near_hip, pelvis, angles)
    _leg(pts, "other_", far_hip, pelvis, angles)
    pts["shoulder"] = (top[0], top[1], top[2] + sw)
    pts["other_shoulder"] = (top[0], top[1], top[2] - sw)
    _arm(pts, "", pts["shoulder"], thorax, angles)
    _arm(pts, "other_", pts["other_shoulder"], thorax, angles)
    return pts


def segment_length(pts: Mapping[str, Vec], a: str, b: str) -> float:
    """The distance between two points."""
    return math.dist(pts[a], pts[b])
