"""The player widget in-process: buttons clicked, ticks driven, traits and journal checked.

Most tests run "stretches", the test's own routine (saved in the test's data folder) of
four stretches at the catalog's doses (``levels=None``), the warm-up confirmed. Worked out
by hand: get ready 0–10; kneeling stretch left 10–40, switch 40–45, right 45–75, ...
(3 rounds, ends 215); rest 215–235 (20 s: kneeling to a bed); lying stretch left 235–265,
switch, right 270–300; rest 300–320 (bed to standing); pelvic tilt 4 × 10 s holds 320–375;
rest 375–395 (standing to the floor); knee-to-chest, 20 alternating repetitions in 100 s,
395–495.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from psoas_lib import Journal, load_catalog, make_routine, save_routine
from psoas_lib.ui.player import COLOURS, UNSET, Player

#: The preset with role = "warm-up" in data/routines.toml.
WARM_UP_ID = "pre-activity-warm-up"

KNEELING = "kneeling-hip-flexor-stretch"
LYING = "lying-psoas-stretch"
STRETCHES = [KNEELING, LYING, "standing-pelvic-tilt", "knee-to-chest"]
TOTAL = 495  # see the module docstring


class FakeClock:
    def __init__(self) -> None:
        self.t = 500.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def player(clock, psoas_home) -> Player:
    save_routine(make_routine(load_catalog(user=False), "Stretches", STRETCHES), home=psoas_home)
    player = Player("stretches", clock=clock, home=psoas_home, levels=None)
    player.warmed_up()
    return player


def at(player: Player, clock: FakeClock, seconds: float) -> None:
    """Move the clock to ``seconds`` after the start and let the browser's ticker tick."""
    clock.t = 500.0 + seconds
    player.ticker.value += 1


def test_before_start(player):
    assert player.total.value == "Total 8:15"
    assert "Kneeling hip-flexor (psoas) stretch" in player.plan.value
    assert player.countdown.value == "10"
    assert player.pause_button.disabled and player.pain_button.disabled
    assert not player.start_button.disabled
    assert player.log_box.layout.display == "none"


@pytest.mark.parametrize(
    ("t", "phase", "side", "rep", "countdown", "segment", "routine"),
    [
        (0, "Get ready", "Next: left leg", "", "10", 0, 0),
        (4, "Get ready", "Next: left leg", "", "6", 0.4, 4 / TOTAL),
        (10, "Hold", "Left leg", "Hold 1 of 3", "30", 0, 10 / TOTAL),
        (25, "Hold", "Left leg", "Hold 1 of 3", "15", 0.5, 25 / TOTAL),
        (25.5, "Hold", "Left leg", "Hold 1 of 3", "15", 15.5 / 30, 25.5 / TOTAL),
        (42, "Switch sides", "Next: right leg", "", "3", 0.4, 42 / TOTAL),
        (200, "Hold", "Right leg", "Hold 3 of 3", "15", 0.5, 200 / TOTAL),
        (220, "Rest · next up", "Next: left leg", "", "15", 5 / 20, 220 / TOTAL),
        (322, "Hold", "", "Hold 1 of 4", "8", 0.2, 322 / TOTAL),
        (406, "Repetitions", "Alternating legs", "Repetition 3 of 20", "1:29", 0.11, 406 / TOTAL),
    ],
)
def test_display_follows_the_clock(player, clock, t, phase, side, rep, countdown, segment, routine):
    player.start_button.click()
    at(player, clock, t)
    assert (player.phase.value, player.side.value) == (phase, side)
    assert (player.rep.value, player.countdown.value) == (rep, countdown)
    assert player.segment_bar.value == pytest.approx(segment)
    assert player.routine_bar.value == pytest.approx(routine)


def test_exercise_steps_and_next_up(player, clock):
    player.start_button.click()
    at(player, clock, 12)
    assert player.exercise.value == "Kneeling hip-flexor (psoas) stretch"
    assert "<ol>" in player.steps.value
    assert player.next_up.value == "Next: Switch sides"
    assert player.routine_time.value == "0:12 of 8:15"


@pytest.mark.parametrize(
    ("t", "colour"),
    [(30, "normal"), (36.9, "normal"), (37, "final"), (39.5, "final"), (40.5, "normal")],
)
def test_countdown_turns_red_in_the_last_three_seconds(player, clock, t, colour):
    player.start_button.click()
    at(player, clock, t)
    assert player.countdown.style.text_color == COLOURS[colour]


def test_pause_freezes_and_resume_continues(player, clock):
    player.start_button.click()
    at(player, clock, 15)
    player.pause_button.click()
    assert player.pause_button.description == "Resume · Space"
    assert not player.ticker.playing
    at(player, clock, 115)  # 100 s paused
    assert player.countdown.value == "25"
    assert player.countdown.style.text_color == COLOURS["idle"]
    player.pause_button.click()
    assert player.ticker.playing and player.pause_button.description == "Pause · Space"
    at(player, clock, 120)
    assert player.countdown.value == "20"


def test_skip_and_back(player, clock):
    player.start_button.click()
    at(player, clock, 15)
    player.skip_button.click()  # to the switch at 40
    assert (player.phase.value, player.countdown.value) == ("Switch sides", "5")
    player.skip_button.click()  # to the right hold at 45
    assert (player.side.value, player.countdown.value) == ("Right leg", "30")
    player.back_button.click()  # 0 s into it: back to the switch
    assert player.phase.value == "Switch sides"


def test_cues_beep_and_are_shown(player, clock):
    heard = []
    player.on_cue(lambda cue, state, text: heard.append((cue.kind, text)))
    player.start_button.click()
    first_beep = player.audio.value
    at(player, clock, 10.5)
    at(player, clock, 37)
    at(player, clock, 38)
    assert heard == [
        ("start", "Get ready: Kneeling hip-flexor (psoas) stretch"),
        ("start", "Kneeling hip-flexor (psoas) stretch, left leg. Hold 30 seconds"),
        ("countdown", "3"),
        ("countdown", "2"),
    ]
    assert player.cue_line.value == "2"
    assert first_beep[:4] == b"RIFF" and player.audio.value != first_beep
    assert not player.audio.loop


def test_mute_keeps_the_visual_cue(player, clock):
    player.mute.value = True
    player.start_button.click()
    at(player, clock, 36)
    at(player, clock, 37)
    assert player.audio.value == b""
    assert player.cue_line.value == "3"


def test_pain_stop_records_pain_in_the_journal(player, clock, psoas_home):
    player.start_button.click()
    at(player, clock, 50)
    player.pain_button.click()
    assert player.advice.layout.display == "flex"
    assert "radiating pain" in player.advice.value
    assert player.log_box.layout.display == "none"
    assert "saved" in player.status.value
    at(player, clock, 90)  # the clock has stopped
    assert player.countdown.value == "25"
    rows = Journal(psoas_home).sessions()
    assert len(rows) == 1
    row = rows.iloc[0]
    assert bool(row.pain_stop) and row.routine_id == "stretches"
    assert (row.planned_s, row.completed_s, row.exercises_done) == (TOTAL, 50, KNEELING)


def test_stop_offers_the_log_and_saves_a_partial_session(player, clock, psoas_home):
    player.start_button.click()
    at(player, clock, 240.7)  # 10.7 s into the lying stretch
    player.stop_button.click()
    assert player.log_box.layout.display == "flex"
    assert "2 of 4" in player.log_summary.value
    player.tightness_before.value = 6
    player.notes.value = "  left side tight "
    player.save_button.click()
    assert player.saved.value == "Saved" and player.save_button.disabled
    player.save()  # a second save writes nothing more
    rows = Journal(psoas_home).sessions()
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row.completed_s, row.exercises_done) == (240, f"{KNEELING};{LYING}")
    assert row.tightness_before == 6 and row.tightness_after is pd.NA
    assert not row.pain_stop and row.notes == "[warmed up] left side tight"
    assert row.started_at.tzinfo is not None


def test_a_pain_stop_after_a_saved_session_borrows_none_of_its_ratings(player, clock, psoas_home):
    # the first session is stopped and saved with ratings and a note; the second stops for
    # pain (saved at once): it must not carry the first one's tightness or notes
    player.start_button.click()
    at(player, clock, 240.7)
    player.stop_button.click()
    player.tightness_before.value, player.tightness_after.value = 6, 3
    player.notes.value = "first"
    player.save_button.click()
    assert player.tightness_before.value == player.tightness_after.value == UNSET
    assert player.notes.value == ""
    player.start_button.click()
    at(player, clock, 260)  # 20 s into the second session
    player.pain_button.click()
    rows = Journal(psoas_home).sessions()
    assert len(rows) == 2
    second = rows.iloc[1]
    assert bool(second.pain_stop)
    assert second.tightness_before is pd.NA and second.tightness_after is pd.NA
    assert "first" not in second.notes


def test_finish_offers_the_log(player, clock):
    player.start_button.click()
    at(player, clock, 500)
    assert player.status.value == "Finished. Well done!"
    assert player.cue_line.value == "Well done"
    assert player.log_box.layout.display == "flex"
    assert player.tightness_after.value == UNSET
    assert player.start_button.description == "Start again"


def test_save_problem_is_a_message(clock, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    player = Player("stretches", clock=clock, home=blocker)
    player.start_button.click()
    at(player, clock, 20)
    player.stop_button.click()
    player.save_button.click()
    assert player.saved.value.startswith("Not saved: ")
    assert not player.save_button.disabled


@pytest.fixture
def cold(clock, psoas_home) -> Player:
    """The stretches, nothing confirmed nor logged: a warm-up is due."""
    save_routine(make_routine(load_catalog(user=False), "Stretches", STRETCHES), home=psoas_home)
    return Player("stretches", clock=clock, home=psoas_home, levels=None)


def test_warm_up_rule(cold, clock):
    player = cold
    assert player.warm_up_box.layout.display == "flex"
    player.warm_up_button.click()
    assert player.picker.value == WARM_UP_ID
    assert player.warm_up_box.layout.display == "none"
    player.start_button.click()
    at(player, clock, 10_000)
    assert player.return_button.layout.display == "flex"
    assert player.return_button.description == "Save and go on: Stretches"
    player.return_button.click()
    assert player.picker.value == "stretches"
    assert list(Journal(player.home).sessions().routine_id) == [WARM_UP_ID]  # the warm-up logged
    assert player.warm_up_box.layout.display == "none"  # warm now: no offer
    player.start_button.click()
    assert player.session.active


def test_a_cold_start_is_refused_until_warmed_up_or_confirmed(cold, clock, psoas_home):
    player = cold
    player.start_button.click()
    assert not player.session.active
    assert player.status.value.startswith("Warm up first")
    assert player.warmed_up_button.description == "I have already warmed up for 5 minutes"
    player.warmed_up_button.click()
    assert player.warm_up_box.layout.display == "none"
    player.start_button.click()
    assert player.session.active
    at(player, clock, 20)
    player.stop_button.click()
    player.notes.value = "ok"
    player.save_button.click()
    assert list(Journal(psoas_home).sessions().notes) == ["[warmed up] ok"]


def test_the_player_runs_your_levels_and_the_full_dose_on_request(clock, psoas_home):
    player = Player("post-workout-release", clock=clock, home=psoas_home)
    player.warmed_up()
    kneeling = player.routine.items[1]
    # an empty journal: the lowest level, 20 s (the catalog's 30 s)
    assert kneeling.dose.hold == 20 and "Doses at your levels" in player.dose.note.value
    assert "20 s hold, 3 per side" in player.plan.value
    assert "Positions: floor, kneeling, bed" in player.plan.value
    player.start_button.click()
    at(player, clock, 10 + 50 + 20)  # get ready, knee-to-chest 10 × 5 s (level 1), rest 20
    assert (player.exercise.value, player.countdown.value) == (
        "Kneeling hip-flexor (psoas) stretch",
        "20",
    )
    assert "hold for 20 seconds" in player.steps.value
    assert player.dose.full.disabled  # not while it runs
    player.stop_button.click()
    player.dose.full.value = True
    assert player.routine.items[1].dose.hold == 30
    assert "30 s hold, 3 per side" in player.plan.value
    assert player.dose.note.value.startswith("Full dose")
    assert player.total.value == "Total 8:20"  # the catalog's 500 s


def test_picker_is_locked_while_running(player, clock):
    player.start_button.click()
    assert player.picker.disabled
    player.select("strength-builder")
    assert player.picker.value == "stretches" and player.routine.id == "stretches"
    player.stop_button.click()
    player.select("strength-builder")  # the stopped session is not saved:
    assert player.routine.id == "stretches" and "not saved yet" in player.status.value
    player.select("strength-builder")  # a second choice goes on without it
    # 9:50 by hand: 8:10 before the slow raises, + 20 raises a side x 2 s + 20 marches x 1 s
    assert player.routine.id == "strength-builder" and player.total.value == "Total 9:50"


def test_refresh_lists_the_users_routine(player, psoas_home):
    mine = make_routine(load_catalog(), "Quick hips", ["knee-to-chest"])
    save_routine(mine, home=psoas_home)
    player.refresh(select="quick-hips")
    assert player.routine.id == "quick-hips"
    assert any("Quick hips (yours)" in label for label, _ in player.picker.options)


def test_actions_by_name_and_tick_hook(player, clock):
    running = []
    player.on_tick(lambda state: running.append(state.running))
    player.start_button.click()
    at(player, clock, 5)
    player.act("toggle")
    assert player.pause_button.description == "Resume · Space"
    player.act("toggle")
    player.act("skip")
    assert player.side.value == "Left leg"
    player.act("stop")
    assert player.log_box.layout.display == "flex"
    assert running == [True, True, False, True, True, False]


def test_an_unsaved_session_is_not_dropped_without_a_warning(player, clock, psoas_home):
    player.start_button.click()
    at(player, clock, 60)
    player.stop_button.click()
    player.notes.value = "worth keeping"
    player.start_button.click()  # first press: a warning, nothing lost
    assert "not saved yet" in player.status.value
    assert player.log_box.layout.display == "flex" and player.notes.value == "worth keeping"
    player.save_button.click()
    assert list(Journal(psoas_home).sessions().notes) == ["[warmed up] worth keeping"]
    player.start_button.click()  # saved: starts at once
    assert player.timer.state().running


def test_a_second_press_goes_on_without_saving(player, clock, psoas_home):
    player.start_button.click()
    at(player, clock, 60)
    player.stop_button.click()
    player.start_button.click()
    player.start_button.click()
    assert player.timer.state().running and player.log_box.layout.display == "none"
    assert Journal(psoas_home).sessions().empty


def title(svg: str) -> str:
    """The figure's <title>, what a screen reader says."""
    found = re.search(r"<title[^>]*>([^<]*)</title>", svg)
    assert found, svg[:200]
    return found[1]


def test_the_figure_follows_the_timer_pauses_with_it_and_previews_the_next_exercise(player, clock):
    # Desk reset: 10 s get ready, then the kneeling stretch held 30 s on the left (10-40 s),
    # 5 s to switch sides (40-45 s), 30 s on the right (45-75 s).
    html = player.figure.html
    assert "<animate" not in html.value and "Kneeling" in html.value  # the start pose, still
    assert "Next: Kneeling hip-flexor (psoas) stretch" in player.figure.caption.value
    player.start_button.click()
    at(player, clock, 25)  # 15 s into a 30 s hold: one loop per hold, half-way through it
    assert "<animate" in html.value and 'begin="-15s"' in html.value
    assert title(html.value) == "Kneeling hip-flexor (psoas) stretch, working side left"
    player.pause_button.click()
    assert "<animate" not in html.value and "Paused" in player.figure.caption.value
    player.pause_button.click()  # resume: the clock has not moved, so still 15 s into it
    assert "<animate" in html.value and 'begin="-15s"' in html.value
    at(player, clock, 42)  # switching sides: the start pose again, still
    assert "<animate" not in html.value and "start position" in player.figure.caption.value
    at(player, clock, 51)  # 6 s into the right side's hold
    assert "<animate" in html.value and 'begin="-6s"' in html.value
    assert title(html.value) == "Kneeling hip-flexor (psoas) stretch, working side right"


# ---- answers in view: what each press brings is revealed (scrolled to, focused, said) -------


def _revealed(player: Player) -> tuple[str, bool, int]:
    return player.reveal.target, player.reveal.urgent, player.reveal.reveal_id


def test_the_warm_up_question_is_brought_into_view_with_its_first_choice_focused(cold):
    cold.start_button.click()
    assert _revealed(cold) == ("psoas-warm-up-box", False, 1)
    assert cold.reveal.focus == "button"
    assert "“I have already warmed up for 5 minutes”" in cold.reveal.text


def test_the_end_with_save_and_the_pain_advice_are_brought_into_view(player, clock):
    player.start_button.click()
    at(player, clock, 20)
    player.stop_button.click()
    assert _revealed(player) == ("psoas-log", False, 1)
    assert player.reveal.text == "Stopped after 0:20; exercises done: 1 of 4. Log it?"
    player.save_button.click()
    player.start_button.click()
    at(player, clock, 30)
    player.pain_button.click()
    assert _revealed(player) == ("psoas-safety", True, 2)
    assert player.reveal.block == "start"  # the advice first, the pain form below it
    assert player.reveal.text.startswith("Stopped for sharp pain.")


def test_a_refusal_is_brought_into_view_and_said_as_an_alert(player, psoas_home):
    from datetime import UTC, datetime

    Journal(psoas_home).add_assessment(
        taken_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
        ticked=[],
        tightness=3,
        weakness=3,
        recommendation="see-a-professional",
    )
    player.start_button.click()
    assert not player.session.active
    assert _revealed(player) == ("psoas-safety-panel", True, 1)
    assert "advised seeing a professional" in player.reveal.text
