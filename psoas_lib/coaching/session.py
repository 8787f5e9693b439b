"""What a routine player shows and logs, shared by the widget and the terminal runner.

Pure text and arithmetic (no widgets): the countdown as shown, the side, the repetition,
the safety and warm-up advice, and the journal entry a session becomes.

>>> side_text(Segment("hold", 30, "a", "left"))
'Left leg'

The rules of a player session (start, pause, stop, what is logged...) are
:mod:`psoas_lib.coaching.player_session`; m:ss is :mod:`psoas_lib.coaching.clock`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from psoas_lib.coaching.clock import format_clock
from psoas_lib.coaching.timer import RoutineTimer, TimerState
from psoas_lib.content.routine import Routine, Segment

__all__ = [
    "PHASES",
    "SAFETY_ADVICE",
    "WARM_UP_ADVICE",
    "log_session",
    "needs_warm_up",
    "repetition_text",
    "routine_label",
    "side_text",
]

#: Shown on a pain stop (plain text; the widget adds a bold "Stopped.").
SAFETY_ADVICE = (
    "Rest now and let the area settle. Never push through sharp or "
    "radiating pain: it is a signal to stop, not to stretch further. If the pain stays, "
    "comes back each time, or spreads down the leg, see a physiotherapist or a doctor "
    "before you exercise that area again."
)
WARM_UP_ADVICE = (
    "This routine holds static stretches. Warm up for 5–10 minutes first: marching on "
    "the spot, a brisk walk, or the dynamic warm-up routine."
)

PHASES = {
    "get-ready": "Get ready",
    "hold": "Hold",
    "set": "Repetitions",
    "move": "Keep moving",
    "switch": "Switch sides",
    "release": "Release",
    "rest": "Rest",
}


def side_text(segment: Segment, next_segment: Segment | None = None) -> str:
    """Which leg: "Left leg", "Right leg", "Alternating legs"; for pauses, the coming side.

    >>> side_text(Segment("hold", 30, "a", "left"))
    'Left leg'
    >>> side_text(Segment("switch", 5, "a"), Segment("hold", 30, "a", "right"))
    'Next: right leg'
    """
    if segment.is_work:
        if segment.side:
            return f"{segment.side.capitalize()} leg"
        return "Alternating legs" if segment.alternating else ""
    if next_segment is not None and next_segment.side:
        return f"Next: {next_segment.side} leg"
    return ""


def repetition_text(state: TimerState) -> str:
    """ "Repetition 3 of 20" in a set, "Hold 2 of 3" for repeated holds, else ""."""
    seg = state.segment
    if state.rep is not None:
        return f"Repetition {state.rep} of {state.reps}"
    if seg.is_work and seg.rounds > 1:
        return f"{'Hold' if seg.kind == 'hold' else 'Set'} {seg.round} of {seg.rounds}"
    return ""


def needs_warm_up(routine: Routine) -> bool:
    """True for a routine with static holds that does not begin with a warm-up.

    >>> from psoas_lib import load_catalog
    >>> catalog = load_catalog()
    >>> [needs_warm_up(catalog.routines[r]) for r in
    ...  ("desk-reset", "pre-activity-warm-up", "full-programme")]
    [True, False, False]
    """
    has_holds = any(s.kind == "hold" for s in routine.timeline())
    return has_holds and routine.items[0].exercise.category != "warm-up"


def routine_label(routine: Routine) -> str:
    """A routine as listed in the picker: name, length, and whether it is the user's.

    >>> from psoas_lib import load_catalog
    >>> routine_label(load_catalog().routines["desk-reset"])
    'Desk reset · 8:00'
    """
    mine = " (yours)" if routine.source == "user" else ""
    return f"{routine.name}{mine} · {format_clock(routine.total_seconds)}"


def log_session(
    timer: RoutineTimer,
    routine: Routine,
    started_at: datetime,
    *,
    tightness_before: int | None = None,
    tightness_after: int | None = None,
    pain_stop: bool = False,
    notes: str = "",
    home: Path | str | None = None,
) -> None:
    """Write a (possibly partial) session to the journal: what was really done.

    ``completed_s`` is the running time (paused time never counts); ``exercises_done`` the
    exercises whose work was under way or done (see :meth:`RoutineTimer.exercises_done`).
    Raises :class:`~psoas_lib.journal.store.JournalError` when the journal cannot be written.
    """
    from psoas_lib.journal.store import Journal

    Journal(home).add_session(
        started_at=started_at,
        routine_id=routine.id,
        planned_s=routine.total_seconds,
        completed_s=timer.completed_seconds(),
        exercises_done=timer.exercises_done(),
        tightness_before=tightness_before,
        tightness_after=tightness_after,
        pain_stop=pain_stop,
        notes=notes.strip(),
    )
