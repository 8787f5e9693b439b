"""The named side is the side you see working: for "left" the left leg works and is the one
nearest the viewer, in every one-sided exercise, and the words beside the figure agree.

A body's right is forwards x up (facing +x with the head up, +x x +y = +z, towards the
viewer). So the test finds, on the drawn points alone, which way the figure faces and which
hip is its left, and checks the working hip is the named one and the near one.
"""

from __future__ import annotations

import math

import pytest

from psoas_lib.coaching.legs import leg_words
from psoas_lib.content.catalog import load_catalog
from psoas_lib.figures.keyframes import load_keyframes
from psoas_lib.figures.motion import frame

CATALOG = load_catalog()
FIGURES = load_keyframes()
ONE_SIDED = sorted(ex.id for ex in CATALOG.exercises.values() if ex.sides == "each")
CASES = [(ex, side) for ex in ONE_SIDED for side in ("left", "right")]
TIMES = (0.0, 0.3, 0.6, 0.9)


def _axes(p) -> tuple[tuple[float, float], tuple[float, float]]:
    """The body's forward and up unit directions on the drawing (x, y)."""
    mid = [(a + b) / 2 for a, b in zip(p["hip"], p["other_hip"], strict=True)]
    up = (p["waist"][0] - p["sacrum"][0], p["waist"][1] - p["sacrum"][1])
    norm = math.hypot(*up)
    up = (up[0] / norm, up[1] / norm)
    back = (p["sacrum"][0] - mid[0], p["sacrum"][1] - mid[1])
    along = back[0] * up[0] + back[1] * up[1]
    forward = (-(back[0] - along * up[0]), -(back[1] - along * up[1]))
    size = math.hypot(*forward)
    return (forward[0] / size, forward[1] / size), up


def _body_right_z(p) -> float:
    """The z of the body's right-hand direction (forwards x up), from the drawn points."""
    forward, up = _axes(p)
    return forward[0] * up[1] - forward[1] * up[0]


def test_there_are_seven_one_sided_exercises():
    assert len(ONE_SIDED) == 7


@pytest.mark.parametrize(("exercise", "side"), CASES)
def test_the_named_leg_works_and_is_nearest(exercise, side):
    fig = FIGURES[exercise]
    for t in TIMES:
        p = frame(fig, t, side).points
        assert p["hip"][2] > p["other_hip"][2]  # the working hip is the near one
        right = _body_right_z(p)
        named = "right" if (p["hip"][2] - p["other_hip"][2]) * right > 0 else "left"
        assert named == side, (t, right)


def test_a_person_facing_right_shows_the_right_side_by_hand():
    # Standing straight, keyed coordinates: x forwards, sacrum 10.5 cm at 20 degrees behind
    # the hip line (x = -3.59), waist straight above it. forward = +x, up = +y, so the
    # body's right is +x x +y = +z: the near hip (z = +16.7) is the right one.
    p = frame(FIGURES["marching-in-place"], 0.0, "right").points
    assert p["sacrum"][0] - p["hip"][0] == pytest.approx(-10.5 * math.sin(math.radians(20)))
    assert _body_right_z(p) == pytest.approx(1.0)
    q = frame(FIGURES["marching-in-place"], 0.0, "left").points
    assert _body_right_z(q) == pytest.approx(-1.0)  # mirrored: facing left, right is -z


def _facing(p) -> float:
    """+1 when the figure's front is towards +x on the drawing, -1 towards -x."""
    return 1.0 if _axes(p)[0][0] > 0 else -1.0


@pytest.mark.parametrize(("exercise", "side"), CASES)
def test_the_words_match_what_the_named_leg_does(exercise, side):
    """Each phrase of legs.py is checked on the drawn figure for that side."""
    fig = FIGURES[exercise]
    words = leg_words(fig, side)
    other = "right" if side == "left" else "left"
    assert words.startswith(side + " ")
    start = frame(fig, 0.0, side).points
    poses = [frame(fig, k.t, side).points for k in fig.keys]
    if "knee down" in words:  # the near knee rests on the mat, the other foot is in front
        assert words == f"{side} knee down, {other} foot forward"
        assert start["knee"][1] < start["other_knee"][1] - 20
        f = _facing(start)
        assert f * (start["other_ankle"][0] - start["knee"][0]) > 20
    elif "leg back" in words:
        f = _facing(start)
        assert f * (start["ankle"][0] - start["other_ankle"][0]) < -40
    elif "swings" in words:
        assert words.endswith(f"standing on the {other}")
        assert all(p["other_heel"][1] < 1 for p in poses)
        assert max(p["toe"][1] for p in poses) > 10
    elif "hangs down" in words:
        held = frame(fig, 0.5, side).points
        assert held["knee"][1] < held["hip"][1] - 10
    elif "lifts" in words:
        assert max(p["ankle"][1] for p in poses) > start["ankle"][1] + 20
    elif "circles" in words:  # the named leg is up, the other long on the mat
        assert all(p["ankle"][1] > p["other_ankle"][1] + 30 for p in poses)
    else:
        pytest.fail(f"no check for {words!r}")
