"""Routine timelines: segments, durations and the plan table, worked out by hand."""

from __future__ import annotations

import pytest

from psoas_lib import CatalogError, load_catalog, make_routine, save_routine
from psoas_lib.content.routine import WORK_KINDS

# Totals by hand, with the default pauses: get ready 10, rest 15, switch 5, release 5.
#   kneeling 30 s x 3 per leg, alternating legs: 6 holds = 180 + 5 switches = 25 -> 205
#   lying 30 s per leg: 30 + 5 + 30 -> 65
#   pelvic tilt 10 s x 4: 40 + 3 releases = 15 -> 55
#   knee-to-chest 20 alternating x 5 s -> 100
#   bridge 5 s x 5: 25 + 4 releases = 20 -> 45
#   single-leg raise 20 x 8 s per leg: 160 + 5 + 160 -> 325
#   psoas march 20 x 4 s -> 80
#   low lunge / warrior I 30 s per leg: 30 + 5 + 30 -> 65 each
#   roll-up 6 x 8 s -> 48; leg circles 10 x 4 s per leg: 40 + 5 + 40 -> 85
#   leg swings 30 s per leg: 65; with 2 sets: 4 x 30 + 3 switches -> 135
#   marching 180 s (warm-up routine) or 120 s (full programme)
TOTALS = [
    ("desk-reset", 10 + 205 + 15 + 65 + 15 + 55 + 15 + 100),  # 480
    ("strength-builder", 10 + 45 + 15 + 325 + 15 + 80),  # 490
    ("pre-activity-warm-up", 10 + 180 + 15 + 135),  # 340
    ("post-workout-release", 10 + 205 + 15 + 65 + 15 + 65 + 15 + 100),  # 490
    ("yoga-pilates-flow", 10 + 65 + 15 + 65 + 15 + 48 + 15 + 85),  # 318
    (
        "full-programme",
        10 + 12 * 15 + 120 + 65 + 205 + 325 + 65 + 80 + 55 + 45 + 100 + 48 + 65 + 85 + 65,
    ),
]


@pytest.mark.parametrize(("routine_id", "seconds"), TOTALS)
def test_total_seconds(routine_id, seconds):
    routine = load_catalog().routines[routine_id]
    assert routine.total_seconds == seconds
    assert routine.timeline_frame().end_s.iloc[-1] == seconds


def test_kneeling_stretch_alternates_legs_three_times_each():
    timeline = load_catalog().routines["desk-reset"].timeline()
    kneeling = [
        (s.kind, s.side, s.round)
        for s in timeline
        if s.exercise_id == "kneeling-hip-flexor-stretch" and s.kind != "get-ready"
    ]
    assert kneeling == [
        ("hold", "left", 1),
        ("switch", None, 1),
        ("hold", "right", 1),
        ("switch", None, 1),
        ("hold", "left", 2),
        ("switch", None, 1),
        ("hold", "right", 2),
        ("switch", None, 1),
        ("hold", "left", 3),
        ("switch", None, 1),
        ("hold", "right", 3),
    ]


@pytest.mark.parametrize(
    ("exercise_id", "expected"),
    [
        # (kind, side, seconds, count) of the work segments
        ("single-leg-raise", [("set", "left", 160, 20), ("set", "right", 160, 20)]),
        ("psoas-march", [("set", None, 80, 20)]),
        ("ground-bridge", [("hold", None, 5, 0)] * 5),
    ],
)
def test_work_segments(exercise_id, expected):
    timeline = load_catalog().routines["strength-builder"].timeline()
    work = [
        (s.kind, s.side, s.seconds, s.count)
        for s in timeline
        if s.exercise_id == exercise_id and s.kind in WORK_KINDS
    ]
    assert work == expected


def test_pre_activity_warm_up_holds_dynamic_moves_only():
    catalog = load_catalog()
    routine = catalog.routines["pre-activity-warm-up"]
    assert {item.exercise.style for item in routine.items} == {"dynamic"}
    assert {s.kind for s in routine.timeline() if s.is_work} == {"move"}
    assert 5 * 60 <= routine.total_seconds <= 10 * 60  # the article's 5–10 minutes


def test_full_programme_balances_stretching_and_strengthening():
    routine = load_catalog().routines["full-programme"]
    assert {"stretch", "strength", "yoga", "pilates", "warm-up"} <= set(routine.categories)
    assert routine.items[0].exercise.category == "warm-up"


def test_plan_frame_lists_each_exercise_with_dose_and_time():
    plan = load_catalog().routines["desk-reset"].plan_frame()
    assert list(plan.exercise) == [
        "Kneeling hip-flexor (psoas) stretch",
        "Lying psoas stretch (dangling leg)",
        "Standing pelvic tilt",
        "Knee-to-chest stretch",
    ]
    assert list(plan.time) == ["3:25", "1:05", "0:55", "1:40"]
    assert plan.dose.iloc[0] == "30 s hold, 3 per side"


def test_dose_override_and_pauses():
    catalog = load_catalog()
    mine = make_routine(
        catalog,
        "Long holds",
        [{"exercise": "lying-psoas-stretch", "hold_s": 60}],
        get_ready_s=0,
        switch_s=10,
    )
    assert [(s.kind, s.seconds) for s in mine.timeline()] == [
        ("hold", 60),
        ("switch", 10),
        ("hold", 60),
    ]


def test_saved_routine_loads_beside_the_presets(psoas_home):
    catalog = load_catalog()
    mine = make_routine(
        catalog, "Morning hips", ["leg-swings", {"exercise": "knee-to-chest", "total": 10}]
    )
    path = save_routine(mine)
    assert path == psoas_home / "routines" / "morning-hips.toml"
    loaded = load_catalog().routines["morning-hips"]
    assert loaded.source == "user"
    assert loaded.timeline() == mine.timeline()
    assert "desk-reset" in load_catalog().routines


def test_saving_never_overwrites_silently_nor_shadows_a_preset(psoas_home):
    catalog = load_catalog()
    mine = make_routine(catalog, "Morning hips", ["leg-swings"])
    path = save_routine(mine)
    before = path.read_bytes()
    with pytest.raises(CatalogError, match="saved already"):
        save_routine(make_routine(catalog, "Morning hips", ["knee-to-chest"]))
    assert path.read_bytes() == before
    with pytest.raises(CatalogError, match="preset"):
        save_routine(make_routine(catalog, "Desk reset", ["knee-to-chest"]))


def test_user_routine_with_a_preset_id_is_reported(psoas_home):
    folder = psoas_home / "routines"
    folder.mkdir()
    (folder / "x.toml").write_text(
        '[[routine]]\nid = "desk-reset"\nname = "Mine"\nitems = ["knee-to-chest"]\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match=r"x\.toml, line 2, entry 'desk-reset', field 'id'"):
        load_catalog()


@pytest.mark.parametrize(
    ("name", "items", "message"),
    [
        ("Empty", [], "has no exercises"),
        ("Typo", ["knee-to-chets"], "unknown exercise 'knee-to-chets'"),
        ("!!!", ["knee-to-chest"], "needs at least one letter or digit"),
    ],
)
def test_make_routine_rejects_bad_input(name, items, message):
    with pytest.raises(CatalogError, match=message):
        make_routine(load_catalog(), name, items)
