"""The coaching panel in the player: form cue, feel, cautions, coach cues, breathing pacer.

The routine, built here so its timeline is known by hand: get ready 10 s; the kneeling
stretch, 30 s holds, 2 a side: left [10, 40), switch, right [45, 75), switch, left [80, 110),
switch, right [115, 145); rest 20 s [145, 165) (15 s, lengthened to the 20 s a change of
position gets: kneeling to the floor); the psoas march, 20 x 5 s = 100 s [165, 265).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from psoas_lib import load_catalog, make_routine
from psoas_lib.coaching.timer import TimerState
from psoas_lib.content.catalog import Catalog
from psoas_lib.content.routine import Segment
from psoas_lib.ui.coaching import CoachingDisplay, coaching_display
from psoas_lib.ui.player import Player

KNEELING = "kneeling-hip-flexor-stretch"
MARCH = "psoas-march"
REAL = load_catalog()
K = REAL.exercises[KNEELING].coaching.form_cues
M = REAL.exercises[MARCH].coaching.form_cues


class FakeClock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def player(clock, psoas_home) -> Player:
    routine = make_routine(
        REAL,
        "Cue test",
        [
            {"exercise": KNEELING, "hold_s": 30, "reps": 2, "sets": 1},
            {"exercise": MARCH, "total": 20, "rep_s": 4, "sets": 1},
        ],
    )
    catalog = Catalog(exercises=REAL.exercises, routines={routine.id: routine})
    # the doses as written (not the user's levels), warmed up already: the timeline below
    player = Player(routine.id, catalog=catalog, clock=clock, home=psoas_home, levels=None)
    player.session.warm_up.confirm()
    kinds = [(s.kind, s.seconds) for s in player.routine.timeline()]
    assert kinds == [  # the timeline the module docstring works with
        ("get-ready", 10),
        *[("hold", 30), ("switch", 5)] * 3,
        ("hold", 30),
        ("rest", 20),
        ("set", 80),
    ]
    player.start()
    return player


def at(player: Player, clock: FakeClock, seconds: float) -> None:
    clock.t = 100.0 + seconds
    player.ticker.value += 1


@pytest.mark.parametrize(
    ("t", "cue", "caution"),
    [
        (5, "", "towel"),  # get ready: the kneeling stretch's cautions already
        (12, K[0], "towel"),
        (42, "", "towel"),  # a switch: no cue, the cautions stay
        (50, K[1], "towel"),
        (85, K[2], "towel"),
        (120, K[0], "towel"),  # the fourth hold: the cues again from the first
        (150, "", "lower back lifts"),  # the rest before the march: the march's cautions
        (170, M[0], "lower back lifts"),
    ],
)
def test_the_form_cue_and_the_cautions_follow_the_timer(player, clock, t, cue, caution):
    at(player, clock, t)
    panel = player.coaching
    assert panel.form_cue.value == cue
    assert caution in panel.cautions.value and panel.cautions.value.startswith("<b>Take care:")
    assert ("Feel:" in panel.feel.value) is bool(cue)


def test_the_cue_the_physio_gives_shows_in_the_march(player, clock):
    at(player, clock, 170)
    assert player.coaching.form_cue.value == "Keep the knee at 90° as the leg lowers."


@pytest.mark.parametrize("on", [False, True])
def test_coach_cues_speak_one_form_cue_per_hold_only_when_on(player, clock, on):
    player.coaching.coach_cues.value = on
    for t in range(1, 181):  # a tick a second to 3:00
        at(player, clock, t)
    # holds start at 10, 45, 80, 115 and the set at 160: a cue 4 s into each
    expected = [K[0], K[1], K[2], K[0], M[0]] if on else []
    assert player.coaching.spoken == expected
    said = player.hands_free.say
    assert (said == M[0]) is on  # the voice got the last one (when on)


@pytest.mark.parametrize(
    ("t", "shown", "words"),
    [
        (11, True, "Breathe in"),  # 1 s into the first hold
        (16, True, "Breathe out"),  # 6 s in
        (21, True, "Breathe in"),  # 11 s in: the next breath
        (42, False, None),  # a switch
        (170, False, None),  # a set of repetitions is not a static hold
    ],
)
def test_breathing_pacer_in_static_holds_only(player, clock, t, shown, words):
    player.coaching.pacer_on.value = True
    at(player, clock, t)
    pacer = player.coaching.pacer
    assert (pacer.layout.display == "flex") is shown
    if shown:
        assert player.coaching.breath.value == words
        phase = "psoas-breathe-in" if words == "Breathe in" else "psoas-breathe-out"
        other = "psoas-breathe-out" if words == "Breathe in" else "psoas-breathe-in"
        assert phase in pacer._dom_classes and other not in pacer._dom_classes


def test_the_pacer_is_off_unless_chosen(player, clock):
    at(player, clock, 12)
    assert player.coaching.pacer.layout.display == "none"
    player.coaching.pacer_on.value = True  # turned on mid-hold: shows at once
    assert player.coaching.pacer.layout.display == "flex"


def test_the_pacer_has_a_reduced_motion_text():
    from psoas_lib.ui.coaching import COACHING_CSS

    assert "prefers-reduced-motion: reduce" in COACHING_CSS
    assert "transition: transform 5s" in COACHING_CSS


def test_cues_follow_a_routine_chosen_later(psoas_home):
    player = Player("desk-reset", home=psoas_home)
    player.select("strength-builder")
    first = player.routine.items[0].exercise
    assert player.coaching.cautions.value == (
        "<b>Take care:</b> " + " · ".join(first.cautions) if first.cautions else ""
    )


@pytest.mark.parametrize(
    ("t", "exercise_id"),
    [
        (5, KNEELING),  # get ready
        (42, KNEELING),  # switch sides
        (150, MARCH),  # the rest before the march
        (12, None),  # a hold: the cue instead
        (170, None),  # a set
    ],
)
def test_common_mistakes_show_while_getting_ready(player, clock, t, exercise_id):
    at(player, clock, t)
    shown = player.coaching.mistakes.value
    if exercise_id is None:
        assert shown == ""
    else:
        mistakes = REAL.exercises[exercise_id].coaching.mistakes
        assert shown == "<b>Watch out for:</b> " + " · ".join(mistakes)


# ---- what the panel shows, decided without widgets ----------------------------------------------
STRETCH = SimpleNamespace(
    coaching=SimpleNamespace(feel="A pull at the hip", mistakes=("Arching", "Bouncing")),
    cautions=("No bouncing", "Knee on a towel"),
)
HOLD = Segment("hold", 30, "a", "left")
READY = Segment("get-ready", 10, "a")


def _at(segment, *, elapsed=2.0, started=True, paused=False, stopped=False, finished=False):
    return TimerState(
        index=1,
        segment=segment,
        next_segment=None,
        remaining=segment.seconds - elapsed,
        segment_elapsed=elapsed,
        segment_fraction=elapsed / segment.seconds,
        position=10 + elapsed,
        total=100.0,
        fraction_done=0.1,
        elapsed=10 + elapsed,
        started=started,
        paused=paused,
        stopped=stopped,
        finished=finished,
        rep=None,
        reps=None,
    )


CAUTIONS = "<b>Take care:</b> No bouncing · Knee on a towel"
FEEL = "<b>Feel:</b> A pull at the hip"


@pytest.mark.parametrize(
    ("state", "cue", "pacer", "expected"),
    [
        (  # a hold with its cue: the cue and the feel, the pacer off
            _at(HOLD),
            "Tuck",
            False,
            CoachingDisplay("Tuck", FEEL, "", CAUTIONS, None),
        ),
        (  # the pacer on, 2 s in: breathe in; 7 s in: out (5 s a breath)
            _at(HOLD),
            "Tuck",
            True,
            CoachingDisplay("Tuck", FEEL, "", CAUTIONS, "in"),
        ),
        (
            _at(HOLD, elapsed=7.0),
            None,
            True,
            CoachingDisplay("", "", "", CAUTIONS, "out"),  # no cue: no feel either
        ),
        (  # getting ready: the mistakes to avoid, no pacer
            _at(READY),
            None,
            True,
            CoachingDisplay("", "", "<b>Watch out for:</b> Arching · Bouncing", CAUTIONS, None),
        ),
        (
            _at(HOLD, started=False),  # not started: no pacer yet
            "Tuck",
            True,
            CoachingDisplay("Tuck", FEEL, "", CAUTIONS, None),
        ),
        (_at(HOLD, stopped=True), "Tuck", True, CoachingDisplay("", "", "", CAUTIONS, None)),
        (_at(HOLD, finished=True), "Tuck", True, CoachingDisplay()),
    ],
)
def test_coaching_display(state, cue, pacer, expected):
    assert coaching_display(state, STRETCH, cue, pacer) == expected


def test_coaching_display_escapes_and_shows_nothing_without_an_exercise():
    risky = SimpleNamespace(coaching=SimpleNamespace(feel="a < b", mistakes=()), cautions=())
    assert coaching_display(_at(HOLD), risky, "x", False).feel == "<b>Feel:</b> a &lt; b"
    assert coaching_display(_at(HOLD), None, "x", False) == CoachingDisplay(form_cue="x")
