"""The routine timer: where a routine stands, computed from a clock, never from counted ticks.

A :class:`RoutineTimer` runs a routine's timeline (its :class:`~psoas_lib.content.routine.Segment`
list). Its *position* is the number of seconds into the timeline:

    position = running time + offset

where the running time is wall time minus paused time, read from an injectable monotonic
clock, and the offset is what Skip and Back added (they jump to a segment boundary by moving
the offset, never by pretending time passed). :meth:`RoutineTimer.state` derives everything
else (segment, seconds left, progress) from the position, so a late, missed or throttled
tick adds no drift: however often ``state()`` is called, the answer depends only on the clock.

Every method may be called at any moment: pausing twice, resuming a running timer, skipping
past the end (the routine is then finished) or going back at the start (segment 0 starts
again) are all allowed and do the obvious thing.

>>> from psoas_lib.content.routine import Segment
>>> now = [0.0]
>>> timer = RoutineTimer([Segment("get-ready", 10), Segment("hold", 30, "knee-to-chest")],
...                      clock=lambda: now[0])
>>> timer.start(); now[0] = 12.5
>>> s = timer.state()
>>> s.index, s.segment.kind, s.remaining, s.fraction_done
(1, 'hold', 27.5, 0.3125)
>>> timer.pause(); now[0] = 100.0            # paused time does not count
>>> timer.state().remaining
27.5
>>> timer.resume(); timer.skip()             # past the last segment: finished
>>> timer.state().finished, timer.state().elapsed
(True, 12.5)
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from psoas_lib.content.routine import Routine, Segment

#: Share of an exercise's work time that must be run for it to count as done.
DONE_SHARE = 0.5

__all__ = ["BACK_GRACE_S", "RoutineTimer", "TimerState"]

#: Back within this many seconds of a segment's start goes to the previous segment;
#: later, it starts the current segment again (as a music player's "previous" button does).
BACK_GRACE_S = 2.0

Clock = Callable[[], float]


@dataclass(frozen=True)
class TimerState:
    """A snapshot of a :class:`RoutineTimer`. Times are seconds, floats, never rounded.

    ``position`` is seconds into the timeline; ``elapsed`` is running time (wall time minus
    paused time), which differs from ``position`` once Skip or Back were used. ``rep`` and
    ``reps`` count repetitions inside a ``set`` segment (``None`` for other kinds).
    """

    index: int
    segment: Segment
    next_segment: Segment | None
    remaining: float
    segment_elapsed: float
    segment_fraction: float
    position: float
    total: float
    fraction_done: float
    elapsed: float
    started: bool
    paused: bool
    stopped: bool
    finished: bool
    rep: int | None
    reps: int | None

    @property
    def running(self) -> bool:
        """True while time counts: started, not paused, not stopped, not finished."""
        return self.started and not (self.paused or self.stopped or self.finished)

    @property
    def over(self) -> bool:
        """True once the session has ended, by reaching the end or by Stop."""
        return self.finished or self.stopped


class RoutineTimer:
    """A drift-free timer over a routine's timeline; see the module docstring."""

    def __init__(
        self, routine_or_timeline: Routine | Sequence[Segment], clock: Clock = time.monotonic
    ) -> None:
        if isinstance(routine_or_timeline, Routine):
            timeline = routine_or_timeline.timeline()
        else:
            timeline = list(routine_or_timeline)
        if not timeline:
            raise ValueError("a timer needs at least one segment")
        if any(s.seconds <= 0 for s in timeline):
            raise ValueError("every segment needs a length above 0 seconds")
        self.timeline: tuple[Segment, ...] = tuple(timeline)
        self.starts: tuple[int, ...] = (0, *accumulate(s.seconds for s in self.timeline[:-1]))
        self.total: int = self.starts[-1] + self.timeline[-1].seconds
        self._clock = clock
        self._reset()

    def _reset(self) -> None:
        self._started = False
        self._paused = False
        self._stopped = False
        self._acc = 0.0  # running seconds at the last rebase
        self._pos = 0.0  # position at the last rebase (Skip and Back set it)
        self._since: float | None = None  # clock reading at the last rebase, while running
        self._worked = [0.0] * len(self.timeline)  # running seconds spent in each segment

    # ---- the clock arithmetic ------------------------------------------------------------
    def _run(self, now: float) -> float:
        """Running seconds since the last rebase; time stops counting at the routine's end."""
        if self._since is None:
            return 0.0
        return max(0.0, min(now - self._since, self.total - self._pos))

    def _rebase(self) -> None:
        """Fold the running time up to now into the totals, so controls can act on them."""
        now = self._clock()
        run = self._run(now)
        self._credit(self._worked, self._pos, self._pos + run)
        self._acc += run
        self._pos += run
        running = self._started and not (self._paused or self._stopped)
        self._since = now if running else None

    def _credit(self, worked: list[float], start: float, end: float) -> None:
        """Add the running time from position ``start`` to ``end`` to each segment it crossed."""
        i = max(bisect_right(self.starts, start) - 1, 0)
        while i < len(self.timeline) and self.starts[i] < end:
            seg_end = self.starts[i] + self.timeline[i].seconds
            worked[i] += max(0.0, min(end, seg_end) - max(start, self.starts[i]))
            i += 1

    def _index(self, position: float) -> int:
        return min(bisect_right(self.starts, position) - 1, len(self.timeline) - 1)

    # ---- controls ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start at the beginning; a no-op while a session runs, a fresh start after one ended."""
        if self._started and not self.state().over:
            return
        self._reset()
        self._started = True
        self._since = self._clock()

    def pause(self) -> None:
        """Stop time counting (no-op unless running)."""
        if self.state().running:
            self._rebase()
            self._paused = True
            self._since = None

    def resume(self) -> None:
        """Let time count again after :meth:`pause` (no-op unless paused)."""
        if self._started and self._paused and not self._stopped:
            self._paused = False
            self._since = self._clock()

    def toggle(self) -> None:
        """Pause when running, resume when paused."""
        if self._paused:
            self.resume()
        else:
            self.pause()

    def skip(self) -> None:
        """Jump to the start of the next segment (past the last one: finished)."""
        if not self._started or self._stopped:
            return
        self._rebase()
        if self._pos < self.total:
            index = self._index(self._pos)
            self._pos = float(self.starts[index] + self.timeline[index].seconds)

    def back(self) -> None:
        """Start this segment again, or the previous one when within BACK_GRACE_S of its start.

        At the start of segment 0 it starts segment 0 again; after the end it goes back to the
        start of the last segment (time counts again unless paused).
        """
        if not self._started or self._stopped:
            return
        self._rebase()
        index = self._index(self._pos)
        target = self.starts[index]
        if self._pos - target < BACK_GRACE_S and index > 0 and self._pos < self.total:
            target = self.starts[index - 1]
        self._pos = float(target)

    def stop(self) -> None:
        """End the session now; the state freezes (start() begins a new one)."""
        if self._started and not self._stopped:
            self._rebase()
            self._stopped = True
            self._since = None

    # ---- reading -----------------------------------------------------------------------------
    def state(self) -> TimerState:
        """Where the routine stands now, computed from the clock."""
        run = self._run(self._clock())
        elapsed, position = self._acc + run, self._pos + run
        index = self._index(position)
        segment = self.timeline[index]
        seg_elapsed = min(position - self.starts[index], float(segment.seconds))
        finished = self._started and position >= self.total
        rep = reps = None
        if segment.kind == "set" and segment.count > 0:
            reps = segment.count
            rep = min(reps, int(seg_elapsed * reps // segment.seconds) + 1)
        return TimerState(
            index=index,
            segment=segment,
            next_segment=self.timeline[index + 1] if index + 1 < len(self.timeline) else None,
            remaining=max(0.0, segment.seconds - seg_elapsed),
            segment_elapsed=seg_elapsed,
            segment_fraction=seg_elapsed / segment.seconds,
            position=position,
            total=float(self.total),
            fraction_done=position / self.total,
            elapsed=elapsed,
            started=self._started,
            paused=self._paused,
            stopped=self._stopped,
            finished=finished,
            rep=rep,
            reps=reps,
        )

    def worked_seconds(self) -> list[float]:
        """Running seconds spent in each segment so far (skipped stretches count nothing)."""
        worked = list(self._worked)
        run = self._run(self._clock())
        self._credit(worked, self._pos, self._pos + run)
        return worked

    def exercises_done(self) -> list[str]:
        """Ids of the exercises done, in routine order.

        An exercise counts when at least half its work time (holds, sets, moves) was run,
        or when it was under way at a Stop (so a partial or pain-stopped session records
        what was being done). Skipping through exercises, a few moments in each, does not
        count them.
        """
        planned: dict[str, float] = {}
        worked: dict[str, float] = {}
        for segment, seconds in zip(self.timeline, self.worked_seconds(), strict=True):
            if segment.is_work and segment.exercise_id:
                planned[segment.exercise_id] = planned.get(segment.exercise_id, 0) + segment.seconds
                worked[segment.exercise_id] = worked.get(segment.exercise_id, 0) + seconds
        state = self.state()
        under_way = state.segment.exercise_id if state.stopped and not state.finished else None
        return [
            ex
            for ex in planned
            if worked[ex] > 0 and (worked[ex] >= DONE_SHARE * planned[ex] or ex == under_way)
        ]

    def under_way(self) -> str | None:
        """The exercise of the step now; in a pause, the exercise just done (else the next):
        what a pain stop now stops at."""
        state = self.state()
        if state.segment.is_work:
            return state.segment.exercise_id
        done = self.exercises_done()
        return done[-1] if done else state.segment.exercise_id

    def completed_seconds(self) -> int:
        """Whole seconds of running time so far (what a journal records as completed)."""
        return int(self.state().elapsed)
