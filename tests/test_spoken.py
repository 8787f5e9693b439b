"""The hands-free cue script: which phrase at which second, worked out by hand."""

from __future__ import annotations

import pytest

from psoas_lib import load_catalog
from psoas_lib.coaching.spoken import Cue, cue_script, cues_between
from psoas_lib.content.routine import Segment

NAMES = {"a": "Alpha stretch", "b": "Beta raise"}
TIMELINE = [
    Segment("get-ready", 10, "a"),  # 0-10
    Segment("hold", 6, "a", "left"),  # 10-16: 3-2-1 at 13, 14, 15
    Segment("switch", 5, "a"),  # 16-21
    Segment("hold", 6, "a", "right"),  # 21-27: 3-2-1 at 24, 25, 26
    Segment("rest", 15, "b"),  # 27-42
    Segment("set", 12, "b", count=3),  # 42-54: no countdown for sets
]

EXPECTED = [
    (0, "Get ready: Alpha stretch"),
    (10, "Alpha stretch, left leg. Hold 6 seconds"),
    (13, "3"),
    (14, "2"),
    (15, "1"),
    (16, "Switch sides"),
    (21, "Alpha stretch, right leg. Hold 6 seconds"),
    (24, "3"),
    (25, "2"),
    (26, "1"),
    (27, "Rest. Next up: Beta raise"),
    (42, "Beta raise. 3 repetitions"),
    (54, "Well done"),
]


def test_cue_script_of_a_hand_built_timeline():
    assert [(c.at, c.text) for c in cue_script(TIMELINE, NAMES)] == EXPECTED


@pytest.mark.parametrize(
    ("hold_s", "countdown_at"),
    [
        (4, []),  # too short for a 3-2-1
        (5, [2, 3, 4]),
        (30, [27, 28, 29]),
    ],
)
def test_countdown_before_a_hold_ends(hold_s, countdown_at):
    script = cue_script([Segment("hold", hold_s, "a")], NAMES)
    assert [c.at for c in script if c.kind == "countdown"] == countdown_at


@pytest.mark.parametrize(
    ("after", "until", "texts"),
    [
        (0, 10, ["Alpha stretch, left leg. Hold 6 seconds"]),
        (12.9, 13.0, ["3"]),
        (13.0, 13.9, []),  # nothing new within the same second
        (15.5, 21.5, ["Switch sides", "Alpha stretch, right leg. Hold 6 seconds"]),
        (30, 20, []),  # time went back (the Back button): nothing is due
    ],
)
def test_cues_between(after, until, texts):
    assert [c.text for c in cues_between(cue_script(TIMELINE, NAMES), after, until)] == texts


def test_every_segment_of_every_preset_starts_with_a_cue():
    for routine in load_catalog().routines.values():
        script = cue_script(routine)
        starts = [c for c in script if c.kind == "start"]
        assert len(starts) == len(routine.timeline())
        assert script[-1] == Cue(routine.total_seconds, "Well done", "end")
