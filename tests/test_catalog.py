"""The catalog: every exercise of the article with its dose, and every bad-data case."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from psoas_lib import CatalogError, load_catalog
from psoas_lib.content.routine import ROLES
from psoas_lib.paths import DATA_DIR

# The reference article's exercises and numbers, typed in from the article by hand.
# (id, category, sides, hold_s, reps, total)
ARTICLE = [
    ("kneeling-hip-flexor-stretch", "stretch", "each", 30, 3, None),  # hold 30 s, 3x per leg
    ("lying-psoas-stretch", "stretch", "each", (30, 60), 1, None),  # 30–60 s per side
    ("standing-pelvic-tilt", "stretch", "none", (10, 20), (4, 6), None),  # 10–20 s, 4–6 times
    ("ground-bridge", "stretch", "none", (5, 10), (5, 10), None),  # 5–10 s, as tolerated
    ("knee-to-chest", "stretch", "alternating", 3, None, 20),  # 20 alternating in total
    ("single-leg-raise", "strength", "each", 5, 20, None),  # 5 s hold, 20 per leg
    ("psoas-march", "strength", "alternating", None, None, 20),  # 20 alternating
    ("low-lunge", "yoga", "each", 30, 1, None),
    ("warrior-one", "yoga", "each", 30, 1, None),
    ("roll-up", "pilates", "none", None, 6, None),
    ("leg-circles", "pilates", "each", None, 10, None),
    ("leg-swings", "warm-up", "each", None, None, None),
    ("marching-in-place", "warm-up", "none", None, None, None),
]


@pytest.mark.parametrize(("ex_id", "category", "sides", "hold_s", "reps", "total"), ARTICLE)
def test_every_exercise_of_the_article_with_its_dose(ex_id, category, sides, hold_s, reps, total):
    ex = load_catalog().exercises[ex_id]
    assert (ex.category, ex.sides, ex.dose.hold_s, ex.dose.reps, ex.dose.total) == (
        category,
        sides,
        hold_s,
        reps,
        total,
    )
    assert ex.steps and all(step.strip() for step in ex.steps)
    assert ex.per_side == (sides == "each")


def test_catalog_holds_exactly_the_article_exercises():
    assert set(load_catalog().exercises) == {row[0] for row in ARTICLE}


@pytest.mark.parametrize(
    ("ex_id", "workbook_fields"),
    [
        ("ground-bridge", {"reps"}),  # the article says "repeat as tolerated"
        ("knee-to-chest", {"hold_s", "rep_s"}),  # "a few seconds"
        ("low-lunge", {"hold_s", "reps"}),  # yoga: the article gives no hold
        ("warrior-one", {"hold_s", "reps"}),
        ("roll-up", {"reps", "rep_s"}),
        ("leg-circles", {"reps", "rep_s"}),
        ("kneeling-hip-flexor-stretch", set()),  # every number is the article's
        ("lying-psoas-stretch", set()),
    ],
)
def test_workbook_defaults_are_marked(ex_id, workbook_fields):
    assert set(load_catalog().exercises[ex_id].dose.workbook_default) == workbook_fields


def test_kneeling_stretch_keeps_the_arm_overhead_option_and_bridge_its_progressions():
    catalog = load_catalog()
    assert any(
        "arm" in o and "lean" in o for o in catalog.exercises["kneeling-hip-flexor-stretch"].options
    )
    bridge = " ".join(catalog.exercises["ground-bridge"].progressions)
    assert "band" in bridge and "ball" in bridge


# ---------------------------------------------------------------- bad data files


def _data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


# (file, old text, new text, entry id, field, line of: text that stands on the blamed line)
BAD_CASES = {
    "missing field": (
        "exercises.toml",
        'name = "Knee-to-chest stretch"\n',
        "",
        "knee-to-chest",
        "name",
        'id = "knee-to-chest"',
    ),
    "wrong type": (
        "exercises.toml",
        'name = "Psoas march"',
        "name = 7",
        "psoas-march",
        "name",
        "name = 7",
    ),
    "zero duration": (
        "exercises.toml",
        "total = 20\nhold_s = 3",
        "total = 0\nhold_s = 3",
        "knee-to-chest",
        "dose.total",
        "total = 0",
    ),
    "negative duration": (
        "exercises.toml",
        "duration_s = 60\n",
        "duration_s = -60\n",
        "marching-in-place",
        "dose.duration_s",
        "duration_s = -60",
    ),
    "bad range": (
        "exercises.toml",
        "hold_s = [30, 60]",
        "hold_s = [60, 30]",
        "lying-psoas-stretch",
        "dose.hold_s",
        "hold_s = [60, 30]",
    ),
    "duplicate id": (
        "exercises.toml",
        'id = "warrior-one"',
        'id = "low-lunge"',
        "low-lunge",
        "id",
        'name = "Warrior I"',
    ),
    "unknown category": (
        "exercises.toml",
        'category = "pilates"',
        'category = "dance"',
        "roll-up",
        "category",
        'category = "dance"',
    ),
    "unknown exercise in routine": (
        "routines.toml",
        '{ exercise = "psoas-march" },',
        '{ exercise = "psoas-marsh" },',
        "strength-builder",
        "items[2]",
        'id = "strength-builder"',
    ),
    "unknown role": (
        "routines.toml",
        'role = "balanced"',
        'role = "all-round"',
        "full-programme",
        "role",
        'role = "all-round"',
    ),
    "a role given twice": (  # the second preset with the role is blamed, on its role line
        "routines.toml",
        'role = "after-activity"',
        'role = "stretch-focused"',
        "post-workout-release",
        "role",
        'id = "post-workout-release"',  # the line after it is the name, then the role
    ),
    "category without a label": (
        "categories.toml",
        'label = "Yoga"\n',
        "",
        "yoga",
        "label",
        'id = "yoga"',
    ),
    "category working on something else": (
        "categories.toml",
        'works_on = "neither"',
        'works_on = "balance"',
        "warm-up",
        "works_on",
        'works_on = "balance"',
    ),
    "category with an unknown field": (
        "categories.toml",
        'label = "Stretch"',
        'label = "Stretch"\ncolour = "blue"',
        "stretch",
        "colour",
        'colour = "blue"',
    ),
    "zero pause in routine override": (
        "routines.toml",
        '{ exercise = "leg-swings", sets = 2 }',
        '{ exercise = "leg-swings", sets = 0 }',
        "desk-reset",
        "items[2].sets",
        'id = "desk-reset"',
    ),
    "unknown position": (
        "exercises.toml",
        'position = "bed"',
        'position = "sofa"',
        "lying-psoas-stretch",
        "position",
        'position = "sofa"',
    ),
    "unknown placeholder in a step": (
        "exercises.toml",
        "Stay there for {hold}, breathing",
        "Stay there for {seconds}, breathing",
        "lying-psoas-stretch",
        "steps[4]",
        "Stay there for {seconds}",
    ),
    "placeholder without its dose field": (
        "exercises.toml",
        "Stand tall and march on the spot.",
        "Stand tall and march on the spot {reps} times.",
        "marching-in-place",
        "steps[1]",
        "march on the spot {reps} times",
    ),
    "a repetition shorter than its hold": (
        "exercises.toml",
        "reps = 20\nhold_s = 5\nrep_s = 10",
        "reps = 20\nhold_s = 5\nrep_s = 6",
        "single-leg-raise",
        "dose.rep_s",
        "rep_s = 6",
    ),
    "a pause under 5 s": (
        "routines.toml",
        'role = "warm-up"',
        'role = "warm-up"\nrest_s = 3',
        "pre-activity-warm-up",
        "rest_s",
        "rest_s = 3",
    ),
}


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_data_file_names_file_line_entry_and_field(tmp_path, case):
    file, old, new, entry, field, blamed = BAD_CASES[case]
    folder = _data_copy(tmp_path)
    path = folder / file
    _edit(path, old, new)
    before = path.read_bytes()
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    message = str(caught.value)
    expected_line = _line_of(path, blamed)
    if case == "duplicate id":  # the second use of the id is the one blamed
        expected_line = expected_line - 1
    if case == "a role given twice":  # id, name, role: the role is two lines below the id
        expected_line = expected_line + 2
    assert message.startswith(f"{path}, line {expected_line}, entry {entry!r}, field {field!r}: ")
    assert path.read_bytes() == before


def test_syntax_error_names_file_and_line(tmp_path):
    folder = _data_copy(tmp_path)
    path = folder / "routines.toml"
    _edit(path, 'name = "Desk reset"', 'name = "Desk reset')
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    line = _line_of(path, 'name = "Desk reset')
    assert str(caught.value).startswith(f"{path}, line {line}: this is not valid TOML")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe[[exercise]]", "not UTF-8 text"),
        (b"", "no [[exercise]] entries"),
        (b"exercise = 3\n", "should be a list of [[exercise]] tables"),
    ],
)
def test_unreadable_or_empty_exercise_file(tmp_path, content, expected):
    folder = _data_copy(tmp_path)
    (folder / "exercises.toml").write_bytes(content)
    with pytest.raises(CatalogError, match=re.escape(expected)):
        load_catalog(folder)


def test_missing_file_says_so(tmp_path):
    with pytest.raises(CatalogError, match="file not found"):
        load_catalog(tmp_path)


def test_a_coach_can_add_an_exercise_without_code(tmp_path):
    folder = _data_copy(tmp_path)
    with (folder / "exercises.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[[exercise]]\nid = "supine-figure-four"\nname = "Figure four"\n'
            'category = "stretch"\nposition = "floor"\nstyle = "hold"\nsides = "each"\n'
            'targets = ["hips"]\nsteps = ["Lie down.", "Cross an ankle over a knee."]\n'
            "[exercise.dose]\nhold_s = 20\nreps = 2\n"
        )
    ex = load_catalog(folder).exercises["supine-figure-four"]
    assert (ex.name, ex.dose.hold, ex.dose.count, ex.per_side) == ("Figure four", 20, 2, True)


def test_presets_are_found_by_role():
    catalog = load_catalog()
    # data/routines.toml gives each of the five roles to one preset
    assert {role: catalog.role_id(role) for role in ROLES} == {
        "stretch-focused": "desk-reset",
        "strength-focused": "strength-builder",
        "balanced": "full-programme",
        "warm-up": "pre-activity-warm-up",
        "after-activity": "post-workout-release",
    }
    assert catalog.routines["yoga-pilates-flow"].role is None


def test_a_coach_renames_a_preset_in_data_only(tmp_path):
    folder = _data_copy(tmp_path)
    _edit(folder / "routines.toml", 'id = "pre-activity-warm-up"', 'id = "hip-warm-up"')
    assert load_catalog(folder).for_role("warm-up").id == "hip-warm-up"


def test_a_missing_role_says_how_to_fix_it(tmp_path):
    folder = _data_copy(tmp_path)
    _edit(folder / "routines.toml", 'role = "warm-up"\n', "")
    catalog = load_catalog(folder)
    assert catalog.role_id("warm-up") is None
    with pytest.raises(CatalogError, match=re.escape('Add role = "warm-up" to one [[routine]]')):
        catalog.for_role("warm-up")
    with pytest.raises(ValueError, match="unknown role 'warmup'"):
        catalog.role_id("warmup")


def test_a_users_routine_has_no_role(tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    path = folder / "mine.toml"
    path.write_text(
        '[[routine]]\nid = "mine"\nname = "Mine"\nrole = "balanced"\n'
        'items = [{ exercise = "knee-to-chest" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog(home=tmp_path)
    assert str(caught.value).startswith(f"{path}, line 4, entry 'mine', field 'role': ")


def test_categories_order_and_label_the_exercises():
    catalog = load_catalog()
    assert list(catalog.categories) == ["warm-up", "stretch", "strength", "yoga", "pilates"]
    ordered = [e.category for e in catalog.exercises_by_category()]
    assert ordered == sorted(ordered, key=list(catalog.categories).index)
    assert catalog.category_label(catalog.exercises["low-lunge"]) == "Yoga"


def test_exercise_categories_come_from_the_data_file(tmp_path):
    folder = _data_copy(tmp_path)
    categories = folder / "categories.toml"
    text = categories.read_text(encoding="utf-8")
    cut = text.index('[[category]]\nid = "pilates"')  # the last block of the file
    categories.write_text(text[:cut], encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    # roll-up is the first Pilates exercise; its category is now unknown
    path = folder / "exercises.toml"
    line = _line_of(path, 'category = "pilates"')
    assert str(caught.value).startswith(f"{path}, line {line}, entry 'roll-up', field 'category'")
    assert "Use one of: warm-up, stretch, strength, yoga" in str(caught.value)
