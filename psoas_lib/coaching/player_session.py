"""A player session: the rules of running one routine after another, with no widgets.

The notebook player (:class:`psoas_lib.ui.player.Player`) and the terminal runner
(``psoas run``) are views of a :class:`PlayerSession`: a button press or a key becomes a
method call here, and at each tick the view draws what :meth:`PlayerSession.tick` returns.
The session holds everything a view would otherwise keep: the routine, its timer and cue
script, when it started, whether it was logged, whether the "not saved" warning was given,
whether it ended on a pain stop, and the routine to go back to after the warm-up.

Rules:

- **Start** runs the chosen routine from its beginning; not while it runs.
- **Unsaved logs are not dropped silently.** A finished or stopped session that was not
  saved is *unsaved*. "Start again" or choosing another routine first only warns (the
  method returns ``"warned"``); doing it a second time goes on without saving.
- **Pain stop** stops at once and marks the session ``pain``; the view saves it at once
  (with ``pain_stop``) and shows the safety advice instead of the log form. After a pain
  stop this player starts nothing more (``"blocked"``: no "Start again"); the exercise under
  way is :attr:`PlayerSession.pain_exercise`, for the pain report.
- **The safety state decides** (:mod:`psoas_lib.coaching.safety`): :meth:`start` and
  :meth:`choose` ask it first and return ``"blocked"`` after an uncleared red flag, or when
  every exercise of the routine is held out; :attr:`PlayerSession.refusal` says why and the
  ways on. Held-out exercises are left out of the routine that runs.
- **The end** is noticed once: the tick that first sees it says ``offer_log`` (never after
  a pain stop, nor once logged).
- **Warm-up first**: a routine of static holds that does not open with 5 minutes of dynamic
  moves (:func:`~psoas_lib.coaching.session.needs_warm_up`) does not start
  (:meth:`PlayerSession.start` returns ``"warm-up"``) unless a warm-up was done in the last
  30 minutes (logged in the journal, or run in this session) or the user confirms
  :data:`~psoas_lib.coaching.session.WARM_UP_CONFIRM` (:meth:`PlayerSession.confirm_warmed_up`;
  the logged session's notes then start with ``[warmed up]``). :meth:`warm_up_first`
  switches to the preset with the ``warm-up`` role and remembers the routine to return to.
  When the warm-up has finished, :attr:`PlayerSession.go_on_target` is that routine and
  :meth:`PlayerSession.go_on` ("Save and go on", after saving) chooses it.
- **One dose system** (:mod:`psoas_lib.coaching.dose_choice`): every routine runs at the
  user's levels, handed in by the caller as a
  :class:`~psoas_lib.coaching.dose_choice.DoseChooser` (:func:`psoas_lib.plan.levels.journal_dose`:
  start easy, step up, step back after a pain stop), unless the user chooses the catalog's
  full dose (:meth:`PlayerSession.set_full_dose`; the logged notes then start with
  ``[full dose]``). Without one the doses run as written.
- **Progress is kept on disk** (:mod:`psoas_lib.journal.checkpoint`): a checkpoint at the
  start, at every segment change, at least every :data:`~psoas_lib.journal.checkpoint.TICK_S`
  seconds of the session's clock while it runs (checked at each tick, so no write more often
  than that), on a pause, a stop and a pain stop. Saving logs through the checkpoint
  (:meth:`Checkpoints.finish <psoas_lib.journal.checkpoint.Checkpoints.finish>`), so a
  session is never logged twice; a session dropped after the warning ("Start again", another
  routine) removes its checkpoint. A problem writing a checkpoint never stops the timer: it
  is kept in :attr:`PlayerSession.progress_problem` for the view to show.
- **An interrupted session is offered** when a player opens: :meth:`PlayerSession.unfinished`
  lists the sessions nobody runs any more (never this session's own), and
  :meth:`PlayerSession.recover` or :meth:`PlayerSession.discard` settles each one.

>>> from psoas_lib import load_catalog
>>> now = [0.0]
>>> session = PlayerSession(load_catalog(), "desk-reset", clock=lambda: now[0])
>>> session.start()
'started'
>>> session.tick().cue.text
'Get ready: Marching in place'
>>> now[0] = 12.0; session.stop()
True
>>> session.tick().offer_log, session.unsaved
(True, True)
>>> session.start(), session.start()      # warned once, then the unsaved log is dropped
('warned', 'started')
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from psoas_lib.coaching.cues import Cue, cue_script, due_cue, exercise_names
from psoas_lib.coaching.dose_choice import DoseChooser
from psoas_lib.coaching.safety import PAIN_AGAIN, SafetyState, Verdict, read_state, without
from psoas_lib.coaching.session import (
    WARM_UP_MIN_S,
    WARM_UP_VALID_S,
    WARMED_UP_TAG,
    log_session,
    needs_warm_up,
    recent_warm_up,
    tag_notes,
    warm_up_seconds,
)
from psoas_lib.coaching.timer import RoutineTimer, TimerState
from psoas_lib.content.catalog import Catalog
from psoas_lib.content.routine import Routine
from psoas_lib.errors import PsoasError
from psoas_lib.journal.checkpoint import STALE_AFTER_S, TICK_S, Checkpoint, Checkpoints

__all__ = [
    "KEEP_EVERY_S",
    "STALE_ENV",
    "NothingToSave",
    "Outcome",
    "PlayerSession",
    "Tick",
    "stale_after_s",
]

#: A running session saves its progress when this many seconds passed since the last save:
#: 3 s under the promised :data:`~psoas_lib.journal.checkpoint.TICK_S` (15), room for a
#: tick up to a second late (a background tab) and for whole seconds being saved.
KEEP_EVERY_S = TICK_S - 3
#: For tests only: offer a checkpoint of a live process after this many seconds without a
#: save instead of :data:`~psoas_lib.journal.checkpoint.STALE_AFTER_S` (45).
STALE_ENV = "PSOAS_STALE_AFTER_S"

#: What a start or a choice did: done, refused while a routine runs, only warned, blocked by
#: the safety state, or not started because the routine needs a warm-up first (or the
#: confirmation of one).
Outcome = Literal["started", "chosen", "busy", "warned", "blocked", "warm-up"]


class NothingToSave(PsoasError):
    """Save was asked before the routine was started."""


@dataclass(frozen=True)
class Tick:
    """What a view draws at a tick: the timer's state, the cue due (if any), and whether
    the end was just reached and the log form should be offered."""

    state: TimerState
    cue: Cue | None
    offer_log: bool


def _now() -> datetime:
    return datetime.now().astimezone()


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


class PlayerSession:
    """Run the routines of a catalog, one at a time, by the rules of the module docstring."""

    def __init__(
        self,
        catalog: Catalog,
        routine_id: str | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        home: Path | str | None = None,
        now: Callable[[], datetime] = _now,
        keep_progress: bool = True,
        safety: Callable[[], SafetyState] | None = None,
        dose: DoseChooser | None = None,
    ) -> None:
        self.catalog = catalog
        self.safety = safety or (lambda: read_state(home))
        self.refusal: Verdict | None = None  # why the last start or choice was blocked
        self.verdict: Verdict | None = None  # the safety state's last answer
        self.held_out: tuple[str, ...] = ()  # exercises the safety state leaves out
        self.pain_here = False  # a pain stop in this player: nothing more starts
        self.pain_exercise: str | None = None
        self.clock = clock
        self.home = home
        self.now = now
        self.return_to: str | None = None
        self.base_catalog = catalog
        self.dose = dose or DoseChooser()  # without one: the doses as written
        self.catalog = self.dose.dosed(catalog)
        self.warm_until: datetime | None = None  # warmed up (confirmed or run) until then
        self.confirmed_until: datetime | None = None
        self.tags: set[str] = set()
        first = routine_id if routine_id is not None else next(iter(catalog.routines))
        self.routine: Routine = self._routine(first)
        self.timer = RoutineTimer(self.routine, clock=clock)
        self.names: dict[str, str] = {}
        self.script: list[Cue] = []
        self.started_at: datetime | None = None
        self.logged = False
        self.warned = False
        self.pain = False
        self.ended = False
        self.last: TimerState | None = None
        self.keep_progress = keep_progress
        self._checkpoints: Checkpoints | None = None
        self.checkpoint: Checkpoint | None = None
        self.progress_problem: str | None = None
        self.logged_elsewhere = False
        self._kept_at = 0.0  # the session clock at the last checkpoint
        self._kept_index = -1  # the segment it was saved in
        self.load(first)

    # ---- the dose ------------------------------------------------------------------------------
    @property
    def full_dose(self) -> bool:
        """True when the catalog's full dose runs (not the user's levels)."""
        return self.dose.full_dose

    @property
    def levelled(self) -> bool:
        """True when the routines run at the user's levels (not the catalog's full dose)."""
        return self.dose.levelled

    def set_full_dose(self, on: bool) -> bool:
        """Run the catalog's full dose (True) or the user's levels (False); not while a
        routine runs. The routine stays chosen, with its new doses. False when refused."""
        if self.active:
            return False
        self.dose.full_dose = on
        self.catalog = self.dose.dosed(self.base_catalog)
        self.load(self.routine.id, drop=not self.unsaved)
        return True

    # ---- choosing ----------------------------------------------------------------------------
    def _routine(self, routine_id: str) -> Routine:
        if routine_id not in self.catalog.routines:
            raise ValueError(
                f"unknown routine {routine_id!r}: use one of {', '.join(self.catalog.routines)}"
            )
        return without(self.catalog.routines[routine_id], self.held_out)

    def load(self, routine_id: str, *, drop: bool = True) -> None:
        """Choose a routine unconditionally: a fresh timer, nothing started, nothing logged
        (the checkpoint of the session dropped is removed unless ``drop`` is False: callers
        apply the warning rules first)."""
        if drop:
            self._drop_checkpoint()
        self.checkpoint = None
        self.routine = self._routine(routine_id)
        self.timer = RoutineTimer(self.routine, clock=self.clock)
        self.names = exercise_names(self.routine)
        self.script = cue_script(self.routine)
        self.started_at = None
        self.logged = self.warned = self.pain = self.ended = self.logged_elsewhere = False
        self.last = None

    def choose(self, routine_id: str) -> Outcome:
        """Choose another routine: ``busy`` while one runs, ``warned`` the first time an
        unsaved session would be dropped, ``blocked`` when the safety state refuses it, else
        ``chosen``."""
        self._routine(routine_id)
        if self._gate(routine_id):
            return "blocked"
        if self.active:
            return "busy"
        if self.hold_unsaved():
            return "warned"
        self.load(routine_id)
        return "chosen"

    def reload(self, catalog: Catalog, select: str | None = None) -> bool:
        """Take a new catalog (e.g. with a routine just saved); choose ``select`` (or keep the
        routine, or else the first) unless one runs. True when a routine was (re)loaded.

        A stopped session not saved yet keeps its checkpoint: it is offered next time."""
        self.base_catalog = catalog
        self.catalog = self.dose.dosed(catalog)
        if self.active:
            return False
        wanted = select or self.routine.id
        keep = self.unsaved
        self.load(
            wanted if wanted in catalog.routines else next(iter(catalog.routines)), drop=not keep
        )
        return True

    # ---- what the views ask ----------------------------------------------------------------
    def state(self) -> TimerState:
        return self.timer.state()

    @property
    def active(self) -> bool:
        """Started and not yet finished or stopped (paused counts as active)."""
        state = self.timer.state()
        return state.started and not state.over

    @property
    def unsaved(self) -> bool:
        """A finished or stopped session whose log was not saved yet."""
        return self.started_at is not None and not self.logged and self.timer.state().over

    def hold_unsaved(self) -> bool:
        """True (and remember the warning) the first time an unsaved session would be
        dropped; False when there is nothing to keep or the warning was given."""
        if not self.unsaved or self.warned:
            return False
        self.warned = True
        return True

    @property
    def warm_up_id(self) -> str | None:
        """The id of the preset with the ``warm-up`` role, if the catalog has one."""
        return self.catalog.role_id("warm-up")

    @property
    def offers_warm_up(self) -> bool:
        """True when this routine should be preceded by the warm-up and there is one."""
        return self.warm_up_due and self.warm_up_id is not None

    @property
    def warm_up_due(self) -> bool:
        """True when this routine needs a warm-up now: static holds without 5 minutes of
        dynamic moves at its start, no warm-up in the last 30 minutes, nothing confirmed."""
        return needs_warm_up(self.routine) and not self.warmed_up()

    def warmed_up(self) -> bool:
        """True after a warm-up in the last 30 minutes: run in this session, confirmed, or
        logged in the journal (a journal that cannot be read counts as no warm-up)."""
        now = self.now()
        if self.warm_until is not None and now <= self.warm_until:
            return True
        from psoas_lib.journal.store import Journal

        try:
            sessions = Journal(self.home).sessions()
        except (PsoasError, OSError):
            return False
        return recent_warm_up(sessions, self.catalog.routines, now)

    def confirm_warmed_up(self) -> None:
        """The user confirms "I have already warmed up for 5 minutes": routines start for
        the next 30 minutes, and sessions started on it are logged with ``[warmed up]``."""
        self.confirmed_until = self.now() + timedelta(seconds=WARM_UP_VALID_S)
        self.warm_until = max(self.warm_until or self.confirmed_until, self.confirmed_until)

    @property
    def go_on_target(self) -> Routine | None:
        """After a finished warm-up: the routine to go on to ("Save and go on"), else None."""
        if not self.timer.state().finished or self.routine.id != self.warm_up_id:
            return None
        return self.catalog.routines.get(self.return_to or "")

    def exercises_done(self) -> list[str]:
        """Ids of the exercises whose work was under way or done."""
        return self.timer.exercises_done()

    # ---- controls ------------------------------------------------------------------------------
    def start(self) -> Outcome:
        """Start the chosen routine from its beginning (see the rules on unsaved logs)."""
        if self._gate(self.routine.id):
            return "blocked"
        if self.active:
            return "busy"
        if self.hold_unsaved():
            return "warned"
        if self.warm_up_due:
            return "warm-up"
        confirmed = (
            needs_warm_up(self.routine)
            and self.confirmed_until is not None
            and self.now() <= self.confirmed_until
        )
        self.load(self.routine.id)
        self.tags = ({WARMED_UP_TAG} if confirmed else set()) | self.dose.tags()
        self.timer.start()
        self.started_at = self.now()
        self._start_checkpoint()
        return "started"

    def pause(self) -> bool:
        """Pause a running routine (Ctrl-C in the terminal); False when not running."""
        if not self.timer.state().running:
            return False
        self.timer.pause()
        self.keep()
        return True

    def resume(self) -> bool:
        """Resume a paused routine; False when not paused."""
        if not (self.active and self.timer.state().paused):
            return False
        self.timer.resume()
        self._kept_at = self.clock()  # the pause saved everything: count anew from here
        return True

    def toggle_pause(self) -> bool:
        """Pause when running, resume when paused; False when not active."""
        if not self.active:
            return False
        self.timer.toggle()
        if self.timer.state().paused:
            self.keep()
        else:
            self._kept_at = self.clock()
        return True

    def start_or_toggle(self) -> Outcome | bool:
        """Space: start a routine not yet started, else pause or resume it."""
        if not self.timer.state().started:
            return self.start()
        return self.toggle_pause()

    def skip(self) -> bool:
        """Go to the next step; False when not active."""
        if not self.active:
            return False
        self.timer.skip()
        return True

    def back(self) -> bool:
        """Start this step again (or the previous one in a step's first seconds)."""
        if not self.active:
            return False
        self.timer.back()
        return True

    def stop(self) -> bool:
        """End the session now; False when not active."""
        if not self.active:
            return False
        self.timer.stop()
        self.keep()
        return True

    def pain_stop(self) -> bool:
        """Stop at once for sharp pain; the session is then logged with ``pain_stop``."""
        if not self.active:
            return False
        self.pain_exercise = self._under_way()
        self.timer.stop()
        self.pain = self.pain_here = True
        self.keep()
        return True

    def tick(self) -> Tick:
        """The state now, the cue due since the last tick, and whether to offer the log."""
        state = self.timer.state()
        cue = due_cue(self.script, self.last, state)
        self.last = state
        offer = state.over and not self.ended and not self.pain and not self.logged
        if state.over and not self.ended and not self.pain:
            moved = warm_up_seconds(self.routine, self.timer.completed_seconds())
            if moved >= WARM_UP_MIN_S:  # a warm-up run here counts for the next 30 minutes
                self.warm_until = self.now() + timedelta(seconds=WARM_UP_VALID_S)
        if state.over:
            self.ended = True
        if (
            self.checkpoint is not None
            and not self.logged
            and (
                state.index != self._kept_index
                or (state.running and self.clock() - self._kept_at >= KEEP_EVERY_S)
                or (state.over and self.checkpoint.done_s != self.timer.completed_seconds())
            )
        ):
            self.keep()
        return Tick(state, cue, offer)

    # ---- logging ---------------------------------------------------------------------------------
    def save(
        self,
        *,
        tightness_before: int | None = None,
        tightness_after: int | None = None,
        notes: str = "",
    ) -> None:
        """Write the session to the journal, once (a second call does nothing).

        Raises :class:`NothingToSave` before the start, and the journal's
        :class:`~psoas_lib.errors.PsoasError` or :class:`OSError` when it cannot be written.
        """
        if self.logged:
            return
        if self.started_at is None:
            raise NothingToSave("Nothing to save yet: start the routine first.")
        if self.checkpoint is None:  # progress not kept (or its first save failed)
            log_session(
                self.timer,
                self.routine,
                self.started_at,
                home=self.home,
                tightness_before=tightness_before,
                tightness_after=tightness_after,
                pain_stop=self.pain,
                notes=notes,
                tags=self.tags,
            )
        else:
            written = self.checkpoints.finish(
                replace(self.checkpoint, tightness_before=tightness_before),
                completed_s=self.timer.completed_seconds(),
                exercises_done=self.timer.exercises_done(),
                tightness_after=tightness_after,
                pain_stop=self.pain,
                notes=tag_notes(notes, self.tags),
            )
            self.logged_elsewhere = not written  # recovered by another player meanwhile
            self.checkpoint = None
        self.logged = True

    # ---- progress kept on disk ---------------------------------------------------------------
    @property
    def checkpoints(self) -> Checkpoints:
        """The sessions in progress in this session's data folder (opened when first used)."""
        if self._checkpoints is None:
            self._checkpoints = Checkpoints(self.home)
        return self._checkpoints

    def _start_checkpoint(self) -> None:
        if not self.keep_progress or self.started_at is None:
            return
        self._kept_at, self._kept_index = self.clock(), self.timer.state().index
        try:
            self.checkpoint = self.checkpoints.start(
                self.routine.id,
                self.routine.name,
                planned_s=self.routine.total_seconds,
                started_at=self.started_at,
            )
            self.progress_problem = None
        except (PsoasError, OSError) as err:
            self.progress_problem = f"Progress is not being kept on disk: {err}"

    def keep(self) -> bool:
        """Save the progress so far now (a tick does it when due; a view calls it on a
        signal). False when there is no running checkpoint or it cannot be written."""
        if self.checkpoint is None or self.logged:
            return False
        self._kept_at, self._kept_index = self.clock(), self.timer.state().index
        try:
            self.checkpoint = self.checkpoints.update(
                self.checkpoint,
                done_s=self.timer.completed_seconds(),
                exercises_done=self._done_if_stopped_now(),
                segment=self._kept_index,
                pain_stop=self.pain,
            )
        except (PsoasError, OSError) as err:
            self.progress_problem = f"Progress is not being kept on disk: {err}"
            return False
        self.progress_problem = None
        return True

    def _done_if_stopped_now(self) -> list[str]:
        """The exercises a Stop now would record: done ones and the one under way (an
        interruption ends the session where it is, as a Stop does)."""
        done = set(self.timer.exercises_done())
        state = self.timer.state()
        under_way = state.segment.exercise_id if state.segment.is_work else None
        if under_way and not state.over and state.segment_elapsed > 0:
            done.add(under_way)
        return [ex for ex in self.names if ex in done]

    def _drop_checkpoint(self) -> None:
        checkpoint, self.checkpoint = self.checkpoint, None
        if checkpoint is not None:
            # a leftover is offered next time, never lost: better than failing here
            with contextlib.suppress(PsoasError, OSError):
                self.checkpoints.discard(checkpoint)

    def unfinished(self) -> list[Checkpoint]:
        """Interrupted sessions to offer (oldest first), never this session's own."""
        own = self.checkpoint.id if self.checkpoint is not None else None
        found = self.checkpoints.unfinished(stale_after_s=stale_after_s())
        return [c for c in found if c.id != own]

    def recover(self, checkpoint: Checkpoint) -> bool:
        """Log an interrupted session as far as it got, marked as recovered; False when
        another player logged or discarded it first (nothing is written then)."""
        return self.checkpoints.recover(checkpoint)

    def discard(self, checkpoint: Checkpoint) -> bool:
        """Forget an interrupted session; False when it was gone already."""
        return self.checkpoints.discard(checkpoint)

    # ---- safety ------------------------------------------------------------------------------
    def _gate(self, routine_id: str) -> bool:
        """Ask the safety state about ``routine_id`` now: True (and :attr:`refusal` set) when
        it is refused; its held-out exercises are left out of what runs. A running routine
        is never refused here (it is ``busy``)."""
        if self.active:
            return False
        if self.pain_here:
            self.refusal = Verdict(False, (PAIN_AGAIN,))
            return True
        verdict = self.safety().verdict(self.catalog.routines[routine_id], self.now())
        self.verdict, self.refusal = verdict, None if verdict.allowed else verdict
        self.held_out = verdict.held_out
        return not verdict.allowed

    def _under_way(self) -> str | None:
        """The exercise of the step now (a pause: the exercise just done, else the next)."""
        state = self.timer.state()
        if state.segment.is_work:
            return state.segment.exercise_id
        done = self.timer.exercises_done()
        return done[-1] if done else state.segment.exercise_id

    # ---- the warm-up-first flow ------------------------------------------------------------------
    def warm_up_first(self) -> Outcome:
        """Choose the warm-up, remembering this routine to go on to once it has finished."""
        warm_up = self.warm_up_id
        if warm_up is None:
            raise ValueError("the catalog has no routine with the 'warm-up' role")
        previous = self.routine.id
        outcome = self.choose(warm_up)
        if outcome == "chosen":
            self.return_to = previous
        return outcome

    def go_on(self) -> Outcome | None:
        """ "Save and go on" (once saved): choose the routine the warm-up came before.

        Returns the outcome of that choice, or None when there is nothing to go back to.
        """
        if self.return_to is None:
            return None
        target, self.return_to = self.return_to, None
        return self.choose(target)
