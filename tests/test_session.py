"""What the players show: countdown text, sides, repetitions, the warm-up rule."""

from __future__ import annotations

import pytest

from psoas_lib import load_catalog
from psoas_lib.coaching.session import needs_warm_up, repetition_text, side_text
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
        ("desk-reset", True),
        ("strength-builder", True),
        ("post-workout-release", True),
        ("pre-activity-warm-up", False),  # dynamic moves only
        ("full-programme", False),  # begins with its own dynamic warm-up
    ],
)
def test_warm_up_rule(routine_id, needed):
    assert needs_warm_up(load_catalog().routines[routine_id]) == needed
