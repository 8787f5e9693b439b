"""One table of who may start what (issue 23, item 9): every entry point against every
safety state, with the outcome of each pair written by hand below.

An entry point is an adapter ``(home, now) -> outcome`` in :data:`ENTRY_POINTS`; a state is
a function that writes a journal in :data:`STATES`. A new way to exercise joins the table by
adding its adapter to :data:`ENTRY_POINTS` and its row to :data:`EXPECTED`: the test fails
until every entry point has an outcome for every state. The app's and notebooks' widgets
(the home page, notebook 02's player and its focus view, the plan page's player and calendar
export, the recovery banner's *Log it*) are driven in-process, as a click would; the home
page and the plan page's player get a plan whose every day is the players' routine.

Outcomes:

- ``runs``: the routine starts (or runs to its end);
- ``runs, held out``: it runs without the held-out exercise, and says so;
- ``warm-up first``: it asks for the warm-up (or its confirmation) before the routine;
- ``refused``: nothing starts and the reason is given (with the ways on);
- ``plan``, ``plan, held out``, ``plan, rest today``: a plan is proposed (naming the
  held-out exercise, or saying nothing more runs today);
- ``written``: the calendar file is written;
- ``logged``: the recovered session is logged (what already happened is never refused,
  and logging it starts nothing).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from psoas_lib import Journal, load_catalog
from psoas_lib.cli.main import Console, main
from psoas_lib.coaching.player_session import PlayerSession
from psoas_lib.journal.checkpoint import Checkpoints
from psoas_lib.plan.calendar import export_calendar
from psoas_lib.plan.levels import journal_dose
from psoas_lib.plan.weekly import PlanBlocked, current_plan, default_plan, proposed_plan, save_plan

#: The routine the players run: static holds (it needs a warm-up) and the knee-to-chest
#: stretch, the exercise the hold-out state holds out.
ROUTINE = "post-workout-release"
HELD = "knee-to-chest"


# --------------------------------------------------------------------------- the states


def _red_flag(home: Path, now: datetime) -> None:
    Journal(home).add_assessment(
        taken_at=now - timedelta(days=2),
        ticked=["existing-injury"],
        tightness=0,
        weakness=0,
        recommendation="see-a-professional",
    )


def _pain_stop(home: Path, when: datetime, exercise: str, routine: str = "desk-reset") -> None:
    Journal(home).add_session(
        started_at=when,
        routine_id=routine,
        planned_s=795,
        completed_s=60,
        exercises_done=[exercise],
        pain_stop=True,
    )


def _today(now: datetime) -> datetime:
    """A moment earlier today (an hour ago, or just after midnight)."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return max(now - timedelta(hours=1), min(midnight + timedelta(minutes=1), now))


def no_assessment(home: Path, now: datetime) -> None:
    """Nothing in the journal."""


def red_flag(home: Path, now: datetime) -> None:
    _red_flag(home, now)


def clearance_before(home: Path, now: datetime) -> None:
    """A clearance recorded after the red flag, for an appointment the day before it."""
    _red_flag(home, now)
    Journal(home).add_clearance(
        recorded_at=now - timedelta(days=1), cleared_on=(now - timedelta(days=3)).date()
    )


def clearance_after(home: Path, now: datetime) -> None:
    _red_flag(home, now)
    Journal(home).add_clearance(
        recorded_at=now - timedelta(days=1), cleared_on=(now - timedelta(days=1)).date()
    )


def pain_stop_today(home: Path, now: datetime) -> None:
    _pain_stop(home, _today(now), "marching-in-place")


def held_out(home: Path, now: datetime) -> None:
    """Two pain stops on the knee-to-chest stretch 7 days apart, the last 3 days ago."""
    for days in (10, 3):
        _pain_stop(home, now - timedelta(days=days), HELD, ROUTINE)


def beyond_top(home: Path, now: datetime) -> None:
    """Doses past the article's top chosen, and 100 full programmes done: everything at
    its cap (the old ladder made the programme 73 minutes long here)."""
    catalog = load_catalog(home=home)
    save_plan(replace(default_plan(catalog), beyond_top_dose=True), home)
    full = catalog.routines["full-programme"]
    journal = Journal(home)
    for day in range(100, 0, -1):
        journal.add_session(
            started_at=now - timedelta(days=day),
            routine_id=full.id,
            planned_s=full.total_seconds,
            completed_s=full.total_seconds,
            exercises_done=list(full.exercise_ids),
            tightness_before=5,
            tightness_after=3,
        )


def warm_up_due(home: Path, now: datetime) -> None:
    """No warm-up logged (every other state has one, 10 minutes ago)."""


STATES: dict[str, Callable[[Path, datetime], None]] = {
    "no assessment": no_assessment,
    "red flag": red_flag,
    "red flag, clearance before it": clearance_before,
    "red flag, clearance after it": clearance_after,
    "pain stop today": pain_stop_today,
    "exercise held out": held_out,
    "levels beyond the top": beyond_top,
    "warm-up due": warm_up_due,
}


def _warmed_up(home: Path, now: datetime) -> None:
    Journal(home).add_session(
        started_at=now - timedelta(minutes=16),
        routine_id="pre-activity-warm-up",
        planned_s=340,
        completed_s=340,
        exercises_done=["marching-in-place", "leg-swings"],
    )


# --------------------------------------------------------------------------- entry points


def player_session(home: Path, now: datetime) -> str:
    catalog = load_catalog(home=home)
    session = PlayerSession(
        catalog,
        ROUTINE,
        home=home,
        now=lambda: now,
        keep_progress=False,
        dose=journal_dose(catalog, home),  # at the journal's levels, as the players run it
    )
    outcome = session.start()
    if outcome == "blocked":
        assert session.safety_gate.refusal is not None and session.safety_gate.refusal.reasons
        return "refused"
    if outcome == "warm-up":
        return "warm-up first"
    assert outcome == "started"
    return "runs, held out" if HELD not in session.routine.exercise_ids else "runs"


def _psoas(args: list[str], answers: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    console = Console(stdin=io.StringIO(answers), stdout=out, stderr=err)
    code = main(args, console)
    return code, out.getvalue(), err.getvalue()


def psoas_run(home: Path, now: datetime) -> str:
    # Enter at every question: the warm-up (w), then the log (skipped)
    code, out, err = _psoas(["run", ROUTINE, "--speed", "4000"], "\n" * 12)
    if code == 1 and "psoas: this routine does not run now." in err:
        assert "Ways on:" in err
        return "refused"
    assert code == 0, err
    assert "Saved in your journal." in out
    if "w = warm up first" in out:
        return "warm-up first"
    return "runs, held out" if "is held out" in out else "runs"


def _plan_words(code: int, out: str, err: str) -> str:
    if code == 1:
        assert "No plan is proposed and no calendar is written for now." in err
        return "refused"
    assert code == 0, err
    if "You stopped for sharp pain today" in out:
        return "plan, rest today"
    return "plan, held out" if "is held out" in out else "plan"


def psoas_plan_show(home: Path, now: datetime) -> str:
    return _plan_words(*_psoas(["plan", "show"]))


def psoas_plan_export(home: Path, now: datetime) -> str:
    code, _out, err = _psoas(["plan", "export"])
    if code == 1:
        assert "No plan is proposed and no calendar is written for now." in err
        assert not (home / "exports").exists()
        return "refused"
    assert code == 0 and (home / "exports" / "psoas-plan.ics").exists(), err
    return "written"


def the_proposed_plan(home: Path, now: datetime) -> str:
    try:
        plan = proposed_plan(load_catalog(home=home), home, now=now)
    except PlanBlocked as blocked:
        assert blocked.verdict.reasons and blocked.verdict.ways_on
        return "refused"
    if "You stopped for sharp pain today" in plan.note:
        return "plan, rest today"
    return "plan, held out" if plan.held_out else "plan"


def the_calendar_export(home: Path, now: datetime) -> str:
    catalog = load_catalog(home=home)
    target = home / "mine.ics"
    try:
        export_calendar(current_plan(catalog, home), catalog, target, home=home)
    except PlanBlocked:
        assert not target.exists()
        return "refused"
    assert target.exists()
    return "written"


def recovered_session(home: Path, now: datetime) -> str:
    store = Checkpoints(home)
    start = now - timedelta(minutes=8)
    checkpoint = store.start(ROUTINE, "Post-workout release", planned_s=500, started_at=start)
    checkpoint = store.update(checkpoint, done_s=120, exercises_done=[HELD], segment=3)
    if not store.recover(checkpoint):
        return "not logged"
    logged = Journal(home).sessions()
    assert (logged.routine_id == ROUTINE).any()
    return "logged"


# --------------------------------------------------------------------------- the UI's entry points


def _player_words(player) -> str:
    """What a widget player did on Start, in the table's words."""
    session = player.session
    if session.state().started:
        return "runs, held out" if HELD not in player.routine.exercise_ids else "runs"
    if player.warm_up_box.layout.display == "flex" and "Warm up first" in player.status.value:
        return "warm-up first"
    assert player.safety.layout.display == "flex" and player.safety.reason.value, "no reason"
    return "refused"


def _plan_on(home: Path, routine_id: str) -> None:
    """Every planned day runs ``routine_id`` (the plan's other choices kept)."""
    catalog = load_catalog(home=home)
    plan = current_plan(catalog, home)
    days = tuple(replace(d, routine_id=routine_id) for d in plan.days)
    save_plan(replace(plan, days=days, source="saved"), home)


def home_page(home: Path, now: datetime) -> str:
    from psoas_lib.ui.app import HomePage

    _plan_on(home, ROUTINE)
    page = HomePage(home, now=now)
    if page.start_button.layout.display == "none":
        assert page.safety.reason.value and page.player is None
        return "refused"
    page.start_button.click()
    words = _player_words(page.player)
    # Start shown only to be refused is the leak this page had: never an outcome here
    return "Start shown, then refused" if words == "refused" else words


def notebook_player(home: Path, now: datetime) -> str:
    from psoas_lib.ui.player import Player

    player = Player(ROUTINE, home=home, hands_free=False)  # notebook 02's player
    player.start_button.click()
    return _player_words(player)


def focus_view(home: Path, now: datetime) -> str:
    from psoas_lib.ui.player import Player

    player = Player(ROUTINE, home=home, hands_free=False)
    player.focus.toggle.active = True  # Start pressed in the focus view: the same gate
    player.start()
    return _player_words(player)


def plan_page_player(home: Path, now: datetime) -> str:
    from psoas_lib.ui.plan import PlanPage

    _plan_on(home, ROUTINE)
    player = PlanPage(home, now=now).player()  # the next planned session, at your levels
    assert player.routine.id == ROUTINE
    player.start_button.click()
    return _player_words(player)


def plan_page_export(home: Path, now: datetime) -> str:
    from psoas_lib.ui.plan import PlanPage

    export = PlanPage(home, now=now).export
    export.path.value = str(home / "mine.ics")
    if export.write() is None:
        assert export.message.value.startswith("No plan is proposed")
        assert not (home / "mine.ics").exists()
        return "refused"
    return "written"


def recovery_banner_log(home: Path, now: datetime) -> str:
    import subprocess
    import sys

    from psoas_lib.ui.player import Player

    store = Checkpoints(home)
    checkpoint = store.start(
        ROUTINE, "Post-workout release", planned_s=500, started_at=now - timedelta(minutes=8)
    )
    checkpoint = store.update(checkpoint, done_s=120, exercises_done=[HELD], segment=3)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process that really ended left it
    store.save(replace(checkpoint, pid=gone.pid))
    player = Player(ROUTINE, home=home, hands_free=False)
    row = player.recovery.children[-1]
    row.children[1].click()  # Log it
    return "logged" if "logged in your journal" in row.children[0].value else "not logged"


#: Every way to exercise. A new one joins here, and gets its row in EXPECTED.
ENTRY_POINTS: dict[str, Callable[[Path, datetime], str]] = {
    "PlayerSession start": player_session,
    "psoas run": psoas_run,
    "psoas plan show": psoas_plan_show,
    "psoas plan export": psoas_plan_export,
    "proposed_plan": the_proposed_plan,
    "export_calendar": the_calendar_export,
    "logging a recovered session": recovered_session,
    "home page Start": home_page,
    "notebook player Start": notebook_player,
    "focus view Start": focus_view,
    "plan page player Start": plan_page_player,
    "plan page calendar export": plan_page_export,
    "recovery banner Log it": recovery_banner_log,
}

# --------------------------------------------------------------------------- by hand

_PLAYER = {
    "no assessment": "runs",
    "red flag": "refused",
    "red flag, clearance before it": "refused",  # the professional saw you before the flag
    "red flag, clearance after it": "runs",
    "pain stop today": "refused",  # nothing more today: tomorrow, or a clearance
    "exercise held out": "runs, held out",
    "levels beyond the top": "runs",  # capped, and never over 60 minutes
    "warm-up due": "warm-up first",
}
_PLAN = {
    "no assessment": "plan",
    "red flag": "refused",
    "red flag, clearance before it": "refused",
    "red flag, clearance after it": "plan",
    "pain stop today": "plan, rest today",  # the plan is for the days ahead; it says so
    "exercise held out": "plan, held out",
    "levels beyond the top": "plan",
    "warm-up due": "plan",  # the warm-up is asked when a routine starts
}
_CALENDAR = {
    "no assessment": "written",
    "red flag": "refused",
    "red flag, clearance before it": "refused",
    "red flag, clearance after it": "written",
    "pain stop today": "written",
    "exercise held out": "written",
    "levels beyond the top": "written",
    "warm-up due": "written",
}

EXPECTED: dict[str, dict[str, str]] = {
    "PlayerSession start": _PLAYER,
    "psoas run": _PLAYER,
    "psoas plan show": _PLAN,
    "psoas plan export": _CALENDAR,
    "proposed_plan": _PLAN,
    "export_calendar": _CALENDAR,
    "logging a recovered session": dict.fromkeys(STATES, "logged"),
    "home page Start": _PLAYER,
    "notebook player Start": _PLAYER,
    "focus view Start": _PLAYER,
    "plan page player Start": _PLAYER,
    "plan page calendar export": _CALENDAR,
    "recovery banner Log it": dict.fromkeys(STATES, "logged"),
}


def test_every_entry_point_has_an_outcome_for_every_state():
    assert set(EXPECTED) == set(ENTRY_POINTS)
    for entry, row in EXPECTED.items():
        assert set(row) == set(STATES), entry


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_who_may_start_what(psoas_home, entry, state):
    now = datetime.now().astimezone().replace(microsecond=0)
    if state != "warm-up due":
        _warmed_up(psoas_home, now)
    STATES[state](psoas_home, now)
    assert ENTRY_POINTS[entry](psoas_home, now) == EXPECTED[entry][state]
