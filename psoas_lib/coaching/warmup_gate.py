"""The warm-up gate: a routine of static holds starts only after a warm-up.

A routine of static holds that does not open with 5 minutes of dynamic moves
(:func:`~psoas_lib.coaching.session.needs_warm_up`) is *due* a warm-up unless one was done
in the last 30 minutes: logged in the journal, run in this player (:meth:`WarmUpGate.ran`),
or confirmed by the user, "I have already warmed up for 5 minutes"
(:meth:`WarmUpGate.confirm`; a session started on that confirmation is logged with
``[warmed up]``). The gate keeps no timer: the player session asks it before a start.

>>> from datetime import datetime, timedelta, timezone
>>> from psoas_lib import load_catalog
>>> routines = load_catalog().routines
>>> clock = [datetime(2026, 3, 2, 7, 30, tzinfo=timezone.utc)]
>>> import tempfile
>>> gate = WarmUpGate(tempfile.mkdtemp(), now=lambda: clock[0])
>>> holds = routines["post-workout-release"]
>>> gate.due(holds, routines), gate.due(routines["desk-reset"], routines)
(True, False)
>>> gate.confirm(); gate.due(holds, routines), gate.tags(holds)
(False, {'warmed up'})
>>> clock[0] += timedelta(minutes=31); gate.due(holds, routines)
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from pathlib import Path

from psoas_lib.coaching.session import (
    WARM_UP_MIN_S,
    WARM_UP_VALID_S,
    WARMED_UP_TAG,
    needs_warm_up,
    recent_warm_up,
    warm_up_seconds,
)
from psoas_lib.content.routine import Routine
from psoas_lib.errors import PsoasError

__all__ = ["WarmUpGate"]


def _now() -> datetime:
    return datetime.now().astimezone()


class WarmUpGate:
    """Whether a routine is due a warm-up now, by the rules of the module docstring."""

    def __init__(
        self, home: Path | str | None = None, *, now: Callable[[], datetime] = _now
    ) -> None:
        self.home = home
        self.now = now
        self.warm_until: datetime | None = None  # warmed up (confirmed or run) until then
        self.confirmed_until: datetime | None = None

    def warmed_up(self, routines: Mapping[str, Routine]) -> bool:
        """True after a warm-up in the last 30 minutes: run in this player, confirmed, or
        logged in the journal (``routines`` tells which logged sessions were warm-ups; a
        journal that cannot be read counts as no warm-up)."""
        now = self.now()
        if self.warm_until is not None and now <= self.warm_until:
            return True
        from psoas_lib.journal.store import Journal

        try:
            sessions = Journal(self.home).sessions()
        except (PsoasError, OSError):
            return False
        return recent_warm_up(sessions, routines, now)

    def due(self, routine: Routine, routines: Mapping[str, Routine]) -> bool:
        """True when ``routine`` needs a warm-up now: static holds without 5 minutes of
        dynamic moves at its start, and no warm-up in the last 30 minutes."""
        return needs_warm_up(routine) and not self.warmed_up(routines)

    def confirm(self) -> None:
        """The user confirms "I have already warmed up for 5 minutes": routines start for
        the next 30 minutes, and sessions started on it are logged with ``[warmed up]``."""
        self.confirmed_until = self.now() + timedelta(seconds=WARM_UP_VALID_S)
        self.warm_until = max(self.warm_until or self.confirmed_until, self.confirmed_until)

    def tags(self, routine: Routine) -> set[str]:
        """The tags of a session of ``routine`` started now: ``warmed up`` when it needs a
        warm-up and starts on the user's confirmation."""
        confirmed = self.confirmed_until is not None and self.now() <= self.confirmed_until
        return {WARMED_UP_TAG} if confirmed and needs_warm_up(routine) else set()

    def ran(self, routine: Routine, done_s: int) -> bool:
        """A session of ``routine`` ended after ``done_s`` seconds (not for pain): when it
        opened with 5 minutes of dynamic moves, it counts as a warm-up for 30 minutes.
        True when it counted."""
        if warm_up_seconds(routine, done_s) < WARM_UP_MIN_S:
            return False
        self.warm_until = self.now() + timedelta(seconds=WARM_UP_VALID_S)
        return True
