"""The safety gate: the player session asks the safety state before anything starts.

A thin adapter over :mod:`psoas_lib.coaching.safety`, which holds the rules (red flags,
clearances, pain reports, held-out exercises): the gate asks the state for its
:class:`~psoas_lib.coaching.safety.Verdict` on a routine now, remembers the answer (the
refusal and its ways on, for the view), leaves the held-out exercises out of the routine
that runs, and after a pain stop in this player refuses everything
(:data:`~psoas_lib.coaching.safety.PAIN_AGAIN`).

>>> from datetime import datetime, timezone
>>> from psoas_lib import load_catalog
>>> from psoas_lib.coaching.safety import SafetyState
>>> gate = SafetyGate(lambda: SafetyState())
>>> routine = load_catalog().routines["desk-reset"]
>>> gate.refuses(routine, datetime(2026, 3, 2, tzinfo=timezone.utc)), gate.refusal
(False, None)
>>> gate.pain_stopped(); gate.refuses(routine, datetime(2026, 3, 2, tzinfo=timezone.utc))
True
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from psoas_lib.coaching.safety import PAIN_AGAIN, SafetyState, Verdict, without
from psoas_lib.content.routine import Routine

__all__ = ["SafetyGate"]


class SafetyGate:
    """Ask ``state()`` (read anew at each question) whether a routine may start now."""

    def __init__(self, state: Callable[[], SafetyState]) -> None:
        self.state = state
        self.refusal: Verdict | None = None  # why the last question was refused
        self.verdict: Verdict | None = None  # the safety state's last answer
        self.held_out: tuple[str, ...] = ()  # exercises the safety state leaves out
        self.pain_here = False  # a pain stop in this player: nothing more starts

    def refuses(self, routine: Routine, now: datetime) -> bool:
        """True (and :attr:`refusal` set) when ``routine`` may not start now; the exercises
        held out are remembered for :meth:`leave_out`."""
        if self.pain_here:
            self.refusal = Verdict(False, (PAIN_AGAIN,))
            return True
        verdict = self.state().verdict(routine, now)
        self.verdict, self.refusal = verdict, None if verdict.allowed else verdict
        self.held_out = verdict.held_out
        return not verdict.allowed

    def leave_out(self, routine: Routine) -> Routine:
        """``routine`` without the exercises the last answer held out."""
        return without(routine, self.held_out)

    def pain_stopped(self) -> None:
        """A pain stop in this player: from now on it starts nothing more."""
        self.pain_here = True
