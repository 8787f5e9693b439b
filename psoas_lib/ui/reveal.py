"""Answers in view: what a press brings is scrolled into view, focused and announced.

A press whose answer shows away from the pressed control (the warm-up question, a
refusal, the pain advice and form, the end of the routine with Save) calls
:meth:`Reveal.show` with the answer's CSS class and its words. In the browser
(``reveal.js``) the part of the player holding that class is scrolled into view (the
smallest scroll that shows it, or its top first), the focus moves to it (or to its first
control matching ``focus``), and the words are said in a live region: ``role="alert"`` for
a refusal or a pain stop, ``role="status"`` otherwise. Both regions are visually hidden.

>>> reveal = Reveal()
>>> reveal.show("psoas-log", "Stopped after 0:12. Log it?")
>>> reveal.target, reveal.text, reveal.urgent, reveal.reveal_id
('psoas-log', 'Stopped after 0:12. Log it?', False, 1)
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Literal

import anywidget
import traitlets

__all__ = ["Reveal"]


class Reveal(anywidget.AnyWidget):
    """Scrolls ``target`` (a CSS class inside the player) into view, focuses it and says
    ``text`` each time ``reveal_id`` changes."""

    _esm = Path(__file__).with_name("reveal.js")

    target = traitlets.Unicode("").tag(sync=True)
    text = traitlets.Unicode("").tag(sync=True)
    urgent = traitlets.Bool(False).tag(sync=True)
    focus = traitlets.Unicode("").tag(sync=True)  # a CSS selector inside the target, or ""
    block = traitlets.Unicode("nearest").tag(sync=True)  # "nearest" or "start"
    reveal_id = traitlets.Int(0).tag(sync=True)
    #: When it was asked (ms since 1970): a view drawn later (the player just opened) still
    #: reveals an answer this fresh, never an old one (a page shown again).
    at_ms = traitlets.Float(0.0).tag(sync=True)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.add_class("psoas-reveal")

    def show(
        self,
        target: str,
        text: str,
        *,
        urgent: bool = False,
        focus: str = "",
        block: Literal["nearest", "start"] = "nearest",
    ) -> None:
        """Bring the part with CSS class ``target`` into view and say ``text``."""
        with self.hold_sync():
            self.target, self.text, self.urgent = target, text, urgent
            self.focus, self.block = focus, block
            self.at_ms = time.time() * 1000
            self.reveal_id += 1
