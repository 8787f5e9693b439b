"""The dose choice: the routines run at the user's levels, or at the catalog's full dose.

One dose system for every player: each exercise at the user's level (start easy, step up,
step back after a pain stop), unless the user chooses the catalog's full dose (the logged
notes then start with ``[full dose]``). The levels are worked out above this layer
(:func:`psoas_lib.plan.levels.journal_dose` replays the journal); the chooser is handed
``at_levels``, a function giving the catalog at those levels, and applies it unless the full
dose is chosen. Without it the doses run as written (a test's own catalog).

>>> from dataclasses import replace
>>> from psoas_lib import load_catalog
>>> catalog = load_catalog()
>>> levelled = replace(catalog, routines={})          # stands in for the catalog at your levels
>>> choice = DoseChooser(lambda _: levelled)
>>> choice.dosed(catalog) is levelled, choice.levelled, choice.tags()
(True, True, set())
>>> choice.full_dose = True
>>> choice.dosed(catalog) is catalog, choice.levelled, choice.tags()
(True, False, {'full dose'})
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from psoas_lib.coaching.session import FULL_DOSE_TAG
from psoas_lib.content.catalog import Catalog

__all__ = ["DoseChooser"]


@dataclass
class DoseChooser:
    """Which doses run: ``at_levels`` (the catalog at the user's levels) unless
    ``full_dose``; ``problem`` says why the levels are the lowest ones (a journal that could
    not be read), for the view to show."""

    at_levels: Callable[[Catalog], Catalog] | None = None
    full_dose: bool = False
    problem: str | None = None

    @property
    def fixed(self) -> bool:
        """True when there are no levels: the doses run as written, whatever is chosen."""
        return self.at_levels is None

    @property
    def levelled(self) -> bool:
        """True when the routines run at the user's levels (not the catalog's full dose)."""
        return self.at_levels is not None and not self.full_dose

    def dosed(self, catalog: Catalog) -> Catalog:
        """``catalog`` as a player runs it: at the user's levels, or as written."""
        if self.at_levels is None or self.full_dose:
            return catalog
        return self.at_levels(catalog)

    def tags(self) -> set[str]:
        """The tags a session run now is logged with: ``full dose`` when it was chosen."""
        return {FULL_DOSE_TAG} if self.full_dose else set()
