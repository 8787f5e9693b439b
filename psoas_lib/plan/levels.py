"""Your levels now: the journal replayed by the progression rules, with your plan's choice.

:mod:`psoas_lib.plan.progression` holds the rules; this module reads what they run on (the
journal's sessions, the plan's ``beyond_top_dose``) and hands the players their dose
(:class:`~psoas_lib.coaching.dose_choice.DoseChooser`): every routine at these levels unless
the user chooses the catalog's full dose.

>>> import tempfile
>>> from psoas_lib import load_catalog
>>> catalog = load_catalog()
>>> dose = journal_dose(catalog, tempfile.mkdtemp())       # a new user: the lowest levels
>>> [r.total_seconds for r in (dose.dosed(catalog).routines["desk-reset"],
...                            catalog.routines["desk-reset"])]
[695, 795]
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from psoas_lib.coaching.dose_choice import DoseChooser
from psoas_lib.content.catalog import Catalog
from psoas_lib.errors import PsoasError
from psoas_lib.paths import data_home
from psoas_lib.plan.programme import as_written
from psoas_lib.plan.progression import Progression, levelled_catalog, replay_progression
from psoas_lib.plan.weekly import load_plan

__all__ = [
    "FROM_JOURNAL",
    "JOURNAL_SESSIONS_FILE",
    "journal_dose",
    "journal_progression",
    "level_dose",
]

#: journal.store.SESSIONS_FILE, named here so ``psoas list`` need not import the journal
#: (filelock, pandas) to see that there is nothing to replay (a test keeps them equal).
JOURNAL_SESSIONS_FILE = "sessions.csv"
#: The players' ``levels`` argument: read the user's levels from the journal.
FROM_JOURNAL = "journal"


def journal_progression(catalog: Catalog, home: Path | str | None = None) -> Progression:
    """The levels your journal has reached (the one dose system of every player and of
    ``psoas run`` / ``psoas list``), with your plan's ``beyond_top_dose`` choice; the routines
    of your physiotherapist's programme keep its doses (``as_written``).

    A plan that cannot be read counts as no plan; a journal that cannot be read raises
    (:func:`journal_dose` then says so and starts at the lowest levels).

    >>> import tempfile
    >>> from psoas_lib import load_catalog
    >>> journal_progression(load_catalog(), tempfile.mkdtemp()).levels["ground-bridge"].describe()
    'hold 5 s × 5 (level 1 of 4)'
    """
    try:
        plan = load_plan(catalog, home)
    except (PsoasError, OSError):
        plan = None
    beyond = bool(plan and plan.beyond_top_dose)
    sessions = None
    if _has_sessions(home):
        from psoas_lib.journal.store import Journal

        sessions = Journal(home).sessions()
    progression = replay_progression(sessions, catalog, beyond_top_dose=beyond)
    return replace(progression, as_written=as_written(home))


def _has_sessions(home: Path | str | None) -> bool:
    """True when the sessions file holds more than its header (read without pandas)."""
    path = (Path(home) if home is not None else data_home()) / JOURNAL_SESSIONS_FILE
    try:
        with path.open("rb") as f:
            return len(f.readlines(4096)) > 1
    except OSError:
        return False


def level_dose(
    progression: Progression | None, *, full_dose: bool = False, problem: str | None = None
) -> DoseChooser:
    """The dose of a player: ``progression``'s levels (None: the doses as written)."""
    if progression is None:
        return DoseChooser(full_dose=full_dose, problem=problem)
    at_levels = functools.partial(_at_levels, progression=progression)
    return DoseChooser(at_levels, full_dose=full_dose, problem=problem)


def _at_levels(catalog: Catalog, progression: Progression) -> Catalog:
    return levelled_catalog(catalog, progression)


def journal_dose(
    catalog: Catalog, home: Path | str | None = None, *, full_dose: bool = False
) -> DoseChooser:
    """The dose of a player at the levels the journal has reached; a journal that cannot be
    read gives the lowest levels, and the chooser's ``problem`` says so."""
    try:
        return level_dose(journal_progression(catalog, home), full_dose=full_dose)
    except (PsoasError, OSError) as err:
        problem = f"Your journal could not be read, so every dose is at its lowest level: {err}"
        return level_dose(replay_progression(None, catalog), full_dose=full_dose, problem=problem)
