"""A realistic synthetic journal for demos and tests (never a real person's data).

Months of sessions with the texture of real use: a keen start, weeks that slip, holidays
with no sessions at all, a return; tightness ratings that drift down with regular practice
and creep back up during gaps; sessions cut short, the odd stop for pain, a trip abroad
in another time zone. The same ``seed`` and ``end`` always give the same journal. Every
entry's notes start with ``synthetic``, so the data can never pass for a real log.

>>> from datetime import date
>>> frame = synthetic_sessions(weeks=8, seed=1, end=date(2026, 3, 1))
>>> frame.equals(synthetic_sessions(weeks=8, seed=1, end=date(2026, 3, 1)))
True
>>> bool(frame.notes.str.startswith("synthetic").all())
True
>>> bool(frame.started_at.is_monotonic_increasing)
True
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from psoas_lib.content.catalog import load_catalog
from psoas_lib.content.routine import Routine
from psoas_lib.files import write_atomic
from psoas_lib.journal.reading import read_table
from psoas_lib.journal.schema import SESSIONS, Header
from psoas_lib.journal.store import Journal, JournalError
from psoas_lib.journal.times import local_iso
from psoas_lib.journal.writing import format_line

__all__ = ["synthetic_csv", "synthetic_sessions", "write_synthetic_journal"]

#: How often the preset of each role is picked (a desk worker who also runs at weekends);
#: None: each preset without a role (data/routines.toml gives the roles).
ROLE_WEIGHTS: dict[str | None, int] = {
    "stretch-focused": 5,
    "strength-focused": 3,
    "after-activity": 2,
    "warm-up": 2,
    None: 2,
    "balanced": 1,
}

_FLAVOUR = (
    "",
    "",
    "",
    "",
    "felt stiff after a long drive",
    "hips looser afterwards",
    "short on time",
    "after a run",
    "left side tighter than right",
    "evening session, tired",
)


def synthetic_csv(weeks: int = 26, seed: int = 0, end: date | None = None) -> str:
    """The synthetic journal as the text of a sessions file (header and one line a session).

    ``end`` is the last day (default: today); sessions start ``weeks`` weeks before it.
    """
    if weeks < 0:
        raise ValueError(f"weeks must be 0 or more, not {weeks}")
    rng = random.Random(seed)
    routines = load_catalog().routines
    presets = [r for r in routines.values() if r.source == "preset"]
    chosen = [r for role in ROLE_WEIGHTS for r in presets if r.role == role]
    weights = [ROLE_WEIGHTS[r.role] for r in chosen]
    last = end or date.today()
    first = last - timedelta(weeks=weeks) + timedelta(days=1)
    header = Header((*SESSIONS.names, "format"))
    lines = [SESSIONS.header_line + "\n"]
    adherence = 0.65  # chance of a session on a given planned day
    tightness = 7.0 + rng.uniform(-1, 1)
    gap_left = 0
    trip_start = first + timedelta(days=rng.randrange(max(1, weeks * 7 - 14) + 1))
    for offset in range(weeks * 7):
        day = first + timedelta(days=offset)
        if day.weekday() == 0:  # each Monday: motivation drifts
            adherence = min(0.9, max(0.1, adherence + rng.gauss(-0.02, 0.12)))
            if gap_left == 0 and rng.random() < 0.06:
                gap_left = rng.choice((7, 10, 14))  # a holiday, an illness: no sessions
        if gap_left:
            gap_left -= 1
            tightness = min(9.5, tightness + 0.1)  # it creeps back while you are away
            continue
        planned_day = day.weekday() in (0, 2, 4, 5) or rng.random() < 0.15
        if not planned_day or rng.random() > adherence:
            tightness = min(9.5, tightness + 0.015)
            continue
        routine = rng.choices(chosen, weights)[0]
        when = _start_time(rng, day, trip_start)
        cells, effect = _session(rng, routine, when, tightness)
        tightness = max(2.0, tightness - effect)
        lines.append(format_line(cells, header))
    return "".join(lines)


def _start_time(rng: random.Random, day: date, trip_start: date) -> datetime:
    abroad = trip_start <= day < trip_start + timedelta(days=10)
    # central Europe with summer time, or a work trip to the east coast of the US
    hours = -5 if abroad else (2 if _summer_time(day) else 1)
    if day.weekday() >= 5:
        hour, minute = rng.choice((9, 10, 17)), rng.randrange(0, 60, 5)
    else:
        hour, minute = rng.choice((6, 7, 7, 12, 18, 19, 21)), rng.randrange(0, 60, 5)
    return datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=timezone(timedelta(hours=hours))
    )


def _summer_time(day: date) -> bool:
    """EU summer time: from the last Sunday of March to the last Sunday of October."""

    def last_sunday(month: int) -> date:
        d = date(day.year, month, 31)
        return d - timedelta(days=(d.weekday() + 1) % 7)

    return last_sunday(3) <= day < last_sunday(10)


def _session(
    rng: random.Random, routine: Routine, when: datetime, tightness: float
) -> tuple[dict[str, str], float]:
    planned = routine.total_seconds
    pain = rng.random() < 0.02
    cut = pain or rng.random() < 0.15
    completed = int(planned * rng.uniform(0.25, 0.9)) if cut else planned
    done = _exercises_done(routine, completed)
    before = _rating(rng, tightness)
    after = (
        None if before is None or cut else max(0, min(10, before - rng.choice((0, 1, 1, 2, 2, 3))))
    )
    flavour = "stopped on a sharp pain in the groin" if pain else rng.choice(_FLAVOUR)
    cells = {
        "started_at": local_iso(when),
        "routine_id": routine.id,
        "planned_s": str(planned),
        "completed_s": str(completed),
        "exercises_done": ";".join(done),
        "tightness_before": "" if before is None else str(before),
        "tightness_after": "" if after is None else str(after),
        "pain_stop": "true" if pain else "false",
        "notes": "synthetic" + (f"; {flavour}" if flavour else ""),
    }
    return cells, 0.07 * completed / max(planned, 1)


def _rating(rng: random.Random, level: float) -> int | None:
    if rng.random() < 0.12:  # not every session gets rated
        return None
    return max(0, min(10, round(level + rng.gauss(0, 0.8))))


def _exercises_done(routine: Routine, completed_s: int) -> list[str]:
    """The exercises whose every work segment ended within ``completed_s`` seconds."""
    elapsed = 0
    last_end: dict[str, int] = {}
    for segment in routine.timeline():
        elapsed += segment.seconds
        if segment.is_work and segment.exercise_id:
            last_end[segment.exercise_id] = elapsed
    return [ex for ex in routine.exercise_ids if last_end.get(ex, 0) <= completed_s]


def synthetic_sessions(weeks: int = 26, seed: int = 0, end: date | None = None) -> pd.DataFrame:
    """The synthetic journal as a frame, with the same columns and dtypes as
    :meth:`Journal.sessions` (it is read back through the journal's own loader)."""
    text = synthetic_csv(weeks, seed, end)
    return read_table(text.encode("utf-8"), "<synthetic journal>", SESSIONS).frame


def write_synthetic_journal(
    home: Path | str, weeks: int = 26, seed: int = 0, end: date | None = None
) -> Path:
    """Write a synthetic ``sessions.csv`` into ``home`` (for demos); return its path.

    Refuses to touch an existing journal: a demo must never overwrite real entries.
    """
    path = Journal(home).sessions_path
    if path.exists():
        raise JournalError(
            f"{path}: a journal exists already; the synthetic sample is only "
            "written into an empty folder. Choose another folder."
        )
    try:
        write_atomic(path, synthetic_csv(weeks, seed, end).encode("utf-8"), overwrite=False)
    except FileExistsError:  # created meanwhile by another notebook: still never overwritten
        raise JournalError(f"{path}: a journal exists already. Choose another folder.") from None
    return path
