"""What a routine player shows and logs, shared by the widget and the terminal runner.

Pure text and arithmetic (no widgets): the countdown as shown, the side, the repetition,
the safety and warm-up advice, and the journal entry a session becomes.

>>> side_text(Segment("hold", 30, "a", "left"))
'Left leg'

The rules of a player session (start, pause, stop, what is logged...) are
:mod:`psoas_lib.coaching.player_session`; m:ss is :mod:`psoas_lib.clock`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psoas_lib.clock import format_clock
from psoas_lib.coaching.timer import RoutineTimer, TimerState
from psoas_lib.content.routine import Routine, Segment

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FULL_DOSE_TAG",
    "PHASES",
    "SAFETY_ADVICE",
    "WARMED_UP_TAG",
    "WARM_UP_ADVICE",
    "WARM_UP_CONFIRM",
    "WARM_UP_MIN_S",
    "WARM_UP_VALID_S",
    "log_session",
    "needs_warm_up",
    "recent_warm_up",
    "repetition_text",
    "routine_label",
    "session_tags",
    "side_text",
    "tag_notes",
    "warm_up_seconds",
]

#: Shown on a pain stop (plain text; the widget adds a bold "Stopped.").
SAFETY_ADVICE = (
    "Rest now and let the area settle. Never push through sharp or "
    "radiating pain: it is a signal to stop, not to stretch further. If the pain stays, "
    "comes back each time, or spreads down the leg, see a physiotherapist or a doctor "
    "before you exercise that area again."
)
WARM_UP_ADVICE = (
    "This routine holds still positions (stretches or strength holds). Warm up for 5–10 "
    "minutes first: marching on the spot, a brisk walk, or the dynamic warm-up routine."
)
#: What a person confirms instead of running the warm-up (recorded in the session).
WARM_UP_CONFIRM = "I have already warmed up for 5 minutes"

#: Seconds of dynamic moves at a routine's start that make it warmed up by its content.
WARM_UP_MIN_S = 5 * 60
#: A warm-up logged this long ago (or less) still counts.
WARM_UP_VALID_S = 30 * 60

# Tags written at the start of a logged session's notes, so the journal's columns stay as
# they are (old journals load unchanged) and a program can still read them back:
# "[warmed up] [full dose] my note". See :func:`session_tags`.
#: The user confirmed :data:`WARM_UP_CONFIRM` before this session.
WARMED_UP_TAG = "warmed up"
#: The user chose the catalog's full dose instead of their levels.
FULL_DOSE_TAG = "full dose"
_TAGS = (WARMED_UP_TAG, FULL_DOSE_TAG)
_TAG_RE = re.compile(r"^\[(" + "|".join(re.escape(t) for t in _TAGS) + r")\]\s*")

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


def warm_up_seconds(routine: Routine, done_s: int | None = None) -> int:
    """Seconds of dynamic moves at the routine's start, before its first other exercise
    (within its first ``done_s`` seconds, when given: how much of it a session did).

    >>> from psoas_lib import load_catalog
    >>> routines = load_catalog().routines
    >>> warm_up_seconds(routines["pre-activity-warm-up"])   # 180 s marching + 4 × 30 s swings
    300
    >>> warm_up_seconds(routines["strength-builder"]), warm_up_seconds(routines["desk-reset"], 100)
    (0, 90)
    """
    moved, position = 0, 0
    limit = done_s if done_s is not None else routine.total_seconds
    for seg in routine.timeline():
        if seg.is_work and seg.kind != "move":
            break
        if seg.kind == "move":
            moved += max(0, min(seg.seconds, limit - position))
        position += seg.seconds
        if position >= limit:
            break
    return moved


def needs_warm_up(routine: Routine) -> bool:
    """True for a routine with static holds that does not open with at least
    :data:`WARM_UP_MIN_S` of dynamic moves (it is warmed up by its content, not by the
    category of its first exercise).

    >>> from psoas_lib import load_catalog, make_routine
    >>> catalog = load_catalog()
    >>> [needs_warm_up(catalog.routines[r]) for r in
    ...  ("post-workout-release", "pre-activity-warm-up", "full-programme", "desk-reset")]
    [True, False, False, False]
    >>> needs_warm_up(make_routine(catalog, "Quick", ["leg-swings", "low-lunge"]))  # 60 s
    True
    """
    has_holds = any(s.kind == "hold" for s in routine.timeline())
    return has_holds and warm_up_seconds(routine) < WARM_UP_MIN_S


def recent_warm_up(
    sessions: pd.DataFrame, routines: dict[str, Routine] | Any, now: datetime
) -> bool:
    """True when the journal holds a warm-up that ended at most :data:`WARM_UP_VALID_S`
    before ``now``: a session (not stopped for pain) that did at least
    :data:`WARM_UP_MIN_S` of its routine's opening dynamic moves.

    ``sessions`` is :meth:`Journal.sessions`'s frame; ``routines`` maps ids to routines (a
    session of a routine no longer known does not count). Its end is taken as its start
    plus the time done (paused time is not logged, so it may have ended later, never sooner).
    """
    import pandas as pd

    if sessions.empty:
        return False
    now_utc = pd.Timestamp(now).tz_convert("UTC")
    for row in sessions.to_dict("records"):
        routine = routines.get(str(row["routine_id"]))
        if routine is None or bool(row["pain_stop"]):
            continue
        done = int(row["completed_s"])
        started = pd.Timestamp(row["started_at"])
        ended = started.tz_convert("UTC") + pd.Timedelta(seconds=done)
        if not timedelta(0) <= now_utc - ended <= timedelta(seconds=WARM_UP_VALID_S):
            continue
        if warm_up_seconds(routine, done) >= WARM_UP_MIN_S:
            return True
    return False


def tag_notes(notes: str, tags: Iterable[str]) -> str:
    """Notes with the session's tags in front, as the journal keeps them.

    >>> tag_notes("felt good", [WARMED_UP_TAG, FULL_DOSE_TAG])
    '[warmed up] [full dose] felt good'
    >>> tag_notes("", [])
    ''
    """
    front = " ".join(f"[{t}]" for t in _TAGS if t in set(tags))
    return " ".join(p for p in (front, notes.strip()) if p)


def session_tags(notes: object) -> tuple[set[str], str]:
    """The tags at the start of a logged session's notes, and the note without them.

    >>> tags, note = session_tags("[warmed up] [full dose] felt good")
    >>> sorted(tags), note
    (['full dose', 'warmed up'], 'felt good')
    >>> session_tags("[sic] an old note"), session_tags(float("nan"))
    ((set(), '[sic] an old note'), (set(), ''))
    """
    text = notes if isinstance(notes, str) else ""
    tags: set[str] = set()
    while match := _TAG_RE.match(text):
        tags.add(match.group(1))
        text = text[match.end() :]
    return tags, text


def routine_label(routine: Routine) -> str:
    """A routine as listed in the picker: name, length, and whether it is the user's.

    >>> from psoas_lib import load_catalog
    >>> routine_label(load_catalog().routines["strength-builder"])
    'Strength builder · 9:50'
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
    tags: Iterable[str] = (),
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
        notes=tag_notes(notes, tags),
    )
