"""Dose numbers in steps: placeholders, rendered from the dose run, checked on load."""

from __future__ import annotations

import re

import pytest

from psoas_lib import load_catalog
from psoas_lib.content.dose_text import hold_words, placeholder_problem, render_step
from psoas_lib.content.exercise import POSITIONS, Dose

CATALOG = load_catalog()

# a number that is not an angle ("90°" is a set-up, not a dose), or a dose in words
_BARE = re.compile(
    r"\d+(?!\s*(?:°|degrees))|\b(?:two|three|four|five|six|eight|ten|fifteen|twenty|thirty|"
    r"sixty)\b|\ba few (?:seconds|times)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("exercise", CATALOG.exercises.values(), ids=lambda e: e.id)
def test_no_shipped_step_carries_a_bare_dose_number(exercise):
    for step in exercise.step_templates:
        assert not _BARE.search(step), (exercise.id, step)


@pytest.mark.parametrize("exercise", CATALOG.exercises.values(), ids=lambda e: e.id)
def test_every_exercise_has_a_known_position(exercise):
    assert exercise.position in POSITIONS


@pytest.mark.parametrize(
    ("exercise_id", "placeholders"),
    [
        ("kneeling-hip-flexor-stretch", {"hold"}),
        ("lying-psoas-stretch", {"hold"}),
        ("standing-pelvic-tilt", {"hold", "reps"}),
        ("ground-bridge", {"hold", "reps"}),
        ("knee-to-chest", {"hold", "reps"}),
        ("single-leg-raise", {"hold", "reps"}),
        ("psoas-march", {"reps"}),
    ],
)
def test_the_article_doses_come_from_placeholders(exercise_id, placeholders):
    found = set()
    for step in CATALOG.exercises[exercise_id].step_templates:
        found |= set(re.findall(r"\{(\w+)\}", step))
    assert found == placeholders


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 second"),
        (20, "20 seconds"),
        (60, "1 minute"),
        (75, "1 minute 15 seconds"),
        (120, "2 minutes"),
    ],
)
def test_hold_words(seconds, words):
    assert hold_words(seconds) == words


@pytest.mark.parametrize(
    ("step", "dose", "sides", "text"),
    [
        ("Hold for {hold}.", Dose(hold_s=(30, 60)), "each", "Hold for 30 seconds."),  # low end
        ("Do {reps} a leg.", Dose(reps=15, rep_s=8), "each", "Do 15 a leg."),
        ("{reps} in total.", Dose(total=14, rep_s=4), "alternating", "14 in total."),
        ("{sets} rounds.", Dose(hold_s=20, sets=2), "none", "2 rounds."),
        ("No numbers.", Dose(hold_s=20), "none", "No numbers."),
    ],
)
def test_render_step(step, dose, sides, text):
    assert render_step(step, dose, sides) == text


@pytest.mark.parametrize(
    ("step", "dose", "sides", "problem"),
    [
        ("Hold {time}.", None, "none", "unknown placeholder '{time}'"),
        ("Hold {hold.", None, "none", "an unmatched '{' or '}'"),
        ("Hold }.", None, "none", "an unmatched '{' or '}'"),
        ("{reps} in all.", Dose(total=20, rep_s=4), "none", "'{reps}' needs 'reps'"),
        ("{reps} in all.", Dose(hold_s=5), "alternating", "'{reps}' needs 'total'"),
        ("{hold}.", Dose(duration_s=30), "none", "'{hold}' needs 'hold_s'"),
        ("Fine {hold}.", Dose(hold_s=5), "none", None),
    ],
)
def test_placeholder_problems(step, dose, sides, problem):
    found = placeholder_problem(step, dose, sides)
    assert found == problem if problem is None else found.startswith(problem)


def test_the_player_steps_follow_the_level():
    # the kneeling stretch at 20 s says 20 seconds, the catalog's dose 30 seconds
    kneeling = CATALOG.exercises["kneeling-hip-flexor-stretch"]
    assert kneeling.steps[2].endswith("hold for 30 seconds.")
    assert kneeling.steps_at(kneeling.dose.override({"hold_s": 20}))[2].endswith(
        "hold for 20 seconds."
    )
