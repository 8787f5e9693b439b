"""tools/pose_read.py's judging of one reading against the figure's own joints (no browser).

Readings are made by hand in picture pixels (640 x 480, y down): a figure's working leg with
its hip at (300, 240), knee at (300, 340), ankle at (200, 340) and shoulder at (300, 100):
hip angle 180 (shoulder straight above the hip, knee straight below), knee angle 90.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "pose_read.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("pose_read", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


JOINTS = {"shoulder": (300, 100), "hip": (300, 240), "knee": (300, 340), "ankle": (200, 340)}


def reading(leg="left", knee=(300, 340), ankle=(200, 340), vis=0.9, other_vis=0.9):
    """33 rows: ``leg`` at the figure's joints, the other leg 60 px to the right."""
    rows = [[0.0, 0.0, 0.0, 0.0] for _ in range(33)]
    other = "right" if leg == "left" else "left"
    idx = {"left": (11, 23, 25, 27), "right": (12, 24, 26, 28)}
    for side, dx, v in ((leg, 0, vis), (other, 60, other_vis)):
        pts = [(300, 100), (300, 240), knee if side == leg else (360, 340), ankle]
        for i, (x, y) in zip(idx[side], pts, strict=True):
            rows[i] = [(x + (dx if side != leg else 0)) / 640, y / 480, 0.0, v]
    return rows


def test_found_with_angles_and_side_right(tool):
    got = tool.judge(reading("left"), JOINTS, "left", sided=True)
    assert got["found"] and got["angles"] and got["side"] is True
    assert got["own"] == (180, 90) and got["read"] == (180, 90)


def test_the_other_leg_label_is_the_wrong_side(tool):
    got = tool.judge(reading("right"), JOINTS, "left", sided=True)
    assert got["found"] and got["angles"] and got["side"] is False


def test_a_knee_25_degrees_off_fails_the_angles(tool):
    # ankle moved so the knee opens to 115 degrees: 100 px back and 100·tan(25°) ≈ 46.6 px down
    got = tool.judge(reading("left", ankle=(200, 386.6)), JOINTS, "left", sided=True)
    assert got["found"] and not got["angles"]
    assert got["read"][1] == 115


def test_an_unseen_leg_is_not_found(tool):
    got = tool.judge(reading("left", vis=0.3), JOINTS, "left", sided=False)
    assert not got["found"] and not got["angles"] and got["side"] is None
    assert tool.judge(None, JOINTS, "left", sided=True)["found"] is False
