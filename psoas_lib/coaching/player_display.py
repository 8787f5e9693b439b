"""What a routine player shows for a timer state, without widgets.

:func:`player_display` turns the session's state (its timer's :class:`TimerState`, the
routine, a pain stop) into a :class:`PlayerDisplay`: every text of the stage, the
countdown's colour, which controls may be pressed and the status line. A view only copies
it onto its widgets (``Player.render``), so what it shows is decided here and tested
without a browser or ipywidgets (``tests/test_player_display.py``).

>>> from psoas_lib import load_catalog
>>> from psoas_lib.coaching.timer import RoutineTimer
>>> routine = load_catalog().routines["desk-reset"]
>>> shown = player_display(RoutineTimer(routine).state(), routine)
>>> shown.phase, shown.exercise, shown.countdown, shown.start, shown.start_enabled
('Get ready', 'Marching in place', '10', 'Start', True)
>>> shown.controls_enabled, shown.countdown_colour, shown.status
(False, 'idle', None)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from psoas_lib.clock import format_clock, format_countdown
from psoas_lib.coaching.cues import exercise_names, final_seconds, segment_phrase
from psoas_lib.coaching.session import PHASES, repetition_text, side_text
from psoas_lib.coaching.timer import TimerState
from psoas_lib.content.routine import Routine

__all__ = ["PlayerDisplay", "log_summary", "player_display"]


@dataclass(frozen=True)
class PlayerDisplay:
    """The player's display at one state.

    ``countdown_colour`` is a state of :func:`psoas_lib.ui.theme.countdown_colour` (normal,
    final, idle); ``toggle`` is the Pause button's word; ``controls_enabled`` holds for
    Pause, Skip, Back, Stop and the pain stop; ``status`` is None where the status line
    keeps what it says (a message set by a press, such as a refusal).
    """

    phase: str
    exercise: str
    side: str
    rep: str
    countdown: str
    countdown_colour: str
    segment_fraction: float
    routine_fraction: float
    routine_time: str
    next_up: str
    steps: tuple[str, ...]
    toggle: str
    start: str
    start_enabled: bool
    controls_enabled: bool
    choosing_enabled: bool
    full_dose_enabled: bool
    status: str | None


def _status(state: TimerState, pain: bool) -> str | None:
    if state.paused and not state.over:
        return "Paused: press Resume when you are ready."
    if state.running:
        return ""
    if state.finished:
        return "Finished. Well done!"
    if state.stopped and not pain:
        return "Stopped."
    return None


def player_display(
    state: TimerState,
    routine: Routine,
    *,
    names: Mapping[str, str] | None = None,
    pain: bool = False,
    pain_here: bool = False,
    dose_fixed: bool = False,
) -> PlayerDisplay:
    """What the player shows at ``state`` of ``routine``.

    ``names`` are its exercises' names by id (:func:`exercise_names`, worked out when None);
    ``pain`` is a pain stop in this session (its own status stays), ``pain_here`` one in this
    player (no "Start again" after it), ``dose_fixed`` a dose the full-dose box may not change.
    """
    seg = state.segment
    names = exercise_names(routine) if names is None else names
    item = next((i for i in routine.items if i.exercise.id == seg.exercise_id), None)
    nxt = state.next_segment
    active = state.started and not state.over
    colour = "idle" if not state.running else "final" if final_seconds(state) else "normal"
    return PlayerDisplay(
        phase=PHASES[seg.kind] + (" · next up" if seg.kind == "rest" else ""),
        exercise=names.get(seg.exercise_id or "", ""),
        side=side_text(seg, nxt),
        rep=repetition_text(state),
        countdown=format_countdown(state.remaining),
        countdown_colour=colour,
        segment_fraction=state.segment_fraction,
        routine_fraction=state.fraction_done,
        routine_time=f"{format_clock(state.position)} of {format_clock(state.total)}",
        next_up="Next: " + segment_phrase(nxt, names) if nxt else "Next: the end",
        steps=item.steps if item else (),
        toggle="Resume" if state.paused else "Pause",
        start="Start again" if state.over else "Start",
        start_enabled=not (active or pain_here),
        controls_enabled=active,
        choosing_enabled=not active,
        full_dose_enabled=not (active or dose_fixed),
        status=_status(state, pain),
    )


def log_summary(state: TimerState, done: int, of: int) -> str:
    """The line above the log form: how the session ended, its time and exercises done.

    >>> from psoas_lib.coaching.timer import RoutineTimer
    >>> from psoas_lib.content.routine import Segment
    >>> now = [0.0]
    >>> timer = RoutineTimer([Segment("hold", 100, "a")], clock=lambda: now[0])
    >>> timer.start(); now[0] = 75.0; timer.stop()
    >>> log_summary(timer.state(), 1, 3)
    'Stopped after 1:15; exercises done: 1 of 3. Log it?'
    """
    how = "Finished" if state.finished else "Stopped"
    return f"{how} after {format_clock(state.elapsed)}; exercises done: {done} of {of}. Log it?"
