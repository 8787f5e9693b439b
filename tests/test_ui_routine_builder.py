"""The build-your-own-routine widget: order, dose overrides, preview, save and its refusals."""

from __future__ import annotations

import pytest

from psoas_lib import load_catalog
from psoas_lib.ui.routine_builder import RoutineBuilder, item_line, moved, removed


def build(home, *picks):
    builder = RoutineBuilder(home=home)
    for exercise, doses in picks:
        builder.exercise.value = exercise
        for name, value in doses.items():
            builder.doses[name].value = value
        builder.add_button.click()
    return builder


def test_dose_fields_follow_the_exercise(psoas_home):
    builder = RoutineBuilder(home=psoas_home)
    builder.exercise.value = "leg-swings"
    shown = [n for n, box in builder.doses.items() if box.layout.display == "flex"]
    assert shown == ["duration_s", "sets"]


def test_preview_total_with_overrides(psoas_home):
    # get ready 10, 45 s left, 5 s switch, 45 s right = 105; rest 20 (kneeling to the
    # floor: a change of position) + 20 reps × 5 s = 120: 225 s
    builder = build(
        psoas_home,
        ("kneeling-hip-flexor-stretch", {"hold_s": 45, "reps": 1}),
        ("knee-to-chest", {}),
    )
    assert builder.items == [
        {"exercise": "kneeling-hip-flexor-stretch", "hold_s": 45, "reps": 1},
        {"exercise": "knee-to-chest"},
    ]
    assert builder.total.value == "Total 3:45"
    assert "45 s hold, 1 per side" in builder.preview.value


def test_move_and_remove(psoas_home):
    builder = build(psoas_home, ("leg-swings", {}), ("knee-to-chest", {}), ("psoas-march", {}))
    builder.list.index = 2
    builder.up_button.click()
    assert [i["exercise"] for i in builder.items] == ["leg-swings", "psoas-march", "knee-to-chest"]
    assert builder.list.index == 1
    builder.remove_button.click()
    assert [i["exercise"] for i in builder.items] == ["leg-swings", "knee-to-chest"]


def test_save_then_refuse_to_overwrite(psoas_home):
    saved = []
    builder = build(psoas_home, ("leg-swings", {"sets": 2}), ("knee-to-chest", {}))
    builder.on_save = saved.append
    builder.name.value = "Morning hips"
    builder.save_button.click()
    path = psoas_home / "routines" / "morning-hips.toml"
    assert builder.message.value.startswith("Saved as morning-hips.toml")
    assert [r.id for r in saved] == ["morning-hips"]
    mine = load_catalog(home=psoas_home).routines["morning-hips"]
    assert mine.source == "user" and mine.items[0].dose.sets == 2
    before = path.read_bytes()
    builder.save_button.click()
    assert "saved already" in builder.message.value
    assert path.read_bytes() == before and len(saved) == 1


def test_refusals_are_messages(psoas_home):
    builder = RoutineBuilder(home=psoas_home)
    builder.save_button.click()
    assert builder.message.value == "Add at least one exercise first."
    builder.add_button.click()
    builder.save_button.click()
    assert builder.message.value == "Give your routine a name first."
    builder.name.value = "Desk reset"
    builder.save_button.click()
    assert "preset" in builder.message.value
    assert not (psoas_home / "routines").exists()


@pytest.mark.parametrize(
    ("exercise", "dose", "words"),
    [
        ("low-lunge", {"hold_s": 600}, "'hold_s' = 600 is more than the workbook allows"),
        ("leg-circles", {"reps": 40}, "Use at most 30 (a side)"),
        (
            "single-leg-raise",
            {"reps": 20},
            None,  # within the limits: no message
        ),
        ("low-lunge", {"hold_s": 120, "reps": 10, "sets": 3}, "longer than 60 minutes"),
    ],
)
def test_the_builder_refuses_the_limits_with_the_field_and_the_limit(
    psoas_home, exercise, dose, words
):
    builder = build(psoas_home, (exercise, dose))
    if words is None:
        assert builder.message.value == "" and builder.total.value != "Total 0:00"
    else:
        assert words in builder.message.value and "field 'items" in builder.message.value
        builder.name.value = "Too much"
        assert builder.save() is None  # not saved


# ---- the list's rules, without widgets ----------------------------------------------------------
@pytest.mark.parametrize(
    ("items", "index", "step", "expected"),
    [
        (["a", "b", "c"], 0, 1, (["b", "a", "c"], 1)),
        (["a", "b", "c"], 2, -1, (["a", "c", "b"], 1)),
        (["a", "b", "c"], 0, -1, None),  # the first cannot go up
        (["a", "b", "c"], 2, 1, None),  # the last cannot go down
        (["a", "b", "c"], None, 1, None),  # nothing selected
        ([], 0, 1, None),
    ],
)
def test_moved(items, index, step, expected):
    before = list(items)
    assert moved(items, index, step) == expected
    assert items == before  # a new list: the old one is left as it was


@pytest.mark.parametrize(
    ("items", "index", "expected"),
    [
        (["a", "b", "c"], 0, (["b", "c"], 0)),
        (["a", "b", "c"], 1, (["a", "c"], 1)),
        (["a", "b", "c"], 2, (["a", "b"], 1)),  # the last removed: the new last is selected
        (["a"], 0, ([], None)),
        (["a"], None, None),
        (["a"], 1, None),
    ],
)
def test_removed(items, index, expected):
    assert removed(items, index) == expected


NAMES = {"leg-swings": "Leg swings", "psoas-march": "Psoas march"}


@pytest.mark.parametrize(
    ("number", "item", "line"),
    [
        (1, {"exercise": "psoas-march"}, "1. Psoas march"),
        (2, {"exercise": "leg-swings", "sets": 3}, "2. Leg swings, sets 3"),
        (
            3,
            {"exercise": "psoas-march", "reps": 8, "sets": 2},
            "3. Psoas march, repetitions 8, sets 2",
        ),
    ],
)
def test_item_line(number, item, line):
    assert item_line(number, item, NAMES) == line
