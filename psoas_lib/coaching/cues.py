"""Cues: which one is due between two timer states, and the beep, synthesized in code.

A cue is due when the segment changes (a new segment starts, or the routine ends) and at
3, 2 and 1 seconds before a hold ends (holds long enough for a countdown: the same rule as
the spoken cue script). :func:`due_cue` is a pure function of two consecutive
:class:`~psoas_lib.coaching.timer.TimerState` snapshots, so a late or missed tick loses nothing but
the cues it jumped over, and only the latest of those is given (no burst of stale beeps).

The beep is a short sine tone with a soft start and end, written as WAV bytes with the
standard library's :mod:`wave` module: no sound file is fetched or shipped.

>>> from psoas_lib.content.routine import Segment
>>> from psoas_lib.coaching.timer import RoutineTimer
>>> now = [0.0]
>>> timer = RoutineTimer([Segment("get-ready", 5), Segment("hold", 10, "a")],
...                      clock=lambda: now[0])
>>> timer.start(); before = timer.state()
>>> now[0] = 5.1; after = timer.state()
>>> due_cue(before, after)
TimerCue(kind='segment', number=None)
>>> now[0] = 12.2; before, after = after, timer.state()
>>> due_cue(before, after)
TimerCue(kind='countdown', number=3)
>>> beep()[:4], beep()[8:12]
(b'RIFF', b'WAVE')
"""

from __future__ import annotations

import io
import math
import struct
import wave
from dataclasses import dataclass
from typing import Literal

from psoas_lib.coaching.spoken import COUNTDOWN_FROM
from psoas_lib.coaching.timer import TimerState

__all__ = ["TONES", "TimerCue", "beep", "countdown_number", "cue_sound", "due_cue", "final_seconds"]

CueKind = Literal["segment", "countdown", "end"]

#: (frequency in Hz, length in seconds) of the beep for each kind of cue.
TONES: dict[str, tuple[float, float]] = {
    "segment": (880.0, 0.25),
    "countdown": (660.0, 0.12),
    "end": (1046.5, 0.6),
}


@dataclass(frozen=True)
class TimerCue:
    """A cue: a segment starts, a countdown number (3, 2, 1), or the end of the routine."""

    kind: CueKind
    number: int | None = None


def _has_countdown(state: TimerState) -> bool:
    return state.segment.kind == "hold" and state.segment.seconds > COUNTDOWN_FROM + 1


def countdown_number(state: TimerState) -> int | None:
    """The countdown number showing (3, 2 or 1) in a hold's last seconds, else None.

    >>> from psoas_lib.content.routine import Segment
    >>> from psoas_lib.coaching.timer import RoutineTimer
    >>> now = [0.0]
    >>> timer = RoutineTimer([Segment("hold", 10, "a")], clock=lambda: now[0])
    >>> timer.start(); now[0] = 6.5
    >>> countdown_number(timer.state())      # 3.5 s left
    >>> now[0] = 7.5
    >>> countdown_number(timer.state())
    3
    """
    if state.over or not _has_countdown(state) or state.remaining > COUNTDOWN_FROM:
        return None
    number = math.ceil(state.remaining)
    return number if number >= 1 else None


def final_seconds(state: TimerState) -> bool:
    """True in the last seconds of a hold: the display changes colour (the visual cue)."""
    return countdown_number(state) is not None


def due_cue(before: TimerState | None, after: TimerState) -> TimerCue | None:
    """The cue due when the timer went from ``before`` to ``after`` (None: nothing new).

    Stopping gives no cue; reaching the end gives ``end``; a new segment (by time, Skip or
    Back) gives ``segment``; crossing 3, 2 or 1 seconds left in a hold gives ``countdown``
    with the smallest number crossed.
    """
    if after.stopped or not after.started:
        return None
    if after.finished:
        return None if before is not None and before.finished else TimerCue("end")
    if before is None or not before.started or before.over or before.index != after.index:
        return TimerCue("segment")
    if not _has_countdown(after) or after.remaining >= before.remaining:
        return None
    crossed = [k for k in range(1, COUNTDOWN_FROM + 1) if after.remaining <= k < before.remaining]
    return TimerCue("countdown", min(crossed)) if crossed else None


def beep(
    frequency: float = 880.0,
    seconds: float = 0.25,
    *,
    volume: float = 0.5,
    rate: int = 22050,
    pad: int = 0,
) -> bytes:
    """A sine tone as mono 16-bit WAV bytes, faded in and out over 10 ms to avoid clicks.

    ``pad`` appends that many silent samples: two beeps that differ only in padding sound
    the same but are different bytes, so a browser plays the second one too.

    >>> data = beep(440, 0.1, rate=8000)
    >>> import io, wave
    >>> with wave.open(io.BytesIO(data)) as w:
    ...     w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()
    (1, 2, 8000, 800)
    """
    frames = int(rate * seconds)
    fade = max(1, int(rate * 0.01))
    peak = 32767 * max(0.0, min(volume, 1.0))
    samples = []
    for n in range(frames):
        envelope = min(1.0, n / fade, (frames - 1 - n) / fade)
        samples.append(int(peak * envelope * math.sin(2 * math.pi * frequency * n / rate)))
    samples.extend([0] * pad)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return buffer.getvalue()


def cue_sound(cue: TimerCue, pad: int = 0) -> bytes:
    """The beep for a cue (see :data:`TONES`).

    >>> cue_sound(TimerCue("end")) != cue_sound(TimerCue("segment"))
    True
    """
    frequency, seconds = TONES[cue.kind]
    return beep(frequency, seconds, pad=pad)
