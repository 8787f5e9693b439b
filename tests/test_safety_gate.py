"""The safety gate (psoas_lib.coaching.safety_gate), alone: a thin adapter over the state.

The rules are psoas_lib.coaching.safety's (tests/test_safety.py): the gate must give the
state's own answer, read anew at each question, remember it, leave the held-out exercises
out, and refuse everything after a pain stop in this player without asking.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from psoas_lib import load_catalog
from psoas_lib.coaching.safety import (
    PAIN_AGAIN,
    Assessed,
    Clearance,
    PainStop,
    SafetyState,
)
from psoas_lib.coaching.safety_gate import SafetyGate

NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
DESK = load_catalog().routines["desk-reset"]  # marching, swings, tilt, warrior I, kneeling, lunge
LUNGE = "low-lunge"
TWO_LUNGE_STOPS = (PainStop(NOW - 5 * DAY, LUNGE), PainStop(NOW - 3 * DAY, LUNGE))

STATES = {
    "clear": (SafetyState(), False, ()),
    "red flag": (SafetyState(assessments=(Assessed(NOW - DAY, True),)), True, ()),
    "red flag, then cleared": (
        SafetyState(
            assessments=(Assessed(NOW - 2 * DAY, True),), clearances=(Clearance(NOW - DAY),)
        ),
        False,
        (),
    ),
    "two pain stops in the lunge": (SafetyState(pain_stops=TWO_LUNGE_STOPS), False, (LUNGE,)),
    "assessments unreadable": (SafetyState(unreadable="line 3 is damaged."), True, ()),
}


@pytest.mark.parametrize("name", STATES)
def test_the_gate_gives_the_states_own_answer(name):
    state, refused, held_out = STATES[name]
    gate = SafetyGate(lambda: state)
    assert gate.refuses(DESK, NOW) is refused
    assert gate.verdict == state.verdict(DESK, NOW)
    assert gate.refusal == (gate.verdict if refused else None)
    assert gate.held_out == held_out


@pytest.mark.parametrize(
    "held_out, left",
    [
        ((), 6),  # desk reset's six exercises
        ((LUNGE,), 5),
    ],
)
def test_the_held_out_exercises_are_left_out_of_what_runs(held_out, left):
    gate = SafetyGate(lambda: SafetyState(pain_stops=TWO_LUNGE_STOPS if held_out else ()))
    gate.refuses(DESK, NOW)
    runs = gate.leave_out(DESK)
    assert len(runs.items) == left and (LUNGE in runs.exercise_ids) is not bool(held_out)


def test_the_state_is_read_anew_at_each_question():
    states = [SafetyState(), SafetyState(assessments=(Assessed(NOW - DAY, True),))]
    gate = SafetyGate(lambda: states[0])
    assert not gate.refuses(DESK, NOW)
    states.pop(0)  # a red-flag assessment was saved meanwhile
    assert gate.refuses(DESK, NOW) and gate.refusal is not None and gate.refusal.red_flag
    states[0] = SafetyState(
        assessments=(Assessed(NOW - DAY, True),), clearances=(Clearance(NOW - DAY / 2),)
    )
    assert not gate.refuses(DESK, NOW) and gate.refusal is None


def test_after_a_pain_stop_here_nothing_starts_and_the_state_is_not_asked():
    asked = []
    gate = SafetyGate(lambda: asked.append(1) or SafetyState())
    assert not gate.refuses(DESK, NOW) and asked == [1]
    gate.pain_stopped()
    assert gate.refuses(DESK, NOW) and gate.refuses(DESK, NOW + DAY)
    assert gate.refusal is not None and gate.refusal.reasons == (PAIN_AGAIN,)
    assert asked == [1] and gate.pain_here
