"""Times in the journal: UTC offsets read from ISO 8601 text, and written back.

Each entry's time is written with the offset of the place where it happened; reading keeps
that offset (``utc_offset_min``) beside the UTC instant.

>>> offset_text(-330)
'-05:30'
"""

from __future__ import annotations

import re
from datetime import datetime

import numpy as np
import pandas as pd

__all__ = ["OFFSET_RE", "local_iso", "offset_text", "parse_offset", "parse_times"]

OFFSET_RE = re.compile(r"([+-])(\d\d):?(\d\d)")
_EXTENDED_RE = re.compile(r"([+-])(\d\d):(\d\d)")
_BASIC_RE = re.compile(r".([+-])(\d\d)(\d\d)")


def parse_times(text: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """UTC instants, the written offsets in minutes, and the cells that are bad.

    The offset is read from the last characters and the rest parsed as a plain date-time:
    parsing offsets is slow in pandas 2, and a journal has few of them (home, summer, a trip).
    """
    values = text.astype(str).to_numpy(dtype=object)
    tails = np.array([t[-6:] for t in values], dtype=object)  # faster than .str.slice
    codes, uniques = pd.factorize(tails)
    found = [parse_offset(tail) for tail in uniques] + [(np.nan, 0)]
    minutes = np.array([m for m, _ in found], dtype="float64")[codes]
    valid = ~np.isnan(minutes)
    if _FAST_OFFSETS:
        utc = _parse_utc(values)
    else:
        cuts = np.array([c for _, c in found], dtype=np.int64)[codes]
        if len(cuts) and (cuts == cuts[0]).all():
            cut = int(cuts[0])
            naive = [t[: len(t) - cut] for t in values]
        else:
            naive = [t[: len(t) - c] for t, c in zip(values, cuts.tolist(), strict=True)]
        local = _parse_naive(np.array(naive, dtype=object))
        shift = np.where(valid, minutes, 0).astype(np.int64).astype("timedelta64[m]")
        utc = local - shift
    ok = valid & ~np.isnat(utc)
    stamp = pd.Series(utc.astype("datetime64[us]")).dt.tz_localize("UTC")
    offset = np.where(ok, minutes, 0).astype(np.int64)
    return stamp.where(ok), offset, ~ok


#: pandas 3 parses many offsets at C speed; pandas 2 falls back to Python objects for them.
_FAST_OFFSETS = int(pd.__version__.split(".")[0]) >= 3


def _parse_utc(values: np.ndarray) -> np.ndarray:
    """ISO 8601 date-times with offsets as UTC datetime64[us]; NaT where they do not parse."""
    try:
        parsed = pd.DatetimeIndex(
            pd.to_datetime(values, format="ISO8601", utc=True, errors="coerce")
        )
        return parsed.tz_localize(None).as_unit("us").to_numpy()
    except (ValueError, TypeError, OverflowError):  # pragma: no cover - pandas edge cases
        return np.array([_one_utc(v) for v in values], dtype="datetime64[us]")


def _one_utc(text: str) -> np.datetime64:
    try:
        stamp = pd.to_datetime(text, format="ISO8601", utc=True)
    except (ValueError, TypeError, OverflowError):
        return np.datetime64("NaT")
    if pd.isna(stamp):
        return np.datetime64("NaT")
    return stamp.tz_localize(None).as_unit("us").to_datetime64()


def _parse_naive(values: np.ndarray) -> np.ndarray:
    """ISO 8601 date-times without an offset as datetime64[us]; NaT where they do not parse."""
    try:
        parsed = pd.DatetimeIndex(pd.to_datetime(values, format="ISO8601", errors="coerce"))
        if parsed.tz is None:
            return parsed.as_unit("us").to_numpy()
    except (ValueError, TypeError, OverflowError):
        pass
    return np.array([_one_naive(v) for v in values], dtype="datetime64[us]")


def _one_naive(text: str) -> np.datetime64:
    """One date-time without an offset (NaT for anything else, a second offset included)."""
    try:
        stamp = pd.to_datetime(text, format="ISO8601")
    except (ValueError, TypeError, OverflowError):
        return np.datetime64("NaT")
    if pd.isna(stamp) or stamp.tzinfo is not None:
        return np.datetime64("NaT")
    return stamp.as_unit("us").to_datetime64()


def parse_offset(tail: object) -> tuple[float, int]:
    """The UTC offset in minutes at the end of an ISO 8601 date-time (from its last six
    characters) and how many characters it takes; ``(nan, 0)`` if there is none.

    >>> parse_offset("+01:00"), parse_offset("0-0530"), parse_offset(":00:00Z")
    ((60.0, 6), (-330.0, 5), (0.0, 1))
    >>> parse_offset("T07:30")
    (nan, 0)
    """
    if not isinstance(tail, str):
        return np.nan, 0
    if tail.endswith("Z"):
        return 0.0, 1
    found = _EXTENDED_RE.fullmatch(tail)
    cut = 6
    if found is None:
        found, cut = _BASIC_RE.fullmatch(tail), 5
    if found is None:
        return np.nan, 0
    hours, mins = int(found.group(2)), int(found.group(3))
    if hours > 23 or mins > 59:
        return np.nan, 0
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
