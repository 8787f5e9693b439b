"""Checkpointing (psoas_lib.coaching.checkpointing), alone: progress kept, logged once.

The routine is the preset "desk-reset", on a clock the tests move: 10 s to get ready
(0-10), marching in place (10-190), a 15 s rest (190-205), then leg swings, 30 s a side with
a 5 s switch (205-235, 240-270), ... 795 s in all.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from psoas_lib import load_catalog
from psoas_lib.coaching.checkpointing import (
    KEEP_EVERY_S,
    STALE_ENV,
    Checkpointing,
    done_if_stopped_now,
    stale_after_s,
)
from psoas_lib.coaching.timer import RoutineTimer
from psoas_lib.errors import PsoasError
from psoas_lib.journal.checkpoint import CHECKPOINT_DIR, RECOVERED_NOTE, Checkpoints
from psoas_lib.journal.store import Journal

DESK = load_catalog().routines["desk-reset"]
ORDER = list(dict.fromkeys(item.exercise.id for item in DESK.items))
MARCH, SWINGS = "marching-in-place", "leg-swings"
STARTED = datetime(2026, 3, 2, 7, 30, tzinfo=timezone(timedelta(hours=1)))


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


def running(clock: Clock, home, at: float = 0, keep: bool = True):
    """A timer of desk reset started at 0 and moved to ``at``, and its checkpointing."""
    timer = RoutineTimer(DESK, clock=clock)
    kept = Checkpointing(home, clock=clock, keep=keep)
    timer.start()
    kept.start(DESK.id, DESK.name, DESK.total_seconds, STARTED, timer.state().index)
    clock.t += at
    return timer, kept


def test_the_promise_is_a_save_at_least_every_15_s():
    assert KEEP_EVERY_S == 12  # 15 s promised, 3 s of room for a late tick


@pytest.mark.parametrize(
    ("value", "seconds"), [(None, 45), ("3", 3), ("0", 0), ("x", 45), ("-1", 45)]
)
def test_the_age_rule_is_45_s_unless_a_test_sets_it(monkeypatch, value, seconds):
    if value is None:
        monkeypatch.delenv(STALE_ENV, raising=False)
    else:
        monkeypatch.setenv(STALE_ENV, value)
    assert stale_after_s() == seconds


@pytest.mark.parametrize(
    "at, done",
    [
        (5, []),  # getting ready: nothing under way
        (10, []),  # marching starts this instant: not under way yet
        (50, [MARCH]),  # 40 s into the marching
        (195, [MARCH]),  # the rest after it: the marching (180 s) is done
        (210, [MARCH, SWINGS]),  # 5 s into the swings
    ],
)
def test_what_a_stop_now_would_record(clock, psoas_home, at, done):
    timer, _ = running(clock, psoas_home, at)
    assert done_if_stopped_now(timer.state(), timer.exercises_done(), ORDER) == done


@pytest.mark.parametrize(
    "at, due",
    [
        (25, False),  # 5 s after the save at 20, in the same segment
        (31, False),  # 11 s
        (32, True),  # 12 s: KEEP_EVERY_S
        (195, True),  # a new segment (the rest)
    ],
)
def test_a_tick_saves_at_a_new_segment_or_every_12_s(clock, psoas_home, at, due):
    timer, kept = running(clock, psoas_home, 20)
    assert kept.keep(timer, ORDER) and kept.checkpoint.done_s == 20
    clock.t += at - 20
    assert kept.due(timer.state(), timer.completed_seconds()) is due


def test_the_end_not_saved_yet_is_due_once(clock, psoas_home):
    timer, kept = running(clock, psoas_home, 20)
    kept.keep(timer, ORDER)
    clock.t += 20
    timer.stop()
    assert kept.due(timer.state(), timer.completed_seconds())  # stopped at 40, saved at 20
    assert kept.keep(timer, ORDER) and kept.checkpoint.done_s == 40
    assert kept.checkpoint.exercises_done == (MARCH,)
    assert not kept.due(timer.state(), timer.completed_seconds())


def test_a_checkpoint_that_cannot_be_written_is_a_problem_not_an_error(clock, psoas_home):
    (psoas_home / CHECKPOINT_DIR).write_text("a file where the folder should be")
    timer, kept = running(clock, psoas_home, 20)
    assert kept.checkpoint is None and kept.problem.startswith("Progress is not being kept")
    assert not kept.keep(timer, ORDER) and not kept.due(timer.state(), 20)


def test_a_save_that_fails_later_says_so_and_a_good_one_clears_it(clock, psoas_home):
    timer, kept = running(clock, psoas_home, 20)
    path = kept.store.path(kept.checkpoint)
    path.unlink()
    path.mkdir()  # the checkpoint's file cannot be replaced now
    assert not kept.keep(timer, ORDER) and "not being kept" in kept.problem
    path.rmdir()
    assert kept.keep(timer, ORDER) and kept.problem is None


def test_without_keeping_progress_nothing_is_written_and_the_log_goes_straight(clock, psoas_home):
    timer, kept = running(clock, psoas_home, 50, keep=False)
    assert kept.checkpoint is None and not kept.keep(timer, ORDER)
    timer.stop()
    assert kept.log(timer, DESK, STARTED, notes="ok", tags={"full dose"})
    assert not (psoas_home / CHECKPOINT_DIR).exists()
    [row] = Journal(psoas_home).sessions().itertuples()
    assert (int(row.completed_s), row.notes, row.exercises_done) == (50, "[full dose] ok", MARCH)


def test_the_log_goes_through_the_checkpoint_once(clock, psoas_home):
    timer, kept = running(clock, psoas_home, 50)
    path = kept.store.path(kept.checkpoint)
    timer.stop()
    assert kept.log(timer, DESK, STARTED, tightness_before=6, tightness_after=4, tags=())
    assert kept.checkpoint is None and not path.exists()
    [row] = Journal(psoas_home).sessions().itertuples()
    assert (int(row.completed_s), int(row.tightness_before), int(row.tightness_after)) == (
        50,
        6,
        4,
    )


def test_a_session_another_player_recovered_is_not_logged_again(clock, psoas_home):
    timer, kept = running(clock, psoas_home, 50)
    kept.keep(timer, ORDER)
    assert Checkpoints(psoas_home).recover(kept.checkpoint)  # another player, 50 s done
    clock.t += 10
    timer.stop()
    assert kept.log(timer, DESK, STARTED) is False
    [row] = Journal(psoas_home).sessions().itertuples()
    assert int(row.completed_s) == 50 and row.notes == RECOVERED_NOTE


def test_a_log_that_fails_keeps_the_checkpoint_to_try_again(clock, psoas_home):
    timer, kept = running(clock, psoas_home, 50)
    timer.stop()
    (psoas_home / "sessions.csv").mkdir()  # the journal cannot be written
    with pytest.raises((PsoasError, OSError)):  # as the journal reports it
        kept.log(timer, DESK, STARTED)
    assert kept.checkpoint is not None
    (psoas_home / "sessions.csv").rmdir()
    assert kept.log(timer, DESK, STARTED) and len(Journal(psoas_home).sessions()) == 1


def test_drop_forgets_the_running_session(clock, psoas_home):
    _, kept = running(clock, psoas_home, 50)
    path = kept.store.path(kept.checkpoint)
    kept.drop()
    assert kept.checkpoint is None and not path.exists()
    kept.drop()  # nothing left to drop: nothing happens


def test_a_player_never_offers_its_own_session(clock, psoas_home, monkeypatch):
    monkeypatch.setenv(STALE_ENV, "0")  # every checkpoint counts as not saved for long
    _, kept = running(clock, psoas_home, 50)
    assert kept.unfinished() == []
    other = Checkpointing(psoas_home, clock=clock)
    [found] = other.unfinished()
    assert found.routine_id == DESK.id
    assert other.discard(found) and not other.discard(found) and other.unfinished() == []
