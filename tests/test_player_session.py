"""The player session's rules, without widgets.

Most tests run "stretches", the test's own routine of four stretches at the catalog's doses
(no dose chooser handed in) with the warm-up confirmed, so its segments are known by hand (pauses at
their defaults):

    index  segment                          from  to
    0      get ready (10 s)                    0  10
    1      kneeling stretch, left (30 s)      10  40
    2      switch sides (5 s)                 40  45
    3      kneeling stretch, right (30 s)     45  75
    4      rest (20 s: kneeling -> bed)       75  95
    ...    the routine ends at 8:15 = 495 s

495 s: kneeling 6 × 30 + 5 × 5 = 205; lying 2 × 30 + 5 = 65; tilt 4 × 10 + 3 × 5 = 55;
knee-to-chest 20 × 5 = 100; get ready 10; three rests of 20 (each a change of position:
kneeling, bed, standing, floor) = 60: 205 + 65 + 55 + 100 + 10 + 60 = 495.
"""

from __future__ import annotations

import itertools
import json
from datetime import datetime, timedelta, timezone

import pytest

from psoas_lib import load_catalog, make_routine
from psoas_lib.coaching.checkpointing import STALE_ENV
from psoas_lib.coaching.player_session import NothingToSave, PlayerSession
from psoas_lib.content.catalog import Catalog
from psoas_lib.errors import PsoasError
from psoas_lib.journal.checkpoint import CHECKPOINT_DIR, RECOVERED_NOTE, Checkpoints
from psoas_lib.journal.store import Journal
from psoas_lib.plan.levels import journal_dose

STARTED = datetime(2026, 3, 2, 7, 30, tzinfo=timezone(timedelta(hours=1)))
KNEELING = "kneeling-hip-flexor-stretch"
STRETCHES = [KNEELING, "lying-psoas-stretch", "standing-pelvic-tilt", "knee-to-chest"]
TOTAL = 495  # worked out in the module docstring


def catalog() -> Catalog:
    """The presets plus "stretches" (the test's routine, see the module docstring)."""
    base = load_catalog()
    mine = make_routine(base, "Stretches", STRETCHES)
    return Catalog(base.exercises, {**base.routines, mine.id: mine}, base.categories)


def new_session(**kw) -> PlayerSession:
    """A session of "stretches" at the catalog's doses, the warm-up confirmed."""
    session = PlayerSession(catalog(), "stretches", **kw)
    session.warm_up.confirm()
    return session


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def session(clock, psoas_home) -> PlayerSession:
    return new_session(clock=clock, home=psoas_home, now=lambda: STARTED)


def at(session: PlayerSession, clock: Clock, seconds: float):
    """Move the clock to ``seconds`` after the start and tick."""
    clock.t = 100.0 + seconds
    return session.tick()


def test_a_fresh_session_has_run_nothing(session):
    assert session.routine.id == "stretches"
    assert (session.started_at, session.logged, session.warned, session.pain) == (
        None,
        False,
        False,
        False,
    )
    assert not session.active and not session.unsaved and session.return_to is None
    assert session.script[0].text == "Get ready: Kneeling hip-flexor (psoas) stretch"


@pytest.mark.parametrize(
    "action", ["pause", "resume", "toggle_pause", "skip", "back", "stop", "pain_stop"]
)
def test_controls_do_nothing_before_the_start(session, action):
    assert getattr(session, action)() is False
    assert not session.state().started


def test_start_gives_the_first_cue_and_records_the_start(session, clock):
    assert session.start() == "started"
    assert session.started_at == STARTED
    tick = session.tick()
    assert tick.cue is session.script[0] and not tick.offer_log
    assert tick.state.index == 0 and tick.state.remaining == 10
    assert session.tick().cue is None  # nothing new on the same second


@pytest.mark.parametrize(
    ("t", "cue"),
    [
        (10, "Kneeling hip-flexor (psoas) stretch, left leg. Hold 30 seconds"),
        (37, "3"),  # 40 - 3
        (38, "2"),
        (39, "1"),
        (40, "Switch sides"),
        (45, "Kneeling hip-flexor (psoas) stretch, right leg. Hold 30 seconds"),
    ],
)
def test_ticks_give_the_cues_of_the_script(session, clock, t, cue):
    session.start()
    session.tick()
    if t > 1:
        at(session, clock, t - 0.5)  # just before: that cue is not yet due
    tick = at(session, clock, t)
    assert tick.cue is not None and tick.cue.text == cue
    assert tick.cue in session.script


@pytest.mark.parametrize(
    ("t", "action", "index", "position", "cue"),
    [
        (12, "skip", 2, 40, "Switch sides"),  # to the next step's start
        (20, "back", 1, 10, None),  # 10 s into the hold: this hold again, no new cue
        (11, "back", 0, 0, "Get ready: Kneeling hip-flexor (psoas) stretch"),  # 1 s in: previous
    ],
)
def test_skip_and_back(session, clock, t, action, index, position, cue):
    session.start()
    at(session, clock, t)
    assert getattr(session, action)() is True
    tick = session.tick()
    assert (tick.state.index, tick.state.position) == (index, position)
    assert (tick.cue.text if tick.cue else None) == cue


def test_pause_and_resume_act_only_when_they_can(session, clock):
    session.start()
    assert session.resume() is False  # running: nothing to resume
    assert session.pause() is True and session.state().paused
    assert session.pause() is False  # paused already
    assert session.resume() is True and session.state().running
    session.stop()
    assert session.pause() is False and session.resume() is False


def test_pause_stops_the_clock_and_only_running_time_is_logged(session, clock, psoas_home):
    session.start()
    at(session, clock, 20)
    assert session.toggle_pause() and session.state().paused and session.active
    at(session, clock, 100)  # 80 s paused: not counted
    assert session.state().position == 20
    assert session.toggle_pause() and session.state().running
    at(session, clock, 130)
    session.stop()
    session.save(tightness_before=6, tightness_after=4, notes="  stiff  ")
    row = Journal(psoas_home).sessions().iloc[0]
    # 20 s before the pause + 30 s after it = 50 s of 495 planned
    assert (row.routine_id, row.planned_s, row.completed_s) == ("stretches", TOTAL, 50)
    # the warm-up was confirmed (new_session): the notes say so, in front
    assert (row.tightness_before, row.tightness_after, row.notes) == (6, 4, "[warmed up] stiff")
    assert not row.pain_stop


@pytest.mark.parametrize(
    ("situation", "start", "choose"),
    [
        ("not started", ["started"], ["chosen"]),
        ("running", ["busy"], ["busy"]),
        ("paused", ["busy"], ["busy"]),
        ("stopped, not saved", ["warned", "started"], ["warned", "chosen"]),
        ("finished, not saved", ["warned", "started"], ["warned", "chosen"]),
        ("stopped and saved", ["started"], ["chosen"]),
        # no "Start again" after a pain stop, nor another routine in this player (issue 14)
        ("pain stop saved", ["blocked", "blocked"], ["blocked", "blocked"]),
    ],
)
def test_start_again_and_choosing_another_routine(clock, psoas_home, situation, start, choose):
    """What Start and choosing another routine do in each situation, pressed again and again."""
    for action, expected in (("start", start), ("choose", choose)):
        # a folder each: a pain stop saved in the first would refuse the second all day
        session = new_session(clock=clock, home=psoas_home / action)
        clock.t = 100.0
        if situation != "not started":
            session.start()
            at(session, clock, 20)
        if situation == "paused":
            session.toggle_pause()
        if situation.startswith("stopped"):
            session.stop()
        if situation.startswith("finished"):
            at(session, clock, TOTAL)
        if situation == "pain stop saved":
            session.pain_stop()
        if situation.endswith("saved") and "not" not in situation:
            session.save()
        session.tick()
        outcomes = [
            session.start() if action == "start" else session.choose("strength-builder")
            for _ in expected
        ]
        assert outcomes == expected, (situation, action)
        if expected[-1] == "chosen":
            assert session.routine.id == "strength-builder" and session.started_at is None


def test_a_warning_is_given_once_per_session(session, clock):
    session.start()
    at(session, clock, 20)
    session.stop()
    assert session.unsaved and session.hold_unsaved() is True and session.warned
    assert session.hold_unsaved() is False  # warned already: go on
    assert session.start() == "started" and not session.warned and not session.unsaved


def test_the_end_offers_the_log_once(session, clock):
    session.start()
    at(session, clock, 100)
    assert not at(session, clock, 200).offer_log
    first, second = at(session, clock, TOTAL), at(session, clock, 500)
    assert first.offer_log and first.state.finished and first.cue.kind == "end"
    assert not second.offer_log and second.cue is None
    assert session.unsaved


def test_stop_offers_the_log_and_records_what_was_under_way(session, clock):
    session.start()
    at(session, clock, 50)  # 5 s into the right side of the kneeling stretch
    assert session.stop()
    tick = session.tick()
    assert tick.offer_log and tick.state.stopped and tick.cue is None
    assert session.timer.exercises_done() == [KNEELING]


def test_a_pain_stop_is_logged_as_such_and_offers_no_form(session, clock, psoas_home):
    session.start()
    at(session, clock, 25)
    assert session.pain_stop() and session.pain
    assert not session.tick().offer_log  # the view shows the safety advice instead
    session.save()
    row = Journal(psoas_home).sessions().iloc[0]
    assert bool(row.pain_stop) and row.completed_s == 25
    assert row.exercises_done == KNEELING  # ids joined by ";": one here


def test_saving_twice_writes_once_and_saving_nothing_is_refused(session, clock, psoas_home):
    with pytest.raises(NothingToSave, match="start the routine first"):
        session.save()
    session.start()
    at(session, clock, 30)
    session.stop()
    session.save()
    session.save()
    assert len(Journal(psoas_home).sessions()) == 1 and session.logged and not session.unsaved


def test_a_journal_that_cannot_be_written_keeps_the_session_unsaved(clock, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    session = new_session(clock=clock, home=blocker)
    session.start()
    at(session, clock, 30)
    session.stop()
    with pytest.raises((PsoasError, OSError)):
        session.save()
    assert session.unsaved and not session.logged


@pytest.fixture
def cold(clock, psoas_home) -> PlayerSession:
    """A session of "stretches" with no warm-up confirmed nor logged."""
    return PlayerSession(catalog(), "stretches", clock=clock, home=psoas_home, now=lambda: STARTED)


def test_a_routine_of_holds_does_not_start_cold(cold, psoas_home):
    assert cold.warm_up_due and cold.offers_warm_up
    assert cold.start() == "warm-up"
    assert not cold.state().started and cold.started_at is None
    cold.warm_up.confirm()
    assert not cold.warm_up_due and cold.start() == "started"
    cold.stop()
    cold.save(notes="ok")
    assert Journal(psoas_home).sessions().iloc[0].notes == "[warmed up] ok"


def _warm_up_logged(home, minutes_ago: float, completed_s: int, pain: bool = False) -> None:
    Journal(home).add_session(
        started_at=STARTED - timedelta(minutes=minutes_ago),
        routine_id="pre-activity-warm-up",
        planned_s=340,
        completed_s=completed_s,
        exercises_done=["marching-in-place", "leg-swings"],
        pain_stop=pain,
    )


@pytest.mark.parametrize(
    ("minutes_ago", "completed_s", "pain", "due"),
    [
        # ended = start + done: 36 min ago - 340 s (5:40) = 30:20 before: too long ago
        (36, 340, False, True),
        (35, 340, False, False),  # ended 29:20 before: counts
        (10, 340, False, False),
        # 200 s done: 10 get ready + 180 marching + 10 of rest = 180 s moved, under 5 min
        (10, 200, False, True),
        # 330 s: 180 marching + 3 × 30 swings + 25 of the last = 295 s moved
        (10, 330, False, True),
        (10, 340, True, True),  # stopped for pain: no warm-up
    ],
)
def test_a_warm_up_logged_in_the_last_30_minutes_counts(
    cold, psoas_home, minutes_ago, completed_s, pain, due
):
    _warm_up_logged(psoas_home, minutes_ago, completed_s, pain)
    assert cold.warm_up_due == due
    # a pain stop 10 minutes ago: nothing more runs today (before any warm-up question)
    assert cold.start() == ("blocked" if pain else "warm-up" if due else "started")
    assert cold.tags == set()  # nothing confirmed: nothing tagged


def test_warm_up_first_then_save_and_go_on(cold, clock):
    session = cold
    assert session.offers_warm_up and session.warm_up_id == "pre-activity-warm-up"
    assert session.warm_up_first() == "chosen"
    assert session.routine.id == "pre-activity-warm-up" and session.return_to == "stretches"
    assert not session.offers_warm_up  # the warm-up itself needs none
    session.start()
    at(session, clock, 60)
    assert session.go_on_target is None  # not finished yet
    length = session.routine.total_seconds
    at(session, clock, length)
    assert session.go_on_target is not None and session.go_on_target.name == "Stretches"
    session.save()
    assert session.go_on() == "chosen"
    assert session.routine.id == "stretches" and session.return_to is None
    assert session.go_on() is None  # nothing more to go back to
    assert session.start() == "started"  # warmed up now: it starts


def test_a_warm_up_run_unlogged_counts_in_this_session(clock, psoas_home):
    session = PlayerSession(catalog(), "pre-activity-warm-up", clock=clock, home=psoas_home)
    session.start()
    at(session, clock, session.routine.total_seconds)
    session.load("stretches")
    assert not session.warm_up_due  # kept in memory, not only from the journal


def test_a_stopped_warm_up_offers_no_going_on(cold, clock):
    cold.warm_up_first()
    cold.start()
    at(cold, clock, 30)
    cold.stop()
    assert cold.go_on_target is None
    cold.load("stretches")
    assert cold.warm_up_due  # 20 s of marching is no warm-up


def test_no_warm_up_while_a_routine_runs(session, clock):
    session.start()
    at(session, clock, 5)
    assert session.warm_up_first() == "busy"
    assert session.routine.id == "stretches" and session.return_to is None


@pytest.mark.parametrize(
    ("routine_id", "offered"),
    [
        ("stretches", True),
        ("post-workout-release", True),
        ("pre-activity-warm-up", False),  # no holds
        ("full-programme", False),  # opens with 5 min of marching and swings
        ("desk-reset", False),  # opens with 5 min of marching and swings
    ],
)
def test_which_routines_offer_the_warm_up(clock, psoas_home, routine_id, offered):
    found = PlayerSession(catalog(), routine_id, clock=clock, home=psoas_home)
    assert found.offers_warm_up == offered


def test_reload_keeps_a_running_routine_and_chooses_otherwise(session, clock):
    catalog = load_catalog()
    session.start()
    assert session.reload(catalog, "strength-builder") is False
    assert session.routine.id == "stretches" and session.active
    session.stop()
    assert session.reload(catalog, "strength-builder") is True
    assert session.routine.id == "strength-builder" and session.started_at is None
    assert session.reload(catalog, "no-such-routine") is True  # gone: the first routine
    assert session.routine.id == next(iter(catalog.routines))


def test_an_unknown_routine_is_a_clear_error(session):
    with pytest.raises(ValueError, match="unknown routine 'desk-rest': use one of desk-reset"):
        session.choose("desk-rest")


# ---- progress kept on disk (psoas_lib.journal.checkpoint) ------------------------------------


def saves(session: PlayerSession) -> list[tuple[int, int]]:
    """(done_s, segment) of every checkpoint line saved so far, oldest first."""
    kept = session.checkpointing
    lines = kept.store.path(kept.checkpoint).read_text().split("\n")
    return [(d["done_s"], d["segment"]) for d in map(json.loads, filter(None, lines))]


def test_checkpoints_at_the_start_segment_changes_every_12_s_and_pauses(session, clock):
    session.start()  # t = 0: the first save (done 0 s, segment 0)
    for t in (5, 10, 21, 22, 30, 40):
        at(session, clock, t)
    # t = 5: same segment, 5 s since the save: nothing; t = 10: segment 1 begins: saved;
    # t = 21: 11 s since: nothing; t = 22: 12 s since (KEEP_EVERY_S): saved;
    # t = 30: 8 s since: nothing; t = 40: the switch (segment 2): saved
    assert saves(session) == [(0, 0), (10, 1), (22, 1), (40, 2)]
    clock.t = 100.0 + 41
    session.pause()  # saved at once: 41 s done, in segment 2
    clock.t = 100.0 + 200
    session.tick()  # paused: nothing new to save
    session.resume()  # 41 s running so far, the clock now at 200
    at(session, clock, 203)  # 44 s running, segment 2, 3 s after the resume: nothing
    at(session, clock, 204)  # 45 s: segment 3 begins: saved
    at(session, clock, 215)  # 56 s, 11 s since: nothing
    at(session, clock, 216)  # 57 s, 12 s since: saved
    assert saves(session)[4:] == [(41, 2), (45, 3), (57, 3)]
    clock.t = 100.0 + 220
    session.stop()  # 61 s
    at(session, clock, 300)  # stopped: nothing more
    assert saves(session)[7:] == [(61, 3)]


def test_no_more_than_15_s_between_saves_with_ticks_a_second_apart(session, clock):
    session.start()
    for t in range(1, TOTAL + 1):
        at(session, clock, t)
    done = [d for d, _ in saves(session)]
    assert done[0] == 0 and done[-1] == TOTAL  # the end is saved too
    assert max(b - a for a, b in itertools.pairwise(done)) <= 15
    # one save per segment change at most, plus one each 12 s within a long segment
    assert len(done) <= len(session.timer.timeline) + TOTAL // 12 + 1


def test_saving_logs_through_the_checkpoint_and_removes_it(session, clock, psoas_home):
    session.start()
    at(session, clock, 50)
    path = session.checkpointing.store.path(session.checkpointing.checkpoint)
    session.stop()
    session.save(tightness_before=6, tightness_after=3, notes=" fine ")
    row = Journal(psoas_home).sessions().iloc[0]
    assert not path.exists() and session.checkpointing.checkpoint is None
    assert not session.logged_elsewhere
    assert (int(row.completed_s), int(row.tightness_before), int(row.tightness_after)) == (50, 6, 3)
    assert row.notes == "[warmed up] fine" and row.exercises_done == KNEELING


def test_a_session_recovered_elsewhere_meanwhile_is_not_logged_twice(session, clock, psoas_home):
    session.start()
    at(session, clock, 50)
    # another player recovers it, 50 s done
    assert Checkpoints(psoas_home).recover(session.checkpointing.checkpoint)
    at(session, clock, 60)
    session.stop()
    session.save()
    rows = Journal(psoas_home).sessions()
    assert len(rows) == 1 and int(rows.iloc[0].completed_s) == 50 and session.logged_elsewhere
    assert session.checkpointing.unfinished() == []


def test_a_pain_stop_is_kept_as_such(session, clock):
    session.start()
    clock.t = 100.0 + 33
    session.pain_stop()
    assert session.checkpointing.checkpoint.pain_stop and saves(session)[-1] == (33, 1)


@pytest.mark.parametrize("drop", ["start", "choose"])
def test_a_session_dropped_after_the_warning_removes_its_checkpoint(session, clock, drop):
    session.start()
    at(session, clock, 20)
    session.stop()
    old = session.checkpointing.store.path(session.checkpointing.checkpoint)
    act = session.start if drop == "start" else lambda: session.choose("strength-builder")
    assert act() == "warned" and old.exists()  # warned: still kept
    act()
    assert not old.exists()
    assert (session.checkpointing.checkpoint is not None) == (drop == "start")  # the new run's own


def test_a_reload_keeps_an_unsaved_sessions_checkpoint_to_offer(session, clock, psoas_home):
    session.start()
    at(session, clock, 20)
    session.stop()
    path = session.checkpointing.store.path(session.checkpointing.checkpoint)
    assert session.reload(load_catalog(), "strength-builder")
    assert path.exists() and session.checkpointing.checkpoint is None


def test_unfinished_offers_others_never_its_own(session, clock, psoas_home, monkeypatch):
    monkeypatch.setenv(STALE_ENV, "0")  # every checkpoint counts as not saved for long
    session.start()
    at(session, clock, 20)
    assert session.checkpointing.unfinished() == []
    other = new_session(home=psoas_home)
    [found] = other.checkpointing.unfinished()
    assert found.describe() == "Stretches, started 07:30, 0:20 done"
    assert other.checkpointing.recover(found) and not other.checkpointing.recover(found)
    row = Journal(psoas_home).sessions().iloc[0]
    assert int(row.completed_s) == 20 and row.notes == RECOVERED_NOTE


def test_a_live_session_is_not_offered_before_45_s(session, clock, psoas_home, monkeypatch):
    monkeypatch.delenv(STALE_ENV, raising=False)
    session.start()
    other = new_session(home=psoas_home)
    assert other.checkpointing.unfinished() == []  # this process is alive and saved it just now


def test_discard_forgets_it(session, clock, psoas_home, monkeypatch):
    monkeypatch.setenv(STALE_ENV, "0")
    session.start()
    other = new_session(home=psoas_home)
    [found] = other.checkpointing.unfinished()
    kept = other.checkpointing
    assert kept.discard(found) and kept.unfinished() == [] and not kept.discard(found)
    assert Journal(psoas_home).sessions().empty


def test_without_keeping_progress_nothing_is_written_but_the_log(clock, psoas_home):
    session = new_session(clock=clock, keep_progress=False)
    session.start()
    at(session, clock, 30)
    session.stop()
    session.save()
    assert not (psoas_home / CHECKPOINT_DIR).exists()
    assert len(Journal(psoas_home).sessions()) == 1


def test_a_checkpoint_that_cannot_be_written_never_stops_the_session(clock, psoas_home):
    (psoas_home / CHECKPOINT_DIR).write_text("a file where the folder should be")
    session = new_session(clock=clock)
    assert session.start() == "started" and "not being kept" in session.checkpointing.problem
    at(session, clock, 30)
    session.stop()
    session.save()  # logged directly
    assert len(Journal(psoas_home).sessions()) == 1


# ---- one dose system -------------------------------------------------------------------------


def test_routines_run_at_the_journals_levels_unless_full_dose_is_chosen(clock, psoas_home):
    cat = catalog()
    session = PlayerSession(
        cat, "stretches", clock=clock, home=psoas_home, dose=journal_dose(cat, psoas_home)
    )
    session.warm_up.confirm()
    # an empty journal: every exercise at its lowest level (kneeling 30 s -> 20 s)
    assert session.dose.levelled and session.routine.items[0].dose.hold == 20
    assert session.routine.items[0].steps[2].endswith("hold for 20 seconds.")
    # lowest levels: kneeling 6 holds × 10 s shorter = 60, lying 2 × 10 = 20, the tilt is at
    # its low end already (10 s × 4), knee-to-chest 10 in all instead of 20 × 5 s = 50
    assert session.routine.total_seconds == TOTAL - 60 - 20 - 50
    assert session.set_full_dose(True) and not session.dose.levelled
    assert session.routine.items[0].dose.hold == 30
    assert session.routine.items[0].steps[2].endswith("hold for 30 seconds.")
    assert session.routine.total_seconds == TOTAL
    session.start()
    assert session.set_full_dose(False) is False  # not while it runs
    session.stop()
    session.save(notes="top")
    row = Journal(psoas_home).sessions().iloc[0]
    assert row.notes == "[warmed up] [full dose] top" and row.planned_s == TOTAL


def levelled_hold(home) -> int | None:
    """The kneeling stretch's hold in a new session of "stretches" at the journal's levels."""
    cat = catalog()
    session = PlayerSession(cat, "stretches", home=home, dose=journal_dose(cat, home))
    return session.routine.items[0].dose.hold


def test_a_pain_stop_in_the_journal_lowers_the_dose_in_the_player(clock, psoas_home):
    journal = Journal(psoas_home)
    for n in range(6):  # six complete sessions of the kneeling stretch: it steps up to 30 s
        journal.add_session(
            started_at=STARTED - timedelta(days=30 - n),
            routine_id="stretches",
            planned_s=TOTAL,
            completed_s=TOTAL,
            exercises_done=[KNEELING],
        )
    assert levelled_hold(psoas_home) == 30
    journal.add_session(
        started_at=STARTED - timedelta(days=1),
        routine_id="stretches",
        planned_s=TOTAL,
        completed_s=40,
        exercises_done=[KNEELING],
        pain_stop=True,
    )
    assert levelled_hold(psoas_home) == 20
