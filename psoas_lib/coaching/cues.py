"""The one cue system: what the players say, show and beep, and when.

The **script** of a routine (:func:`cue_script`) is a pure function of its timeline: a
phrase when each segment starts, "3", "2", "1" before a hold long enough for a countdown
ends (:func:`has_countdown`, the one countdown rule), and "Well done" at the end. Every
player uses it: the notebook player shows and speaks the script's text (hands-free), the
terminal runner prints it, and the tests read it.

While a routine runs, :func:`due_cue` picks the script's cue that is due between two
consecutive :class:`~psoas_lib.coaching.timer.TimerState` snapshots: a late or missed tick
loses nothing but the cues it jumped over, and only the latest of those is given (no burst
of stale beeps). The beep itself is in :mod:`psoas_lib.coaching.sound`.

**Form cues** (kind ``form``) come from each exercise's ``form_cues`` in the catalog: every
hold and set shows one (:func:`form_cue_texts`, the exercise's cues taken in turn, one per
hold), and with "coach cues" on the voice says it :data:`FORM_CUE_AFTER_S` seconds into
holds and sets long enough for it (:func:`form_cue_script`, :func:`due_form_cue`), after the
start phrase and before the countdown.

>>> from psoas_lib import load_catalog
>>> script = cue_script(load_catalog().routines["post-workout-release"])
>>> for cue in script[2:7]:
...     print(cue.at, cue.text)
110 Rest. Next up: Kneeling hip-flexor (psoas) stretch
130 Kneeling hip-flexor (psoas) stretch, left leg. Hold 30 seconds
157 3
158 2
159 1
>>> script[-1].at, script[-1].text, script[-1].kind    # 8:20, the routine's length
(500, 'Well done', 'end')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from psoas_lib.coaching.timer import TimerState
from psoas_lib.content.routine import Routine, Segment

__all__ = [
    "BREATH_S",
    "COUNTDOWN_FROM",
    "Cue",
    "breath_phase",
    "countdown_number",
    "cue_script",
    "cues_between",
    "due_cue",
    "due_form_cue",
    "final_seconds",
    "form_cue_script",
    "form_cue_texts",
    "has_countdown",
    "routine_form_cues",
    "segment_phrase",
    "shows_pacer",
]

#: Seconds before a hold ends at which "3", "2", "1" are said (holds of at least 5 s).
COUNTDOWN_FROM = 3

#: Seconds into a hold or set at which its form cue is said (the start phrase comes first).
FORM_CUE_AFTER_S = 4
#: The shortest hold or set whose form cue is said: the start phrase, the cue (about 3 s)
#: and the countdown fit in 10 s.
FORM_CUE_MIN_S = 10
#: The segments that show a form cue: static holds and sets of repetitions.
FORM_KINDS = ("hold", "set")

CueKind = Literal["start", "countdown", "end", "form"]


@dataclass(frozen=True)
class Cue:
    """A phrase to say and show ``at`` seconds into the timeline, for segment ``index``.

    ``kind`` is ``start`` (a segment starts), ``countdown`` (the text is the number),
    ``end`` (``index`` is then the number of segments) or ``form`` (a form cue, said only
    when the user turns on coach cues).
    """

    at: float
    text: str
    kind: CueKind = "start"
    index: int = 0

    @property
    def number(self) -> int | None:
        """The countdown number (3, 2, 1), or None for other cues.

        >>> Cue(7, "2", "countdown").number, Cue(0, "Switch sides").number
        (2, None)
        """
        return int(self.text) if self.kind == "countdown" else None


def has_countdown(segment: Segment) -> bool:
    """True for a hold long enough to count down its last seconds (more than 4 s).

    >>> has_countdown(Segment("hold", 5, "a")), has_countdown(Segment("hold", 4, "a"))
    (True, False)
    >>> has_countdown(Segment("set", 40, "a", count=8))
    False
    """
    return segment.kind == "hold" and segment.seconds > COUNTDOWN_FROM + 1


def segment_phrase(segment: Segment, names: Mapping[str, str]) -> str:
    """The phrase said when a segment starts.

    >>> names = {"knee-to-chest": "Knee-to-chest stretch", "psoas-march": "Psoas march"}
    >>> segment_phrase(Segment("switch", 5, "knee-to-chest"), names)
    'Switch sides'
    >>> segment_phrase(Segment("rest", 15, "psoas-march"), names)
    'Rest. Next up: Psoas march'
    >>> segment_phrase(Segment("set", 80, "psoas-march", count=20, alternating=True), names)
    'Psoas march, alternating legs. 20 repetitions'
    """
    name = names.get(segment.exercise_id or "", segment.exercise_id or "")
    if segment.kind == "get-ready":
        return f"Get ready: {name}"
    if segment.kind == "rest":
        return f"Rest. Next up: {name}"
    if segment.kind == "switch":
        return "Switch sides"
    if segment.kind == "release":
        return "Release and relax"
    where = (
        f"{segment.side} leg"
        if segment.side
        else ("alternating legs" if segment.alternating else "")
    )
    head = f"{name}, {where}" if where else name
    if segment.kind == "hold":
        return f"{head}. Hold {segment.seconds} seconds"
    if segment.kind == "set":
        return f"{head}. {segment.count} repetitions"
    return f"{head}. Keep moving for {segment.seconds} seconds"


def exercise_names(routine: Routine) -> dict[str, str]:
    """The names of a routine's exercises by id (what the cues and displays call them).

    >>> from psoas_lib import load_catalog
    >>> exercise_names(load_catalog().routines["strength-builder"])["psoas-march"]
    'Psoas march'
    """
    return {item.exercise.id: item.exercise.name for item in routine.items}


def cue_script(
    routine_or_timeline: Routine | Sequence[Segment], names: Mapping[str, str] | None = None
) -> list[Cue]:
    """Every cue of a routine, in time order: segment starts, 3-2-1 before holds end, the end."""
    if isinstance(routine_or_timeline, Routine):
        timeline = routine_or_timeline.timeline()
        names = {**exercise_names(routine_or_timeline), **(names or {})}
    else:
        timeline = list(routine_or_timeline)
        names = names or {}
    cues: list[Cue] = []
    start = 0
    for index, segment in enumerate(timeline):
        cues.append(Cue(start, segment_phrase(segment, names), "start", index))
        end = start + segment.seconds
        if has_countdown(segment):
            cues.extend(
                Cue(end - k, str(k), "countdown", index) for k in range(COUNTDOWN_FROM, 0, -1)
            )
        start = end
    cues.append(Cue(start, "Well done", "end", len(timeline)))
    return cues


def cues_between(script: Sequence[Cue], after: float, until: float) -> list[Cue]:
    """The cues due in the running-time interval ``(after, until]`` (none when time went back).

    >>> script = [Cue(0, "a"), Cue(5, "b"), Cue(9, "c")]
    >>> [c.text for c in cues_between(script, 0, 9)]
    ['b', 'c']
    >>> cues_between(script, 9, 4)
    []
    """
    return [cue for cue in script if after < cue.at <= until]


def due_cue(script: Sequence[Cue], before: TimerState | None, after: TimerState) -> Cue | None:
    """The cue of ``script`` due when the timer went from ``before`` to ``after`` (None: none).

    Stopping gives no cue; reaching the end gives the ``end`` cue (once); a new segment (by
    time, Skip or Back) gives that segment's ``start`` cue; crossing 3, 2 or 1 seconds left
    in a hold gives the latest countdown cue crossed.

    >>> from psoas_lib.coaching.timer import RoutineTimer
    >>> timeline = [Segment("get-ready", 5), Segment("hold", 10, "a")]
    >>> now = [0.0]
    >>> timer = RoutineTimer(timeline, clock=lambda: now[0])
    >>> script = cue_script(timeline, {"a": "Lunge"})
    >>> timer.start(); before = timer.state()
    >>> now[0] = 5.1; after = timer.state()
    >>> due_cue(script, before, after).text
    'Lunge. Hold 10 seconds'
    >>> now[0] = 12.2; before, after = after, timer.state()
    >>> due_cue(script, before, after)
    Cue(at=12, text='3', kind='countdown', index=1)
    """
    if after.stopped or not after.started:
        return None
    if after.finished:
        return None if before is not None and before.finished else script[-1]
    if before is None or not before.started or before.over or before.index != after.index:
        return next(c for c in script if c.kind == "start" and c.index == after.index)
    crossed = [
        c
        for c in script
        if c.kind == "countdown"
        and c.index == after.index
        and before.position < c.at <= after.position
    ]
    return crossed[-1] if crossed else None


def countdown_number(state: TimerState) -> int | None:
    """The countdown number showing (3, 2 or 1) in a hold's last seconds, else None.

    >>> from psoas_lib.coaching.timer import RoutineTimer
    >>> now = [0.0]
    >>> timer = RoutineTimer([Segment("hold", 10, "a")], clock=lambda: now[0])
    >>> timer.start(); now[0] = 6.5
    >>> countdown_number(timer.state())      # 3.5 s left
    >>> now[0] = 7.5
    >>> countdown_number(timer.state())
    3
    """
    if state.over or not has_countdown(state.segment) or state.remaining > COUNTDOWN_FROM:
        return None
    number = math.ceil(state.remaining)
    return number if number >= 1 else None


def final_seconds(state: TimerState) -> bool:
    """True in the last seconds of a hold: the display changes colour (the visual cue)."""
    return countdown_number(state) is not None


def form_cue_texts(
    timeline: Sequence[Segment], form_cues: Mapping[str, Sequence[str]]
) -> dict[int, str]:
    """The form cue of each hold and set (segment index: text), the exercise's cues in turn.

    ``form_cues`` maps exercise ids to their cues; the n-th hold or set of an exercise in the
    timeline (0-based) shows cue ``n`` modulo their number.

    >>> timeline = [Segment("get-ready", 10, "a"), Segment("hold", 30, "a", "left"),
    ...             Segment("switch", 5, "a"), Segment("hold", 30, "a", "right"),
    ...             Segment("hold", 30, "a", "left", round=2), Segment("set", 40, "b")]
    >>> form_cue_texts(timeline, {"a": ["Tuck", "Flat back"]})
    {1: 'Tuck', 3: 'Flat back', 4: 'Tuck'}
    """
    texts: dict[int, str] = {}
    seen: dict[str, int] = {}
    for index, segment in enumerate(timeline):
        cues = form_cues.get(segment.exercise_id or "")
        if segment.kind not in FORM_KINDS or not cues or segment.exercise_id is None:
            continue
        n = seen.get(segment.exercise_id, 0)
        seen[segment.exercise_id] = n + 1
        texts[index] = cues[n % len(cues)]
    return texts


def routine_form_cues(routine: Routine) -> dict[str, tuple[str, ...]]:
    """The form cues of a routine's exercises by id (from the catalog's coaching fields).

    >>> from psoas_lib import load_catalog
    >>> routine_form_cues(load_catalog().routines["strength-builder"])["psoas-march"][0]
    'Keep the knee at 90° as the leg lowers.'
    """
    return {item.exercise.id: item.exercise.coaching.form_cues for item in routine.items}


def form_cue_script(
    routine_or_timeline: Routine | Sequence[Segment],
    form_cues: Mapping[str, Sequence[str]] | None = None,
) -> list[Cue]:
    """The spoken form cues: one per hold or set of at least :data:`FORM_CUE_MIN_S` seconds,
    :data:`FORM_CUE_AFTER_S` seconds after it starts (time order).

    >>> timeline = [Segment("hold", 30, "a"), Segment("rest", 15, "b"), Segment("hold", 5, "b")]
    >>> form_cue_script(timeline, {"a": ["Tuck"], "b": ["Squeeze"]})
    [Cue(at=4, text='Tuck', kind='form', index=0)]
    """
    if isinstance(routine_or_timeline, Routine):
        timeline = routine_or_timeline.timeline()
        form_cues = {**routine_form_cues(routine_or_timeline), **(form_cues or {})}
    else:
        timeline = list(routine_or_timeline)
        form_cues = form_cues or {}
    texts = form_cue_texts(timeline, form_cues)
    cues: list[Cue] = []
    start = 0
    for index, segment in enumerate(timeline):
        if index in texts and segment.seconds >= FORM_CUE_MIN_S:
            cues.append(Cue(start + FORM_CUE_AFTER_S, texts[index], "form", index))
        start += segment.seconds
    return cues


def due_form_cue(script: Sequence[Cue], before: TimerState | None, after: TimerState) -> Cue | None:
    """The form cue due when the timer went from ``before`` to ``after`` (None: none).

    Only while running and within one segment: a cue is due once its time is crossed, so a
    hold entered by Skip or Back gives its cue when its time comes, and a jump past it (or a
    pause) gives nothing twice.

    >>> from psoas_lib.coaching.timer import RoutineTimer
    >>> now = [0.0]
    >>> timeline = [Segment("hold", 30, "a")]
    >>> timer = RoutineTimer(timeline, clock=lambda: now[0])
    >>> script = form_cue_script(timeline, {"a": ["Tuck your pelvis"]})
    >>> timer.start(); before = timer.state()
    >>> now[0] = 4.2; after = timer.state()
    >>> due_form_cue(script, before, after).text
    'Tuck your pelvis'
    >>> now[0] = 4.5; print(due_form_cue(script, after, timer.state()))
    None
    """
    if before is None or not after.running or before.index != after.index:
        return None
    crossed = [
        c
        for c in script
        if c.kind == "form" and c.index == after.index and before.position < c.at <= after.position
    ]
    return crossed[-1] if crossed else None


#: The breathing pacer: seconds of each breath in and each breath out, in static holds.
BREATH_S = 5

BreathPhase = Literal["in", "out"]


def breath_phase(seconds_into_hold: float) -> BreathPhase:
    """Breathe in or out, ``seconds_into_hold`` seconds into a static hold (5 s each).

    The pacer starts every hold on a breath in, so it follows the timer (a pause stops it).

    >>> [breath_phase(s) for s in (0, 4.9, 5, 9.9, 10)]
    ['in', 'in', 'out', 'out', 'in']
    """
    return "in" if int(max(seconds_into_hold, 0) // BREATH_S) % 2 == 0 else "out"


def shows_pacer(segment: Segment) -> bool:
    """True for a segment the breathing pacer runs in: static holds only.

    >>> shows_pacer(Segment("hold", 30, "a")), shows_pacer(Segment("set", 60, "b", count=20))
    (True, False)
    """
    return segment.kind == "hold"
