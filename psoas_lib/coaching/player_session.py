"""A player session: the rules of running one routine after another, with no widgets.

The notebook player (:class:`psoas_lib.ui.player.Player`) and the terminal runner
(``psoas run``) are views of a :class:`PlayerSession`: a button press or a key becomes a
method call, and at each tick the view draws what :meth:`PlayerSession.tick` returns. The
session holds the timing and the actions (the routine, its timer and cue script, when it
started, whether it was logged, warned about or stopped for pain) and composes four
collaborators, each a module of its own that the views read directly:

- ``warm_up`` (:mod:`~psoas_lib.coaching.warmup_gate`): static holds only after a warm-up
  (:meth:`~PlayerSession.start` says ``"warm-up"``; :meth:`~PlayerSession.warm_up_first`,
  then :meth:`~PlayerSession.go_on`).
- ``dose`` (:mod:`~psoas_lib.coaching.dose_choice`, handed in, e.g. by
  :func:`psoas_lib.plan.levels.journal_dose`): the user's levels or the full dose.
- ``safety_gate`` (:mod:`~psoas_lib.coaching.safety_gate`): the safety state decides
  (``"blocked"``); after a pain stop this player starts nothing more.
- ``checkpointing`` (:mod:`~psoas_lib.coaching.checkpointing`): progress kept on disk, the
  session logged once through it, interrupted sessions offered.

Its own rules: **Start** runs the chosen routine from its beginning, not while it runs.
**Unsaved logs are not dropped silently**: "Start again" or another routine after a session
not saved only warns (``"warned"``) the first time. **Pain stop** stops at once and marks
the session ``pain`` (the exercise under way is :attr:`PlayerSession.pain_exercise`). **The
end** is noticed once: the tick that first sees it says ``offer_log`` (never after a pain
stop, nor once logged).

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

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from psoas_lib.coaching.checkpointing import Checkpointing
from psoas_lib.coaching.cues import Cue, cue_script, due_cue, exercise_names
from psoas_lib.coaching.dose_choice import DoseChooser
from psoas_lib.coaching.safety import SafetyState, read_state
from psoas_lib.coaching.safety_gate import SafetyGate
from psoas_lib.coaching.timer import RoutineTimer, TimerState
from psoas_lib.coaching.warmup_gate import WarmUpGate
from psoas_lib.content.catalog import Catalog
from psoas_lib.content.routine import Routine
from psoas_lib.errors import PsoasError

__all__ = ["NothingToSave", "Outcome", "PlayerSession", "Tick"]

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
        self.clock = clock
        self.home = home
        self.now = now
        self.warm_up = WarmUpGate(home, now=now)
        self.dose = dose or DoseChooser()  # without one: the doses as written
        self.safety_gate = SafetyGate(safety or (lambda: read_state(home)))
        self.checkpointing = Checkpointing(home, clock=clock, keep=keep_progress)
        self.base_catalog = catalog
        self.catalog = self.dose.dosed(catalog)
        self.return_to: str | None = None  # the routine to go on to after the warm-up
        self.pain_exercise: str | None = None
        self.tags: set[str] = set()
        self.load(routine_id if routine_id is not None else next(iter(catalog.routines)))

    # ---- choosing ----------------------------------------------------------------------------
    def _routine(self, routine_id: str) -> Routine:
        if routine_id not in self.catalog.routines:
            raise ValueError(
                f"unknown routine {routine_id!r}: use one of {', '.join(self.catalog.routines)}"
            )
        return self.safety_gate.leave_out(self.catalog.routines[routine_id])

    def load(self, routine_id: str, *, drop: bool = True) -> None:
        """Choose a routine unconditionally (callers apply the warning rules first); the
        checkpoint of the session dropped is removed unless ``drop`` is False."""
        if drop:
            self.checkpointing.drop()
        self.checkpointing.checkpoint = None
        self.routine = self._routine(routine_id)
        self.timer = RoutineTimer(self.routine, clock=self.clock)
        self.names: dict[str, str] = exercise_names(self.routine)
        self.script: list[Cue] = cue_script(self.routine)
        self.started_at: datetime | None = None
        self.logged = self.warned = self.pain = self.ended = self.logged_elsewhere = False
        self.last: TimerState | None = None

    def choose(self, routine_id: str) -> Outcome:
        """Choose another routine: ``blocked``, ``busy`` (one runs), ``warned`` (the first time
        an unsaved session would be dropped), else ``chosen``."""
        self._routine(routine_id)
        if self._refused(routine_id):
            return "blocked"
        if self.active:
            return "busy"
        if self.hold_unsaved():
            return "warned"
        self.load(routine_id)
        return "chosen"

    def reload(self, catalog: Catalog, select: str | None = None) -> bool:
        """Take a new catalog (e.g. with a routine just saved); choose ``select`` (or keep the
        routine, or else the first) unless one runs: True then. A stopped session not saved
        yet keeps its checkpoint: it is offered next time."""
        self.base_catalog = catalog
        self.catalog = self.dose.dosed(catalog)
        if self.active:
            return False
        wanted = select or self.routine.id
        wanted = wanted if wanted in catalog.routines else next(iter(catalog.routines))
        self.load(wanted, drop=not self.unsaved)
        return True

    def set_full_dose(self, on: bool) -> bool:
        """Run the catalog's full dose (True) or the user's levels (False); not while a
        routine runs. The routine stays chosen, with its new doses. False when refused."""
        if self.active:
            return False
        self.dose.full_dose = on
        self.catalog = self.dose.dosed(self.base_catalog)
        self.load(self.routine.id, drop=not self.unsaved)
        return True

    def _refused(self, routine_id: str) -> bool:
        """Ask the safety gate now; a running routine is never refused here (it is busy)."""
        return not self.active and self.safety_gate.refuses(
            self.catalog.routines[routine_id], self.now()
        )

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

    # ---- the warm-up-first flow ------------------------------------------------------------------
    @property
    def warm_up_id(self) -> str | None:
        """The id of the preset with the ``warm-up`` role, if the catalog has one."""
        return self.catalog.role_id("warm-up")

    @property
    def warm_up_due(self) -> bool:
        """True when this routine needs a warm-up now (see :mod:`.warmup_gate`)."""
        return self.warm_up.due(self.routine, self.catalog.routines)

    @property
    def offers_warm_up(self) -> bool:
        """True when this routine should be preceded by the warm-up and there is one."""
        return self.warm_up_due and self.warm_up_id is not None

    @property
    def go_on_target(self) -> Routine | None:
        """After a finished warm-up: the routine to go on to ("Save and go on"), else None."""
        if not self.timer.state().finished or self.routine.id != self.warm_up_id:
            return None
        return self.catalog.routines.get(self.return_to or "")

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
        """ "Save and go on" (once saved): choose the routine the warm-up came before; the
        outcome of that choice, or None when there is nothing to go back to."""
        if self.return_to is None:
            return None
        target, self.return_to = self.return_to, None
        return self.choose(target)

    # ---- controls ------------------------------------------------------------------------------
    def start(self) -> Outcome:
        """Start the chosen routine from its beginning (see the rules on unsaved logs)."""
        if self._refused(self.routine.id):
            return "blocked"
        if self.active:
            return "busy"
        if self.hold_unsaved():
            return "warned"
        if self.warm_up_due:
            return "warm-up"
        tags = self.warm_up.tags(self.routine) | self.dose.tags()
        self.load(self.routine.id)
        self.tags = tags
        self.timer.start()
        self.started_at = self.now()
        r, index = self.routine, self.timer.state().index
        self.checkpointing.start(r.id, r.name, r.total_seconds, self.started_at, index)
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
        self.checkpointing.resumed()  # the pause saved everything: count anew from here
        return True

    def toggle_pause(self) -> bool:
        """Pause when running, resume when paused; False when not active."""
        if not self.active:
            return False
        return self.resume() if self.timer.state().paused else self.pause()

    def start_or_toggle(self) -> Outcome | bool:
        """Space: start a routine not yet started, else pause or resume it."""
        if not self.timer.state().started:
            return self.start()
        return self.toggle_pause()

    def _act(self, action: Callable[[], None], keep: bool = False) -> bool:
        if not self.active:
            return False
        action()
        if keep:
            self.keep()
        return True

    def skip(self) -> bool:
        """Go to the next step; False when not active."""
        return self._act(self.timer.skip)

    def back(self) -> bool:
        """Start this step again (or the previous one in a step's first seconds)."""
        return self._act(self.timer.back)

    def stop(self) -> bool:
        """End the session now; False when not active."""
        return self._act(self.timer.stop, keep=True)

    def pain_stop(self) -> bool:
        """Stop at once for sharp pain; the session is then logged with ``pain_stop``."""
        if not self.active:
            return False
        self.pain_exercise = self.timer.under_way()
        self.timer.stop()
        self.pain = True
        self.safety_gate.pain_stopped()
        self.keep()
        return True

    def tick(self) -> Tick:
        """The state now, the cue due since the last tick, and whether to offer the log."""
        state = self.timer.state()
        cue = due_cue(self.script, self.last, state)
        self.last = state
        offer = state.over and not self.ended and not self.pain and not self.logged
        if state.over and not self.ended and not self.pain:
            self.warm_up.ran(self.routine, self.timer.completed_seconds())
        if state.over:
            self.ended = True
        if not self.logged and self.checkpointing.due(state, self.timer.completed_seconds()):
            self.keep()
        return Tick(state, cue, offer)

    # ---- logging and progress kept on disk -------------------------------------------------------
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
        written = self.checkpointing.log(
            self.timer,
            self.routine,
            self.started_at,
            tightness_before=tightness_before,
            tightness_after=tightness_after,
            pain_stop=self.pain,
            notes=notes,
            tags=self.tags,
        )
        self.logged_elsewhere = not written  # recovered by another player meanwhile
        self.logged = True

    def keep(self) -> bool:
        """Save the progress so far now (a tick does it when due; a view calls it on a
        signal). False when there is no running checkpoint or it cannot be written."""
        return not self.logged and self.checkpointing.keep(self.timer, self.names, self.pain)
