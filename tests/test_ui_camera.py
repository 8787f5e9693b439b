"""The camera widget's kernel side: landmarks in, the verdict (and the pose it came from) out.

The poses are the hand-made side views of ``tests/test_form_check.py`` turned into the
model's 33 rows (x, y from 0 to 1 of a 4:3 picture): the low lunge upright, then leaning 30°
forward (trunk 30° > 20° + 4° margin: out of position).
"""

from __future__ import annotations

import pytest

from psoas_lib.coaching.form_check import LANDMARKS
from psoas_lib.content.pose_rules import load_pose_rules
from psoas_lib.ui.camera import CameraCheck
from tests.test_form_check import RIGHT, body

ASPECT = 4 / 3


def rows(lean: float) -> list[list[float]]:
    pose = body(trunk=180 - lean, face=RIGHT, right=(80, 10), left=(-30, -90))
    out = [[0.0, 0.0, 0.0, 0.0] for _ in range(33)]
    for name, index in LANDMARKS.items():
        x, y, vis = pose[name]
        out[index] = [x / 250 / ASPECT, y / 250, 0.0, vis]  # all inside the picture
    return out


def camera(**kw: object) -> CameraCheck:
    widget = CameraCheck(**kw)
    widget.use_rules(load_pose_rules()["low-lunge"])
    widget.receive(rows(0), t=0.0)
    widget.receive(rows(0), t=0.1)
    assert widget.verdict == "In position"
    return widget


@pytest.mark.parametrize(
    ("hold", "times", "out_at"),
    [
        (0.05, (1.0, 1.07), 1.07),  # two readings 70 ms apart: out at the second
        (0.05, (1.0, 1.03, 1.06), 1.06),  # 30 ms apart: the second is too soon
        (0.0, (1.0, 1.001), 1.001),  # no hold: two readings in a row
    ],
)
def test_the_verdict_and_the_pose_it_came_from(hold, times, out_at):
    widget = camera(hold=hold)
    seen = []
    for t in times:
        widget.receive(rows(30), t=t)
        seen.append(widget.verdict.startswith("Out of position"))
    assert seen == [t >= out_at for t in times]
    assert widget.verdict_t == out_at  # the browser's time of the landmarks it came from


def test_an_unchanged_verdict_keeps_the_time_it_first_came_from():
    widget = camera()
    widget.receive(rows(0), t=5.0)
    assert widget.verdict == "In position" and widget.verdict_t == 0.1


def test_the_defaults_send_a_moving_body_at_once_and_hold_50_ms():
    widget = CameraCheck()
    assert widget.eager and widget.hold == 0.05 and widget.confirm == 2
    assert widget.rate == 12.0


def test_each_widget_has_a_name_of_its_own_shared_by_its_views():
    one, two = CameraCheck(), CameraCheck()
    assert len(one.instance) == 32 and one.instance != two.instance
    # the name is synced: the page tells two views of one widget from two widgets by it
    assert "instance" in one.keys
