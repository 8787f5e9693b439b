"""Which leg does what: the words for every one-sided exercise, worked out from its figure."""

from __future__ import annotations

import pytest

from psoas_lib.coaching.legs import leg_words, segment_leg_words
from psoas_lib.content.catalog import load_catalog
from psoas_lib.content.routine import Segment
from psoas_lib.figures.keyframes import load_keyframes

FIGURES = load_keyframes()


# Expected words worked out by hand from data/keyframes.toml (start pose contacts and the
# working hip's angles over the keys):
@pytest.mark.parametrize(
    ("exercise", "side", "words"),
    [
        # the working knee is in the start pose's contacts
        ("kneeling-hip-flexor-stretch", "left", "left knee down, right foot forward"),
        ("low-lunge", "right", "right knee down, left foot forward"),
        # standing on both feet, working hip -20..-26 below the other's +22
        ("warrior-one", "left", "left leg back, right foot forward"),
        # only the other heel and toe touch the floor
        ("leg-swings", "right", "right leg swings, standing on the left"),
        # lying, the view from above
        ("leg-circles", "left", "left leg circles"),
        # lying, working hip 0, -8, -18: never above the body, 18 below it
        ("lying-psoas-stretch", "right", "right leg hangs down"),
        # lying, working hip 0 -> 50: at least 30 degrees
        ("single-leg-raise", "left", "left leg lifts"),
    ],
)
def test_leg_words(exercise, side, words):
    assert leg_words(FIGURES[exercise], side) == words


def test_every_one_sided_exercise_gets_specific_words():
    catalog = load_catalog()
    for ex in catalog.exercises.values():
        if ex.sides == "each":
            assert not leg_words(FIGURES[ex.id], "left").endswith("works"), ex.id


@pytest.mark.parametrize(
    ("segment", "next_segment", "words"),
    [
        (Segment("hold", 30, "low-lunge", "left"), None, "Left knee down, right foot forward"),
        (
            Segment("rest", 15),
            Segment("set", 30, "single-leg-raise", "right", count=10),
            "Next: right leg lifts",
        ),
        (Segment("set", 30, "psoas-march", None, count=10, alternating=True), None, ""),
        (Segment("hold", 30, "ground-bridge"), None, ""),
        (Segment("rest", 15), None, ""),
    ],
)
def test_segment_leg_words(segment, next_segment, words):
    assert segment_leg_words(segment, next_segment, FIGURES) == words


def test_a_side_that_is_not_left_or_right_is_refused():
    with pytest.raises(ValueError, match="use left or right"):
        leg_words(FIGURES["low-lunge"], "middle")
