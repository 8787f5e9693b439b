"""The player's dose and warm-up controls: which dose runs, and "I have already warmed up".

Two small widgets the routine player (:class:`~psoas_lib.ui.player.Player`) places beside
its picker. Each is a view of the player's
:class:`~psoas_lib.coaching.player_session.PlayerSession`:

- :class:`DoseChoice`: the doses run at your levels (start easy, step up, step back after a
  pain stop) unless you tick "Full dose", the catalog's doses as written; the line beside it
  says which one runs, and a session run at the full dose is logged with ``[full dose]``.
- :func:`warmed_up_button`: "I have already warmed up for 5 minutes", the other way on from
  a routine of static holds that needs a warm-up first (logged with ``[warmed up]``).

>>> from psoas_lib.coaching.player_session import PlayerSession
>>> from psoas_lib import load_catalog
>>> import tempfile
>>> from psoas_lib.plan.levels import journal_dose
>>> catalog, home = load_catalog(), tempfile.mkdtemp()
>>> session = PlayerSession(catalog, "desk-reset", home=home, dose=journal_dose(catalog, home))
>>> choice = DoseChoice(session, on_change=lambda: None)
>>> choice.note.value
'Doses at your levels: start easy, step up, step back after a pain stop.'
>>> choice.full.value = True
>>> choice.note.value, session.dose.full_dose
("Full dose: the catalog's doses, not your levels. It is logged as such.", True)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from psoas_lib.coaching.dose_choice import DoseChooser
from psoas_lib.coaching.player_session import PlayerSession
from psoas_lib.coaching.session import WARM_UP_CONFIRM
from psoas_lib.ui.kit import button

__all__ = ["FULL_NOTE", "LEVELS_NOTE", "DoseChoice", "dose_note", "warmed_up_button"]

LEVELS_NOTE = "Doses at your levels: start easy, step up, step back after a pain stop."
FULL_NOTE = "Full dose: the catalog's doses, not your levels. It is logged as such."
FIXED_NOTE = "Doses as written in the routine."


def dose_note(dose: DoseChooser) -> str:
    """The line beside the full-dose box: which dose runs (and why the levels are the lowest
    ones, when the journal could not say).

    >>> dose_note(DoseChooser(None))
    'Doses as written in the routine.'
    >>> dose_note(DoseChooser(lambda catalog: catalog, problem="No journal."))  # doctest: +ELLIPSIS
    'Doses at your levels: ... after a pain stop. No journal.'
    """
    if dose.fixed:
        return FIXED_NOTE
    if dose.full_dose:
        return FULL_NOTE
    return LEVELS_NOTE + (" " + dose.problem if dose.problem else "")


class DoseChoice(widgets.HBox):
    """A "Full dose" checkbox and a line saying which dose runs; ``on_change`` redraws."""

    def __init__(self, session: PlayerSession, on_change: Callable[[], None]) -> None:
        self.session = session
        self.on_change = on_change
        self.full = widgets.Checkbox(
            value=session.dose.full_dose,
            description="Full dose",
            indent=False,
            layout=widgets.Layout(width="8em"),
        )
        self.full.add_class("psoas-full-dose")
        self.note = widgets.HTML()
        self.note.add_class("psoas-dose-note")
        self.full.observe(self._toggled, names="value")
        self.show()
        super().__init__([self.full, self.note])
        self.add_class("psoas-dose")

    def show(self) -> None:
        """Say which dose runs (and keep the checkbox as the session has it)."""
        dose = self.session.dose
        self.note.value = dose_note(dose)
        if not dose.fixed:
            self.full.value = dose.full_dose
        self.full.disabled = dose.fixed or self.session.active

    def _toggled(self, change: dict[str, Any]) -> None:
        if change["new"] == self.session.dose.full_dose:
            return
        if not self.session.set_full_dose(bool(change["new"])):  # running: not now
            self.full.value = self.session.dose.full_dose
            return
        self.show()
        self.on_change()


def warmed_up_button(on_click: Callable[[], None]) -> widgets.Button:
    """The "I have already warmed up for 5 minutes" button."""
    made = button(WARM_UP_CONFIRM, "psoas-warmed-up", width="24em", height="3em")
    made.on_click(lambda _: on_click())
    return made
