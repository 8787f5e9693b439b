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
#   single-leg raise 20 x 10 s per leg: 200 + 5 + 200 -> 405
#   psoas march 20 x 5 s -> 100
#   low lunge / warrior I 30 s per leg: 30 + 5 + 30 -> 65 each
#   roll-up 6 x 8 s -> 48; leg circles 10 x 4 s per leg: 40 + 5 + 40 -> 85
#   leg swings 30 s per leg: 65; with 2 sets: 4 x 30 + 3 switches -> 135
#   marching 180 s (warm-up routine, desk reset) or 240 s (full programme)
# A rest before an exercise in another position (standing, kneeling, floor, bed) is 20 s.
TOTALS = [
    # marching, swings x2, tilt, warrior (standing) | 20 | kneeling, low lunge (kneeling)
    ("desk-reset", 10 + 180 + 15 + 135 + 15 + 55 + 15 + 65 + 20 + 205 + 15 + 65),  # 795
    ("strength-builder", 10 + 405 + 15 + 100 + 15 + 45),  # 590, all on the floor
    ("pre-activity-warm-up", 10 + 180 + 15 + 135),  # 340
    # knee-to-chest (floor) | 20 | kneeling, low lunge | 20 | lying (bed)
    ("post-workout-release", 10 + 100 + 20 + 205 + 15 + 65 + 20 + 65),  # 500
    # roll-up, circles (floor) | 20 | low lunge (kneeling) | 20 | warrior (standing)
    ("yoga-pilates-flow", 10 + 48 + 15 + 85 + 20 + 65 + 20 + 65),  # 328
    (
        # 12 rests: 4 of them changes of position (standing | floor | kneeling | standing | bed)
        "full-programme",
        10 + 8 * 15 + 4 * 20 + 240 + 65 + 48 + 85 + 405 + 100 + 100 + 45 + 205 + 65 + 65 + 55 + 65,
    ),  # 1753
]


@pytest.mark.parametrize(("routine_id", "seconds"), TOTALS)
def test_total_seconds(routine_id, seconds):
    routine = load_catalog().routines[routine_id]
    assert routine.total_seconds == seconds
    assert routine.timeline_frame().end_s.iloc[-1] == seconds


def test_kneeling_stretch_alternates_legs_three_times_each():
    timeline = load_catalog().routines["post-workout-release"].timeline()
    kneeling = [
        (s.kind, s.side, s.round)
        for s in timeline
        if s.exercise_id == "kneeling-hip-flexor-stretch" and s.kind not in ("get-ready", "rest")
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
        ("single-leg-raise", [("set", "left", 200, 20), ("set", "right", 200, 20)]),
        ("psoas-march", [("set", None, 100, 20)]),
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
    plan = load_catalog().routines["post-workout-release"].plan_frame()
    assert list(plan.exercise) == [
        "Knee-to-chest stretch",
        "Kneeling hip-flexor (psoas) stretch",
        "Low lunge (Anjaneyasana)",
        "Lying psoas stretch (dangling leg)",
    ]
    assert list(plan.time) == ["1:40", "3:25", "1:05", "1:05"]
    assert plan.dose.iloc[1] == "30 s hold, 3 per side"


def test_dose_override_and_pauses():
    catalog = load_catalog()
    mine = make_routine(
        catalog,
        "Long holds",
        [{"exercise": "lying-psoas-stretch", "hold_s": 60}],
        get_ready_s=5,
        switch_s=10,
    )
    assert [(s.kind, s.seconds) for s in mine.timeline()] == [
        ("get-ready", 5),
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


# ---- limits (issue 14): refused with the field and the limit ---------------------------------


@pytest.mark.parametrize(
    ("items", "pauses", "field", "words"),
    [
        ([{"exercise": "low-lunge", "hold_s": 121}], {}, "items[1].hold_s", "at most 120"),
        ([{"exercise": "leg-circles", "reps": 31}], {}, "items[1].reps", "at most 30"),
        # 30 a side for an alternating exercise is 60 in total
        ([{"exercise": "psoas-march", "total": 61}], {}, "items[1].total", "at most 60"),
        # single-leg raise holds 5 s in each repetition: 5 + 2 = 7 s at least
        ([{"exercise": "single-leg-raise", "rep_s": 6}], {}, "items[1].rep_s", "rep_s = 7"),
        ([{"exercise": "knee-to-chest", "hold_s": 4}], {}, "items[1].rep_s", "rep_s = 6"),
        (["low-lunge"], {"rest_s": 4}, "rest_s", "at least 5"),
        (["low-lunge"], {"switch_s": 0}, "switch_s", "at least 5"),
        (["low-lunge"], {"release_s": 3}, "release_s", "at least 5"),
        (["low-lunge"], {"get_ready_s": 0}, "get_ready_s", "at least 5"),
        # 120 s × 10 reps × 2 sides = 2400 s a set; 2 sets: 80 minutes
        (
            [{"exercise": "low-lunge", "hold_s": 120, "reps": 10, "sets": 2}],
            {},
            "items",
            "longer than 60 minutes",
        ),
    ],
)
def test_limits_are_refused_naming_the_field_and_the_limit(items, pauses, field, words):
    with pytest.raises(CatalogError) as caught:
        make_routine(load_catalog(), "Too much", items, **pauses)
    message = str(caught.value)
    assert f"field '{field}'" in message and words in message


@pytest.mark.parametrize(
    ("items", "fine"),
    [
        ([{"exercise": "low-lunge", "hold_s": 120}], True),
        ([{"exercise": "leg-circles", "reps": 30}], True),
        ([{"exercise": "single-leg-raise", "rep_s": 7}], True),  # exactly 5 + 2
    ],
)
def test_the_limits_themselves_are_allowed(items, fine):
    assert bool(make_routine(load_catalog(), "At the limit", items, rest_s=5)) is fine


@pytest.mark.parametrize(
    ("items", "rests"),
    [
        # floor -> floor: the routine's own rest (15 s)
        (["roll-up", "leg-circles"], [15]),
        # floor -> kneeling -> standing: 20 s each
        (["roll-up", "low-lunge", "warrior-one"], [20, 20]),
        # standing -> bed: 20 s
        (["standing-pelvic-tilt", "lying-psoas-stretch"], [20]),
    ],
)
def test_a_change_of_position_gets_at_least_20_s(items, rests):
    routine = make_routine(load_catalog(), "Moves", items, rest_s=15)
    assert [s.seconds for s in routine.timeline() if s.kind == "rest"] == rests


def test_a_longer_rest_is_kept_at_a_change_of_position():
    routine = make_routine(load_catalog(), "Slow", ["roll-up", "low-lunge"], rest_s=40)
    assert [s.seconds for s in routine.timeline() if s.kind == "rest"] == [40]


# ---- the presets: dynamic before, static after; grouped by position --------------------------

PRESETS = [r for r in load_catalog().routines.values() if r.source == "preset"]


@pytest.mark.parametrize("routine", PRESETS, ids=lambda r: r.id)
def test_every_preset_puts_dynamic_moves_first_and_static_holds_last(routine):
    # 0 dynamic, 1 repetitions, 2 static holds: never going back down
    rank = {"dynamic": 0, "reps": 1, "hold": 2}
    styles = [rank[item.exercise.style] for item in routine.items]
    assert styles == sorted(styles), [item.exercise.id for item in routine.items]


@pytest.mark.parametrize("routine", PRESETS, ids=lambda r: r.id)
def test_every_preset_is_grouped_by_position(routine):
    # within the moving part and within the static holds (dynamic first, static last comes
    # first), each position is one block: as many changes as positions, less one
    for holds in (False, True):
        found = [
            i.exercise.position for i in routine.items if (i.exercise.style == "hold") == holds
        ]
        blocks = [p for n, p in enumerate(found) if n == 0 or p != found[n - 1]]
        assert len(blocks) == len(set(blocks)), (routine.id, found)


def test_the_full_programme_warms_up_at_least_5_minutes():
    from psoas_lib.coaching.session import warm_up_seconds

    assert warm_up_seconds(load_catalog().routines["full-programme"]) >= 5 * 60


def test_the_desk_routine_needs_no_bed_and_keeps_its_role():
    catalog = load_catalog()
    desk = catalog.for_role("stretch-focused")
    assert desk.id == "desk-reset"
    assert "bed" not in desk.positions and "floor" not in desk.positions
    assert desk.positions == ("standing", "kneeling")


def test_every_role_is_still_on_one_preset():
    from psoas_lib.content.routine import ROLES

    catalog = load_catalog()
    assert all(catalog.role_id(role) for role in ROLES)


def test_steps_carry_the_dose_the_routine_runs():
    catalog = load_catalog()
    mine = make_routine(
        catalog, "Mine", [{"exercise": "standing-pelvic-tilt", "hold_s": 15, "reps": 5}]
    )
    steps = mine.items[0].steps
    assert steps[2] == "Keep that position for 15 seconds while breathing normally."
    assert steps[3] == "Let go, rest a moment, and do it again: 5 times in all."
