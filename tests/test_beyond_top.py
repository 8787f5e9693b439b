"""Doses beyond the article's top, bounded (issue 23, item 4): the opt-in ladder stops at a
cap per exercise, and no level the progression reaches makes a routine longer than the
workbook's 60 minutes or unbuildable; with 400 opted-in sessions every player still opens
and ``psoas list`` still works."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from psoas_lib import Journal, load_catalog, make_routine
from psoas_lib.cli.main import Console, main
from psoas_lib.coaching.player_session import PlayerSession
from psoas_lib.content.catalog import save_routine
from psoas_lib.content.routine import MAX_ROUTINE_S
from psoas_lib.plan.levels import journal_dose, journal_progression
from psoas_lib.plan.progression import ladder_for, levelled_catalog
from psoas_lib.plan.weekly import default_plan, save_plan
from psoas_lib.ui.player import Player

T0 = datetime(2025, 1, 6, 7, 0, tzinfo=timezone(timedelta(hours=1)))


def _opt_in(home) -> None:
    save_plan(replace(default_plan(load_catalog(home=home)), beyond_top_dose=True), home)


def _sessions(home, routine_id: str, n: int) -> None:
    """``n`` completed sessions of the routine, one a day, tightness easing each time."""
    catalog = load_catalog(home=home)
    routine = catalog.routines[routine_id]
    journal = Journal(home)
    for day in range(n):
        journal.add_session(
            started_at=T0 + timedelta(days=day),
            routine_id=routine_id,
            planned_s=routine.total_seconds,
            completed_s=routine.total_seconds,
            exercises_done=list(routine.exercise_ids),
            tightness_before=5,
            tightness_after=3,
        )


def test_every_beyond_top_ladder_ends_at_its_cap():
    # at most twice the top, never past 120 s holds (nor 30 repetitions a side)
    for exercise in load_catalog().exercises.values():
        ladder = ladder_for(exercise, beyond_top_dose=True)
        if not ladder.levels:
            continue
        assert max(ladder.levels) <= 2 * ladder.top, exercise.id
        if ladder.field == "hold_s":
            assert max(ladder.levels) <= 120, exercise.id


def test_400_opted_in_sessions_every_player_opens_and_psoas_list_works(psoas_home):
    _opt_in(psoas_home)
    _sessions(psoas_home, "full-programme", 400)
    catalog = load_catalog(home=psoas_home)
    levels = journal_progression(catalog, psoas_home)
    # everything climbed as far as it may: the bridge to its 20 s cap (twice 10 s), the
    # lying stretch to 90 s (the last rung under twice its 60 s)
    assert levels.levels["ground-bridge"].value == 20
    assert levels.levels["lying-psoas-stretch"].value == 90
    for routine in levelled_catalog(catalog, levels).routines.values():
        assert routine.total_seconds <= MAX_ROUTINE_S, routine.id
    for routine_id in catalog.routines:  # the player session, and the notebook player
        session = PlayerSession(
            catalog,
            routine_id,
            home=psoas_home,
            keep_progress=False,
            dose=journal_dose(catalog, psoas_home),
        )
        assert session.routine.total_seconds <= MAX_ROUTINE_S
        assert session.dose.problem is None
        player = Player(routine_id, home=psoas_home)
        assert player.session.routine.total_seconds == session.routine.total_seconds
    out, err = io.StringIO(), io.StringIO()
    assert main(["list"], Console(stdin=io.StringIO(), stdout=out, stderr=err)) == 0, err
    assert "full-programme" in out.getvalue() and not err.getvalue()


def test_a_rise_that_would_pass_60_minutes_stops_and_says_why(psoas_home):
    # a routine of the user's own: the lying stretch 7 times, 3 holds a side each. By hand,
    # with holds of h s: each item is 3 sets of (h + 5 s switch + h) with 5 s between sets,
    # 6h + 25; the routine is 10 s get ready + 7 items + 6 rests of 15 s. At 60 s that is
    # 10 + 7 * 385 + 90 = 2795 s (46:35); at 90 s, 10 + 7 * 565 + 90 = 4055 s, over an hour.
    # So the stretch climbs 20 -> 30 -> 45 -> 60 s and stays there, and its "why" says so.
    catalog = load_catalog(home=psoas_home)
    mine = make_routine(catalog, "Long holds", [{"exercise": "lying-psoas-stretch", "sets": 3}] * 7)
    save_routine(mine, home=psoas_home)
    _opt_in(psoas_home)
    _sessions(psoas_home, "long-holds", 40)  # 6 sessions a level: enough for 90 s
    catalog = load_catalog(home=psoas_home)
    level = journal_progression(catalog, psoas_home).levels["lying-psoas-stretch"]
    assert level.value == 60
    assert "the next level would make 'Long holds' longer than 60 minutes" in level.why
    session = PlayerSession(
        catalog,
        "long-holds",
        home=psoas_home,
        keep_progress=False,
        dose=journal_dose(catalog, psoas_home),
    )
    assert session.routine.total_seconds == 2795
