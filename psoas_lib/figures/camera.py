"""The camera each figure is seen through: a 3-D point of the body onto the drawing.

The keyframes place a figure facing ``+x`` (forwards), ``y`` up, with its working side
towards the viewer (``+z``). The camera stands ``yaw`` degrees round towards the figure's
front (so the near and far limbs separate and the chest and face turn a little to you) and
``elevation`` degrees above, looking down. The drawing's ``X`` runs right, ``Y`` up; the
depth grows towards the camera, so parts are drawn in order of depth, far to near. The
``left`` side is the mirror image (``X`` becomes ``-X``): facing left, left side near.

>>> cam = Camera(0.0, 0.0)  # straight from the side: the depth axis is dropped
>>> cam.project((10.0, 20.0, 5.0), "right")
(10.0, 20.0, 5.0)
>>> cam.project((10.0, 20.0, 5.0), "left")
(-10.0, 20.0, 5.0)
>>> x, y, d = Camera(90.0, 0.0).project((10.0, 20.0, 5.0), "right")  # from the front
>>> round(x, 6), round(y, 6), round(d, 6)  # the near side (z) is now to the drawing's left
(-5.0, 20.0, 10.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from psoas_lib.figures.body import Vec

__all__ = ["VIEWS", "Camera", "camera_for"]

#: The default camera of each ``view`` (turn towards the front, elevation), in degrees.
VIEWS = {"side": (18.0, 8.0), "above": (30.0, 50.0)}


@dataclass(frozen=True)
class Camera:
    """A camera ``yaw`` degrees round to the figure's front and ``elevation`` above."""

    yaw: float
    elevation: float

    def matrix(self, side: str) -> tuple[float, ...]:
        """The nine coefficients taking ``(x, y, z)`` to ``(X, Y, depth)``, row by row."""
        yaw, elev = math.radians(self.yaw), math.radians(self.elevation)
        cy, sy, ce, se = math.cos(yaw), math.sin(yaw), math.cos(elev), math.sin(elev)
        m = 1.0 if side == "right" else -1.0
        return (m * cy, 0.0, -m * sy, -sy * se, ce, -cy * se, sy * ce, se, cy * ce)

    def project(self, p: Vec, side: str) -> tuple[float, float, float]:
        """``(X, Y, depth)`` of a keyed point for the ``side``'s drawing."""
        a, b, c, d, e, f, g, h, i = self.matrix(side)
        x, y, z = p
        return a * x + b * y + c * z, d * x + e * y + f * z, g * x + h * y + i * z


def camera_for(view: str, camera: tuple[float, float] | None = None) -> Camera:
    """The figure's own ``camera`` if it sets one, else its view's default."""
    yaw, elev = camera if camera is not None else VIEWS[view]
    return Camera(yaw, elev)
