"""Counting a hold only while in position: the gate over the real drift-free timer."""

from __future__ import annotations

import pytest

from psoas_lib.coaching.form_check import IN_POSITION, NOT_SURE, OUT_OF_POSITION, FormState
from psoas_lib.coaching.form_gate import HoldGate, PositionShare, setup_problems
from psoas_lib.coaching.timer import RoutineTimer
from psoas_lib.content.pose_rules import PoseRule
from psoas_lib.content.routine import Segment

LEAN = PoseRule("trunk-upright", "trunk", None, None, 20, "Lift your chest.")
KNEE = PoseRule("front-knee", "knee", "front", 70, 115, "Knee over the ankle.")
IN, OUT = FormState(IN_POSITION), FormState(OUT_OF_POSITION, (LEAN,))
OUT_KNEE = FormState(OUT_OF_POSITION, (KNEE,))
UNSURE = FormState(NOT_SURE, unseen="legs")


def run(verdicts, hold_s=30.0):
    """Feed (time, verdict) pairs to a gate driving a real timer on a fake clock.

    Returns the timer and the actions; the timer's clock reads the time of each verdict.
    """
    now = [0.0]
    timer = RoutineTimer([Segment("hold", hold_s, "low-lunge")], clock=lambda: now[0])
    timer.start()
    gate, actions = HoldGate(), []
    for t, verdict in verdicts:
        now[0] = t
        s = timer.state()
        act = gate.update(verdict, t, holding=s.segment.kind == "hold", running=s.running)
        if act.pause:
            timer.pause()
        if act.resume:
            timer.resume()
        actions.append(act)
    return timer, actions


def test_the_hold_pauses_after_a_second_out_and_resumes_when_back():
    # in until 5 s, out from 5 s to 9 s, in again from 9 s: the pause starts when the
    # verdict at 6.5 s finds more than 1 s out, and ends at 9 s -> 2.5 s not counted
    verdicts = [(t / 2, IN) for t in range(0, 10)]  # 0 .. 4.5
    verdicts += [(5.0, OUT), (5.5, OUT), (6.0, OUT), (6.5, OUT), (7.0, OUT), (8.5, OUT)]
    verdicts += [(9.0, IN), (12.0, IN)]
    timer, actions = run(verdicts)
    pauses = [i for i, a in enumerate(actions) if a.pause]
    resumes = [i for i, a in enumerate(actions) if a.resume]
    assert [verdicts[i][0] for i in pauses] == [6.5]
    assert [verdicts[i][0] for i in resumes] == [9.0]
    # 12 s of wall time, 2.5 s of it paused: 9.5 s of the 30 s hold done
    assert timer.state().remaining == pytest.approx(30 - 9.5)
    assert actions[pauses[0]].words == "Hold paused: out of position. Lift your chest."


def test_a_drift_shorter_than_a_second_changes_nothing():
    timer, actions = run([(0.0, IN), (1.0, OUT), (1.9, OUT), (2.0, IN), (10.0, IN)])
    assert not any(a.pause or a.resume for a in actions)
    assert timer.state().remaining == pytest.approx(20.0)


def test_one_cue_at_a_time_with_a_cool_down():
    # out from 0 s, all the time: cues at 1.5 s, then not before 7.5 s (6 s apart),
    # whatever rule fails in between
    times = [0.0, 1.5, 2.0, 4.0, 7.0, 7.5, 8.0, 13.5]
    verdicts = [(t, OUT if t < 4 else OUT_KNEE) for t in times]
    _, actions = run(verdicts)
    said = [(t, a.say) for (t, _), a in zip(verdicts, actions, strict=True) if a.say]
    assert said == [
        (1.5, "Lift your chest."),
        (7.5, "Knee over the ankle."),
        (13.5, "Knee over the ankle."),
    ]


def test_not_sure_neither_pauses_nor_resumes():
    timer, actions = run([(0.0, UNSURE), (5.0, UNSURE), (10.0, UNSURE)])
    assert not any(a.pause or a.resume for a in actions)
    assert timer.state().remaining == pytest.approx(20.0)
    assert actions[-1].words == "Not sure: the camera cannot see your legs"
    # paused for being out: not sure keeps it paused
    timer, actions = run([(0.0, OUT), (1.5, OUT), (3.0, UNSURE), (10.0, UNSURE)])
    assert actions[1].pause and timer.state().paused
    assert timer.state().remaining == pytest.approx(28.5)


def test_a_pause_the_person_made_is_never_resumed_by_the_gate():
    gate = HoldGate()
    gate.update(IN, 0.0, holding=True, running=True)
    act = gate.update(IN, 5.0, holding=True, running=False)  # paused with the Pause button
    assert not act.resume


def test_leaving_the_hold_undoes_the_gate_pause():
    gate = HoldGate()
    gate.update(OUT, 0.0, holding=True, running=True)
    assert gate.update(OUT, 2.0, holding=True, running=True).pause
    assert gate.update(OUT, 3.0, holding=False, running=False).resume  # Skip to a rest


def _pose(left, right, nose=0.9):
    pts = {
        f"{s}_{p}": (0.0, 0.0, v)
        for s, v in (("left", left), ("right", right))
        for p in ("shoulder", "hip", "knee", "ankle")
    }
    return {**pts, "nose": (0.0, 0.0, nose)}


@pytest.mark.parametrize(
    ("pose", "side", "problems"),
    [
        (_pose(0.9, 0.4), "left", []),
        (
            _pose(0.4, 0.9),
            "left",
            ["Turn so your left side faces the camera, as the figure shows."],
        ),
        (_pose(0.4, 0.9), None, []),  # both sides at once: either side will do
        (
            _pose(0.9, 0.4, nose=0.1),
            "left",
            ["Step back or move the camera so your whole body, head to feet, is in the picture."],
        ),
        (
            _pose(0.2, 0.2),
            None,
            ["Step back or move the camera so your whole body, head to feet, is in the picture."],
        ),
    ],
)
def test_setup_check(pose, side, problems):
    assert setup_problems(pose, side) == problems


def test_without_pausing_the_cues_still_come():
    gate = HoldGate()
    gate.update(OUT, 0.0, holding=True, running=True, pausing=False)
    act = gate.update(OUT, 1.5, holding=True, running=True, pausing=False)
    assert (act.pause, act.say, act.words) == (False, "Lift your chest.", OUT.words)
    assert not gate.update(IN, 2.0, holding=True, running=True, pausing=False).resume


@pytest.mark.parametrize(
    ("verdicts", "share"),
    [
        # (time, status, counting): each interval counts for its first verdict's status
        ([(0, IN_POSITION, True), (10, IN_POSITION, True)], 1.0),
        ([(0, IN_POSITION, True), (6, OUT_OF_POSITION, True), (10, IN_POSITION, True)], 0.6),
        # not sure 4-9 s left out: in 4 of 5 judged seconds
        (
            [
                (0, IN_POSITION, True),
                (4, NOT_SURE, True),
                (9, OUT_OF_POSITION, True),
                (10, IN_POSITION, True),
            ],
            0.8,
        ),
        # paused (not counting) 2-8 s: in 2 s, out 2 s
        (
            [
                (0, IN_POSITION, True),
                (2, OUT_OF_POSITION, False),
                (8, OUT_OF_POSITION, True),
                (10, IN_POSITION, True),
            ],
            0.5,
        ),
        ([(0, NOT_SURE, True), (10, NOT_SURE, True)], None),
    ],
)
def test_share_of_the_hold_in_position(verdicts, share):
    tally = PositionShare()
    for t, status, counting in verdicts:
        tally.add("low-lunge", status, t, counting=counting)
    assert tally.share("low-lunge") == (pytest.approx(share) if share is not None else None)


def test_share_is_kept_per_exercise():
    tally = PositionShare()
    tally.add("low-lunge", IN_POSITION, 0, counting=True)
    tally.add("warrior-one", OUT_OF_POSITION, 5, counting=True)  # lunge: 5 s in
    tally.add("warrior-one", IN_POSITION, 7, counting=True)  # warrior: 2 s out
    tally.add("warrior-one", IN_POSITION, 13, counting=True)  # warrior: 6 s in
    assert tally.share("low-lunge") == 1.0
    assert tally.share("warrior-one") == pytest.approx(6 / 8)
