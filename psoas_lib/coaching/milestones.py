"""What a screen reader is told while a routine runs: milestones only, never every second.

The countdown itself is a ``role="timer"`` (read when asked); a polite live region says the
moments that matter: a step starting (the exercise and side, "Switch sides", "Rest. Next
up: ..."), "10 seconds left" in a step of 20 seconds or more, and "Well done" at the end.
The 3-2-1 countdown numbers are spoken and shown, never announced.

>>> from psoas_lib.coaching.cues import Cue
>>> cue_milestone(Cue(at=5, text="Switch sides", kind="start", index=2))
'Switch sides'
>>> cue_milestone(Cue(at=12, text="3", kind="countdown", index=1)) is None
True
"""

from __future__ import annotations

from psoas_lib.coaching.cues import Cue
from psoas_lib.coaching.timer import TimerState

__all__ = ["LEFT_WARNING_S", "cue_milestone", "time_milestone"]

#: "10 seconds left" is announced in steps at least twice this long.
LEFT_WARNING_S = 10


def cue_milestone(cue: Cue) -> str | None:
    """The cue's text when it is a milestone (a step starts, the end), else None."""
    return cue.text if cue.kind in ("start", "end") else None


def time_milestone(before: TimerState | None, after: TimerState) -> str | None:
    """ "10 seconds left" when the timer crossed it within one long working step, else None.

    >>> from psoas_lib.coaching.timer import RoutineTimer
    >>> from psoas_lib.content.routine import Segment
    >>> now = [0.0]
    >>> timer = RoutineTimer([Segment("hold", 30, "a")], clock=lambda: now[0])
    >>> timer.start(); now[0] = 19.5; before = timer.state()
    >>> now[0] = 20.2; time_milestone(before, timer.state())
    '10 seconds left'
    """
    if before is None or before.index != after.index or after.over or not after.running:
        return None
    seg = after.segment
    if not seg.is_work or seg.seconds < 2 * LEFT_WARNING_S:
        return None
    if before.remaining > LEFT_WARNING_S >= after.remaining:
        return f"{LEFT_WARNING_S} seconds left"
    return None
