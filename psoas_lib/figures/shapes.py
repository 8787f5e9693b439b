"""The body's drawn shapes, in 3-D, from a frame's joints: a person, not sticks.

Each shape is a list of points in the keyframes' coordinates (facing ``+x``, working side
``+z``), for :mod:`.svg` to project and draw:

- the torso: a top (chest and upper back) and trousers (belly, hips, buttocks), whose back
  edge follows the spine, so the lumbar curve shows: it deepens when the back arches and
  flattens when the pelvis tucks;
- the spine: sacrum, two lumbar points (L4, L2), the thoracolumbar joint, mid-back, neck;
- the pelvis: a bony outline and the line from the front hip bone (ASIS) to the back one
  (PSIS), which turns by exactly the pelvis's tilt;
- thighs, shins, upper arms and forearms as tapered strokes, feet, hands, neck;
- the psoas band: from the front of the lumbar spine, over the front of the hip, to the
  top of the thigh, with its length relative to standing (1.0).

>>> from psoas_lib.figures.body import points
>>> def line(angles):  # the slope of the ASIS-PSIS line, degrees
...     a, p = shapes(angles, points(angles))["pelvis-line"]
...     return math.degrees(math.atan2(a[1] - p[1], a[0] - p[0]))
>>> round(line({}), 1), round(line({"pelvis": 10.0}) - line({}), 1)  # front end 2 cm lower
(-6.0, -10.0)
>>> round(psoas_ratio({"hip": -20.0}, points({"hip": -20.0})), 2)  # hip back: stretched
1.06
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

from psoas_lib.figures.body import Vec, direction, points

__all__ = ["LORDOSIS_CM", "psoas_length", "psoas_ratio", "shapes"]

#: How far (cm) the lumbar spine's middle lies in front of the line from sacrum to T12 when
#: standing straight; each degree of lumbar flexion takes 0.15 cm off (arching adds).
LORDOSIS_CM = 2.4
LORDOSIS_PER_DEGREE = 0.15


def _at(p: Vec, angle: float, dist: float) -> Vec:
    dx, dy = direction(angle)
    return (p[0] + dx * dist, p[1] + dy * dist, p[2])


def _mid(a: Vec, b: Vec, s: float = 0.5) -> Vec:
    return tuple(a[i] + (b[i] - a[i]) * s for i in range(3))  # type: ignore[return-value]


def _frame(p: Vec, up: float, u: float, f: float, z: float | None = None) -> Vec:
    """``p`` moved ``u`` along the direction ``up`` and ``f`` to its front."""
    q = _at(_at(p, up, u), up + 90.0, f)
    return q if z is None else (q[0], q[1], z)


def _psoas(ang: Mapping[str, float], pts: Mapping[str, Vec]) -> list[Vec]:
    """The psoas line: from the front of the lumbar bodies (L3), over the pubic ramus in
    front of the hip joint, to the lesser trochanter, low and behind on the thigh's inside."""
    pelvis = ang.get("pelvis", 0.0)
    lumbar = pelvis + ang.get("lumbar", 0.0)
    hip, knee = pts["hip"], pts["knee"]
    origin = _frame(_mid(pts["sacrum"], pts["waist"], 0.6), lumbar, 0.0, 2.5, hip[2] * 0.55)
    pulley = _frame(hip, pelvis, -2.0, 6.0, hip[2] * 0.85)
    thigh = math.degrees(math.atan2(knee[0] - hip[0], knee[1] - hip[1]))
    insert = _frame(_mid(hip, knee, 0.16), thigh, 0.0, -3.0)
    # It wraps over the pulley only while the straight line would pass behind it (through
    # the bone); with the hip bent far the muscle leaves it and runs straight (the thigh
    # then lies beyond the pulley).
    d = [insert[i] - origin[i] for i in range(3)]
    share = sum((pulley[i] - origin[i]) * d[i] for i in range(2)) / (d[0] ** 2 + d[1] ** 2)
    on_line = tuple(origin[i] + d[i] * max(0.0, min(1.0, share)) for i in range(3))
    fx, fy = direction(pelvis + 90.0)
    if 0 < share < 1 and (pulley[0] - on_line[0]) * fx + (pulley[1] - on_line[1]) * fy > 0:
        return [origin, pulley, insert]
    return [origin, on_line, insert]  # type: ignore[list-item]


def psoas_length(ang: Mapping[str, float], pts: Mapping[str, Vec]) -> float:
    """The length (cm) of the working side's psoas line."""
    line = _psoas(ang, pts)
    return sum(math.dist(a, b) for a, b in itertools.pairwise(line))


_STANDING = psoas_length({}, points({}))


def psoas_ratio(ang: Mapping[str, float], pts: Mapping[str, Vec]) -> float:
    """The psoas line's length relative to standing straight (1.0; more is stretched)."""
    return psoas_length(ang, pts) / _STANDING


def shapes(ang: Mapping[str, float], pts: Mapping[str, Vec]) -> dict[str, list[Vec]]:
    """Every drawn shape of the body (see the module's docstring)."""
    pelvis = ang.get("pelvis", 0.0)
    lumbar = pelvis + ang.get("lumbar", 0.0)
    thorax = lumbar + ang.get("thorax", 0.0)
    hip = _mid(pts["hip"], pts["other_hip"])
    sacrum, waist, neck = pts["sacrum"], pts["waist"], pts["neck"]
    lord = LORDOSIS_CM - LORDOSIS_PER_DEGREE * ang.get("lumbar", 0.0)
    l4 = _frame(_mid(sacrum, waist, 1 / 3), lumbar, 0.0, lord * 0.9)
    l2 = _frame(_mid(sacrum, waist, 2 / 3), lumbar, 0.0, lord * 0.9)
    kyph = 1.5 + 0.08 * ang.get("thorax", 0.0)
    t7 = _frame(_mid(waist, neck), thorax, 0.0, -kyph)
    spine = [sacrum, l4, l2, waist, t7, neck]
    back = 4.5  # skin behind the spine
    hem = _mid(l4, l2)
    top = [
        _frame(hem, lumbar, 0.0, -back),
        _frame(l2, lumbar, 0.0, -back),
        _frame(waist, thorax, 0.0, -back),
        _frame(t7, thorax, 0.0, -back - 1.0),
        _frame(neck, thorax, -1.0, -back + 0.5),
        _frame(neck, thorax, -0.5, 9.5),
        _frame(t7, thorax, 2.0, 18.0),
        _frame(waist, thorax, 1.0, 15.0),
        _frame(hem, lumbar, 0.0, 15.5),
    ]
    trousers = [
        _frame(hem, lumbar, 0.0, 15.5),
        _frame(hip, pelvis, 1.0, 10.5),
        _frame(hip, pelvis, -7.0, 6.0),
        _frame(hip, pelvis, -10.0, -4.0),
        _frame(hip, pelvis, -4.0, -12.0),
        _frame(sacrum, pelvis, 0.0, -back - 2.0),
        _frame(hem, lumbar, 0.0, -back),
    ]
    bone = [
        _frame(hip, pelvis, 6.0, 5.5),  # ASIS
        _frame(hip, pelvis, 2.0, 6.5),
        _frame(hip, pelvis, -4.5, 4.0),  # pubis
        _frame(hip, pelvis, -6.5, -4.5),  # ischium
        _frame(hip, pelvis, 7.5, -7.5),  # PSIS
        _frame(hip, pelvis, 12.0, -3.5),  # iliac crest
    ]
    out: dict[str, list[Vec]] = {
        "top": top,
        "trousers": trousers,
        "pelvis-bone": bone,
        "pelvis-line": [_frame(hip, pelvis, 5.8, 8.5), _frame(hip, pelvis, 7.8, -10.5)],
        "spine": spine,
        "psoas": _psoas(ang, pts),
        "neck": [neck, pts["chin"]],
        "head": [pts["head"], pts["chin"], pts["head_top"]],
    }
    for prefix, name in (("", "near"), ("other_", "far")):
        h = pts[prefix + "hip"]
        knee, ankle = pts[prefix + "knee"], pts[prefix + "ankle"]
        out[f"{name}-leg"] = [h, knee, ankle]
        out[f"{name}-thigh"] = [h, _mid(h, knee, 0.55)]
        out[f"{name}-foot"] = [ankle, pts[prefix + "heel"], pts[prefix + "toe"]]
        sh = pts[prefix + "shoulder"]
        out[f"{name}-arm"] = [sh, pts[prefix + "elbow"], pts[prefix + "wrist"]]
        out[f"{name}-hand"] = [pts[prefix + "wrist"], pts[prefix + "fingers"]]
    return out
