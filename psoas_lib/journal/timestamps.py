"""Reading a whole column of journal times at once: UTC instants and their offsets.

The pandas side of :mod:`psoas_lib.journal.times` (which parses one offset and writes times
back): each entry's time keeps the offset of where it happened (``utc_offset_min``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from psoas_lib.journal.times import parse_offset

__all__ = ["parse_times"]


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
