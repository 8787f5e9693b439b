"""The hands-free helper widget: spoken cues, the screen kept awake, keyboard control.

A small anywidget that lives inside the player. Python tells it what to say (``say``, from
the timer's state changes) and whether to keep the screen awake; the browser reports the
phrases it handled (``spoken``), the wake lock's state and the keys pressed. It holds no
timing of its own: speech follows the clock the display follows.

>>> helper = HandsFree()
>>> helper.speak("Switch sides")
>>> helper.say, helper.say_id
('Switch sides', 1)

Milestones go to a polite live region for screen readers (``announce``): a step starting,
"10 seconds left", the end; never the 3-2-1 numbers. The voice is the browser's: the widget
lists the voices once they have loaded (``voiceschanged``) and the person picks one
(``voice_name``, its language goes with it).

>>> from psoas_lib.coaching.cues import Cue
>>> helper.announce_cue(Cue(at=0, text="3", kind="countdown", index=0)); helper.announce_id
0
>>> helper.announce_cue(Cue(at=0, text="Switch sides", kind="start", index=1))
>>> helper.announce, helper.announce_id
('Switch sides', 1)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from psoas_lib.coaching.cues import Cue
from psoas_lib.coaching.milestones import cue_milestone, time_milestone
from psoas_lib.coaching.timer import TimerState

__all__ = ["KEY_HELP", "HandsFree"]

#: The keys the player answers to, shown on its buttons.
#: Esc is not one of them: it leaves the focus view, never stops a session.
KEY_HELP = {"toggle": "Space", "skip": "→", "back": "←", "stop": "S", "pain": "P"}


class HandsFree(anywidget.AnyWidget):
    """Speaks ``say`` when ``say_id`` changes; holds a wake lock while ``keep_awake``."""

    _esm = Path(__file__).with_name("handsfree.js")

    say = traitlets.Unicode("").tag(sync=True)
    say_id = traitlets.Int(0).tag(sync=True)
    voice_on = traitlets.Bool(True).tag(sync=True)
    volume = traitlets.Float(1.0, min=0.0, max=1.0).tag(sync=True)
    keep_awake = traitlets.Bool(False).tag(sync=True)
    spoken = traitlets.List(traitlets.Unicode()).tag(sync=True)
    announce = traitlets.Unicode("").tag(sync=True)
    announce_id = traitlets.Int(0).tag(sync=True)
    voice_name = traitlets.Unicode("").tag(sync=True)  # "" = the browser's default voice
    voices = traitlets.List(traitlets.Unicode()).tag(sync=True)  # "name (lang)", from the browser
    wake_status = traitlets.Unicode("").tag(sync=True)
    key_help = traitlets.Unicode(
        "Keys (click the player first): Space start/pause/resume · → skip · ← back · S stop · "
        "P sharp pain · Esc leaves the focus view"
    ).tag(sync=True)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._key_handlers: list[Callable[[str], None]] = []
        self._last_state: TimerState | None = None
        self.on_msg(self._on_browser_msg)

    def speak(self, text: str) -> None:
        """Say ``text`` (and record it); the same phrase twice is said twice."""
        self.say = text
        self.say_id += 1

    def _announce(self, text: str) -> None:
        self.announce = text
        self.announce_id += 1

    def announce_cue(self, cue: Cue) -> None:
        """Tell the live region a cue that is a milestone (a step starts, the end)."""
        text = cue_milestone(cue)
        if text:
            self._announce(text)

    def announce_time(self, state: TimerState) -> None:
        """At every tick: "10 seconds left" when the step has just crossed it."""
        text = time_milestone(self._last_state, state)
        self._last_state = state
        if text:
            self._announce(text)

    def on_key(self, handler: Callable[[str], None]) -> None:
        """Call ``handler(action)`` for each key: toggle, skip, back, stop or pain."""
        self._key_handlers.append(handler)

    def _on_browser_msg(self, _widget: object, content: dict[str, Any], _buffers: object) -> None:
        action = content.get("action") if isinstance(content, dict) else None
        if action in KEY_HELP:
            for handler in self._key_handlers:
                handler(action)
