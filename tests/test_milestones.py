"""Milestones for the polite announcer: which moments are said, and never the seconds."""

from __future__ import annotations

import pytest

from psoas_lib.coaching.cues import Cue, cue_script
from psoas_lib.coaching.milestones import cue_milestone, time_milestone
from psoas_lib.coaching.timer import RoutineTimer
from psoas_lib.content.routine import Segment


@pytest.mark.parametrize(
    ("kind", "text", "said"),
    [
        ("start", "Switch sides", "Switch sides"),
        ("end", "Well done", "Well done"),
        ("countdown", "2", None),
    ],
)
def test_cue_milestone(kind, text, said):
    assert cue_milestone(Cue(at=1, text=text, kind=kind, index=0)) == said


def test_no_countdown_number_is_a_milestone():
    timeline = [Segment("get-ready", 5), Segment("hold", 30, "a", "left")]
    said = [cue_milestone(c) for c in cue_script(timeline, {"a": "Lunge"})]
    assert not any(s in ("3", "2", "1") for s in said if s)


# Times worked by hand: a 30 s hold after 5 s of get-ready ends at 35 s; 10 s left at 25 s.
@pytest.mark.parametrize(
    ("seconds", "t_before", "t_after", "said"),
    [
        (30, 24.8, 25.1, "10 seconds left"),  # crossed 10 s left
        (30, 25.1, 25.6, None),  # already past it: said once only
        (30, 20.0, 24.9, None),  # not yet
        (15, 5.0, 19.9, None),  # a 15 s hold is too short to warn (under 20 s)
        (20, 14.9, 15.2, "10 seconds left"),  # 20 s: long enough (ends at 25 s)
    ],
)
def test_time_milestone(seconds, t_before, t_after, said):
    now = [0.0]
    timer = RoutineTimer(
        [Segment("get-ready", 5), Segment("hold", seconds, "a")], clock=lambda: now[0]
    )
    timer.start()
    now[0] = t_before
    before = timer.state()
    now[0] = t_after
    assert time_milestone(before, timer.state()) == said


def test_a_paused_timer_announces_nothing():
    now = [0.0]
    timer = RoutineTimer([Segment("hold", 30, "a")], clock=lambda: now[0])
    timer.start()
    now[0] = 19.0
    before = timer.state()  # 11 s left
    now[0] = 20.5
    timer.pause()  # paused at 9.5 s left: crossed, but a paused timer says nothing
    assert timer.state().remaining < 10
    assert time_milestone(before, timer.state()) is None
