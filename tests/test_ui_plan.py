"""The plan page's widgets, driven in-process against a real data folder and journal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pandas as pd
import pytest

from psoas_lib import load_catalog
from psoas_lib.journal.store import Journal
from psoas_lib.plan.weekly import load_plan
from psoas_lib.ui.plan import PlanPage, next_session, planned_vs_done_view, weeks_shown

LYING = "lying-psoas-stretch"


def log_sessions(home, days, exercises=(LYING,), routine="desk-reset"):
    journal = Journal(home)
    for day in days:
        journal.add_session(
            started_at=datetime(2026, 3, day, 17, 0, tzinfo=UTC),
            routine_id=routine,
            planned_s=600,
            completed_s=600,
            exercises_done=list(exercises),
            tightness_before=6,
            tightness_after=4,
        )


def test_a_new_user_sees_the_proposed_plan(psoas_home):
    page = PlanPage(psoas_home, now="2026-03-04 12:00")
    ticked = {
        d: (r.time.value, r.routine.value) for d, r in page.editor.rows.items() if r.tick.value
    }
    assert ticked == {
        "mon": ("18:30", "desk-reset"),
        "wed": ("18:30", "strength-builder"),
        "fri": ("18:30", "desk-reset"),
    }
    assert "a proposed plan, not saved yet" in page.editor.note.value
    assert (
        # 5:40 by hand: 4:50 before the slow raises, + 10 raises a side x 2 s + 10 marches x 1 s
        "Next: Wednesday 04 March at 18:30, Strength builder (5:40 at your levels)"
        in page.week.value
    )
    assert "hold 20 s (level 1 of 4)" in page.levels.value


def test_too_few_days_is_a_message_and_nothing_is_saved(psoas_home):
    page = PlanPage(psoas_home)
    page.editor.rows["wed"].tick.value = False
    page.editor.save_button.click()
    assert page.editor.message.value == (
        "a weekly plan needs 3 to 5 different days, not 2 (mon, fri). Add a day."
    )
    assert not (psoas_home / "plan.toml").exists()


def test_a_bad_time_is_a_message(psoas_home):
    page = PlanPage(psoas_home)
    page.editor.rows["mon"].time.value = "half past six"
    page.editor.save_button.click()
    assert page.editor.message.value.startswith("the time 'half past six' is not a time of day")


def test_saving_writes_the_plan_and_refreshes_the_page(psoas_home):
    page = PlanPage(psoas_home, now="2026-03-04 12:00")
    sunday = page.editor.rows["sun"]
    sunday.tick.value, sunday.time.value, sunday.routine.value = True, "9:15", "yoga-pilates-flow"
    page.editor.save_button.click()
    saved = load_plan(load_catalog(), psoas_home)
    assert [(d.weekday, f"{d.time:%H:%M}", d.routine_id) for d in saved.days][-1] == (
        "sun",
        "09:15",
        "yoga-pilates-flow",
    )
    assert "your saved plan" in page.editor.note.value
    assert "Yoga &amp; Pilates flow" in page.week.value
    assert page.export.plan.days == saved.days


def test_levels_show_the_reason_of_each_change(psoas_home):
    log_sessions(psoas_home, range(2, 8))
    page = PlanPage(psoas_home)
    assert "hold 30 s (level 2 of 4)" in page.levels.value
    assert (
        "hold raised to 30 s: 6 sessions at 20 s, tightness down 2 points on average, no pain stops"
    ) in page.levels.value


def test_the_week_shows_what_was_done(psoas_home):
    log_sessions(psoas_home, [2])  # Monday 2 March, 17:00 UTC
    page = PlanPage(psoas_home, now="2026-03-04 12:00")
    assert (
        "<td>Mon</td><td>02 Mar</td><td>18:30</td><td>Desk reset</td><td>Desk reset</td>"
        "<td>done</td>" in page.week.value
    )


def test_export_to_the_data_folder_and_never_overwrite_silently(psoas_home):
    page = PlanPage(psoas_home)
    page.export.button.click()
    target = psoas_home / "exports" / "psoas-plan.ics"
    assert page.export.message.value.startswith(f"Written: {target}.")
    first = target.read_bytes()
    assert len(icalendar.Calendar.from_ical(first).walk("VEVENT")) == 3
    page.export.button.click()
    assert page.export.message.value.startswith(f"{target} exists already.")
    page.export.replace.value = True
    page.export.button.click()
    assert (psoas_home / "exports" / "psoas-plan.ics.bak").read_bytes() == first


def test_export_to_a_path_the_user_gives(psoas_home, tmp_path):
    page = PlanPage(psoas_home)
    page.export.path.value = str(tmp_path / "hips.ics")
    page.export.button.click()
    assert (tmp_path / "hips.ics").exists()


def test_planned_vs_done_view_for_the_progress_notebook(psoas_home):
    log_sessions(psoas_home, [2, 3, 6])
    view = planned_vs_done_view(psoas_home, weeks=2, now="2026-03-10 12:00")
    assert "<td>02 Mar 2026</td><td>3</td><td>3</td><td>2</td>" in view.value
    assert "<td>09 Mar 2026</td><td>3</td><td>0</td><td>0</td>" in view.value
    assert "the proposed plan (not saved yet)" in view.value


def test_a_broken_plan_file_shows_as_a_message_in_the_progress_view(psoas_home):
    (psoas_home / "plan.toml").write_text("[[day]]\nweekday = 3\n", encoding="utf-8")
    view = planned_vs_done_view(psoas_home)
    assert "field &#x27;weekday&#x27;" in view.value and "psoas-error" in view.value


def test_next_session_rolls_over_to_next_week(psoas_home):
    plan = PlanPage(psoas_home).plan  # Mon, Wed, Fri at 18:30
    day, start = next_session(plan, now="2026-03-06 18:31")  # Friday, just after
    assert (day.weekday, start.to_pydatetime()) == ("mon", datetime(2026, 3, 9, 18, 30))
    day, start = next_session(plan, now="2026-03-06 18:30")
    assert (day.weekday, start.to_pydatetime() - datetime(2026, 3, 6)) == (
        "fri",
        timedelta(hours=18, minutes=30),
    )


def test_the_player_runs_the_next_planned_routine_at_your_levels(psoas_home):
    # six sessions of the kneeling stretch: up to 30 s (its top)
    log_sessions(psoas_home, range(2, 8), exercises=("kneeling-hip-flexor-stretch",))
    player = PlanPage(psoas_home, now="2026-03-09 08:00").player()  # Monday morning
    assert player.routine.id == "desk-reset"
    holds = {i.exercise.id: i.dose.hold for i in player.routine.items}
    assert holds == {
        "marching-in-place": None,  # warm-up moves keep their dose
        "leg-swings": None,
        "standing-pelvic-tilt": 10,
        "warrior-one": 20,
        "kneeling-hip-flexor-stretch": 30,
        "low-lunge": 20,
    }
    assert player.session.dose.levelled
    assert player.dose.note.value.startswith("Doses at your levels")
    player.dose.full.value = True  # the catalog's full dose: warrior I and the lunge at 30 s
    assert {i.dose.hold for i in player.routine.items if i.exercise.style == "hold"} == {10, 30}


# ---- the weeks as shown, without widgets --------------------------------------------------------
WEEKS = pd.DataFrame(
    {"planned": [3, 3, 2], "done": [1, 4, 0], "on_plan": [1, 3, 0], "in_progress": [0, 0, 1]},
    index=pd.to_datetime(["2026-11-16", "2026-11-23", "2026-11-30"]),
).astype({"in_progress": bool})


@pytest.mark.parametrize(
    ("label", "mark", "weeks"),
    [
        ("%d %b", True, ["16 Nov", "23 Nov", "30 Nov (this week)"]),
        ("%d %b %Y", False, ["16 Nov 2026", "23 Nov 2026", "30 Nov 2026"]),
    ],
)
def test_weeks_shown(label, mark, weeks):
    shown = weeks_shown(WEEKS, label, mark)
    assert list(shown.index) == weeks
    assert list(shown.columns) == ["planned", "done", "on a planned day"]
    assert shown["on a planned day"].tolist() == [1, 3, 0]
    assert "in_progress" in WEEKS.columns  # the frame given is left as it was
