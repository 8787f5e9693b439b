"""The keyframe file: every exercise has a figure, and a bad file names file, exercise,
keyframe and joint (with the line)."""

from __future__ import annotations

import re

import pytest

from psoas_lib.content.catalog import load_catalog
from psoas_lib.content.datafile import CatalogError
from psoas_lib.figures.keyframes import load_keyframes, parse_keyframes
from psoas_lib.paths import DATA_DIR

CATALOG = load_catalog()
FIGURES = load_keyframes()

GOOD = """
[[figure]]
id = "march"
pin = "sacrum"
contacts = ["sacrum", "waist", "neck"]

  [[figure.key]]
  t = 0
  pose = "lying, hips and knees at right angles"
  pelvis = -90
  neck = 15
  hip = 90
  knee = 90
  other_hip = 90
  other_knee = 90

  [[figure.key]]
  t = 0.5
  pose = "one foot lowered"
  hip = 50
  knee = 95
"""


@pytest.mark.parametrize("exercise", sorted(CATALOG.exercises))
def test_every_catalog_exercise_has_a_figure_of_2_to_6_keyframes(exercise):
    figure = FIGURES[exercise]
    assert 2 <= len(figure.keys) <= 8
    assert figure.keys[0].t == 0


def test_an_exercise_without_a_figure_is_a_catalog_error(tmp_path):
    path = tmp_path / "keyframes.toml"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(CatalogError, match=r"exercise 'bridge' has no figure"):
        parse_keyframes(path, ["march", "bridge"])


def test_the_shipped_file_covers_exactly_the_catalog():
    text = (DATA_DIR / "keyframes.toml").read_text(encoding="utf-8")
    ids = re.findall(r'^id = "([a-z0-9-]+)"', text, flags=re.M)
    assert sorted(ids) == sorted(CATALOG.exercises)


def _bad(tmp_path, old: str, new: str) -> str:
    assert old in GOOD
    path = tmp_path / "keyframes.toml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        parse_keyframes(path, ["march"])
    return str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # GOOD's lines: 1 is empty, 2 [[figure]], 3 id, 4 pin, 5 contacts, 7 and 17 the
        # [[figure.key]] headers, 18 t = 0.5, 19 pose, 20 hip = 50, 21 knee = 95.
        # An unknown joint, on line 21:
        (
            "  knee = 95\n",
            "  kneee = 95\n",
            r"keyframes.toml, line 21, entry 'march', field 'kneee', keyframe 2 "
            r"\('one foot lowered'\): unknown joint or field 'kneee'",
        ),
        # an angle out of range: the knee bends 0 to 150 degrees
        (
            "  knee = 95\n",
            "  knee = 170\n",
            r"line 21, entry 'march', field 'knee', keyframe 2 \('one foot lowered'\): "
            r"knee = 170 is outside its range 0 to 150 degrees",
        ),
        # hip flexion 10 with the knee at 95: the shin swings down through the floor; the
        # knee places the ankle, and it is set on line 21
        (
            "  hip = 50\n",
            "  hip = 10\n",
            r"line 21, entry 'march', field 'knee', keyframe 2 \('one foot lowered'\): this "
            r"pose puts "
            r"the ankle \d+ cm through the floor",
        ),
        # the sacrum listed as a contact but the pelvis stood up
        (
            "  pelvis = -90\n",
            "  pelvis = -60\n",
            r"entry 'march', field '\w+', keyframe 1 \('lying, hips and knees at right "
            r"angles'\): ",
        ),
        (
            "  t = 0.5\n",
            "  t = 1.5\n",
            r"line 18, entry 'march', field 't', keyframe 2 .*t should be a time from 0 to 1",
        ),
        (
            'pin = "sacrum"',
            'pin = "belly"',
            r"line 4, entry 'march', field 'pin': unknown pin 'belly'",
        ),
    ],
)
def test_a_bad_keyframe_names_file_exercise_keyframe_and_joint(tmp_path, old, new, expected):
    message = _bad(tmp_path, old, new)
    assert re.search(expected, message), message
    assert str(tmp_path / "keyframes.toml") in message


def test_one_keyframe_is_not_enough(tmp_path):
    one = GOOD[: GOOD.index("  [[figure.key]]\n  t = 0.5")]
    path = tmp_path / "keyframes.toml"
    path.write_text(one, encoding="utf-8")
    with pytest.raises(
        CatalogError, match=r"entry 'march'.*needs 2 to 8 keyframes, this one has 1"
    ):
        parse_keyframes(path, ["march"])


def test_a_figure_for_an_unknown_exercise(tmp_path):
    path = tmp_path / "keyframes.toml"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(CatalogError, match=r"line 3, entry 'march', field 'id': there is no"):
        parse_keyframes(path, ["bridge"])
