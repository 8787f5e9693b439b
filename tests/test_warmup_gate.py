"""The warm-up gate (psoas_lib.coaching.warmup_gate), alone: static holds only after a warm-up.

The routines are the presets: "post-workout-release" opens with knee-to-chest (static holds,
no dynamic moves: it needs a warm-up); "desk-reset" opens with 5 minutes of marching and
swings; "pre-activity-warm-up" is moves only: 10 s to get ready, 180 s marching, a 15 s rest,
then 4 × 30 s of swings with 5 s switches, 340 s in all of which 300 s are moves.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from psoas_lib import load_catalog
from psoas_lib.coaching.warmup_gate import WarmUpGate
from psoas_lib.journal.store import Journal

ROUTINES = load_catalog().routines
HOLDS, DESK, WARM_UP = "post-workout-release", "desk-reset", "pre-activity-warm-up"
NOW = datetime(2026, 3, 2, 7, 30, tzinfo=timezone(timedelta(hours=1)))


def gate_at(home, minutes: float = 0) -> tuple[WarmUpGate, list[datetime]]:
    """A gate whose clock reads NOW + ``minutes`` (the list holds it, to move it on)."""
    now = [NOW + timedelta(minutes=minutes)]
    return WarmUpGate(home, now=lambda: now[0]), now


@pytest.mark.parametrize("routine_id, due", [(HOLDS, True), (DESK, False), (WARM_UP, False)])
def test_only_static_holds_without_a_warm_up_opening_are_due(psoas_home, routine_id, due):
    gate, _ = gate_at(psoas_home)
    assert gate.due(ROUTINES[routine_id], ROUTINES) is due


@pytest.mark.parametrize(
    "minutes_later, due",
    [(0, False), (10, False), (30, False), (31, True)],  # a confirmation holds 30 minutes
)
def test_a_confirmation_counts_for_30_minutes(psoas_home, minutes_later, due):
    gate, now = gate_at(psoas_home)
    gate.confirm()
    now[0] += timedelta(minutes=minutes_later)
    assert gate.due(ROUTINES[HOLDS], ROUTINES) is due
    assert gate.tags(ROUTINES[HOLDS]) == (set() if due else {"warmed up"})


@pytest.mark.parametrize(
    "routine_id, done_s, counted",
    [
        (WARM_UP, 340, True),  # all 300 s of moves
        (WARM_UP, 339, False),  # the last swing cut a second short: 299 s of moves
        (WARM_UP, 190, False),  # the marching only: 180 s
        (DESK, ROUTINES[DESK].total_seconds, True),  # it opens with 5 minutes of moves
        (HOLDS, ROUTINES[HOLDS].total_seconds, False),  # no moves at all
    ],
)
def test_a_run_here_counts_when_it_did_5_minutes_of_moves(psoas_home, routine_id, done_s, counted):
    gate, now = gate_at(psoas_home)
    assert gate.ran(ROUTINES[routine_id], done_s) is counted
    assert gate.due(ROUTINES[HOLDS], ROUTINES) is not counted
    now[0] += timedelta(minutes=31)  # it lasts 30 minutes
    assert gate.due(ROUTINES[HOLDS], ROUTINES)


@pytest.mark.parametrize(
    "ended_minutes_ago, pain_stop, due",
    [
        (20, False, False),  # logged 20 minutes ago: still warm
        (30, False, False),
        (40, False, True),  # too long ago
        (20, True, True),  # a warm-up stopped for pain does not count
    ],
)
def test_a_warm_up_logged_in_the_journal_counts(psoas_home, ended_minutes_ago, pain_stop, due):
    done = ROUTINES[WARM_UP].total_seconds  # 340 s
    Journal(psoas_home).add_session(
        started_at=NOW - timedelta(minutes=ended_minutes_ago, seconds=done),
        routine_id=WARM_UP,
        planned_s=done,
        completed_s=done,
        exercises_done=["marching-in-place", "leg-swings"],
        pain_stop=pain_stop,
    )
    gate, _ = gate_at(psoas_home)
    assert gate.due(ROUTINES[HOLDS], ROUTINES) is due
    assert gate.tags(ROUTINES[HOLDS]) == set()  # logged, not confirmed: no tag


def test_a_journal_that_cannot_be_read_counts_as_no_warm_up(psoas_home):
    (psoas_home / "sessions.csv").mkdir()  # a folder where the file should be
    gate, _ = gate_at(psoas_home)
    assert gate.due(ROUTINES[HOLDS], ROUTINES)
    assert not gate.due(ROUTINES[DESK], ROUTINES)


@pytest.mark.parametrize("routine_id, tags", [(HOLDS, {"warmed up"}), (DESK, set())])
def test_only_a_routine_that_needs_it_is_tagged_warmed_up(psoas_home, routine_id, tags):
    gate, _ = gate_at(psoas_home)
    gate.confirm()
    assert gate.tags(ROUTINES[routine_id]) == tags
