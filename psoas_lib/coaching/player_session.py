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
  (with ``pain_stop``) and shows the safety advice instead of the log form.
- **The end** is noticed once: the tick that first sees it says ``offer_log`` (never after
  a pain stop, nor once logged).
- **Warm-up first**: from a routine of static holds that does not begin with a warm-up,
  switch to the preset with the ``warm-up`` role and remember the routine to return to.
  When the warm-up has finished, :attr:`PlayerSession.go_on_target` is that routine and
  :meth:`PlayerSession.go_on` ("Save and go on", after saving) chooses it.

>>> from psoas_lib import load_catalog
>>> now = [0.0]
>>> session = PlayerSession(load_catalog(), "desk-reset", clock=lambda: now[0])
>>> session.start()
'started'
>>> session.tick().cue.text
'Get ready: Kneeling hip-flexor (psoas) stretch'
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

from psoas_lib.coaching.cues import Cue, cue_script, due_cue, exercise_names
from psoas_lib.coaching.session import log_session, needs_warm_up
from psoas_lib.coaching.timer import RoutineTimer, TimerState
from psoas_lib.content.catalog import Catalog
from psoas_lib.content.routine import Routine
from psoas_lib.errors import PsoasError

__all__ = ["NothingToSave", "Outcome", "PlayerSession", "Tick"]

#: What a start or a choice did: done, refused while a routine runs, or only warned.
Outcome = Literal["started", "chosen", "busy", "warned"]


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
    ) -> None:
        self.catalog = catalog
        self.clock = clock
        self.home = home
        self.now = now
        self.return_to: str | None = None
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
        self.load(first)

    # ---- choosing ----------------------------------------------------------------------------
    def _routine(self, routine_id: str) -> Routine:
        if routine_id not in self.catalog.routines:
            raise ValueError(
                f"unknown routine {routine_id!r}: use one of {', '.join(self.catalog.routines)}"
            )
        return self.catalog.routines[routine_id]

    def load(self, routine_id: str) -> None:
        """Choose a routine unconditionally: a fresh timer, nothing started, nothing logged."""
        self.routine = self._routine(routine_id)
        self.timer = RoutineTimer(self.routine, clock=self.clock)
        self.names = exercise_names(self.routine)
        self.script = cue_script(self.routine)
        self.started_at = None
        self.logged = self.warned = self.pain = self.ended = False
        self.last = None

    def choose(self, routine_id: str) -> Outcome:
        """Choose another routine: ``busy`` while one runs, ``warned`` the first time an
        unsaved session would be dropped, else ``chosen``."""
        self._routine(routine_id)
        if self.active:
            return "busy"
        if self.hold_unsaved():
            return "warned"
        self.load(routine_id)
        return "chosen"

    def reload(self, catalog: Catalog, select: str | None = None) -> bool:
        """Take a new catalog (e.g. with a routine just saved); choose ``select`` (or keep the
        routine, or else the first) unless one runs. True when a routine was (re)loaded."""
        self.catalog = catalog
        if self.active:
            return False
        wanted = select or self.routine.id
        self.load(wanted if wanted in catalog.routines else next(iter(catalog.routines)))
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
        return needs_warm_up(self.routine) and self.warm_up_id is not None

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
        if self.active:
            return "busy"
        if self.hold_unsaved():
            return "warned"
        self.load(self.routine.id)
        self.timer.start()
        self.started_at = self.now()
        return "started"

    def pause(self) -> bool:
        """Pause a running routine (Ctrl-C in the terminal); False when not running."""
        if not self.timer.state().running:
            return False
        self.timer.pause()
        return True

    def resume(self) -> bool:
        """Resume a paused routine; False when not paused."""
        if not (self.active and self.timer.state().paused):
            return False
        self.timer.resume()
        return True

    def toggle_pause(self) -> bool:
        """Pause when running, resume when paused; False when not active."""
        if not self.active:
            return False
        self.timer.toggle()
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
        return True

    def pain_stop(self) -> bool:
        """Stop at once for sharp pain; the session is then logged with ``pain_stop``."""
        if not self.active:
            return False
        self.timer.stop()
        self.pain = True
        return True

    def tick(self) -> Tick:
        """The state now, the cue due since the last tick, and whether to offer the log."""
        state = self.timer.state()
        cue = due_cue(self.script, self.last, state)
        self.last = state
        offer = state.over and not self.ended and not self.pain and not self.logged
        if state.over:
            self.ended = True
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
        log_session(
            self.timer,
            self.routine,
            self.started_at,
            home=self.home,
            tightness_before=tightness_before,
            tightness_after=tightness_after,
            pain_stop=self.pain,
            notes=notes,
        )
        self.logged = True

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
