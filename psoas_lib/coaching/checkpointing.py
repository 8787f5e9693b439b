"""Checkpointing: a running session's progress kept on disk, and the interrupted ones offered.

The player session's side of :mod:`psoas_lib.journal.checkpoint`: a checkpoint at the
start, at every segment change, at least every :data:`KEEP_EVERY_S` seconds of the
session's clock while it runs (checked at each tick, so no write more often than that), on a
pause, a stop and a pain stop (:meth:`Checkpointing.due`, :meth:`Checkpointing.keep`).
Saving logs through the checkpoint (:meth:`Checkpointing.log`), so a session is never
logged twice; a session dropped removes its checkpoint (:meth:`Checkpointing.drop`). A
problem writing a checkpoint never stops the timer: it is kept in
:attr:`Checkpointing.problem` for the view to show. When a player opens,
:meth:`Checkpointing.unfinished` lists the sessions nobody runs any more (never its own).

>>> import tempfile
>>> from datetime import datetime, timezone
>>> from psoas_lib import load_catalog
>>> now = [100.0]
>>> routine = load_catalog().routines["desk-reset"]      # 10 s to get ready, then marching
>>> timer = RoutineTimer(routine, clock=lambda: now[0])
>>> kept = Checkpointing(tempfile.mkdtemp(), clock=lambda: now[0])
>>> timer.start()
>>> kept.start(routine.id, routine.name, 795, datetime(2026, 3, 2, tzinfo=timezone.utc), 0)
>>> now[0] += KEEP_EVERY_S
>>> kept.due(timer.state(), timer.completed_seconds())
True
>>> kept.keep(timer, ["marching-in-place"]), kept.checkpoint.done_s, kept.checkpoint.exercises_done
(True, 12, ('marching-in-place',))
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from psoas_lib.coaching.session import log_session, tag_notes
from psoas_lib.coaching.timer import RoutineTimer, TimerState
from psoas_lib.content.routine import Routine
from psoas_lib.errors import PsoasError
from psoas_lib.journal.checkpoint import STALE_AFTER_S, TICK_S, Checkpoint, Checkpoints

__all__ = ["KEEP_EVERY_S", "STALE_ENV", "Checkpointing", "done_if_stopped_now", "stale_after_s"]

#: A running session saves its progress when this many seconds passed since the last save:
#: 3 s under the promised :data:`~psoas_lib.journal.checkpoint.TICK_S` (15), room for a
#: tick up to a second late (a background tab) and for whole seconds being saved.
KEEP_EVERY_S = TICK_S - 3
#: For tests only: offer a checkpoint of a live process after this many seconds without a
#: save instead of :data:`~psoas_lib.journal.checkpoint.STALE_AFTER_S` (45).
STALE_ENV = "PSOAS_STALE_AFTER_S"


def stale_after_s() -> float:
    """Seconds without a save after which a live process's session is offered: 45, or
    ``$PSOAS_STALE_AFTER_S`` (tests only; a value that is not a number >= 0 is ignored).

    >>> import os; os.environ.pop(STALE_ENV, None) and None
    >>> stale_after_s()
    45
    """
    try:
        value = float(os.environ.get(STALE_ENV, ""))
    except ValueError:
        return STALE_AFTER_S
    return value if value >= 0 else STALE_AFTER_S


def done_if_stopped_now(state: TimerState, done: Iterable[str], order: Iterable[str]) -> list[str]:
    """The exercises a Stop now would record, in the routine's ``order``: those ``done`` and
    the one under way (an interruption ends the session where it is, as a Stop does)."""
    found = set(done)
    under_way = state.segment.exercise_id if state.segment.is_work else None
    if under_way and not state.over and state.segment_elapsed > 0:
        found.add(under_way)
    return [ex for ex in order if ex in found]


def _problem(err: Exception) -> str:
    return f"Progress is not being kept on disk: {err}"


class Checkpointing:
    """The checkpoint of the session running in one player (``keep=False``: none)."""

    def __init__(
        self,
        home: Path | str | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        keep: bool = True,
    ) -> None:
        self.home = home
        self.clock = clock
        self.on = keep
        self._store: Checkpoints | None = None
        self.checkpoint: Checkpoint | None = None
        self.problem: str | None = None
        self.kept_at = 0.0  # the session clock at the last save
        self.kept_index = -1  # the segment it was saved in

    @property
    def store(self) -> Checkpoints:
        """The sessions in progress in the data folder (opened when first used)."""
        if self._store is None:
            self._store = Checkpoints(self.home)
        return self._store

    def start(
        self, routine_id: str, name: str, planned_s: int, started_at: datetime, index: int
    ) -> None:
        """Save a new session's first checkpoint (nothing when progress is not kept)."""
        if not self.on:
            return
        self.kept_at, self.kept_index = self.clock(), index
        try:
            self.checkpoint = self.store.start(
                routine_id, name, planned_s=planned_s, started_at=started_at
            )
            self.problem = None
        except (PsoasError, OSError) as err:
            self.problem = _problem(err)

    def due(self, state: TimerState, done_s: int) -> bool:
        """True when a tick should save: a new segment, :data:`KEEP_EVERY_S` seconds of
        running since the last save, or the end not saved yet."""
        if self.checkpoint is None:
            return False
        return (
            state.index != self.kept_index
            or (state.running and self.clock() - self.kept_at >= KEEP_EVERY_S)
            or (state.over and self.checkpoint.done_s != done_s)
        )

    def keep(self, timer: RoutineTimer, order: Iterable[str], pain: bool = False) -> bool:
        """Save the progress of the session ``timer`` runs now (the exercises in ``order``).
        False when there is no running checkpoint or it cannot be written (:attr:`problem`
        says why)."""
        if self.checkpoint is None:
            return False
        state = timer.state()
        self.kept_at, self.kept_index = self.clock(), state.index
        try:
            self.checkpoint = self.store.update(
                self.checkpoint,
                done_s=timer.completed_seconds(),
                exercises_done=done_if_stopped_now(state, timer.exercises_done(), order),
                segment=state.index,
                pain_stop=pain,
            )
        except (PsoasError, OSError) as err:
            self.problem = _problem(err)
            return False
        self.problem = None
        return True

    def resumed(self) -> None:
        """The session runs again after a pause (which saved everything): count from now."""
        self.kept_at = self.clock()

    def log(
        self,
        timer: RoutineTimer,
        routine: Routine,
        started_at: datetime,
        *,
        tightness_before: int | None = None,
        tightness_after: int | None = None,
        pain_stop: bool = False,
        notes: str = "",
        tags: Iterable[str] = (),
    ) -> bool:
        """Log the session as ``timer`` ran it, once: through its checkpoint, which is then
        gone, or straight to the journal when progress was not kept. False when another
        player recovered it meanwhile (nothing is written then); the journal's error when it
        cannot be written (the checkpoint stays, to try again)."""
        if self.checkpoint is None:  # progress not kept (or its first save failed)
            log_session(
                timer,
                routine,
                started_at,
                home=self.home,
                tightness_before=tightness_before,
                tightness_after=tightness_after,
                pain_stop=pain_stop,
                notes=notes,
                tags=tags,
            )
            return True
        written = self.store.finish(
            replace(self.checkpoint, tightness_before=tightness_before),
            completed_s=timer.completed_seconds(),
            exercises_done=timer.exercises_done(),
            tightness_after=tightness_after,
            pain_stop=pain_stop,
            notes=tag_notes(notes, tags),
        )
        self.checkpoint = None  # only once logged: a failed save can be tried again
        return written

    def drop(self) -> None:
        """Forget the running session's checkpoint (a leftover is offered next time, never
        lost: better than failing here)."""
        checkpoint, self.checkpoint = self.checkpoint, None
        if checkpoint is not None:
            with contextlib.suppress(PsoasError, OSError):
                self.store.discard(checkpoint)

    def unfinished(self) -> list[Checkpoint]:
        """Interrupted sessions to offer (oldest first), never this player's own."""
        own = self.checkpoint.id if self.checkpoint is not None else None
        found = self.store.unfinished(stale_after_s=stale_after_s())
        return [c for c in found if c.id != own]

    def recover(self, checkpoint: Checkpoint) -> bool:
        """Log an interrupted session as far as it got, marked as recovered; False when
        another player logged or discarded it first."""
        return self.store.recover(checkpoint)

    def discard(self, checkpoint: Checkpoint) -> bool:
        """Forget an interrupted session; False when it was gone already."""
        return self.store.discard(checkpoint)
