"""Example frames in the journal's shapes, for the doctests and the tests.

The doctests of ``psoas_lib`` find ``example_sessions`` and ``example_assessments`` in their
namespace (the root ``conftest.py`` puts them there), so the package itself carries no fixture.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["example_assessments", "example_sessions"]


def example_sessions() -> pd.DataFrame:
    """Two sessions in the journal's frame shape, for examples and doctests."""
    return pd.DataFrame(
        {
            "started_at": pd.to_datetime(["2026-03-02T06:30:00Z", "2026-03-04T17:00:00Z"]),
            "utc_offset_min": [60, 60],
            "routine_id": ["desk-reset", "strength-builder"],
            "planned_s": [600, 480],
            "completed_s": [600, 420],
            "exercises_done": ["kneeling-hip-flexor-stretch;knee-to-chest", "psoas-march"],
            "tightness_before": pd.array([6, 5], dtype="Int64"),
            "tightness_after": pd.array([4, pd.NA], dtype="Int64"),
            "pain_stop": [False, False],
            "notes": ["", ""],
        }
    )


def example_assessments() -> pd.DataFrame:
    """Three assessments in the journal's frame shape, for examples and doctests."""
    return pd.DataFrame(
        {
            "taken_at": pd.to_datetime(
                ["2026-03-02T06:30Z", "2026-03-16T06:30Z", "2026-03-30T05:30Z"]
            ),
            "utc_offset_min": [60, 60, 120],
            "ticked": ["a;b;c", "a;b", "a"],
            "tightness": [3, 2, 1],
            "weakness": [1, 1, 0],
            "recommendation": ["stretch-focused"] * 3,
            "routine_id": ["desk-reset"] * 3,
            "notes": ["", "", ""],
        }
    )
