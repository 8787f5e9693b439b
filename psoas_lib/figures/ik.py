"""Two-link inverse kinematics in the side view: place a knee or an elbow so the end lands.

Angles follow :mod:`psoas_lib.figures.body`: absolute directions from straight up, positive
turning forwards. ``bend`` says which way the middle joint points: +1 puts it on the
forward side of the line from root to target (a knee), -1 on the back side (an elbow when
the hand reaches down and forwards).

>>> a1, a2 = two_link((0, 0), (0, -60), 40, 40, bend=1)  # a knee bent to reach 60 cm down
>>> round(a1, 1), round(a2, 1)  # thigh 41.4 deg forward of straight down, shin as far back
(138.6, 221.4)
"""

from __future__ import annotations

import math

__all__ = ["two_link"]


def two_link(
    root: tuple[float, float],
    target: tuple[float, float],
    upper: float,
    lower: float,
    bend: int = 1,
) -> tuple[float, float]:
    """The absolute directions of the upper and lower link whose end is nearest ``target``.

    A target out of reach gives the straight (or fully folded) chain pointing at it; the
    caller's checks then see the end miss its target.
    """
    dx, dy = target[0] - root[0], target[1] - root[1]
    reach = math.hypot(dx, dy)
    towards = math.degrees(math.atan2(dx, dy))
    reach = min(max(reach, abs(upper - lower) + 1e-9), upper + lower)
    cos_root = (upper**2 + reach**2 - lower**2) / (2 * upper * reach)
    root_angle = math.degrees(math.acos(max(-1.0, min(1.0, cos_root))))
    cos_mid = (upper**2 + lower**2 - reach**2) / (2 * upper * lower)
    inner = math.degrees(math.acos(max(-1.0, min(1.0, cos_mid))))
    first = towards - bend * root_angle
    second = first + bend * (180.0 - inner)
    return first, second
