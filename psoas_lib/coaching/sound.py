"""The beep of each cue, synthesized in code: no sound file is fetched or shipped.

A short sine tone with a soft start and end, written as WAV bytes with the standard
library's :mod:`wave` module. Which cue is due, and its text, is :mod:`psoas_lib.coaching.cues`.

>>> from psoas_lib.coaching.cues import Cue
>>> cue_sound(Cue(480, "Well done", "end"))[:4], beep()[8:12]
(b'RIFF', b'WAVE')
"""

from __future__ import annotations

import io
import math
import struct
import wave

from psoas_lib.coaching.cues import Cue

__all__ = ["TONES", "beep", "cue_sound"]

#: (frequency in Hz, length in seconds) of the beep for each kind of cue.
TONES: dict[str, tuple[float, float]] = {
    "start": (880.0, 0.25),
    "countdown": (660.0, 0.12),
    "end": (1046.5, 0.6),
}


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


def cue_sound(cue: Cue, pad: int = 0) -> bytes:
    """The beep for a cue (see :data:`TONES`).

    >>> cue_sound(Cue(480, "Well done", "end")) != cue_sound(Cue(0, "Switch sides"))
    True
    """
    frequency, seconds = TONES[cue.kind]
    return beep(frequency, seconds, pad=pad)
