"""Seconds as people read them on a clock: the one m:ss formatter of the workbook.

>>> format_clock(480), format_countdown(27.2)
('8:00', '28')
"""

from __future__ import annotations

import math

__all__ = ["format_clock", "format_countdown"]


def format_clock(seconds: float) -> str:
    """Whole seconds as m:ss (fractions are cut: 59.9 s has not yet made a minute).

    >>> format_clock(480), format_clock(59.9), format_clock(95), format_clock(3600)
    ('8:00', '0:59', '1:35', '60:00')
    """
    s = int(seconds)
    return f"{s // 60}:{s % 60:02d}"


def format_countdown(remaining: float) -> str:
    """Seconds left as shown: rounded up (27.2 s left shows 28), m:ss from a minute.

    >>> format_countdown(27.2), format_countdown(0.0), format_countdown(60.5), format_countdown(60)
    ('28', '0', '1:01', '1:00')
    """
    s = math.ceil(remaining)
    return format_clock(s) if s >= 60 else str(s)
