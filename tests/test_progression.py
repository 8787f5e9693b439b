"""Progression rules, each with an explicit, hand-written history of sessions.

Expected levels come from the article's doses (lying stretch 30–60 s, kneeling stretch 30 s,
single-leg raise 20 per leg...) and the ladders 20 → 30 → 45 → 60 s and 10 → 15 → 20,
worked out by hand.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas_lib import load_catalog, make_routine
from psoas_lib.content.catalog import Catalog
from psoas_lib.journal.store import Journal
from psoas_lib.plan.progression import (
    COMPLETE_SHARE,
    PAIN_FREE_DAYS,
    SESSIONS_TO_STEP_UP,
    ladder_for,
    replay_progression,
    routine_at_levels,
)

LYING = "lying-psoas-stretch"
TILT, BRIDGE = "standing-pelvic-tilt", "ground-bridge"
STRETCHES = ["kneeling-hip-flexor-stretch", LYING, TILT, "knee-to-chest"]


def _catalog() -> Catalog:
    """The presets plus "stretches", a preset-like routine of four stretches the tests know."""
    base = load_catalog()
    mine = replace(make_routine(base, "Stretches", STRETCHES), source="preset")
    return Catalog(base.exercises, {**base.routines, mine.id: mine}, base.categories)


CATALOG = _catalog()


def session(
    when: str,
    done: str = LYING,
    before: int | None = 6,
    after: int | None = 4,
    pain: bool = False,
    completed: int = 600,
    planned: int = 600,
    routine: str = "not-a-routine",
    offset: int = 0,
) -> dict:
    """One journal row: ``when`` is UTC, ``done`` the ';'-joined exercise ids."""
    return {
        "started_at": pd.Timestamp(when, tz="UTC"),
        "utc_offset_min": offset,
        "routine_id": routine,
        "planned_s": planned,
        "completed_s": completed,
        "exercises_done": done,
        "tightness_before": before,
        "tightness_after": after,
        "pain_stop": pain,
        "notes": "",
    }


def frame(rows: list[dict]) -> pd.DataFrame:
    data = pd.DataFrame(rows)
    if not rows:
        return data
    for name in ("tightness_before", "tightness_after"):
        data[name] = data[name].astype("Int64")
    return data


def daily(n: int, start: str = "2026-03-02", **kw) -> list[dict]:
    """``n`` sessions on consecutive days from ``start`` (Monday 2 March 2026), 10:00 UTC."""
    first = pd.Timestamp(start + " 10:00")
    return [session(str(first + pd.Timedelta(days=k)), **kw) for k in range(n)]


def level(rows: list[dict], exercise: str = LYING, **kw) -> int | None:
    return replay_progression(frame(rows), CATALOG, **kw).levels[exercise].value


def test_the_named_constants():
    assert (SESSIONS_TO_STEP_UP, PAIN_FREE_DAYS, COMPLETE_SHARE) == (6, 14, 0.9)


@pytest.mark.parametrize(
    "exercise, field, levels, top",
    [
        ("kneeling-hip-flexor-stretch", "hold_s", (20, 30), 30),  # article: hold 30 s
        ("lying-psoas-stretch", "hold_s", (20, 30, 45, 60), 60),  # article: 30–60 s
        ("standing-pelvic-tilt", "hold_s", (10, 20, 20, 20), 20),  # article: 10–20 s, 4–6 times
        ("ground-bridge", "hold_s", (5, 10, 10, 10), 10),  # article: 5–10 s, as tolerated
        ("single-leg-raise", "reps", (10, 15, 20), 20),  # article: 20 per leg
        ("psoas-march", "total", (10, 15, 20), 20),  # article: 20 alternating
        ("knee-to-chest", "total", (10, 15, 20), 20),  # article: 20 in total
        ("low-lunge", "hold_s", (20, 30), 30),  # workbook's 30 s
        ("roll-up", "reps", (6,), 6),  # workbook's 6: one level
        ("leg-swings", "", (), 0),  # warm-up keeps its dose
    ],
)
def test_ladders_end_at_the_top_dose(exercise, field, levels, top):
    ladder = ladder_for(CATALOG.exercises[exercise])
    assert (ladder.field, ladder.levels, ladder.top) == (field, levels, top)


@pytest.mark.parametrize(
    "exercise, levels",
    [
        # capped at twice the top dose: 30 s -> 60 s; 60 s -> 120 s (the 90 s rung is the
        # last under it); 20 repetitions -> 40, but the ladder ends at 30
        ("kneeling-hip-flexor-stretch", (20, 30, 45, 60)),
        ("lying-psoas-stretch", (20, 30, 45, 60, 90)),
        ("single-leg-raise", (10, 15, 20, 25, 30)),
        # the bridge's 10 s holds -> 20 s at most (never 90 s); the roll-up's 6 -> 12: 10
        ("ground-bridge", (5, 10, 10, 10, 20)),
        ("roll-up", (6, 10)),
    ],
)
def test_beyond_the_top_dose_only_when_chosen(exercise, levels):
    assert ladder_for(CATALOG.exercises[exercise], beyond_top_dose=True).levels == levels


def test_a_new_user_starts_at_the_lowest_level_of_everything():
    fresh = replay_progression(pd.DataFrame(), CATALOG)
    assert {i: lv.value for i, lv in fresh.levels.items()} == {
        "kneeling-hip-flexor-stretch": 20,
        "lying-psoas-stretch": 20,
        "standing-pelvic-tilt": 10,
        "ground-bridge": 5,
        "knee-to-chest": 10,
        "single-leg-raise": 10,
        "psoas-march": 10,
        "low-lunge": 20,
        "warrior-one": 20,
        "roll-up": 6,
        "leg-circles": 10,
        "leg-swings": None,
        "marching-in-place": None,
    }
    assert fresh.changes == ()
    assert fresh.levels[LYING].why == (
        "the starting level, the lowest; 0 of 6 sessions done at this level"
    )


@pytest.mark.parametrize(
    "sessions, hold",
    [
        (0, 20),
        (5, 20),
        (6, 30),
        (11, 30),
        (12, 45),
        (17, 45),
        (18, 60),
        (24, 60),
        (30, 60),  # capped at the article's 60 s
    ],
)
def test_step_up_every_six_good_sessions_up_to_the_top(sessions, hold):
    assert level(daily(sessions)) == hold


def test_the_reason_of_a_step_up_in_plain_words():
    result = replay_progression(frame(daily(12)), CATALOG)
    assert [(c.before, c.after, c.local_date) for c in result.changes] == [
        (20, 30, date(2026, 3, 7)),
        (30, 45, date(2026, 3, 13)),
    ]
    assert result.changes[1].reason == (
        "hold raised to 45 s: 6 sessions at 30 s, tightness down 2 points on average, no pain stops"
    )
    assert result.changes[1].direction == "up"


def test_repetitions_step_up_and_stop_at_the_articles_twenty():
    rows = daily(20, done="single-leg-raise")
    result = replay_progression(frame(rows), CATALOG)
    assert [c.after for c in result.changes] == [15, 20]
    assert result.changes[0].reason.startswith("repetitions raised to 15: 6 sessions at 10,")
    assert "top dose: it stays here" in result.levels["single-leg-raise"].why


def test_kneeling_stretch_caps_at_30_s_unless_the_user_chooses_more():
    rows = daily(24, done="kneeling-hip-flexor-stretch")
    assert level(rows, "kneeling-hip-flexor-stretch") == 30
    # chosen: 6 sessions a level, 20 -> 30 -> 45 -> 60 s, and there it stops: twice the
    # article's 30 s (24 sessions would have reached 90 s)
    assert level(rows, "kneeling-hip-flexor-stretch", beyond_top_dose=True) == 60


@pytest.mark.parametrize(
    "afters, stepped",
    [
        ([4, 4, 4, 4, 4, 4], True),  # every session 2 points looser
        ([6, 6, 6, 6, 6, 6], True),  # unchanged is "no worse"
        ([4, 4, 7, 7, 7, 7], True),  # -2 -2 +1 +1 +1 +1: average 0
        ([5, 5, 7, 7, 7, 7], False),  # -1 -1 +1 +1 +1 +1: average +0.3
        ([7, 7, 7, 7, 7, 7], False),  # tighter after every session
    ],
)
def test_tightness_after_must_be_no_worse_than_before_on_average(afters, stepped):
    rows = [session(f"2026-03-{2 + k:02d} 10:00", before=6, after=a) for k, a in enumerate(afters)]
    assert level(rows) == (30 if stepped else 20)


def test_a_held_back_level_rises_once_the_last_six_are_no_worse():
    rows = daily(6, after=7) + daily(6, start="2026-03-08", after=5)
    result = replay_progression(frame(rows[:6]), CATALOG)
    assert result.levels[LYING].why.endswith(
        "waiting: tightness up 1 point on average over the last 6 sessions"
    )
    # sessions 7..12: windows hold 7-after sessions until session 9 (−1 ×3, +1 ×3 = 0)
    assert level(rows[:8]) == 20
    assert level(rows[:9]) == 30


def test_unrated_sessions_count_but_stay_out_of_the_average():
    rows = daily(6, before=None, after=None)
    result = replay_progression(frame(rows), CATALOG)
    assert result.changes[0].reason == (
        "hold raised to 30 s: 6 sessions at 20 s, tightness not rated, no pain stops"
    )
    mixed = [*daily(5, before=None, after=None), session("2026-03-07 10:00", before=5, after=6)]
    assert level(mixed) == 20  # the only rated session got tighter


@pytest.mark.parametrize("completed, counts", [(600, True), (540, True), (539, False), (0, False)])
def test_only_completed_sessions_count(completed, counts):
    rows = [*daily(5), session("2026-03-07 10:00", completed=completed)]
    assert level(rows) == (30 if counts else 20)


def test_a_pain_stop_steps_back_one_level_and_restarts_the_count():
    rows = [*daily(6), session("2026-03-16 10:00", pain=True, after=None, completed=200)]
    result = replay_progression(frame(rows), CATALOG)
    assert result.levels[LYING].value == 20
    assert result.changes[-1].reason == "hold lowered to 20 s: pain stop on Mon 16 Mar 2026"
    assert result.changes[-1].direction == "down"
    # from 30 March (14 days later) five good sessions are not enough, the sixth is
    later = rows + daily(5, start="2026-03-30")
    assert level(later) == 20
    assert level([*later, session("2026-04-04 10:00")]) == 30


def test_a_pain_stop_at_the_lowest_level_changes_nothing_but_the_count():
    rows = [*daily(5), session("2026-03-07 10:00", pain=True, completed=100)]
    result = replay_progression(frame(rows), CATALOG)
    assert result.changes == ()
    assert result.levels[LYING].sessions_at_level == 0
    assert result.levels[LYING].why.startswith(
        "stays at the lowest level: pain stop on Sat 7 Mar 2026"
    )


@pytest.mark.parametrize(
    "sixth, hold",
    [
        ("2026-03-14 09:59", 20),  # 13 days 23:59 after the pain stop: too soon
        ("2026-03-14 10:00", 30),  # exactly two weeks after
    ],
)
def test_no_step_up_within_two_weeks_of_any_pain_stop(sixth, hold):
    pain = session("2026-02-28 10:00", done="knee-to-chest", pain=True, completed=60)
    rows = [pain, *daily(5), session(sixth)]
    assert level(rows) == hold


def test_the_waiting_reason_names_the_pain_stop():
    pain = session("2026-03-01 10:00", done="knee-to-chest", pain=True, completed=60)
    result = replay_progression(frame([pain, *daily(6)]), CATALOG)
    assert result.levels[LYING].why.endswith(
        "waiting: a pain stop on Sun 1 Mar 2026 is less than 2 weeks before the last session"
    )


def test_a_pain_stop_steps_back_what_was_done_and_the_exercise_it_stopped_at():
    desk = ";".join(CATALOG.routines["stretches"].exercise_ids)
    rows = daily(6, done=desk, routine="stretches")
    rows.append(
        session(
            "2026-03-20 10:00",
            done="kneeling-hip-flexor-stretch",
            pain=True,
            routine="stretches",
            completed=90,
        )
    )
    result = replay_progression(frame(rows), CATALOG)
    assert {i: result.levels[i].value for i in CATALOG.routines["stretches"].exercise_ids} == {
        "kneeling-hip-flexor-stretch": 20,  # done before the stop: back from 30
        "lying-psoas-stretch": 20,  # the one it stopped at: back from 30
        "standing-pelvic-tilt": 20,  # not reached: stays at its top, 20
        "knee-to-chest": 15,
    }  # not reached: stays at 15


@pytest.mark.parametrize(
    ("exercise", "reps", "shown"),
    [
        # the tilt: the hold first (10 -> 20 s), then the repetitions 4 -> 5 -> 6 (the article's)
        (TILT, (4, 4, 5, 6), ["10 s × 4", "20 s × 4", "20 s × 5", "20 s × 6"]),
        # the bridge: 5 -> 10 s, then "as tolerated" as 5 -> 8 -> 10 (the workbook's top)
        (BRIDGE, (5, 5, 8, 10), ["5 s × 5", "10 s × 5", "10 s × 8", "10 s × 10"]),
    ],
)
def test_the_tilt_and_the_bridge_climb_their_repetitions_too(exercise, reps, shown):
    ladder = ladder_for(CATALOG.exercises[exercise])
    assert ladder.reps_levels == reps
    assert [ladder.show_level(n) for n in range(len(ladder.levels))] == shown


@pytest.mark.parametrize(
    ("sessions", "tilt", "bridge"),
    [
        (0, {"hold_s": 10, "reps": 4}, {"hold_s": 5, "reps": 5}),
        (6, {"hold_s": 20, "reps": 4}, {"hold_s": 10, "reps": 5}),
        (12, {"hold_s": 20, "reps": 5}, {"hold_s": 10, "reps": 8}),
        (18, {"hold_s": 20, "reps": 6}, {"hold_s": 10, "reps": 10}),  # the top: stays
        (30, {"hold_s": 20, "reps": 6}, {"hold_s": 10, "reps": 10}),
    ],
)
def test_the_article_numbers_are_reached_through_the_levels(sessions, tilt, bridge):
    rows = daily(sessions, done=f"{TILT};{BRIDGE}")
    result = replay_progression(frame(rows), CATALOG)
    assert result.levels[TILT].override == tilt
    assert result.levels[BRIDGE].override == bridge
    strength = routine_at_levels(CATALOG.routines["strength-builder"], CATALOG, result)
    bridge_item = strength.items[-1]
    assert (bridge_item.dose.hold, bridge_item.dose.count) == (bridge["hold_s"], bridge["reps"])
    assert bridge_item.steps[3].endswith(f": {bridge['reps']} in all.")


def test_a_repetitions_step_is_an_up_and_a_pain_stop_steps_it_back():
    rows = [*daily(12, done=TILT), session("2026-03-20 10:00", done=TILT, pain=True)]
    result = replay_progression(frame(rows), CATALOG)
    ups = [c for c in result.changes if c.exercise_id == TILT]
    # 20 s × 4 -> 20 s × 5: the hold is the same, the level rose
    assert [(c.before, c.after, c.direction) for c in ups] == [
        (10, 20, "up"),
        (20, 20, "up"),
        (20, 20, "down"),
    ]
    assert ups[1].reason.startswith("hold raised to 20 s × 5: 6 sessions at 20 s × 4")
    assert ups[2].reason.startswith("hold lowered to 20 s × 4: pain stop")
    assert result.levels[TILT].override == {"hold_s": 20, "reps": 4}


def test_the_result_is_a_pure_function_of_the_journal_in_time_order():
    rows = [*daily(6), session("2026-03-16 10:00", pain=True, completed=10)]
    forward = replay_progression(frame(rows), CATALOG)
    backward = replay_progression(frame(rows[::-1]), CATALOG)
    assert forward.changes == backward.changes
    assert {i: lv.value for i, lv in forward.levels.items()} == {
        i: lv.value for i, lv in backward.levels.items()
    }


def test_dates_in_reasons_are_where_the_session_happened():
    # 23:30 UTC on Sunday 29 March is 00:30 on Monday 30 March at UTC+1
    rows = [*daily(6), session("2026-03-29 23:30", pain=True, completed=10, offset=60)]
    result = replay_progression(frame(rows), CATALOG)
    assert result.changes[-1].local_date == date(2026, 3, 30)
    assert result.changes[-1].reason.endswith("pain stop on Mon 30 Mar 2026")


def test_the_journal_round_trip(psoas_home):
    journal = Journal(psoas_home)
    for row in daily(6):
        journal.add_session(
            started_at=row["started_at"].to_pydatetime(),
            routine_id="stretches",
            planned_s=600,
            completed_s=600,
            exercises_done=[LYING],
            tightness_before=6,
            tightness_after=4,
        )
    assert replay_progression(journal.sessions(), CATALOG).levels[LYING].value == 30


def test_routines_use_each_exercises_current_level():
    desk = ";".join(CATALOG.routines["stretches"].exercise_ids)
    progression = replay_progression(frame(daily(12, done=desk)), CATALOG)
    routine = routine_at_levels(CATALOG.routines["stretches"], CATALOG, progression)
    doses = {item.exercise.id: item.dose for item in routine.items}
    assert doses["kneeling-hip-flexor-stretch"].hold_s == 30  # capped at 30
    assert doses["kneeling-hip-flexor-stretch"].reps == 3  # the rest of the dose stays
    assert doses["lying-psoas-stretch"].hold_s == 45
    assert doses["standing-pelvic-tilt"].hold_s == 20
    assert doses["knee-to-chest"].total == 20
    assert (routine.id, routine.name, routine.source) == ("stretches", "Stretches", "preset")
    holds = [s.seconds for s in routine.timeline() if s.exercise_id == LYING and s.is_work]
    assert holds == [45, 45]  # one hold per side


def test_routine_overrides_of_other_fields_are_kept():
    fresh = replay_progression(pd.DataFrame(), CATALOG)
    warm = routine_at_levels(CATALOG.routines["pre-activity-warm-up"], CATALOG, fresh)
    assert [item.dose.duration_s for item in warm.items] == [180, 30]
    assert warm.items[1].dose.sets == 2


# ------------------------------------------------------------------ invariants, any history

_ROW = st.tuples(
    st.integers(0, 24 * 120),
    st.booleans(),
    st.integers(0, 10),
    st.integers(0, 10),
    st.booleans(),
    st.integers(0, 600),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_ROW, max_size=60), st.booleans())
def test_any_history_keeps_levels_on_the_ladder_and_changes_one_step(rows, beyond):
    history = [
        session(
            str(pd.Timestamp("2026-01-05") + pd.Timedelta(hours=h)),
            done=LYING if did else "",
            before=b,
            after=a,
            pain=pain,
            completed=done_s,
        )
        for h, did, b, a, pain, done_s in rows
    ]
    result = replay_progression(frame(history), CATALOG, beyond_top_dose=beyond)
    ladder = ladder_for(CATALOG.exercises[LYING], beyond_top_dose=beyond)
    value = ladder.levels[0]
    for change in (c for c in result.changes if c.exercise_id == LYING):
        assert change.before == value  # changes chain up
        step = ladder.levels.index(change.after) - ladder.levels.index(change.before)
        assert step == (1 if change.direction == "up" else -1)  # one rung at a time
        assert change.direction == "down" or "no pain stops" in change.reason
        value = change.after
    assert result.levels[LYING].value == value
    assert beyond or value <= 60
