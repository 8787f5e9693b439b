"""The hands-free player in-process: speech follows the timer, keys drive it, the screen lock
follows running time. (The browser side is tested in tests/e2e/test_hands_free.py.)"""

from __future__ import annotations

import pytest

from psoas_lib import Journal
from psoas_lib.coaching.cues import cue_script
from psoas_lib.ui.handsfree import HandsFree
from psoas_lib.ui.player import Player


class FakeClock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def _said(helper: HandsFree) -> list[str]:
    said: list[str] = []
    helper.observe(lambda change: said.append(helper.say), names="say_id")
    return said


def _press(helper: HandsFree, action: str) -> None:
    """What the browser sends when a key is pressed inside the player."""
    helper._on_browser_msg(helper, {"action": action}, [])


@pytest.mark.parametrize("routine_id", ["pre-activity-warm-up", "desk-reset"])
def test_a_whole_routine_speaks_exactly_its_cue_script(clock, psoas_home, routine_id):
    player = Player(routine_id, clock=clock, home=psoas_home)
    said = _said(player.hands_free)
    _press(player.hands_free, "toggle")  # Space starts
    total = player.routine.total_seconds  # at your levels: the dose run is the dose said
    for quarter in range(1, total * 4 + 2):  # the browser's 250 ms ticks
        clock.t = 100.0 + quarter / 4
        player.ticker.value += 1
    assert said == [cue.text for cue in cue_script(player.routine)]
    assert player.cue_line.value == said[-1] == "Well done"
    assert not player.hands_free.keep_awake


def test_the_text_spoken_is_the_text_shown(clock, psoas_home):
    player = Player("post-workout-release", clock=clock, home=psoas_home)
    player.warmed_up()
    said = _said(player.hands_free)
    player.start()
    clock.t += 80.2  # get ready 10, knee-to-chest 10 × 5 s (the lowest level), rest 20
    player.ticker.value += 1
    assert (
        said[-1]
        == player.cue_line.value
        == ("Kneeling hip-flexor (psoas) stretch, left leg. Hold 20 seconds")  # your level
    )


@pytest.mark.parametrize(
    ("keys", "index", "paused", "awake"),
    [
        (["toggle"], 0, False, True),  # Space starts
        (["toggle", "toggle"], 0, True, False),  # Space pauses: the lock is released
        (["toggle", "toggle", "toggle"], 0, False, True),  # and resumes
        (["toggle", "skip"], 1, False, True),  # → skips
        (["toggle", "skip", "skip", "back"], 1, False, True),  # ← goes back a step
    ],
)
def test_keys_drive_the_timer(clock, psoas_home, keys, index, paused, awake):
    player = Player("desk-reset", clock=clock, home=psoas_home)
    for key in keys:
        _press(player.hands_free, key)
    state = player.timer.state()
    assert (state.index, state.paused, player.hands_free.keep_awake) == (index, paused, awake)


def test_escape_stops_and_p_is_the_pain_stop(clock, psoas_home):
    player = Player("desk-reset", clock=clock, home=psoas_home)
    _press(player.hands_free, "toggle")
    clock.t += 20
    _press(player.hands_free, "pain")
    assert player.timer.state().stopped and player.advice.layout.display == "flex"
    assert list(Journal(psoas_home).sessions().pain_stop) == [True]

    # (another folder: after the pain stop nothing more runs today in this one)
    other = Player("desk-reset", clock=clock, home=psoas_home / "other")
    _press(other.hands_free, "toggle")
    _press(other.hands_free, "stop")
    assert other.timer.state().stopped and other.log_box.layout.display == "flex"


def test_unknown_messages_are_ignored(clock, psoas_home):
    player = Player("desk-reset", clock=clock, home=psoas_home)
    _press(player.hands_free, "dance")
    player.hands_free._on_browser_msg(player.hands_free, "not a dict", [])
    assert not player.timer.state().started


def test_voice_and_volume_controls_reach_the_browser_widget(psoas_home):
    player = Player("desk-reset", home=psoas_home)
    player.voice.value = False
    player.volume.value = 0.3
    assert (player.hands_free.voice_on, player.hands_free.volume) == (False, 0.3)


def test_buttons_show_their_keys(psoas_home):
    player = Player("desk-reset", home=psoas_home)
    assert [
        b.description
        for b in (
            player.pause_button,
            player.skip_button,
            player.back_button,
            player.stop_button,
            player.pain_button,
        )
    ] == ["Pause · Space", "Skip · →", "Back · ←", "Stop · S", "Sharp pain: stop · P"]


def test_the_player_can_do_without_hands_free(psoas_home):
    assert Player("desk-reset", home=psoas_home, hands_free=False).hands_free is None
