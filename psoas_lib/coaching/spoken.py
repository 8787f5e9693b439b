"""What the hands-free player says, and when: a pure function of a routine's timeline.

A cue is a phrase at a second of the routine's running time. The same text is spoken and
shown, so what a person hears never differs from what the screen says.

>>> from psoas_lib import load_catalog
>>> script = cue_script(load_catalog().routines["desk-reset"])
>>> for cue in script[:5]:
...     print(cue.at, cue.text)
0 Get ready: Kneeling hip-flexor (psoas) stretch
10 Kneeling hip-flexor (psoas) stretch, left leg. Hold 30 seconds
37 3
38 2
39 1
>>> script[-1]
Cue(at=480, text='Well done', kind='end')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from psoas_lib.content.routine import Routine, Segment

__all__ = ["COUNTDOWN_FROM", "Cue", "cue_script", "cues_between", "segment_phrase"]

#: Seconds before a hold ends at which "3", "2", "1" are said (holds of at least 5 s).
COUNTDOWN_FROM = 3

CueKind = Literal["start", "countdown", "end"]


@dataclass(frozen=True)
class Cue:
    """A phrase to say and show ``at`` seconds of running time into the routine."""

    at: float
    text: str
    kind: CueKind = "start"


def segment_phrase(segment: Segment, names: Mapping[str, str]) -> str:
    """The phrase said when a segment starts.

    >>> from psoas_lib.content.routine import Segment
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


def cue_script(
    routine_or_timeline: Routine | Sequence[Segment], names: Mapping[str, str] | None = None
) -> list[Cue]:
    """Every cue of a routine, in time order: segment starts, 3-2-1 before holds end, the end."""
    if isinstance(routine_or_timeline, Routine):
        timeline = routine_or_timeline.timeline()
        names = {
            **{i.exercise.id: i.exercise.name for i in routine_or_timeline.items},
            **(names or {}),
        }
    else:
        timeline = list(routine_or_timeline)
        names = names or {}
    cues: list[Cue] = []
    start = 0
    for segment in timeline:
        cues.append(Cue(start, segment_phrase(segment, names)))
        end = start + segment.seconds
        if segment.kind == "hold" and segment.seconds > COUNTDOWN_FROM + 1:
            cues.extend(Cue(end - k, str(k), "countdown") for k in range(COUNTDOWN_FROM, 0, -1))
        start = end
    cues.append(Cue(start, "Well done", "end"))
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
