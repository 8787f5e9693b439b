"""Check my form in the player, in-process: verdicts from hand-made landmarks, a fake clock.

The routine is the player tests' "stretches" (see tests/test_ui_player.py): get ready 0-10 s,
then the kneeling stretch's first hold, 10-40 s. Poses are side views facing right built from
directions (degrees from straight down, positive to the right, as in test_form_check.py).
"""

from __future__ import annotations

import math

import pytest

from psoas_lib import load_catalog, make_routine, save_routine
from psoas_lib.coaching.form_check import LANDMARKS
from psoas_lib.journal.checkpoint import Checkpoints
from psoas_lib.journal.store import Journal
from psoas_lib.ui.form_check import OFF_WORDS
from psoas_lib.ui.player import Player

STRETCHES = ["kneeling-hip-flexor-stretch", "lying-psoas-stretch"]
CUE = "Bring your chest up tall over your hips."


class FakeClock:
    def __init__(self) -> None:
        self.t = 500.0

    def __call__(self) -> float:
        return self.t


def rows(trunk: float, right=(90, 0), left=(0, -90)) -> list[list[float]]:
    """33 landmark rows [x, y, z, visibility] of a kneeling lunge facing right (a 4:3 picture):
    front knee 90°, back thigh upright; ``trunk`` 180 = upright, 150 = leaning 30° forward."""

    def step(p, phi, length):
        return (
            p[0] + length * math.sin(math.radians(phi)),
            p[1] + length * math.cos(math.radians(phi)),
        )

    hip = (0.6, 0.6)
    shoulder = step(hip, trunk, 0.25)
    ear = step(shoulder, trunk, 0.06)
    pts = {"nose": step(ear, 90, 0.03)}
    for side, (thigh, shin) in (("right", right), ("left", left)):
        knee = step(hip, thigh, 0.18)
        pts.update(
            {
                f"{side}_shoulder": shoulder,
                f"{side}_hip": hip,
                f"{side}_ear": ear,
                f"{side}_knee": knee,
                f"{side}_ankle": step(knee, shin, 0.18),
            }
        )
    out = [[0.0, 0.0, 0.0, 0.0] for _ in range(33)]
    for name, (x, y) in pts.items():
        out[LANDMARKS[name]] = [x * 3 / 4, y, 0.0, 0.95]  # x as a share of the 4:3 width
    return out


GOOD, LEANING = rows(180), rows(150)


@pytest.fixture
def setup(psoas_home):
    clock = FakeClock()
    save_routine(make_routine(load_catalog(user=False), "Stretches", STRETCHES), home=psoas_home)
    player = Player("stretches", clock=clock, home=psoas_home, levels=None)
    player.warmed_up()
    return player, player.form_check, clock  # the player's own view, on the player's clock


def at(player, clock, seconds):
    clock.t = 500.0 + seconds
    player.ticker.value += 1


def see(view, pose, times=2):
    for i in range(times):  # a new verdict needs two readings that agree, 50 ms apart
        view.camera.receive(pose, t=0.1 * i)


def test_the_hold_counts_only_while_in_position(setup):
    player, view, clock = setup
    assert view.words.value == OFF_WORDS
    player.start_button.click()
    view.camera.on = True
    see(view, GOOD)  # getting ready: the set-up check, for the left side
    assert view.setup.value.startswith("<b>Set-up:</b>")
    at(player, clock, 12)
    see(view, GOOD)
    assert view.words.value == "In position"
    at(player, clock, 15)
    see(view, LEANING)  # out from 15 s ...
    assert not player.session.state().paused
    at(player, clock, 16.5)
    see(view, LEANING, 1)  # ... for 1.5 s: paused
    assert player.session.state().paused
    assert view.words.value == f"Hold paused: out of position. {CUE}"
    assert player.hands_free.say == CUE
    at(player, clock, 20)
    see(view, GOOD)  # back in position at 20 s: the hold goes on
    assert not player.session.state().paused
    at(player, clock, 25)
    # 15 s since the hold began at 10 s, 3.5 s of it paused: 30 - 11.5 left
    assert player.session.state().remaining == pytest.approx(18.5)
    assert player.countdown.value == "19"
    see(view, GOOD)
    # judged while the hold ran: in 12-15 s and 20-25 s (8 s), out 15-16.5 s (the paused
    # 16.5-20 s does not count): 8 / 9.5 = 84 %
    assert view.kept.value == "In position 84 % of the hold time the camera could judge."


def test_turning_the_camera_off_undoes_its_pause_and_nothing_else(setup):
    player, view, clock = setup
    player.start_button.click()
    view.camera.on = True
    at(player, clock, 12)
    see(view, LEANING)
    at(player, clock, 14)
    see(view, LEANING, 1)
    assert player.session.state().paused
    at(player, clock, 16)
    view.camera.on = False
    state = player.session.state()
    assert not state.paused and state.remaining == pytest.approx(30 - 4)  # paused 14-16
    assert view.words.value == OFF_WORDS


def test_without_the_option_the_hold_runs_on_with_cues(setup):
    player, view, clock = setup
    view.count_only.value = False
    player.start_button.click()
    view.camera.on = True
    at(player, clock, 12)
    see(view, LEANING)
    at(player, clock, 14)
    see(view, LEANING, 1)
    assert not player.session.state().paused
    assert view.words.value == f"Out of position: {CUE}"
    assert player.hands_free.say == CUE


def test_a_manual_pause_is_left_alone(setup):
    player, view, clock = setup
    player.start_button.click()
    view.camera.on = True
    at(player, clock, 12)
    see(view, GOOD)
    player.toggle_pause()
    see(view, GOOD)
    assert player.session.state().paused


def test_the_camera_stops_when_the_routine_stops(setup):
    player, view, clock = setup
    player.start_button.click()
    view.camera.on = True
    at(player, clock, 12)
    player.stop_button.click()
    assert view.camera.on is False


def test_what_the_check_kept_is_logged_with_the_session(setup, psoas_home):
    player, view, clock = setup
    player.start_button.click()
    view.camera.on = True
    behind = rows(180, left=(-20, -110))  # the back thigh 20° behind the trunk's line: hip 200
    at(player, clock, 12)
    see(view, GOOD)  # hip 180, twice
    at(player, clock, 18)
    see(view, behind)  # 200, twice
    at(player, clock, 22)
    see(view, behind)  # 200, twice
    at(player, clock, 26)
    see(view, GOOD, 1)  # 180
    assert player.save()
    journal = Journal(psoas_home)
    (row,) = journal.form_checks().itertuples()
    started = journal.sessions().started_at.iloc[0]
    # in position from 12 to 26 s: 14 s judged, all in; the median of 180, 180, 200 x 4, 180
    assert (row.started_at, row.routine_id, row.exercise_id) == (
        started,
        "stretches",
        "kneeling-hip-flexor-stretch",
    )
    assert (row.judged_s, row.in_position_s, row.not_sure_s) == (14, 14, 0)
    assert (row.angle, row.angle_deg) == ("hip:back", 200)
    assert view.kept.value.startswith("Kept with the session")


def test_nothing_is_kept_when_the_check_was_off(setup, psoas_home):
    player, _view, clock = setup
    player.start_button.click()
    at(player, clock, 20)
    assert player.save()
    assert len(Journal(psoas_home).sessions()) == 1
    assert not Journal(psoas_home).form_checks_path.exists()


@pytest.mark.parametrize("then", ["recover", "discard"])
def test_what_was_kept_rides_with_the_checkpoint_through_an_interruption(setup, psoas_home, then):
    player, view, clock = setup
    player.start_button.click()
    view.camera.on = True
    at(player, clock, 12)
    see(view, GOOD)
    at(player, clock, 20)
    see(view, GOOD, 1)  # in position 12-20 s: 8 s judged, all in; hip 180
    at(player, clock, 41)  # the hold ended at 40 s: the next step saves it beside the checkpoint
    store = Checkpoints(psoas_home)
    (checkpoint,) = store.unfinished(stale_after_s=0)  # as if the kernel had died here
    assert store.form_path(checkpoint).exists()
    journal = Journal(psoas_home)
    if then == "discard":
        store.discard(checkpoint)
        assert not journal.form_checks_path.exists()
    else:
        assert store.recover(checkpoint)
        (row,) = journal.form_checks().itertuples()
        assert row.started_at == journal.sessions().started_at.iloc[0]
        assert (row.exercise_id, row.judged_s, row.in_position_s, row.angle_deg) == (
            "kneeling-hip-flexor-stretch",
            8,
            8,
            180,
        )
    assert not store.form_path(checkpoint).exists()
