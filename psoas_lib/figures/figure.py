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


@dataclass(frozen=True)
class Prop:
    """Something the body rests on or holds: a box from ``x`` (cm, along the body), ``top``
    high, reaching ``z`` towards the viewer (the near edge), or a chair's backrest to hold."""

    kind: str
    x: tuple[float, float] = (-100.0, 100.0)
    top: float = 0.0
    near_edge: float = 0.0

    def under(self, x: float, z: float) -> bool:
        return self.kind == "bench" and self.x[0] <= x <= self.x[1] and z <= self.near_edge

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
