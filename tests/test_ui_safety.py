"""The safety widgets in-process: the panel in the player, the checklist and the plan page,
and the pain-stop form. Buttons clicked, traits and the journal checked."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from psoas_lib import Journal
from psoas_lib.coaching.safety import Verdict, Way
from psoas_lib.ui.checklist import ChecklistWidget
from psoas_lib.ui.plan import PlanPage
from psoas_lib.ui.player import Player
from psoas_lib.ui.safety import clearance_question, cleared_exercises, panel_display

NOW = datetime.now().astimezone().replace(microsecond=0)


class FakeClock:
    def __init__(self) -> None:
        self.t = 500.0

    def __call__(self) -> float:
        return self.t


def red_flag(home) -> None:
    Journal(home).add_assessment(
        taken_at=NOW - timedelta(hours=2),
        ticked=["weakness-both-legs"],
        tightness=0,
        weakness=0,
        recommendation="see-a-professional",
    )


def shown(widget) -> bool:
    return widget.layout.display != "none"


def test_a_red_flag_shows_the_reason_in_the_player_and_start_does_nothing(psoas_home):
    red_flag(psoas_home)
    player = Player("desk-reset", clock=FakeClock(), home=psoas_home)
    panel = player.safety
    assert shown(panel) and "advised seeing a professional" in panel.reason.value
    assert shown(panel.checklist) and "01_self_assessment.ipynb" in panel.checklist.value
    assert shown(panel.clear_box) and panel.clear_button.description.startswith(
        "A professional has cleared me"
    )
    player.start_button.click()
    assert not player.session.state().started and not player.ticker.playing
    assert "Not started" in player.status.value
    # the way on: record the clearance (seen today, after the red flag), confirm it, then
    # Start goes on
    panel.cleared_on.value = date.today()
    panel.clear_button.click()
    assert shown(panel.confirm_box) and "cleared you to exercise" in panel.question.value
    assert not Journal(psoas_home).clearances_path.exists()  # only once confirmed
    panel.confirm_button.click()
    row = Journal(psoas_home).clearances().iloc[0]
    assert (row.cleared_on, row.exercise_id) == (date.today().isoformat(), "")
    assert "Recorded in your journal" in panel.message.value and not shown(panel.clear_box)
    player.start_button.click()
    assert player.session.state().started


def test_cancel_records_nothing(psoas_home):
    red_flag(psoas_home)
    panel = Player("desk-reset", clock=FakeClock(), home=psoas_home).safety
    panel.clear_button.click()
    panel.cancel_button.click()
    assert not shown(panel.confirm_box) and not Journal(psoas_home).clearances_path.exists()


def test_a_day_in_the_future_is_refused_with_a_message(psoas_home):
    red_flag(psoas_home)
    panel = Player("desk-reset", clock=FakeClock(), home=psoas_home).safety
    panel.cleared_on.value = date.today() + timedelta(days=3)
    panel.clear_button.click()
    assert not panel.confirm()
    assert panel.message.value.startswith("Not recorded: cleared_on=")


def test_a_day_before_the_red_flag_is_refused_and_says_why(psoas_home):
    Journal(psoas_home).add_assessment(
        taken_at=NOW - timedelta(days=3),
        ticked=["weakness-both-legs"],
        tightness=0,
        weakness=0,
        recommendation="see-a-professional",
    )
    panel = Player("desk-reset", clock=FakeClock(), home=psoas_home).safety
    panel.cleared_on.value = (NOW - timedelta(days=4)).date()
    panel.clear_button.click()
    panel.confirm_button.click()
    flagged = NOW - timedelta(days=3)
    assert panel.message.value.startswith("Not recorded: The clearance is dated ")
    assert f"on or after {flagged.day} {flagged:%B %Y}." in panel.message.value
    assert not Journal(psoas_home).clearances_path.exists() and shown(panel)


def test_no_panel_when_all_is_clear(psoas_home):
    player = Player("desk-reset", clock=FakeClock(), home=psoas_home)
    assert not shown(player.safety)


def test_after_a_pain_stop_the_form_is_offered_spoken_and_no_start_again(psoas_home):
    # the post-workout release (it holds the kneeling stretch) at the doses as written,
    # warmed up: 10 s get ready, the knee-to-chest 20 x 5 s = 100 s, a 20 s rest (the floor
    # to kneeling), the kneeling stretch's left hold 130-160 s, a 5 s switch, the right
    # hold 165-195 s: 175 s is 10 s into the second side
    clock = FakeClock()
    player = Player("post-workout-release", clock=clock, home=psoas_home, levels=None)
    player.warmed_up_button.click()
    player.start_button.click()
    assert player.session.state().started
    clock.t = 500.0 + 175
    player.ticker.value += 1
    said = player.hands_free.say_id
    player.pain_button.click()
    assert player.hands_free.say_id == said + 1
    assert player.hands_free.say.startswith("Stopped for sharp pain. Rest now")
    form = player.pain_form
    assert shown(form)
    assert player.start_button.disabled  # no "Start again" for this session
    player.start()  # pressed anyway (a key): nothing starts
    assert player.session.state().stopped and player.session.safety_gate.refusal is not None
    form.place.value, form.level.value, form.note.value = "hip", 4, "pinch"
    form.save_button.click()
    assert form.message.value == "Saved in your journal." and form.save_button.disabled
    form.save()  # a second save writes nothing more
    reports = Journal(psoas_home).pain_reports()
    assert len(reports) == 1
    report = reports.iloc[0]
    assert (report.exercise_id, report.place, int(report.pain), report.notes) == (
        "kneeling-hip-flexor-stretch",
        "hip",
        4,
        "pinch",
    )
    assert report.started_at == Journal(psoas_home).sessions().iloc[0].started_at


def test_a_pain_report_without_a_rating_is_asked_for_once_then_saved_as_not_rated(psoas_home):
    clock = FakeClock()
    player = Player("desk-reset", clock=clock, home=psoas_home, levels=None)
    player.warmed_up_button.click()
    player.start_button.click()
    clock.t = 500.0 + 20
    player.ticker.value += 1
    player.pain_button.click()
    form = player.pain_form
    form.place.value = "knee"
    form.save_button.click()  # no rating: asked once, nothing written
    assert form.message.value.startswith("How much did it hurt? Choose 0 to 10")
    assert not Journal(psoas_home).pain_reports_path.exists()
    form.save_button.click()  # again: recorded as not rated, said so
    assert form.message.value == "Saved in your journal (the pain not rated)."
    report = Journal(psoas_home).pain_reports().iloc[0]
    assert (report.place, report.notes) == ("knee", "[not rated]") and report.pain is pd.NA


def test_the_checklist_offers_the_clearance_after_a_red_flag_result(psoas_home):
    checklist = ChecklistWidget(home=psoas_home)
    assert not shown(checklist.safety)
    checklist.set_ticked(["pain-after-fall"])
    result = checklist.result.value
    assert "<h4>Result: Call 999 or go to A&amp;E now</h4>" in result
    assert "(112 in the EU, 911 in the US)" in result and "physiotherapist" not in result
    assert checklist.save()
    panel = checklist.safety
    assert shown(panel) and shown(panel.clear_box)
    assert not shown(panel.checklist)  # this page is the checklist
    panel.clear_button.click()
    panel.confirm_button.click()
    assert len(Journal(psoas_home).clearances()) == 1


def test_the_plan_page_proposes_nothing_after_a_red_flag(psoas_home):
    red_flag(psoas_home)
    page = PlanPage(psoas_home)
    assert page.blocked is not None and page.safety in page.editor.children
    assert shown(page.safety) and "No plan is proposed" in page.editor.note.value
    assert page.export.write() is None
    assert page.export.message.value.startswith("No plan is proposed and no calendar is written")
    assert not (psoas_home / "exports").exists()
    page.safety.clear_button.click()
    page.safety.confirm_button.click()
    assert page.blocked is None and "proposed plan" in page.editor.note.value
    assert page.export.write() is not None


@pytest.mark.parametrize("held", [True, False])
def test_the_player_leaves_a_held_out_exercise_out_and_says_so(psoas_home, held):
    journal = Journal(psoas_home)
    for days in (9, 2) if held else (30, 2):  # within 14 days, or not
        journal.add_session(
            started_at=NOW - timedelta(days=days),
            routine_id="post-workout-release",
            planned_s=480,
            completed_s=60,
            exercises_done=["knee-to-chest"],
            pain_stop=True,
        )
    # the post-workout release holds the knee-to-chest (desk reset no longer does); it
    # needs a warm-up: confirm one, so Start starts it
    player = Player("post-workout-release", clock=FakeClock(), home=psoas_home)
    assert "knee-to-chest" in player.catalog.routines["post-workout-release"].exercise_ids
    assert shown(player.safety) is held
    player.warmed_up_button.click()
    player.start_button.click()
    assert player.session.state().started
    assert ("knee-to-chest" in player.session.routine.exercise_ids) is not held
    if held:
        assert "is held out" in player.safety.reason.value
        player.safety.clear_button.click()
        name = player.catalog.exercises["knee-to-chest"].name
        assert f"for {name} on" in player.safety.question.value
        player.safety.confirm_button.click()
        row = Journal(psoas_home).clearances().iloc[0]
        assert row.exercise_id == "knee-to-chest"  # only that exercise is cleared


def _pain_stopped(home) -> Player:
    clock = FakeClock()
    player = Player("post-workout-release", clock=clock, home=home, levels=None)
    player.warmed_up_button.click()
    player.start_button.click()
    clock.t = 500.0 + 175  # 10 s into the kneeling stretch's second side (see above)
    player.ticker.value += 1
    player.pain_button.click()
    return player


def test_a_pain_report_without_a_rating_asks_once_then_says_not_rated(psoas_home):
    form = _pain_stopped(psoas_home).pain_form
    form.place.value, form.note.value = "groin", "pulled"
    assert not form.save()  # no 0-10 rating: asked for, nothing written
    assert form.message.value.startswith("How much did it hurt? Choose 0 to 10")
    assert len(Journal(psoas_home).pain_reports()) == 0
    assert form.save()  # a second press: recorded, explicitly not rated
    report = Journal(psoas_home).pain_reports().iloc[0]
    assert (report.place, report.notes) == ("groin", "[not rated] pulled")
    assert report.pain is pd.NA


def test_a_rating_given_after_the_question_is_saved_as_given(psoas_home):
    form = _pain_stopped(psoas_home).pain_form
    assert not form.save()
    form.level.value = 6
    assert form.save()
    report = Journal(psoas_home).pain_reports().iloc[0]
    assert (int(report.pain), report.notes) == (6, "")


def test_a_pain_stop_never_borrows_the_last_sessions_tightness(psoas_home):
    clock = FakeClock()
    player = Player("post-workout-release", clock=clock, home=psoas_home, levels=None)
    player.warmed_up_button.click()
    player.start_button.click()
    clock.t = 500.0 + 30
    player.stop_button.click()
    player.tightness_before.value, player.tightness_after.value = 7, 4
    assert player.save()
    player.start_button.click()  # the next session, nothing rated for it
    clock.t = 500.0 + 60
    player.ticker.value += 1
    player.pain_button.click()  # saved at once
    rows = Journal(psoas_home).sessions()
    assert [(r.tightness_before, r.tightness_after) for r in rows.itertuples()] == [
        (7, 4),
        (pd.NA, pd.NA),
    ]
    assert bool(rows.iloc[1].pain_stop)


# ---- what the panel shows, decided without widgets --------------------------------------------
TOMORROW = Way("tomorrow", "Rest today: routines run again tomorrow.")
CHECK = Way("checklist", "Take the self-assessment again.")
CLEAR = Way("clearance", "Record a clearance.")
ALL = ("checklist", "tomorrow", "clearance")


# verdict, offer, a message showing -> shown, checklist, tomorrow lines, clearance
@pytest.mark.parametrize(
    ("verdict", "offer", "message", "expected"),
    [
        (None, ALL, False, (False, False, (), False)),
        (None, ALL, True, (True, False, (), False)),  # "Recorded ..." stays in view
        (Verdict(True), ALL, False, (False, False, (), False)),
        (
            Verdict(False, ("Red flag.",), ways_on=(CHECK, CLEAR), red_flag=True),
            ALL,
            False,
            (True, True, (), True),
        ),
        (  # the checklist page leaves out "take the checklist again"
            Verdict(False, ("Red flag.",), ways_on=(CHECK, CLEAR), red_flag=True),
            ("clearance",),
            False,
            (True, False, (), True),
        ),
        (
            Verdict(False, ("Pain today.",), ways_on=(TOMORROW, CLEAR), rest_today=True),
            ALL,
            False,
            (True, False, ("Rest today: routines run again tomorrow.",), True),
        ),
        (
            Verdict(False, ("Pain today.",), ways_on=(TOMORROW, CLEAR), rest_today=True),
            ("clearance",),
            False,
            (True, False, (), True),
        ),
    ],
)
def test_panel_display(verdict, offer, message, expected):
    got = panel_display(verdict, offer, message)
    assert (got.shown, got.checklist, got.tomorrow, got.clearance) == expected
    assert got.reasons == (verdict.reasons if verdict else ())


@pytest.mark.parametrize(
    ("verdict", "question", "cleared"),
    [
        (None, "A GP or a physiotherapist cleared you to exercise on 03 Dec 2026?", [""]),
        (
            Verdict(False, ("x",), held_out=("low-lunge", "warrior-one"), red_flag=True),
            "A GP or a physiotherapist cleared you to exercise on 03 Dec 2026?",
            [""],  # a red flag: cleared in general
        ),
        (
            Verdict(False, ("x",), held_out=("low-lunge", "warrior-one")),
            "A GP or a physiotherapist cleared you for Low lunge, warrior-one on 03 Dec 2026?",
            ["low-lunge", "warrior-one"],  # a name not known shows its id
        ),
    ],
)
def test_the_clearance_question_and_what_it_clears(verdict, question, cleared):
    names = {"low-lunge": "Low lunge"}
    assert clearance_question(verdict, names, date(2026, 12, 3)) == question
    assert cleared_exercises(verdict) == cleared
