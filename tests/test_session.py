"""What the players show: countdown text, sides, repetitions, the warm-up rule."""

from __future__ import annotations

import pytest

from psoas_lib import load_catalog, make_routine
from psoas_lib.coaching.session import (
    WARM_UP_MIN_S,
    needs_warm_up,
    repetition_text,
    session_tags,
    side_text,
    tag_notes,
    warm_up_seconds,
)
from psoas_lib.coaching.timer import RoutineTimer
from psoas_lib.content.routine import Segment


@pytest.mark.parametrize(
    ("segment", "following", "text"),
    [
        (Segment("hold", 30, "a", "right"), None, "Right leg"),
        (Segment("set", 80, "a", count=20, alternating=True), None, "Alternating legs"),
        (Segment("hold", 10, "a"), None, ""),
        (Segment("switch", 5, "a"), Segment("hold", 30, "a", "left"), "Next: left leg"),
        (Segment("rest", 15, "b"), Segment("hold", 10, "b"), ""),
    ],
)
def test_side_text(segment, following, text):
    assert side_text(segment, following) == text


@pytest.mark.parametrize(
    ("segment", "t", "text"),
    [
        (Segment("set", 40, "a", count=8), 0, "Repetition 1 of 8"),
        (Segment("set", 40, "a", count=8), 12, "Repetition 3 of 8"),  # 5 s each
        (Segment("hold", 30, "a", "left", round=2, rounds=3), 1, "Hold 2 of 3"),
        (Segment("move", 30, "a", round=1, rounds=2), 1, "Set 1 of 2"),
        (Segment("hold", 30, "a", "left"), 1, ""),
        (Segment("rest", 15, "a"), 1, ""),
    ],
)
def test_repetition_text(segment, t, text):
    now = [0.0]
    timer = RoutineTimer([segment], clock=lambda: now[0])
    timer.start()
    now[0] = t
    assert repetition_text(timer.state()) == text


@pytest.mark.parametrize(
    ("routine_id", "needed"),
    [
        ("desk-reset", False),  # opens with 180 s marching + 4 × 30 s swings = 5 min
        ("strength-builder", True),  # the bridge is a hold
        ("post-workout-release", True),
        ("yoga-pilates-flow", True),
        ("pre-activity-warm-up", False),  # dynamic moves only
        ("full-programme", False),  # begins with 240 s marching + 2 × 30 s swings = 5 min
    ],
)
def test_warm_up_rule(routine_id, needed):
    assert needs_warm_up(load_catalog().routines[routine_id]) == needed


@pytest.mark.parametrize(
    ("items", "moved", "needed"),
    [
        # the case: 15 s of leg swings (each side) before a hold no longer silences it
        ([{"exercise": "leg-swings", "duration_s": 15}, "low-lunge"], 30, True),
        # 290 s of marching: 10 s short of 5 minutes
        ([{"exercise": "marching-in-place", "duration_s": 290}, "low-lunge"], 290, True),
        ([{"exercise": "marching-in-place", "duration_s": 300}, "low-lunge"], 300, False),
        # moves after the first hold do not count: the holds come cold
        (["low-lunge", {"exercise": "marching-in-place", "duration_s": 300}], 0, True),
        # no holds at all: nothing to warm up for
        (["roll-up", "leg-circles"], 0, False),
    ],
)
def test_a_routine_is_warmed_up_by_its_content(items, moved, needed):
    routine = make_routine(load_catalog(), "Mine", items)
    assert (warm_up_seconds(routine), needs_warm_up(routine)) == (moved, needed)


def test_the_warm_up_preset_lasts_5_to_10_minutes():
    warm_up = load_catalog().for_role("warm-up")
    assert WARM_UP_MIN_S <= warm_up_seconds(warm_up) <= 10 * 60
    assert warm_up.total_seconds <= 10 * 60


@pytest.mark.parametrize(
    ("notes", "tags", "text"),
    [
        ("[warmed up] fine", {"warmed up"}, "fine"),
        ("[full dose] [warmed up]", {"warmed up", "full dose"}, ""),
        ("[Warmed up] an old note", set(), "[Warmed up] an old note"),  # exact tags only
        ("fine [full dose]", set(), "fine [full dose]"),  # only at the front
        ("", set(), ""),
    ],
)
def test_session_tags_read_back(notes, tags, text):
    assert session_tags(notes) == (tags, text)


@pytest.mark.parametrize("tags", [(), ("warmed up",), ("full dose", "warmed up")])
def test_tagged_notes_round_trip(tags):
    assert session_tags(tag_notes(" a note ", tags)) == (set(tags), "a note")
