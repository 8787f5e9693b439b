"""Live views follow the ticks and the journal without re-running anything (in-process)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from psoas_lib import events
from psoas_lib.journal.store import Journal
from psoas_lib.ui.checklist import ChecklistWidget
from psoas_lib.ui.live import LiveBox, SuggestedRoutine, live_assessment_chart
from psoas_lib.ui.plan import PlanPage
from psoas_lib.ui.player import Player
from psoas_lib.ui.progress import ProgressView

NOW = "2026-03-04 12:00"  # a Wednesday


def _log(home, day=3):
    Journal(home).add_session(
        started_at=datetime(2026, 3, day, 17, 0, tzinfo=UTC),
        routine_id="desk-reset",
        planned_s=600,
        completed_s=600,
        exercises_done=["lying-psoas-stretch"],
        tightness_before=6,
        tightness_after=4,
    )


@pytest.mark.parametrize(
    ("ticked", "shown", "hidden"),
    [
        # an injury: no routine at all (the checklist's see-a-professional rule)
        (["existing-injury"], "No routine is suggested", "Strength builder"),
        # poor posture alone is a weakness sign: the strength routine
        (["poor-posture"], "Strength builder", "No routine is suggested"),
    ],
)
def test_the_suggested_routine_follows_the_ticks_before_save(psoas_home, ticked, shown, hidden):
    checklist = ChecklistWidget(home=psoas_home)
    suggestion = SuggestedRoutine(checklist)
    before = suggestion.value
    checklist.set_ticked(ticked)
    assert shown in suggestion.value and hidden not in suggestion.value
    assert suggestion.value != before
    assert Journal(psoas_home).assessments().empty  # nothing saved: the ticks alone did it


def test_a_saved_assessment_redraws_the_score_chart(psoas_home):
    chart = live_assessment_chart(psoas_home)
    empty_png = chart.children[0].value
    checklist = ChecklistWidget(home=psoas_home)
    checklist.set_ticked(["poor-posture"])
    assert chart.draws == 1  # ticking alone does not touch the journal
    assert checklist.save()
    assert chart.draws == 2
    assert chart.children[0].value != empty_png


def test_a_logged_session_updates_the_progress_summary_and_charts(psoas_home):
    view = ProgressView(psoas_home, now=NOW)
    assert "journal is empty" in view.message.value and view.charts.children == ()
    _log(psoas_home)
    assert "Sessions this week" in view.summary.value
    assert len(view.charts.children) == 5


def test_a_logged_session_updates_this_weeks_plan(psoas_home):
    page = PlanPage(psoas_home, now=NOW)
    before = page.week.value
    _log(psoas_home, day=2)  # Monday 2 March, a planned day of the default plan
    assert page.week.value != before
    assert len(page.sessions) == 1


def test_a_saved_assessment_updates_the_proposed_plan_and_the_player(psoas_home):
    page = PlanPage(psoas_home, now=NOW)
    player = Player(home=psoas_home, hands_free=False)
    checklist = ChecklistWidget(home=psoas_home)
    # a weakness sign only: strength-focused, the strength builder (the player starts on the
    # catalog's first routine, the desk reset)
    checklist.set_ticked(["poor-posture"])
    suggested = checklist.assessment.routine_id
    assert suggested and player.picker.value != suggested
    before = [r.routine.value for r in page.editor.rows.values()]
    checklist.save()
    assert player.picker.value == suggested
    assert [r.routine.value for r in page.editor.rows.values()] != before


def test_a_saved_routine_joins_every_players_list(psoas_home):
    from psoas_lib.content.catalog import load_catalog, make_routine, save_routine

    player = Player(home=psoas_home, hands_free=False)
    catalog = load_catalog(home=psoas_home)
    routine = make_routine(catalog, "My desk", [{"exercise": "knee-to-chest"}])
    save_routine(routine, psoas_home)
    assert routine.id in [value for _label, value in player.picker.options]


def test_a_live_box_shows_a_damaged_file_and_draws_again_once_fixed(psoas_home):
    (psoas_home / "assessments.csv").write_text("taken_at,ticked\nnot a date,x\n")
    chart = live_assessment_chart(psoas_home)
    assert "assessments.csv" in chart.children[0].value
    (psoas_home / "assessments.csv").unlink()
    events.announce("repair", psoas_home / "assessments.csv")
    drawn = chart.children[0].value
    assert "assessments.csv" not in drawn and 'svg class="psoas-chart"' in drawn


def test_a_closed_live_box_stops_observing(psoas_home):
    box = LiveBox(lambda: [], "session", home=psoas_home)
    box.close()
    _log(psoas_home)
    assert box.draws == 1


def test_in_a_kernel_the_views_redraw_after_the_writers_message_once(psoas_home, monkeypatch):
    """With an event loop running (as in a kernel), the write returns first (the player's
    "Saved" shows at once) and the other views redraw right after, once for two writes."""
    import asyncio
    import threading

    from psoas_lib.ui import live

    # the kernel's loop: here the loop asyncio.run runs (no kernel in a test process)
    monkeypatch.setattr(live, "_kernel_loop", asyncio.get_running_loop)

    async def handler():
        view = ProgressView(psoas_home, now=NOW)
        chart = live_assessment_chart(psoas_home)
        sessions_box = LiveBox(lambda: [], "session", home=psoas_home)
        _log(psoas_home, day=2)
        _log(psoas_home, day=3)
        ChecklistWidget(home=psoas_home).save()
        assert "journal is empty" in view.message.value  # not yet: the writer goes first
        assert chart.draws == 1
        await asyncio.sleep(0)  # the kernel's next turn
        return view, chart, sessions_box

    done: list = []  # a thread of its own: its loop is the only one running there
    worker = threading.Thread(target=lambda: done.append(asyncio.run(handler())))
    worker.start()
    worker.join()
    view, chart, sessions_box = done[0]
    assert "Sessions this week" in view.summary.value
    assert chart.draws == 2  # drawn first, then once for the assessment
    assert sessions_box.draws == 2  # drawn first, then once for the two sessions
