"""The synthesized beep of each cue."""

from __future__ import annotations

import io
import struct
import wave

from psoas_lib.coaching.cues import Cue
from psoas_lib.coaching.sound import beep, cue_sound


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
    a, b = cue_sound(Cue(11, "3", "countdown")), cue_sound(Cue(12, "2", "countdown"), pad=1)
    assert a != b and len(b) == len(a) + 2
