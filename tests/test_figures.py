"""Checks that catch impossible poses, for every exercise on both sides.

Frames are sampled over one repetition; the tolerances are those of the issue for a
1.75 m person: 2 cm for the floor and props, 1 cm for a planted foot sliding.
"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET

import pytest

from psoas_lib.content.catalog import load_catalog
from psoas_lib.figures.body import BONES, RANGES
from psoas_lib.figures.keyframes import load_keyframes
from psoas_lib.figures.motion import FLOOR_TOLERANCE_CM, floor_gap, frame, frames, mirror
from psoas_lib.figures.svg import animated_svg, pose_svg, strip_svg

CATALOG = load_catalog()
FIGURES = load_keyframes()
CASES = [(ex, side) for ex in sorted(FIGURES) for side in ("left", "right")]
SAMPLES = 96
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def sampled():
    return {(ex, side): frames(FIGURES[ex], SAMPLES, side) for ex, side in CASES}


def _between(fig, t0, t1):
    return [frame(fig, t0 + (t1 - t0) * n / 20) for n in range(21)]


@pytest.mark.parametrize(("exercise", "side"), CASES)
def test_segment_lengths_stay_constant(sampled, exercise, side):
    first = sampled[exercise, side][0].points
    for f in sampled[exercise, side]:
        for a, b in BONES:
            assert math.dist(f.points[a], f.points[b]) == pytest.approx(
                math.dist(first[a], first[b]), abs=1e-6
            ), (f.t, a, b)


@pytest.mark.parametrize(("exercise", "side"), CASES)
def test_nothing_goes_through_the_floor_or_a_prop(sampled, exercise, side):
    fig = FIGURES[exercise]
    # Props are placed for the right side: a left-side point is looked up at its mirror x.
    flip = 1.0 if side == "right" else -1.0
    for f in sampled[exercise, side]:
        for name, (x, y, z) in f.points.items():
            assert floor_gap(fig, name, (flip * x, y, z)) >= -FLOOR_TOLERANCE_CM, (f.t, name)


@pytest.mark.parametrize("exercise", sorted(FIGURES))
def test_contacts_stay_on_the_floor_between_keys_that_share_them(exercise):
    fig = FIGURES[exercise]
    keys = fig.keys
    for i, key in enumerate(keys):
        after = keys[(i + 1) % len(keys)]
        shared = set(key.contacts) & set(after.contacts)
        end = after.t if i + 1 < len(keys) else 1.0
        for f in _between(fig, key.t, end):
            for name in shared:
                assert abs(floor_gap(fig, name, f.points[name])) <= FLOOR_TOLERANCE_CM, (
                    f.t,
                    name,
                )


@pytest.mark.parametrize("exercise", sorted(FIGURES))
def test_feet_on_the_floor_do_not_slide(exercise):
    """A planted foot keeps its place all along; a heel or toe resting on the floor in two
    keys in a row moves less than 1 cm between them."""
    fig = FIGURES[exercise]
    start = frame(fig, 0.0).points
    for foot in fig.planted:
        prefix = foot.removesuffix("foot")
        for f in frames(fig, SAMPLES):
            for part in ("ankle", "heel", "toe"):
                assert math.dist(f.points[prefix + part], start[prefix + part]) < 1.0, f.t
    keys = fig.keys
    for i, key in enumerate(keys):
        after = keys[(i + 1) % len(keys)]
        shared = [c for c in set(key.contacts) & set(after.contacts) if c.endswith(("heel", "toe"))]
        end = after.t if i + 1 < len(keys) else 1.0
        span = _between(fig, key.t, end)
        for name in shared:
            for f in span:
                assert abs(f.points[name][0] - span[0].points[name][0]) < 1.0, (f.t, name)


@pytest.mark.parametrize(("exercise", "side"), CASES)
def test_every_joint_stays_within_its_anatomical_range(sampled, exercise, side):
    for f in sampled[exercise, side]:
        for joint, value in f.angles.items():
            low, high = RANGES[joint.removeprefix("other_")]
            assert low - 0.5 <= value <= high + 0.5, (f.t, joint, value)


def _largest_step(fig, count):
    seq = [*frames(fig, count), frame(fig, 1.0)]
    return max(
        math.dist(a.points[n], b.points[n]) for a, b in itertools.pairwise(seq) for n in a.points
    )


@pytest.mark.parametrize("exercise", sorted(FIGURES))
def test_the_loop_closes_and_nothing_jumps(exercise):
    fig = FIGURES[exercise]
    first, last = frame(fig, 0.0).points, frame(fig, 1.0).points
    assert all(math.dist(first[n], last[n]) < 1e-9 for n in first)
    coarse, fine = _largest_step(fig, SAMPLES), _largest_step(fig, 2 * SAMPLES)
    # A smooth movement halves its largest step when the frames double; a jump does not.
    assert fine <= 0.6 * coarse
    # And no point moves faster than 3 m/s (a brisk arm swing) at the figure's own pace.
    speed = coarse / 100 / (fig.cycle_s / SAMPLES)
    assert speed < 3.0, speed


@pytest.mark.parametrize("exercise", sorted(FIGURES))
def test_the_other_side_is_the_exact_mirror_image(exercise):
    fig = FIGURES[exercise]
    for t in (0.0, 0.13, 0.5, 0.77):
        left, right = frame(fig, t, "left"), frame(fig, t, "right")
        assert right.points == mirror(left).points
        assert all(right.points[n][0] == -left.points[n][0] for n in left.points)

    def polylines(text):
        root = ET.fromstring(text)
        return [
            [tuple(map(float, p.split(","))) for p in line.get("points").split()]
            for line in root.iter(SVG + "polyline")
        ]

    left = polylines(pose_svg(fig, "left", 0.4))
    right = polylines(pose_svg(fig, "right", 0.4))
    assert len(left) == len(right) > 0
    for a, b in zip(left, right, strict=True):
        mirrored = [c for x, y in a for c in (-x, y)]
        assert mirrored == pytest.approx([c for point in b for c in point], abs=0.051)


@pytest.mark.parametrize(("exercise", "side"), CASES)
def test_the_svgs_parse_and_name_exercise_side_and_poses(exercise, side):
    fig, name = FIGURES[exercise], CATALOG.exercises[exercise].name
    for text in (
        animated_svg(fig, side, name=name),
        pose_svg(fig, side, 0.5, name=name),
        strip_svg(fig, side, name=name),
    ):
        root = ET.fromstring(text)
        title, desc = root.find(SVG + "title").text, root.find(SVG + "desc").text
        assert name in title and f"working side {side}" in title
        assert fig.keys[-1].pose in desc or "Still pose" in desc
    animated = ET.fromstring(animated_svg(fig, side, name=name))
    animations = list(animated.iter(SVG + "animate"))
    assert len(animations) >= 8
    assert {a.get("dur") for a in animations} == {f"{fig.cycle_s:g}s"}
    values = animations[0].get("values").split(";")
    assert len(values) == 37 and values[0] == values[-1]  # 36 frames and back to the first
    button = next(g for g in animated.iter(SVG + "g") if g.get("role") == "button")
    assert "pauseAnimations" in button.get("onclick")
    style = animated.find(SVG + "style").text
    assert "prefers-reduced-motion: reduce" in style


def test_animation_starts_at_the_given_progress():
    fig = FIGURES["knee-to-chest"]  # cycle_s = 10
    root = ET.fromstring(animated_svg(fig, progress=0.25))
    assert {a.get("begin") for a in root.iter(SVG + "animate")} == {"-2.5s"}


# --------------------------------------------------------------- worked out by hand
# Lengths (Winter, H = 175 cm): thigh 0.245 H = 42.875, shank 0.246 H = 43.05, pelvis
# 0.060 H = 10.5 (at 20 degrees behind the trunk line), lumbar 17.5, thorax 23.1, ankle
# height 0.039 H = 6.825; clearances: knee and spine points 4 cm.


def _interior(a, b, c):
    u = (a[0] - b[0], a[1] - b[1])
    v = (c[0] - b[0], c[1] - b[1])
    cos = (u[0] * v[0] + u[1] * v[1]) / (math.hypot(*u) * math.hypot(*v))
    return math.degrees(math.acos(cos))


def test_kneeling_stretch_start_by_hand():
    # Key 1: kneeling thigh vertical (hip 0), the knee on a 5 cm cushion. Front leg: hip 87
    # points the thigh at 180 - 87 = 93 degrees (3 below level), knee 88 turns the shin to
    # 93 + 88 = 181, foot at 181 - 90 = 91. Below the hip: knee 42.875 cos 93 = -2.244,
    # ankle 43.05 cos 181 = -43.043, sole 6.825 cos 181 = -6.824, toe 21.35 cos 91 = -0.373,
    # heel -5.25 cos 91 = +0.092. So the front toe is 52.484 below the hip, the heel 52.019;
    # the kneeling knee needs 42.875 + 4 (skin) + 5 (cushion) = 51.875. The toe is lowest:
    # the hip rests 52.484 up, the knee 9.609 (0.61 above its cushion), the heel 0.465 up.
    p = frame(FIGURES["kneeling-hip-flexor-stretch"], 0.0).points
    assert p["hip"][1] == pytest.approx(52.484, abs=0.002)
    assert p["knee"][1] == pytest.approx(9.609, abs=0.002)
    assert p["hip"][0] == pytest.approx(p["knee"][0])
    assert p["other_toe"][1] == pytest.approx(0.0, abs=0.002)
    assert p["other_heel"][1] == pytest.approx(0.465, abs=0.002)
    assert _interior(p["other_hip"], p["other_knee"], p["other_ankle"]) == pytest.approx(92.0)


def test_bridge_hips_lifted_by_hand():
    # Lying (pelvis -90) the hip is above the neck by the pelvis part only:
    # -10.5 cos(-110) = 3.59 cm. At the top the pelvis is tucked: pelvis -131 with the
    # lumbar spine curled 14, so lumbar and thorax point at -117 (shoulders to knees):
    # hip - neck = -(10.5 cos(-151) + 40.6 cos(-117)) = 9.183 + 18.432 = 27.615 cm,
    # so the hips rise 27.615 - 3.591 = 24.02 cm while the shoulder blades stay put.
    fig = FIGURES["ground-bridge"]
    start, top = frame(fig, 0.0).points, frame(fig, 0.5).points
    assert start["hip"][1] - start["neck"][1] == pytest.approx(3.59, abs=0.01)
    assert top["hip"][1] - top["neck"][1] == pytest.approx(27.615, abs=0.01)
    assert top["neck"] == pytest.approx(start["neck"])
    assert top["hip"][1] - start["hip"][1] == pytest.approx(24.02, abs=0.02)


def test_march_knees_over_hips_by_hand():
    # Hip 90 lying (pelvis -90): thigh direction -90 + 180 - 90 = 0, straight up, so the
    # knee is right over the hip, 42.875 cm above it; knee 90 lays the shin level (90).
    # The spine rests 4 cm up and the hip sits 10.5 sin 20 = 3.59 cm above the sacrum.
    p = frame(FIGURES["psoas-march"], 0.0).points
    for prefix in ("", "other_"):
        assert p[prefix + "knee"][0] == pytest.approx(p[prefix + "hip"][0])
        assert p[prefix + "knee"][1] == pytest.approx(4.0 + 3.59 + 42.875, abs=0.01)
        assert p[prefix + "ankle"][1] == pytest.approx(p[prefix + "knee"][1])
