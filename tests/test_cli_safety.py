"""``psoas run``, ``psoas plan`` and ``psoas cleared`` under the safety state, in process."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from psoas_lib import Journal, load_catalog
from psoas_lib.cli.console import Console
from psoas_lib.cli.main import main, run_routine

NOW = datetime.now().astimezone().replace(microsecond=0)


class FakeTime:
    """A clock and a sleep that moves it one routine second a tick; Ctrl-C at chosen times."""

    def __init__(self, interrupts: tuple[float, ...] = ()) -> None:
        self.t, self.interrupts = 0.0, list(interrupts)

    def clock(self) -> float:
        return self.t

    def sleep(self, _seconds: float) -> None:
        self.t += 1.0
        if self.interrupts and self.t >= self.interrupts[0]:
            self.interrupts.pop(0)
            raise KeyboardInterrupt


def console(answers: str = "", fake: FakeTime | None = None) -> Console:
    fake = fake or FakeTime()
    return Console(
        stdin=io.StringIO(answers), stdout=io.StringIO(), stderr=io.StringIO(), sleep=fake.sleep
    )


def red_flag(home, when=NOW - timedelta(hours=1)) -> None:
    Journal(home).add_assessment(
        taken_at=when,
        ticked=["back-pain-fever"],
        tightness=0,
        weakness=0,
        recommendation="see-a-professional",
    )


def test_run_after_a_red_flag_runs_nothing_and_says_why_and_the_ways_on(psoas_home):
    red_flag(psoas_home)
    io_ = console()
    assert main(["run", "desk-reset"], io_) == 1
    err = io_.stderr.getvalue()
    assert err.startswith("psoas: this routine does not run now. Your self-assessment of ")
    assert "NHS 111" in err and "01_self_assessment.ipynb" in err and "psoas cleared" in err
    assert "Desk reset ·" not in io_.stdout.getvalue()  # not even the title: nothing ran
    assert Journal(psoas_home).sessions().empty


def test_psoas_cleared_refuses_a_day_before_the_red_flag_and_says_why(psoas_home):
    flagged = NOW - timedelta(days=2)
    red_flag(psoas_home, flagged)
    io_ = console()
    before = (flagged - timedelta(days=1)).date()
    assert main(["cleared", "--on", before.isoformat()], io_) == 1
    err = io_.stderr.getvalue()
    assert err.startswith("psoas: not recorded. The clearance is dated ")
    assert f"on or after {flagged.day} {flagged:%B %Y}." in err
    assert not Journal(psoas_home).clearances_path.exists()
    io_ = console()
    assert main(["run", "desk-reset"], io_) == 1  # still refused


def test_psoas_cleared_records_it_and_then_the_routine_runs(psoas_home):
    red_flag(psoas_home, NOW - timedelta(days=2))
    io_ = console()
    yesterday = (NOW - timedelta(days=1)).date()
    assert main(["cleared", "--on", yesterday.isoformat()], io_) == 0
    assert f"on {yesterday.isoformat()}" in io_.stdout.getvalue()
    row = Journal(psoas_home).clearances().iloc[0]
    assert (row.cleared_on, row.exercise_id) == (yesterday.isoformat(), "")
    fake = FakeTime()
    io_ = console("\n\n\n", fake)
    routine = load_catalog().routines["pre-activity-warm-up"]
    # the clearance is recorded now (to the second): start the routine a moment after it
    assert run_routine(routine, io_, clock=fake.clock) == 0
    assert Journal(psoas_home).sessions().iloc[0].routine_id == "pre-activity-warm-up"


def test_psoas_cleared_refuses_a_day_in_the_future(psoas_home):
    io_ = console()
    tomorrow = (NOW + timedelta(days=2)).date()
    assert main(["cleared", "--on", tomorrow.isoformat()], io_) == 1
    assert "cleared_on" in io_.stderr.getvalue()
    assert not Journal(psoas_home).clearances_path.exists()


def test_a_pain_stop_asks_where_how_much_and_a_note_and_saves_the_report(psoas_home):
    # the post-workout release (it holds the kneeling stretch) warmed up, at the doses as
    # written: 10 s get ready, the knee-to-chest 20 x 5 s = 100 s, a 20 s rest (the floor to
    # kneeling), so the kneeling stretch's first hold runs from 130 s.
    # Ctrl-C at 140 s (in that hold), "p": a pain stop; then "7" is not a place, "2" is
    # the groin; "12" is not a rating, 6 is; a note; the three log answers
    answers = "p\n7\n2\n12\n6\nsharp at the front\n\n\n\n"
    fake = FakeTime(interrupts=(140,))
    io_ = console(answers, fake)
    routine = load_catalog().routines["post-workout-release"]
    assert run_routine(routine, io_, clock=fake.clock, warmed_up=True, full_dose=True) == 0
    out = io_.stdout.getvalue()
    assert "Where did it hurt? 1 = hip, 2 = groin, 3 = lower back, 4 = knee, 5 = other" in out
    assert "Please type a number from 1 to 5" in out and "Pain report saved" in out
    report = Journal(psoas_home).pain_reports().iloc[0]
    session = Journal(psoas_home).sessions().iloc[0]
    assert (report.routine_id, report.exercise_id) == (
        "post-workout-release",
        "kneeling-hip-flexor-stretch",
    )
    assert (report.place, int(report.pain), report.notes) == ("groin", 6, "sharp at the front")
    assert report.started_at == session.started_at and bool(session.pain_stop)


def test_the_pain_questions_can_all_be_skipped_and_a_missing_rating_is_asked_once(psoas_home):
    # p; Enter for the place; Enter for the rating, which is asked once more, Enter again;
    # Enter for the note; then the three log answers
    fake = FakeTime(interrupts=(20,))
    io_ = console("p\n\n\n\n\n\n\n\n", fake)
    assert run_routine(load_catalog().routines["desk-reset"], io_, clock=fake.clock) == 0
    out = io_.stdout.getvalue()
    assert out.count("How much did it hurt, 0–10") == 2
    assert "press Enter again to record it as not rated" in out
    assert "Pain report saved in your journal (the pain not rated)." in out
    report = Journal(psoas_home).pain_reports().iloc[0]
    assert (report.place, report.notes) == ("", "[not rated]") and report.pain is pd.NA
    assert bool(Journal(psoas_home).sessions().iloc[0].pain_stop)


def test_a_rating_given_when_asked_again_is_saved(psoas_home):
    fake = FakeTime(interrupts=(20,))
    io_ = console("p\n1\n\n4\n\n\n\n\n", fake)
    assert run_routine(load_catalog().routines["desk-reset"], io_, clock=fake.clock) == 0
    report = Journal(psoas_home).pain_reports().iloc[0]
    assert (report.place, int(report.pain), report.notes) == ("hip", 4, "")


def test_a_pain_stop_with_no_log_is_recorded_all_the_same_and_said(psoas_home):
    # desk reset: 10 s get ready, then marching in place (its first exercise); Ctrl-C at
    # 20 s, "p". With --no-log nothing is asked and no session is logged, but the pain stop
    # is: a pain report naming the exercise under way, not rated; so today is refused
    fake = FakeTime(interrupts=(20,))
    io_ = console("p\n", fake)
    routine = load_catalog().routines["desk-reset"]
    assert run_routine(routine, io_, clock=fake.clock, log=False) == 0
    out = io_.stdout.getvalue()
    assert "The pain stop is recorded in your journal even with --no-log" in out
    assert "Where did it hurt?" not in out
    journal = Journal(psoas_home)
    assert not journal.sessions_path.exists()
    report = journal.pain_reports().iloc[0]
    assert (report.routine_id, report.exercise_id, report.notes) == (
        "desk-reset",
        "marching-in-place",
        "[not rated] [psoas run --no-log]",
    )
    io_ = console()
    assert main(["run", "desk-reset", "--no-log"], io_) == 1
    assert "You stopped for sharp pain today at " in io_.stderr.getvalue()
    assert "Rest today: routines run again tomorrow." in io_.stderr.getvalue()


def test_a_held_out_exercise_is_left_out_of_the_run_and_said(psoas_home):
    # the post-workout release opens with the knee-to-chest stretch (desk reset no longer
    # holds it); warmed up, so no warm-up runs first
    journal = Journal(psoas_home)
    for days in (10, 3):  # two pain stops on the knee-to-chest stretch, 7 days apart
        journal.add_session(
            started_at=NOW - timedelta(days=days),
            routine_id="post-workout-release",
            planned_s=480,
            completed_s=60,
            exercises_done=["knee-to-chest"],
            pain_stop=True,
        )
    name = load_catalog().exercises["knee-to-chest"].name
    fake = FakeTime()
    io_ = console("\n\n\n", fake)
    routine = load_catalog().routines["post-workout-release"]
    assert "knee-to-chest" in routine.exercise_ids
    assert run_routine(routine, io_, clock=fake.clock, warmed_up=True) == 0
    out = io_.stdout.getvalue()
    assert f"{name} is held out" in out and "physiotherapist" in out
    done = Journal(psoas_home).sessions().iloc[-1]
    assert "knee-to-chest" not in done.exercises_done.split(";")
    assert done.exercises_done.startswith("kneeling-hip-flexor-stretch")


@pytest.mark.parametrize("command", [["plan", "show"], ["plan", "export"]])
def test_psoas_plan_proposes_nothing_and_writes_no_calendar_after_a_red_flag(psoas_home, command):
    red_flag(psoas_home)
    io_ = console()
    assert main(command, io_) == 1
    err = io_.stderr.getvalue()
    assert "No plan is proposed and no calendar is written for now." in err
    assert "see" in err.lower() and "professional" in err
    assert not (psoas_home / "exports").exists()


def test_psoas_plan_export_writes_after_a_clearance(psoas_home):
    red_flag(psoas_home, NOW - timedelta(days=2))
    Journal(psoas_home).add_clearance(
        recorded_at=NOW - timedelta(days=1), cleared_on=date.today() - timedelta(days=1)
    )
    io_ = console()
    assert main(["plan", "export"], io_) == 0, io_.stderr.getvalue()
    assert (psoas_home / "exports" / "psoas-plan.ics").exists()
