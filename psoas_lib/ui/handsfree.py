"""The hands-free helper widget: spoken cues, the screen kept awake, keyboard control.

A small anywidget that lives inside the player. Python tells it what to say (``say``, from
the timer's state changes) and whether to keep the screen awake; the browser reports the
phrases it handled (``spoken``), the wake lock's state and the keys pressed. It holds no
timing of its own: speech follows the clock the display follows.

>>> helper = HandsFree()
>>> helper.speak("Switch sides")
>>> helper.say, helper.say_id
('Switch sides', 1)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets

__all__ = ["KEY_HELP", "HandsFree"]

#: The keys the player answers to, shown on its buttons.
KEY_HELP = {"toggle": "Space", "skip": "→", "back": "←", "stop": "Esc", "pain": "P"}


class HandsFree(anywidget.AnyWidget):
    """Speaks ``say`` when ``say_id`` changes; holds a wake lock while ``keep_awake``."""

    _esm = Path(__file__).with_name("handsfree.js")

    say = traitlets.Unicode("").tag(sync=True)
    say_id = traitlets.Int(0).tag(sync=True)
    voice_on = traitlets.Bool(True).tag(sync=True)
    volume = traitlets.Float(1.0, min=0.0, max=1.0).tag(sync=True)
    keep_awake = traitlets.Bool(False).tag(sync=True)
    spoken = traitlets.List(traitlets.Unicode()).tag(sync=True)
    wake_status = traitlets.Unicode("").tag(sync=True)
    key_help = traitlets.Unicode(
        "Keys (click the player first): Space start/pause/resume · → skip · ← back · Esc stop · "
        "P sharp pain"
    ).tag(sync=True)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._key_handlers: list[Callable[[str], None]] = []
        self.on_msg(self._on_browser_msg)

    def speak(self, text: str) -> None:
        """Say ``text`` (and record it); the same phrase twice is said twice."""
        self.say = text
        self.say_id += 1

    def on_key(self, handler: Callable[[str], None]) -> None:
        """Call ``handler(action)`` for each key: toggle, skip, back, stop or pain."""
        self._key_handlers.append(handler)

    def _on_browser_msg(self, _widget: object, content: dict, _buffers: object) -> None:
        action = content.get("action") if isinstance(content, dict) else None
        if action in KEY_HELP:
            for handler in self._key_handlers:
                handler(action)
