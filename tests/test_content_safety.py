"""Content that keeps people safe and says what the article says (issue 23, item 10): the
cautions, cues and steps of data/exercises.toml, the guide and the warm-up prompt, checked
by hand against what the issue asks."""

from __future__ import annotations

import io

import pytest

from psoas_lib import load_catalog
from psoas_lib.coaching.session import WARM_UP_ADVICE, WARM_UP_CONFIRM
from psoas_lib.content.guide import section
from psoas_lib.ui.catalog_browser import exercise_html

CATALOG = load_catalog(user=False)


def test_the_roll_up_warns_people_told_to_avoid_loaded_forward_bending():
    caution = CATALOG.exercises["roll-up"].cautions[1]
    for words in ("osteoporosis", "disc problem", "skip it", "knees bent", "physiotherapist"):
        assert words in caution


def test_the_psoas_march_lifts_one_leg_then_the_other():
    steps = " ".join(CATALOG.exercises["psoas-march"].steps)
    assert "both legs" not in steps
    assert "Bring one leg up" in steps and "then the other, one leg at a time" in steps


def test_the_pelvic_tilt_says_knees_unlocked_not_soft():
    tilt = CATALOG.exercises["standing-pelvic-tilt"]
    assert "Knees unlocked, not bent; shoulders loose." in tilt.coaching.form_cues
    assert not any("soft" in cue for cue in tilt.coaching.form_cues)
    assert "Bending the knees" in tilt.coaching.mistakes[1]  # the mistake the cue avoids


def test_the_ball_bridge_comes_only_once_ten_10_second_bridges_are_easy():
    ball = CATALOG.exercises["ground-bridge"].progressions[1]
    assert ball.startswith("Once ten bridges held for 10 seconds each feel easy")


@pytest.mark.parametrize("exercise", ["ground-bridge", "knee-to-chest", "single-leg-raise"])
def test_a_breathing_cue_for_the_bridge_the_knee_to_chest_and_the_leg_raise(exercise):
    cues = CATALOG.exercises[exercise].coaching.form_cues
    assert any("Breathe out" in cue for cue in cues), cues


def test_the_kneeling_set_up_departure_is_shown_in_the_exercise_card():
    kneeling = CATALOG.exercises["kneeling-hip-flexor-stretch"]
    html = exercise_html(kneeling, "Stretch")
    assert "<b>Not as the article has it:</b> The article has both hips at 90 degrees" in html
    assert "kneeling hip is straight" in html
    # the only deliberate departure: no other exercise carries one
    assert [e.id for e in CATALOG.exercises.values() if e.departure] == [kneeling.id]
    assert "Not as the article" not in exercise_html(CATALOG.exercises["roll-up"], "Pilates")


def test_the_guide_no_longer_overstates_the_article():
    why = " ".join(section("why").points)
    often = " ".join(section("how-often").points)
    assert "gain most" not in why and "benefit in particular" in why
    assert "Consistency matters more than intensity" not in often
    assert "never force a stretch" in often


def test_the_warm_up_prompt_does_not_call_a_strength_routine_static_stretches():
    assert "static stretches" not in WARM_UP_ADVICE
    assert WARM_UP_ADVICE.startswith("This routine holds still positions (stretches or strength")


def test_the_terminal_quotes_the_confirmation_as_the_button_says_it(psoas_home):
    from psoas_lib.cli.main import Console, main

    out = io.StringIO()
    console = Console(stdin=io.StringIO("\n" * 4), stdout=out, stderr=io.StringIO())
    main(["run", "strength-builder", "--speed", "4000", "--no-log"], console)
    assert f'y = "{WARM_UP_CONFIRM}"' in out.getvalue()
    assert WARM_UP_CONFIRM == "I have already warmed up for 5 minutes"


def test_the_player_quotes_the_confirmation_as_the_button_says_it(psoas_home):
    from psoas_lib.ui.player import Player

    player = Player("strength-builder", home=psoas_home)
    player.start_button.click()
    assert f"\u201c{WARM_UP_CONFIRM}\u201d if you have." in player.status.value
    assert player.warmed_up_button.description == WARM_UP_CONFIRM
