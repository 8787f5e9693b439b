"""The figure in the player keeps the timer's words, checked with a fake clock: a hold eases
in and stays in the held pose to the end of the hold; an alternating set moves one leg per
counted repetition at the dose's pace; the still shown while paused is the pose of that
moment. Every exercise, both sides, with its catalog dose.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from psoas_lib import load_catalog, make_routine
from psoas_lib.content.routine import WORK_KINDS
from psoas_lib.figures.keyframes import load_keyframes
from psoas_lib.figures.motion import frame
from psoas_lib.figures.svg import end_pose_time, hold_in_s, hold_t, pose_svg
from psoas_lib.ui.figure import FigureView, player_timing

CATALOG = load_catalog()
FIGURES = load_keyframes()
SIDES = ("left", "right")
SVG = "{http://www.w3.org/2000/svg}"
ROUTINE = make_routine(CATALOG, "Every exercise", list(CATALOG.exercises))
WORK = {}
for _seg in ROUTINE.timeline():
    if _seg.kind in WORK_KINDS:
        WORK.setdefault(_seg.exercise_id, _seg)
HOLDS = sorted(ex for ex, seg in WORK.items() if seg.kind == "hold")
SETS = sorted(ex for ex, seg in WORK.items() if seg.kind == "set")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _shown(view: FigureView, exercise: str, side: str, elapsed: float, paused: bool) -> str:
    seg = WORK[exercise]
    fig = FIGURES[exercise]
    progress, rep_s = player_timing(
        seg.kind, seg.seconds, seg.count, elapsed, fig.cycle_s, fig.reps_per_loop
    )
    view.show(exercise, side, seg.kind, progress, paused, rep_s=rep_s)
    return view.html.value


def test_the_doses_give_holds_and_sets():
    assert len(HOLDS) >= 5 and {"knee-to-chest", "psoas-march", "leg-circles"} <= set(SETS)


@pytest.mark.parametrize(("exercise", "side"), [(e, s) for e in HOLDS for s in SIDES])
def test_a_hold_eases_in_then_stays_held_to_its_end(exercise, side):
    seg, fig = WORK[exercise], FIGURES[exercise]
    name = CATALOG.exercises[exercise].name
    clock = Clock()
    view = FigureView(clock=clock)
    held = pose_svg(fig, side, end_pose_time(fig), name=name, fit=view.stage)
    ease = hold_in_s(fig, seg.seconds)
    assert 0 < ease <= seg.seconds / 2
    # paused anywhere after the ease-in, to the last tenth of a second: the held pose
    for share in (0.0, 0.25, 0.5, 0.9, 1.0):
        elapsed = ease + (seg.seconds - 0.1 - ease) * share
        clock.now += 1
        assert _shown(view, exercise, side, elapsed, paused=True) == held, elapsed
    # playing: every animation runs once over the ease-in and freezes on its last value
    root = ET.fromstring(_shown(view, exercise, side, 0.0, paused=False))
    anims = list(root.iter(SVG + "animate"))
    assert anims and {a.get("fill") for a in anims} == {"freeze"}
    assert {a.get("repeatCount") for a in anims} == {None}
    assert {a.get("dur") for a in anims} == {f"{ease:g}s"}
    leg = next(p for p in root.iter(SVG + "polyline") if p.get("class") == "psoas-fig-leg")
    last = leg.find(SVG + "animate").get("values").split(";")[-1]
    held_leg = next(
        p for p in ET.fromstring(held).iter(SVG + "polyline") if p.get("class") == "psoas-fig-leg"
    )
    assert last == held_leg.get("points")


@pytest.mark.parametrize(
    ("exercise", "hold_s", "elapsed", "t"),
    [
        # low lunge: the held pose is the key at 0.3 of its 8 s loop, reached after 2.4 s
        ("low-lunge", 30, 1.2, 0.15),
        ("low-lunge", 30, 29.9, 0.3),
        # kneeling: keys 0, 0.15, 0.35, 0.8; the held pose at 0.35 of 8 s = 2.8 s in
        ("kneeling-hip-flexor-stretch", 30, 1.4, 0.175),
        ("kneeling-hip-flexor-stretch", 30, 25.0, 0.35),
        # bridge, a 5 s hold: its 0.35 x 8 = 2.8 s ease is cut to half the hold, 2.5 s
        ("ground-bridge", 5, 1.25, 0.175),
        ("ground-bridge", 5, 4.9, 0.35),
    ],
)
def test_hold_timing_by_hand(exercise, hold_s, elapsed, t):
    assert hold_t(FIGURES[exercise], elapsed, hold_s) == pytest.approx(t)


ALTERNATING = sorted(ex for ex in SETS if FIGURES[ex].reps_per_loop == 2)


@pytest.mark.parametrize(("exercise", "side"), [(e, s) for e in ALTERNATING for s in SIDES])
def test_one_leg_per_counted_repetition(exercise, side):
    """In each counted repetition one hip moves (30 degrees or more) and the other rests; the
    next repetition is the other leg's (or the other way round the circle)."""
    seg, fig = WORK[exercise], FIGURES[exercise]
    rep_s = seg.seconds / seg.count
    movers = []
    for k in range(4):
        hips = {"hip": [], "other_hip": [], "hip_out": []}
        for n in range(21):
            elapsed = (k + n / 20) * rep_s * 0.999
            progress, loop_s = player_timing(
                seg.kind, seg.seconds, seg.count, elapsed, fig.cycle_s, fig.reps_per_loop
            )
            assert loop_s == pytest.approx(2 * rep_s)
            angles = frame(fig, progress, side).angles
            for joint in hips:
                hips[joint].append(angles[joint])
        spread = {j: max(v) - min(v) for j, v in hips.items()}
        if fig.view == "above":  # a circle: out first one round, across first the next
            first = hips["hip_out"][:10]
            movers.append("out" if sum(first) > 0 else "across")
            assert spread["other_hip"] < 1 and spread["hip_out"] >= 25
        else:
            moving = [j for j in ("hip", "other_hip") if spread[j] >= 30]
            assert len(moving) == 1, spread
            assert spread[{"hip": "other_hip", "other_hip": "hip"}[moving[0]]] < 1
            movers.append(moving[0])
    if fig.view == "above":
        assert movers == ["out", "across", "out", "across"]  # one way, then the other
    else:
        assert movers == ["hip", "other_hip", "hip", "other_hip"]


def test_march_timing_by_hand():
    # 20 in all at 5 s: 100 s; a loop shows both legs, 10 s. At 7.5 s the second counted
    # repetition is half done: progress 0.75, the key "the other foot lowered" (other hip 50).
    progress, loop_s = player_timing("set", 100, 20, 7.5, 10.0, 2)
    assert (progress, loop_s) == (0.75, 10.0)
    assert frame(FIGURES["psoas-march"], progress).angles["other_hip"] == pytest.approx(50.0)


@pytest.mark.parametrize(("exercise", "side"), [(e, s) for e in SETS for s in SIDES])
def test_the_paused_still_is_the_pose_of_that_moment(exercise, side):
    seg, fig = WORK[exercise], FIGURES[exercise]
    name = CATALOG.exercises[exercise].name
    clock = Clock()
    view = FigureView(clock=clock)
    for elapsed in (0.7, seg.seconds / seg.count * 1.3, seg.seconds * 0.61):
        clock.now += 1
        progress, _ = player_timing(
            seg.kind, seg.seconds, seg.count, elapsed, fig.cycle_s, fig.reps_per_loop
        )
        shown = _shown(view, exercise, side, elapsed, paused=True)
        assert shown == pose_svg(fig, side, progress, name=name, fit=view.stage)
        assert "<animate" not in shown
