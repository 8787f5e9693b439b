"""A figure as read from ``data/keyframes.toml``: its keyframes, props and view.

The values only: :mod:`psoas_lib.figures.keyframes` reads and checks them, and
:mod:`psoas_lib.figures.motion` places each key and moves between them.

>>> key = Key(0.0, "start", {"knee": 90.0}, ("foot",), "free", "free", 4, {"knee": 6})
>>> fig = Figure("march", (key,), "foot", line=3)
>>> fig.where(key, "knee")
"keyframes.toml, line 6, entry 'march', field 'knee', keyframe 1 ('start')"
>>> fig.where(key, "hip"), fig.prop("mat")
("keyframes.toml, line 4, entry 'march', field 'hip', keyframe 1 ('start')", None)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from psoas_lib.errors import where

__all__ = ["KEYFRAMES_FILE", "Figure", "Key", "Prop"]

KEYFRAMES_FILE = "keyframes.toml"
#: How deep (cm, away from the viewer from the near edge) each prop is.
PROP_DEPTH = {"mat": 120.0, "bench": 95.0, "chair": 40.0, "cushion": 22.0, "wall": 120.0}


@dataclass(frozen=True)
class Prop:
    """Something the body rests on or holds: a box from ``x`` (cm, along the body), ``top``
    high, reaching ``z`` towards the viewer (the near edge), or a chair's backrest to hold."""

    kind: str
    x: tuple[float, float] = (-100.0, 100.0)
    top: float = 0.0
    near_edge: float = 0.0

    @property
    def z(self) -> tuple[float, float]:
        """From how far back to the near edge (cm towards the viewer)."""
        return self.near_edge - PROP_DEPTH[self.kind], self.near_edge

    def under(self, x: float, z: float) -> bool:
        """True when a body point at ``(x, z)`` is over this prop's top (a bed, a cushion)."""
        return (
            self.kind in ("bench", "cushion")
            and self.x[0] <= x <= self.x[1]
            and self.z[0] <= z <= self.z[1]
        )

    def inside(self, point: tuple[float, float, float], margin: float = 0.0) -> bool:
        """True when a point is inside the prop's solid box (a chair, a wall behind x).

        >>> chair, wall = Prop("chair", (0, 40), 90, -25), Prop("wall", (-12, -2), 200)
        >>> chair.inside((20, 50, -40)), wall.inside((0, 50, 0)), wall.inside((-5, 50, 0))
        (True, False, True)
        """
        x, y, z = point
        if self.kind == "wall":
            return x < self.x[1] - margin
        if self.kind != "chair":
            return False
        z0, z1 = self.z
        return (
            self.x[0] + margin < x < self.x[1] - margin
            and y < self.top - margin
            and z0 + margin < z < z1 - margin
        )

    def grip(self) -> tuple[float, float]:
        """Where a hand holds the prop (chair backrest): x and height."""
        return (self.x[0] + self.x[1]) / 2, self.top


@dataclass(frozen=True)
class Key:
    """One keyframe: its time in the repetition, its name, every joint angle (inherited
    filled in), the points touching the floor or a prop, and where the hands go."""

    t: float
    pose: str
    angles: Mapping[str, float]
    contacts: tuple[str, ...]
    hand: str
    other_hand: str
    line: int | None = None
    field_lines: Mapping[str, int | None] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Figure:
    """The figure of one exercise."""

    exercise: str
    keys: tuple[Key, ...]
    pin: str
    view: str = "side"
    cycle_s: float = 6.0
    easing: str = "ease"
    planted: tuple[str, ...] = ()
    props: tuple[Prop, ...] = ()
    camera: tuple[float, float] | None = None
    reps_per_loop: int = 1
    path: Path = field(default=Path(KEYFRAMES_FILE), compare=False)
    line: int | None = field(default=None, compare=False)

    def where(self, key: Key | None = None, joint: str | None = None) -> str:
        """The location part of an error message about this figure, a key and a joint
        (the joint's line when the key sets it, else the key's ``[[figure.key]]`` line)."""
        line = (key.field_lines.get(joint or "") or key.line) if key else self.line
        loc = where(self.path, line, self.exercise, joint)
        return loc + (f", keyframe {self.keys.index(key) + 1} ({key.pose!r})" if key else "")

    def prop(self, kind: str) -> Prop | None:
        return next((p for p in self.props if p.kind == kind), None)
