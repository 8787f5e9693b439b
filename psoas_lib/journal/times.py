"""Times in the journal: UTC offsets read from ISO 8601 text, and written back.

This module is plain Python (writing an entry needs no pandas); the vectorised reading of a
whole column of times is :mod:`psoas_lib.journal.timestamps`.

Each entry's time is written with the offset of the place where it happened; reading keeps
that offset (``utc_offset_min``) beside the UTC instant.

>>> offset_text(-330)
'-05:30'
"""

from __future__ import annotations

import math
import re
from datetime import datetime

__all__ = ["OFFSET_RE", "local_iso", "offset_text", "parse_offset"]

OFFSET_RE = re.compile(r"([+-])(\d\d):?(\d\d)")
_EXTENDED_RE = re.compile(r"([+-])(\d\d):(\d\d)")
_BASIC_RE = re.compile(r".([+-])(\d\d)(\d\d)")


def parse_offset(tail: object) -> tuple[float, int]:
    """The UTC offset in minutes at the end of an ISO 8601 date-time (from its last six
    characters) and how many characters it takes; ``(nan, 0)`` if there is none.

    >>> parse_offset("+01:00"), parse_offset("0-0530"), parse_offset(":00:00Z")
    ((60.0, 6), (-330.0, 5), (0.0, 1))
    >>> parse_offset("T07:30")
    (nan, 0)
    """
    if not isinstance(tail, str):
        return math.nan, 0
    if tail.endswith("Z"):
        return 0.0, 1
    found = _EXTENDED_RE.fullmatch(tail)
    cut = 6
    if found is None:
        found, cut = _BASIC_RE.fullmatch(tail), 5
    if found is None:
        return math.nan, 0
    hours, mins = int(found.group(2)), int(found.group(3))
    if hours > 23 or mins > 59:
        return math.nan, 0
    return float((-1 if found.group(1) == "-" else 1) * (hours * 60 + mins)), cut


def offset_text(minutes: int) -> str:
    """``+HH:MM`` for an offset in minutes.

    >>> offset_text(60), offset_text(-330), offset_text(0)
    ('+01:00', '-05:30', '+00:00')
    """
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(int(minutes)), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def local_iso(when: datetime) -> str:
    """A timezone-aware datetime as ISO 8601 with its own UTC offset, to the second.

    >>> from datetime import timedelta, timezone
    >>> local_iso(datetime(2026, 3, 2, 7, 30, tzinfo=timezone(timedelta(hours=1))))
    '2026-03-02T07:30:00+01:00'
    """
    return when.isoformat(timespec="microseconds" if when.microsecond else "seconds")
