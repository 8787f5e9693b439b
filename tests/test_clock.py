"""The one m:ss formatter: totals and positions cut to the second, countdowns rounded up."""

from __future__ import annotations

import pytest

from psoas_lib.clock import format_clock, format_countdown


@pytest.mark.parametrize(
    ("remaining", "shown"),
    [(30, "30"), (29.01, "30"), (0.2, "1"), (0, "0"), (59.5, "1:00"), (61, "1:01"), (600, "10:00")],
)
def test_format_countdown(remaining, shown):
    assert format_countdown(remaining) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"), [(0, "0:00"), (9.9, "0:09"), (480, "8:00"), (1513, "25:13")]
)
def test_format_clock(seconds, shown):
    assert format_clock(seconds) == shown
