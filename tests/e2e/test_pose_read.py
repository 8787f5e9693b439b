"""Issue 22 item 8: a pose model no one here wrote reads the figures as a person.

MediaPipe Pose (the full model, CPU inference, from the npm package ``make install`` puts
under jupyter/data/labextensions) runs in one page of the session's Chromium, loaded once,
on every key pose of every exercise, both sides, drawn as a user sees it: the player's
animation (its 560 x 420 stage) stopped at the key pose, with the ghosted start pose, the
path arrow, Warrior I's inset and the Pause button. The measuring is ``tools/pose_read.py``
(imported, not copied); its judging is checked by hand in ``tests/test_pose_read.py``.

Goal: a person found (shoulder, hip, the working knee and ankle seen) in at least 3/4 of the
key poses; of those, at least 4/5 with the working hip and knee angles within 20 degrees of
the figure's own; of those found in one-sided exercises, at least 9/10 with the named leg
read as that leg.

Measured in this test's browser (December 2026, 2 shared cores), two runs: found 98 and 99
of 120 (goal 90), angles 87/98 and 86/99 (goal 79), side 67/74 and 68/75 (goal 67 and 68).
Found and angles pass with a margin of 6 poses or more and are asserted at the goal. The
side does NOT meet the goal with a margin (0 poses to spare: the leg circles' named leg is
read as the other in 5 or 6 of 13 or 14): it is asserted at a floor of 0.85 instead, a
regression guard about 4 poses below what it measures, not the goal.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "pose_read.py"


def _tool():
    spec = importlib.util.spec_from_file_location("pose_read", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("pose_read", module)
    spec.loader.exec_module(module)
    return module


#: The side's floor: below the goal (0.9), which it meets only at the edge (see above).
SIDE_FLOOR = 0.85


@pytest.mark.slow
def test_the_model_reads_every_key_pose_as_a_person(browser, capsys):
    tool = _tool()
    started = time.monotonic()
    with tool.Reader(browser) as reader:
        rows = reader.read_all(changes=frozenset({"playing"}))
        elsewhere = reader.elsewhere()
    seconds = time.monotonic() - started
    with capsys.disabled():
        tool.report(rows, painted=False, label="as a user sees it")
        print(f"{len(rows)} key poses read in {seconds:.0f} s")

    found = [r for r in rows if r["found"]]
    angles = [r for r in found if r["angles"]]
    sided = [r for r in found if r["side"] is not None]
    side_right = [r for r in sided if r["side"]]
    assert elsewhere == []
    assert len(rows) == 120  # 13 exercises, their key poses, both sides
    assert len(found) >= 0.75 * len(rows), f"found {len(found)}/{len(rows)}"
    assert len(angles) >= 0.8 * len(found), f"angles {len(angles)}/{len(found)}"
    assert sided, "no one-sided key pose found"
    assert len(side_right) >= SIDE_FLOOR * len(sided), f"side {len(side_right)}/{len(sided)}"
