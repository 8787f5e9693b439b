"""The one cue system: the script of a timeline, worked out by hand, and the cue due
between two timer states (which is always a cue of that script).

Timeline of the due-cue tests: get-ready 0–4, hold 4–14 (countdown at 11, 12, 13),
switch 14–16, hold 16–19 (3 s: too short for a countdown), set 19–27 (no countdown),
end at 27.
"""

from __future__ import annotations

import pytest

from psoas_lib import load_catalog
from psoas_lib.coaching.cues import (
    Cue,
    countdown_number,
    cue_script,
    cues_between,
    due_cue,
    final_seconds,
    has_countdown,
)
from psoas_lib.coaching.timer import RoutineTimer
from psoas_lib.content.routine import Segment

NAMES = {"a": "Alpha stretch", "b": "Beta raise"}
TIMELINE = [
    Segment("get-ready", 10, "a"),  # 0-10
    Segment("hold", 6, "a", "left"),  # 10-16: 3-2-1 at 13, 14, 15
    Segment("switch", 5, "a"),  # 16-21
    Segment("hold", 6, "a", "right"),  # 21-27: 3-2-1 at 24, 25, 26
    Segment("rest", 15, "b"),  # 27-42
    Segment("set", 12, "b", count=3),  # 42-54: no countdown for sets
]

EXPECTED = [
    (0, "Get ready: Alpha stretch"),
    (10, "Alpha stretch, left leg. Hold 6 seconds"),
    (13, "3"),
    (14, "2"),
    (15, "1"),
    (16, "Switch sides"),
    (21, "Alpha stretch, right leg. Hold 6 seconds"),
    (24, "3"),
    (25, "2"),
    (26, "1"),
    (27, "Rest. Next up: Beta raise"),
    (42, "Beta raise. 3 repetitions"),
    (54, "Well done"),
]


def test_cue_script_of_a_hand_built_timeline():
    assert [(c.at, c.text) for c in cue_script(TIMELINE, NAMES)] == EXPECTED


@pytest.mark.parametrize(
    ("hold_s", "countdown_at"),
    [
        (4, []),  # too short for a 3-2-1
        (5, [2, 3, 4]),
        (30, [27, 28, 29]),
    ],
)
def test_countdown_before_a_hold_ends(hold_s, countdown_at):
    script = cue_script([Segment("hold", hold_s, "a")], NAMES)
    assert [c.at for c in script if c.kind == "countdown"] == countdown_at


@pytest.mark.parametrize(
    ("after", "until", "texts"),
    [
        (0, 10, ["Alpha stretch, left leg. Hold 6 seconds"]),
        (12.9, 13.0, ["3"]),
        (13.0, 13.9, []),  # nothing new within the same second
        (15.5, 21.5, ["Switch sides", "Alpha stretch, right leg. Hold 6 seconds"]),
        (30, 20, []),  # time went back (the Back button): nothing is due
    ],
)
def test_cues_between(after, until, texts):
    assert [c.text for c in cues_between(cue_script(TIMELINE, NAMES), after, until)] == texts


def test_every_segment_of_every_preset_starts_with_a_cue():
    for routine in load_catalog().routines.values():
        script = cue_script(routine)
        starts = [c for c in script if c.kind == "start"]
        assert len(starts) == len(routine.timeline())
        assert script[-1] == Cue(routine.total_seconds, "Well done", "end", len(routine.timeline()))


DUE_TIMELINE = [
    Segment("get-ready", 4, "a"),
    Segment("hold", 10, "a", "left"),
    Segment("switch", 2, "a"),
    Segment("hold", 3, "a", "right"),
    Segment("set", 8, "b", count=4),
]


def states(t1: float | None, t2: float, action: str = ""):
    now = [0.0]
    timer = RoutineTimer(DUE_TIMELINE, clock=lambda: now[0])
    timer.start()
    before = None
    if t1 is not None:
        now[0] = t1
        before = timer.state()
    now[0] = t2
    if action:
        getattr(timer, action)()
    return before, timer.state()


@pytest.mark.parametrize(
    ("t1", "t2", "action", "cue"),
    [
        (None, 0, "", ("start", 0, 0)),  # the first segment starts
        (0, 1, "", None),
        (3.9, 4.0, "", ("start", 4, 1)),
        (10, 10.9, "", None),  # 3.1 s left
        (10.9, 11.0, "", ("countdown", 11, 1)),  # "3" at 14 - 3
        (11.0, 11.5, "", None),
        (11.5, 12.0, "", ("countdown", 12, 1)),  # "2"
        (12.25, 13.25, "", ("countdown", 13, 1)),  # "1"
        (10.5, 13.5, "", ("countdown", 13, 1)),  # a late tick: only the latest, "1"
        (13.5, 14.2, "", ("start", 14, 2)),
        (16.5, 17.5, "", None),  # a 3 s hold has no countdown
        (24, 26, "", None),  # nor has a set
        (26, 28, "", ("end", 27, 5)),
        (27, 30, "", None),  # the end is cued once
        (5, 5, "skip", ("start", 14, 2)),  # Skip starts a segment too
        (5, 6, "stop", None),  # Stop: no cue
        (12.5, 12.5, "pause", None),
    ],
)
def test_due_cue_is_the_script_cue_due(t1, t2, action, cue):
    script = cue_script(DUE_TIMELINE, {"a": "Alpha", "b": "Beta"})
    due = due_cue(script, *states(t1, t2, action))
    assert (None if due is None else (due.kind, due.at, due.index)) == cue
    assert due is None or due in script


@pytest.mark.parametrize(
    ("t", "number"),
    [(0, None), (10.9, None), (11, 3), (11.2, 3), (12.1, 2), (13.99, 1), (17.5, None), (26, None)],
)
def test_countdown_number_and_colour(t, number):
    _, state = states(None, t)
    assert countdown_number(state) == number
    assert final_seconds(state) == (number is not None)


@pytest.mark.parametrize(
    ("segment", "counts"),
    [
        (Segment("hold", 4, "a"), False),
        (Segment("hold", 5, "a"), True),
        (Segment("set", 40, "a", count=8), False),
        (Segment("move", 30, "a"), False),
        (Segment("rest", 15, "a"), False),
    ],
)
def test_one_countdown_rule_for_script_and_display(segment, counts):
    assert has_countdown(segment) == counts
    script = cue_script([segment])
    assert any(c.kind == "countdown" for c in script) == counts
    # the display turns red exactly when the script counts: 1 s before the end
    now = [0.0]
    timer = RoutineTimer([segment], clock=lambda: now[0])
    timer.start()
    now[0] = segment.seconds - 0.5
    assert final_seconds(timer.state()) == counts


def test_a_run_without_skips_gives_the_whole_script_in_order():
    """Ticking every 0.25 s through a preset gives every cue of its script exactly once."""
    routine = load_catalog().routines["desk-reset"]
    script = cue_script(routine)
    now = [0.0]
    timer = RoutineTimer(routine, clock=lambda: now[0])
    timer.start()
    given, before = [], None
    while True:
        state = timer.state()
        cue = due_cue(script, before, state)
        if cue is not None:
            given.append(cue)
        before = state
        if state.over:
            break
        now[0] += 0.25
    assert given == script
