"""Cues due between two timer states, and the synthesized beep.

Timeline: get-ready 0–4, hold 4–14 (countdown at 11, 12, 13), switch 14–16,
hold 16–19 (3 s: too short for a countdown), set 19–27 (no countdown), end at 27.
"""

from __future__ import annotations

import io
import struct
import wave

import pytest

from psoas_lib.coaching.cues import (
    TimerCue,
    beep,
    countdown_number,
    cue_sound,
    due_cue,
    final_seconds,
)
from psoas_lib.coaching.timer import RoutineTimer
from psoas_lib.content.routine import Segment

TIMELINE = [
    Segment("get-ready", 4, "a"),
    Segment("hold", 10, "a", "left"),
    Segment("switch", 2, "a"),
    Segment("hold", 3, "a", "right"),
    Segment("set", 8, "b", count=4),
]


def states(t1: float | None, t2: float, action: str = ""):
    now = [0.0]
    timer = RoutineTimer(TIMELINE, clock=lambda: now[0])
    timer.start()
    before = None
    if t1 is not None:
        now[0] = t1
        before = timer.state()
    now[0] = t2
    if action:
        getattr(timer, action)()
    return before, timer.state()


@pytest.mark.parametrize(
    ("t1", "t2", "action", "cue"),
    [
        (None, 0, "", TimerCue("segment")),  # the first segment starts
        (0, 1, "", None),
        (3.9, 4.0, "", TimerCue("segment")),
        (10, 10.9, "", None),  # 3.1 s left
        (10.9, 11.0, "", TimerCue("countdown", 3)),
        (11.0, 11.5, "", None),
        (11.5, 12.0, "", TimerCue("countdown", 2)),
        (12.25, 13.25, "", TimerCue("countdown", 1)),
        (10.5, 13.5, "", TimerCue("countdown", 1)),  # a late tick: only the latest number
        (13.5, 14.2, "", TimerCue("segment")),
        (16.5, 17.5, "", None),  # a 3 s hold has no countdown
        (24, 26, "", None),  # nor has a set
        (26, 28, "", TimerCue("end")),
        (27, 30, "", None),  # the end is cued once
        (5, 5, "skip", TimerCue("segment")),  # Skip starts a segment too
        (5, 6, "stop", None),  # Stop: no cue
        (12.5, 12.5, "pause", None),
    ],
)
def test_due_cue(t1, t2, action, cue):
    assert due_cue(*states(t1, t2, action)) == cue


@pytest.mark.parametrize(
    ("t", "number"),
    [(0, None), (10.9, None), (11, 3), (11.2, 3), (12.1, 2), (13.99, 1), (17.5, None), (26, None)],
)
def test_countdown_number_and_colour(t, number):
    _, state = states(None, t)
    assert countdown_number(state) == number
    assert final_seconds(state) == (number is not None)


def test_beep_is_a_sine_wav():
    data = beep(1000, 0.05, volume=1.0, rate=8000)
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 8000)
        raw = w.readframes(w.getnframes())
    samples = struct.unpack(f"<{len(raw) // 2}h", raw)
    assert len(samples) == 400
    assert samples[0] == 0  # faded in: no click
    # 1000 Hz at 8000 samples/s: 8 samples a period; sample 82 = 10 periods and a quarter:
    # the crest, past the 80-sample fade-in. Sample 84 is half a period: a zero crossing.
    assert samples[82] in (32766, 32767)
    assert abs(samples[84]) <= 1
    assert max(samples) <= 32767 and min(samples) >= -32767


def test_padded_beeps_differ_but_sound_alike():
    a, b = cue_sound(TimerCue("countdown", 3)), cue_sound(TimerCue("countdown", 2), pad=1)
    assert a != b and len(b) == len(a) + 2
