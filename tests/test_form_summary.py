"""The form-check summary: the latest share in position, and the kept angle against the
person's own first week, worked out by hand; and the session's tally behind it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from psoas_lib.coaching.form_check import IN_POSITION, NOT_SURE, OUT_OF_POSITION
from psoas_lib.coaching.form_gate import PositionShare
from psoas_lib.coaching.form_summary import (
    ABOUT_THE_SAME,
    FURTHER,
    LESS_FAR,
    form_progress,
)
from psoas_lib.content.pose_rules import KeptAngle
from psoas_lib.journal.store import FormCheckRow, Journal

LUNGE = {"low-lunge": KeptAngle("hip", "back", "larger")}
HUG = {"knee-to-chest": KeptAngle("hip", "bent", "smaller")}
MARCH = {"psoas-march": KeptAngle("knee", "bent", "nearer", 90.0)}


def frame(exercise, days, angles, key, judged=(40,), inside=(30,)):
    n = len(days)
    return pd.DataFrame(
        {
            "started_at": [
                pd.Timestamp("2026-03-02 07:30", tz="UTC") + pd.Timedelta(days=d) for d in days
            ],
            "exercise_id": [exercise] * n,
            "judged_s": list(judged) * n if len(judged) == 1 else list(judged),
            "in_position_s": list(inside) * n if len(inside) == 1 else list(inside),
            "angle": [key] * n,
            "angle_deg": pd.array(angles, dtype="Int64"),
        }
    )


@pytest.mark.parametrize(
    ("kept", "exercise", "key", "days", "angles", "compared"),
    [
        # first week: 190 and 200, median 195; day 20 at 201: 6 further (more than 5)
        (LUNGE, "low-lunge", "hip:back", [0, 3, 20], [190, 200, 201], FURTHER),
        # 195 to 200 is exactly 5: within the camera's leeway
        (LUNGE, "low-lunge", "hip:back", [0, 3, 20], [190, 200, 200], ABOUT_THE_SAME),
        # 195 to 189: 6 less far
        (LUNGE, "low-lunge", "hip:back", [0, 3, 20], [190, 200, 189], LESS_FAR),
        # the hug: smaller is further; first week 80, now 72: 8 further
        (HUG, "knee-to-chest", "hip:bent", [0, 9], [80, 72], FURTHER),
        # the march aims at 90: first week 120 (30 off), now 100 (10 off): 20 nearer
        (MARCH, "psoas-march", "knee:bent:90", [0, 14], [120, 100], FURTHER),
        # ... and 60 is 30 off on the other side of the aim: about the same
        (MARCH, "psoas-march", "knee:bent:90", [0, 14], [120, 60], ABOUT_THE_SAME),
        # day 6 is still the first week: nothing compared yet
        (LUNGE, "low-lunge", "hip:back", [0, 6], [190, 230], None),
        # an angle kept under an older definition is never compared with the new one
        (LUNGE, "low-lunge", "hip:front", [0, 20], [190, 230], None),
    ],
)
def test_the_kept_angle_against_the_first_week(kept, exercise, key, days, angles, compared):
    (found,) = form_progress(frame(exercise, days, angles, key), kept)
    assert found.compared == compared
    assert found.sessions == len(days)
    assert "°" not in found.words() and "degree" not in found.words()


def test_the_share_is_the_latest_sessions():
    rows = frame("low-lunge", [0, 10], [190, 190], "hip:back", judged=(40, 50), inside=(20, 41))
    (found,) = form_progress(rows, LUNGE)
    assert found.share == 0.82  # 41 of 50 s judged, the latest session
    assert found.words() == (
        "in position 82 % of the hold; about as far as in your first week with the check"
    )


def test_a_hold_the_camera_could_not_judge_says_so():
    rows = frame("low-lunge", [0], [None], "", judged=(0,), inside=(0,))
    (found,) = form_progress(rows, LUNGE)
    assert found.share is None and found.compared is None
    assert found.words() == "the camera could not judge the hold: good light, whole body in view"


def test_the_march_words_speak_of_the_aim():
    (found,) = form_progress(frame("psoas-march", [0, 14], [120, 100], "knee:bent:90"), MARCH)
    assert found.words().endswith("; nearer the aim than in your first week with the check")


def test_nothing_kept_gives_nothing():
    assert form_progress(Journal("/nonexistent-psoas").form_checks(), LUNGE) == []


def test_the_tally_goes_to_the_journal_and_back(tmp_path):
    share = PositionShare()
    verdicts = [  # (t, status, counting, angle)
        (0, IN_POSITION, True, 190.0),
        (10, OUT_OF_POSITION, True, 170.0),  # 10 s in
        (12, NOT_SURE, True, None),  # 2 s out
        (15, IN_POSITION, True, 194.0),  # 3 s not sure
        (25, IN_POSITION, False, 198.0),  # 10 s in; then the rest, not counting
        (40, IN_POSITION, False, 150.0),
    ]
    for t, status, counting, angle in verdicts:
        share.add("low-lunge", status, t, counting=counting, angle=angle)
    (row,) = share.rows(LUNGE)
    # in 20 of 22 s judged, 3 s not sure; angles while counting and judged: 190, 170, 194
    assert row == FormCheckRow("low-lunge", 22, 20, 3, "hip:back", 190.0)
    journal = Journal(tmp_path)
    when = datetime(2026, 3, 2, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    journal.add_form_checks(started_at=when, routine_id="desk-reset", rows=[row])
    (found,) = form_progress(journal.form_checks(), LUNGE)
    assert found.share == 0.91 and found.first_week  # 20 / 22 = 0.909


@given(
    st.lists(
        st.tuples(
            st.floats(0, 5, allow_nan=False),
            st.sampled_from([IN_POSITION, OUT_OF_POSITION, NOT_SURE]),
            st.booleans(),
        ),
        max_size=30,
    )
)
def test_the_tally_never_counts_more_than_the_time_that_passed(steps):
    share, t = PositionShare(), 0.0
    counted = 0.0
    for gap, status, counting in steps:
        t += gap
        share.add("low-lunge", status, t, counting=counting)
    for row in share.rows({}):
        assert 0 <= row.in_position_s <= row.judged_s
        counted = row.judged_s + row.not_sure_s
    assert counted <= round(t) + 1


def test_a_glimpse_under_half_a_second_keeps_no_line():
    share = PositionShare()
    share.add("low-lunge", IN_POSITION, 0.0, counting=True, angle=190.0)
    share.add("low-lunge", IN_POSITION, 0.4, counting=False)
    assert share.rows(LUNGE) == []
