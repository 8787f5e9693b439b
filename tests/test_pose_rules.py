"""Loading data/pose_rules.toml: every exercise has rules; mistakes name file, line, rule."""

from __future__ import annotations

import pytest

from psoas_lib.content.catalog import load_catalog
from psoas_lib.content.datafile import CatalogError
from psoas_lib.content.pose_rules import (
    KeptAngle,
    PoseRule,
    load_kept_angles,
    load_pose_rules,
    parse_kept_angles,
    parse_pose_rules,
)


def test_the_shipped_rules_cover_every_exercise_of_the_catalog():
    ids = list(load_catalog().exercises)
    rules = load_pose_rules(exercises=ids)
    assert set(rules) == set(ids)
    assert all(1 <= len(r) <= 4 for r in rules.values())  # the few checks that matter
    lunge = {r.id: r for r in rules["kneeling-hip-flexor-stretch"]}
    assert lunge["front-knee"] == PoseRule(
        "front-knee",
        "knee",
        "front",
        70.0,
        110.0,
        "Move your front foot so the front knee is over the ankle.",
        line=lunge["front-knee"].line,
    )


GOOD = """\
[[exercise]]
id = "low-lunge"

[[exercise.rule]]
id = "trunk-upright"
measure = "trunk"
max = 20
cue = "Lift your chest."
"""


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (('measure = "trunk"', 'measure = "spine"'), 6, "unknown measure 'spine'"),
        (("max = 20", 'max = 20\nleg = "front"'), 8, "the trunk has no leg"),
        (("max = 20", "max = 20\nmin = 30"), 8, "min 30 is not below max 20"),
        (('cue = "Lift your chest."', 'cue = ""'), 8, "the rule needs a cue"),
        (("max = 20", 'max = "twenty"'), 7, "'max' should be a number of degrees"),
        (("max = 20", "maxx = 20"), 7, "unknown field 'maxx'"),
        (('id = "low-lunge"', 'id = "low-lunges"'), 2, "no exercise 'low-lunges'"),
    ],
)
def test_a_mistake_names_file_line_exercise_and_rule(tmp_path, change, line, message):
    path = tmp_path / "pose_rules.toml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        parse_pose_rules(path, ["low-lunge"])
    text = str(err.value)
    assert text.startswith(f"{path}, line {line}, entry ")
    assert message in text
    if "no exercise" not in message:
        assert "entry 'low-lunge'" in text and "rule 'trunk-upright'" in text


def test_a_rule_id_used_twice(tmp_path):
    path = tmp_path / "pose_rules.toml"
    second = GOOD.split("\n", 3)[3]  # the [[exercise.rule]] table again, from line 4
    path.write_text(GOOD + second, encoding="utf-8")
    with pytest.raises(
        CatalogError, match=r"line 10, .*rule 'trunk-upright': this rule id is used"
    ):
        parse_pose_rules(path, ["low-lunge"])


def test_an_exercise_without_rules(tmp_path):
    path = tmp_path / "pose_rules.toml"
    path.write_text('[[exercise]]\nid = "low-lunge"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"line 2, entry 'low-lunge', field 'rule'"):
        parse_pose_rules(path, ["low-lunge"])


def test_the_shipped_kept_angles_name_the_main_angle_and_its_way():
    kept = load_kept_angles(exercises=list(load_catalog().exercises))
    assert kept["kneeling-hip-flexor-stretch"] == KeptAngle(
        "hip", "back", "larger", line=kept["kneeling-hip-flexor-stretch"].line
    )
    assert kept["ground-bridge"].key == "hip:seen"
    assert kept["psoas-march"].key == "knee:bent:90"
    assert "roll-up" not in kept  # a moving exercise keeps no angle


@pytest.mark.parametrize(
    ("kept", "message"),
    [
        ('{ measure = "thigh", leg = "back", further = "larger" }', "kept measure is 'thigh'"),
        ('{ measure = "hip", leg = "both", further = "larger" }', "needs one leg, not 'both'"),
        ('{ measure = "trunk", leg = "back", further = "smaller" }', "the trunk has no leg"),
        ('{ measure = "hip", leg = "back", further = "up" }', "further = 'up' does not say"),
        ('{ measure = "knee", leg = "bent", further = "nearer" }', "aim goes with further"),
        ('{ measure = "hip", leg = "back", further = "larger", aim = 90 }', "aim goes with"),
        ('{ measure = "knee", leg = "bent", further = "nearer", aim = 400 }', "not an angle"),
        ('{ measure = "hip", leg = "back", further = "larger", why = 1 }', "unknown field 'why'"),
        ('"hip"', "'kept' should be a table"),
    ],
)
def test_a_bad_kept_angle_names_file_line_and_exercise(tmp_path, kept, message):
    path = tmp_path / "pose_rules.toml"
    path.write_text(GOOD.replace('id = "low-lunge"\n', f'id = "low-lunge"\nkept = {kept}\n'))
    with pytest.raises(CatalogError) as err:
        parse_kept_angles(path, ["low-lunge"])
    assert str(err.value).startswith(f"{path}, line 3, entry 'low-lunge', field 'kept'")
    assert message in str(err.value)
    assert parse_pose_rules(path, ["low-lunge"])  # the rules themselves still load
