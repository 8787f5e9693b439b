"""The offer a player shows when it opens and finds an interrupted session.

One line per session nobody runs any more (the kernel restarted, the tab or the server
closed, ``psoas run`` killed): "Not finished: Desk reset, started 18:32, 3:10 done: log it,
or discard it", with two buttons. "Log it" writes what was done, marked as recovered;
"Discard it" forgets it. A session that ended on a pain stop says so ("stopped for sharp
pain"), and discarding it keeps its pain stop. Either way the line then says what happened,
in plain words; a problem is one line, never a traceback. Once a session is settled the
player asks the safety gate again (``on_settled``): a pain stop just logged or kept holds
what it holds in the players. The rules are the session's
(:class:`~psoas_lib.coaching.player_session.PlayerSession` ``checkpointing``: ``unfinished``,
``recover``, ``discard``); this is only their view.

>>> import tempfile
>>> from psoas_lib import load_catalog
>>> from psoas_lib.coaching.player_session import PlayerSession
>>> banner = recovery_banner(PlayerSession(load_catalog(), home=tempfile.mkdtemp()))
>>> banner.layout.display, len(banner.children)
('none', 0)
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from psoas_lib.coaching.player_session import PlayerSession
from psoas_lib.errors import PsoasError
from psoas_lib.journal.checkpoint import Checkpoint
from psoas_lib.ui.kit import button, html, show

__all__ = ["recovery_banner"]


def recovery_banner(
    session: PlayerSession, on_settled: Callable[[], None] | None = None
) -> widgets.VBox:
    """A box offering each unfinished session (hidden when there is none); ``on_settled()``
    after one is logged or discarded (the player asks the safety gate again)."""
    box = widgets.VBox(layout=widgets.Layout(display="none"))
    box.add_class("psoas-recovery")
    try:
        found = session.checkpointing.unfinished()
    except (PsoasError, OSError) as err:
        found = []
        box.children = [_text(f"Cannot look for unfinished sessions: {err}")]
    box.children = [*box.children, *(_text(p) for p in session.checkpointing.store.problems)]
    box.children = [*box.children, *(_offer(session, c, on_settled) for c in found)]
    show(box, bool(box.children))
    return box


def _text(message: str) -> widgets.HTML:
    return html("psoas-recovery-text", escape(message), style={"font_size": "18px"})


def _offer(
    session: PlayerSession, checkpoint: Checkpoint, on_settled: Callable[[], None] | None
) -> widgets.HBox:
    text = _text(f"Not finished: {checkpoint.describe()}: log it, or discard it?")
    log = widgets.Button(  # ipywidgets' "primary" blue is 3.0:1 with white: this one 5.9:1
        description="Log it", style={"button_color": "#1565c0", "text_color": "#fff"}
    )
    log.add_class("psoas-recover-log")
    drop = button("Discard it", "psoas-recover-discard")
    row = widgets.HBox([text, log, drop])
    row.add_class("psoas-recovery-offer")

    def settle(logging: bool) -> None:
        try:
            kept = session.checkpointing
            done = kept.recover(checkpoint) if logging else kept.discard(checkpoint)
        except (PsoasError, OSError) as err:
            text.value = escape(f"{checkpoint.describe()}: not logged: {err}")
            return
        if not done:
            message = "already logged or discarded elsewhere: nothing to do."
        elif logging:
            message = "logged in your journal, marked as recovered."
        elif checkpoint.pain_stop:
            message = "discarded; its pain stop is kept in your journal."
        else:
            message = "discarded."
        text.value = escape(f"{checkpoint.describe()}: {message}")
        row.children = [text]
        if on_settled is not None:
            on_settled()

    log.on_click(lambda _: settle(True))
    drop.on_click(lambda _: settle(False))
    return row
