"""What the player shows, decided without widgets (psoas_lib/coaching/player_display.py).

The states are written by hand (no timer runs): a routine's timer state at a moment, with the
flags a session adds (a pain stop, a dose that may not change). Expected texts come from the
data (the kneeling stretch is named "Kneeling hip-flexor (psoas) stretch", the low lunge
"Low lunge (Anjaneyasana)", the third step of the stretch says how long to hold) and the
display rules: m:ss positions, seconds left rounded up.
"""

from __future__ import annotations

import pytest

from psoas_lib import load_catalog
from psoas_lib.coaching.player_display import log_summary, player_display
from psoas_lib.coaching.timer import TimerState
from psoas_lib.content.routine import Segment

KNEEL = "kneeling-hip-flexor-stretch"
HOLD = Segment("hold", 30, KNEEL, "left", round=2, rounds=3)
REST = Segment("rest", 20, "low-lunge")


def _state(
    segment: Segment = HOLD,
    next_segment: Segment | None = REST,
    *,
    remaining: float = 12.4,
    started: bool = True,
    paused: bool = False,
    stopped: bool = False,
    finished: bool = False,
) -> TimerState:
    return TimerState(
        index=7,
        segment=segment,
        next_segment=next_segment,
        remaining=remaining,
        segment_elapsed=segment.seconds - remaining,
        segment_fraction=0.25,
        position=425.0,
        total=795.0,
        fraction_done=0.5,
        elapsed=430.0,
        started=started,
        paused=paused,
        stopped=stopped,
        finished=finished,
        rep=None,
        reps=None,
    )


@pytest.fixture(scope="module")
def routine():
    return load_catalog(user=False).routines["desk-reset"]


def test_the_stage_texts_of_a_hold(routine):
    shown = player_display(_state(), routine)
    assert shown.phase == "Hold"
    assert shown.exercise == "Kneeling hip-flexor (psoas) stretch"
    assert shown.side == "Left leg"
    assert shown.rep == "Hold 2 of 3"
    assert shown.countdown == "13"  # 12.4 s left, rounded up
    assert shown.routine_time == "7:05 of 13:15"  # 425 s of 795 s
    assert (shown.segment_fraction, shown.routine_fraction) == (0.25, 0.5)
    assert shown.next_up == "Next: Rest. Next up: Low lunge (Anjaneyasana)"
    assert len(shown.steps) == 4
    assert shown.steps[2].startswith("Breathe slowly") and "30 seconds" in shown.steps[2]


def test_a_rest_names_what_comes_and_the_last_step_the_end(routine):
    shown = player_display(_state(REST, None, remaining=75.0), routine)
    assert shown.phase == "Rest · next up"
    assert shown.exercise == "Low lunge (Anjaneyasana)"
    assert shown.countdown == "1:15"
    assert (shown.side, shown.rep) == ("", "")
    assert shown.next_up == "Next: the end"


def test_a_step_of_no_exercise_in_the_routine_shows_no_steps(routine):
    shown = player_display(_state(Segment("hold", 30, "not-here")), routine)
    assert (shown.exercise, shown.steps) == ("", ())


# started, paused, stopped, finished, pain, pain_here, fixed ->
# start, start on, controls on, picker on, full dose on, toggle, status, colour
CASES = [
    ("not started", dict(started=False), {}, ("Start", True, False, True, True, "Pause", None)),
    ("running", {}, {}, ("Start", False, True, False, False, "Pause", "")),
    (
        "paused",
        dict(paused=True),
        {},
        ("Start", False, True, False, False, "Resume", "Paused: press Resume when you are ready."),
    ),
    (
        "finished",
        dict(finished=True),
        {},
        ("Start again", True, False, True, True, "Pause", "Finished. Well done!"),
    ),
    (
        "stopped",
        dict(stopped=True),
        {},
        ("Start again", True, False, True, True, "Pause", "Stopped."),
    ),
    (
        "stopped while paused",
        dict(stopped=True, paused=True),
        {},
        ("Start again", True, False, True, True, "Resume", "Stopped."),
    ),
    (
        "a pain stop keeps its own status and Start off",
        dict(stopped=True),
        dict(pain=True, pain_here=True),
        ("Start again", False, False, True, True, "Pause", None),
    ),
    (
        "a fixed dose keeps the full-dose box off",
        dict(started=False),
        dict(dose_fixed=True),
        ("Start", True, False, True, False, "Pause", None),
    ),
]


@pytest.mark.parametrize(("case", "state", "session", "expected"), CASES, ids=[c[0] for c in CASES])
def test_which_controls_may_be_pressed_and_the_status(routine, case, state, session, expected):
    shown = player_display(_state(**state), routine, **session)
    got = (
        shown.start,
        shown.start_enabled,
        shown.controls_enabled,
        shown.choosing_enabled,
        shown.full_dose_enabled,
        shown.toggle,
        shown.status,
    )
    assert got == expected


@pytest.mark.parametrize(
    ("segment", "remaining", "state", "colour"),
    [
        (HOLD, 12.4, {}, "normal"),
        (HOLD, 2.5, {}, "final"),  # the last 3 s of a hold of more than 4 s
        (HOLD, 3.0, {}, "final"),
        (HOLD, 3.1, {}, "normal"),
        (Segment("hold", 4, KNEEL, "left"), 2.0, {}, "normal"),  # too short to count down
        (REST, 2.0, {}, "normal"),  # a pause does not count down
        (HOLD, 2.5, dict(paused=True), "idle"),
        (HOLD, 12.4, dict(started=False), "idle"),
        (HOLD, 0.0, dict(finished=True), "idle"),
    ],
)
def test_the_countdown_colour(routine, segment, remaining, state, colour):
    shown = player_display(_state(segment, None, remaining=remaining, **state), routine)
    assert shown.countdown_colour == colour


@pytest.mark.parametrize(
    ("finished", "elapsed", "done", "of", "text"),
    [
        (True, 795.0, 6, 6, "Finished after 13:15; exercises done: 6 of 6. Log it?"),
        (False, 59.9, 0, 6, "Stopped after 0:59; exercises done: 0 of 6. Log it?"),
        (False, 430.0, 3, 6, "Stopped after 7:10; exercises done: 3 of 6. Log it?"),
    ],
)
def test_the_log_summary(finished, elapsed, done, of, text):
    state = _state(finished=finished, stopped=not finished)
    state = TimerState(**{**state.__dict__, "elapsed": elapsed})
    assert log_summary(state, done, of) == text
