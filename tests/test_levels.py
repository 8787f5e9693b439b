"""Your levels now (psoas_lib.plan.levels): the journal replayed, and the players' dose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from psoas_lib import load_catalog
from psoas_lib.journal.store import SESSIONS_FILE, Journal
from psoas_lib.plan.levels import (
    FROM_JOURNAL,
    JOURNAL_SESSIONS_FILE,
    journal_dose,
    journal_progression,
    level_dose,
)
from psoas_lib.plan.progression import replay_progression

CATALOG = load_catalog()
LYING = "lying-psoas-stretch"
KNEELING = "kneeling-hip-flexor-stretch"
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
#: The catalog's doses (data/exercises.toml): lying 30-60 s (runs at 30), kneeling 30 s; the
#: ladders start at 20 s, the lower of the first rung and the catalog's low end.


def hold(catalog, exercise: str) -> int | None:
    """The hold of ``exercise`` in "post-workout-release" (knee-to-chest, kneeling, lunge,
    lying), as ``catalog`` runs it."""
    items = catalog.routines["post-workout-release"].items
    return next(item.dose.hold for item in items if item.exercise.id == exercise)


def log_complete(home, n: int, exercise: str = LYING) -> None:
    """``n`` complete sessions on consecutive days, each with ``exercise`` done."""
    journal = Journal(home)
    for day in range(n):
        journal.add_session(
            started_at=MONDAY + timedelta(days=day),
            routine_id="stretches",
            planned_s=600,
            completed_s=600,
            exercises_done=[exercise],
        )


def test_the_sessions_file_name_is_the_journals():
    assert JOURNAL_SESSIONS_FILE == SESSIONS_FILE
    assert FROM_JOURNAL == "journal"


@pytest.mark.parametrize(
    "sessions, lying_hold",
    [
        (0, 20),  # nothing yet: the lowest rung of 20, 30, 45, 60
        (5, 20),  # five complete sessions: one short of stepping up
        (6, 30),  # six complete sessions: one rung up
    ],
)
def test_journal_progression_reads_the_journal(psoas_home, sessions, lying_hold):
    log_complete(psoas_home, sessions)
    assert journal_progression(CATALOG, psoas_home).levels[LYING].value == lying_hold


def test_the_dose_of_a_player_is_the_journals_levels(psoas_home):
    log_complete(psoas_home, 6)
    dose = journal_dose(CATALOG, psoas_home)
    assert dose.levelled and dose.problem is None
    dosed = dose.dosed(CATALOG)
    assert hold(dosed, LYING) == 30  # stepped up from 20
    assert hold(dosed, KNEELING) == 20  # never done: the lowest rung
    dose.full_dose = True
    assert dose.dosed(CATALOG) is CATALOG and hold(CATALOG, KNEELING) == 30


def test_a_journal_that_cannot_be_read_gives_the_lowest_levels_and_says_so(psoas_home):
    (psoas_home / SESSIONS_FILE).write_text("date,what\n2026-03-02,a stretch\n")
    dose = journal_dose(CATALOG, psoas_home)
    assert dose.problem is not None
    assert dose.problem.startswith("Your journal could not be read, so every dose is at its")
    assert hold(dose.dosed(CATALOG), KNEELING) == 20
    assert (psoas_home / SESSIONS_FILE).read_text() == "date,what\n2026-03-02,a stretch\n"


@pytest.mark.parametrize(
    "levels, full_dose, fixed, levelled, kneeling_hold",
    [
        (None, False, True, False, 30),  # no levels: as written (the catalog's 30 s)
        (None, True, True, False, 30),
        ("fresh", False, False, True, 20),  # a new user's levels: the lowest rung
        ("fresh", True, False, False, 30),  # the full dose chosen: as written
    ],
)
def test_level_dose(levels, full_dose, fixed, levelled, kneeling_hold):
    progression = replay_progression(None, CATALOG) if levels else None
    dose = level_dose(progression, full_dose=full_dose)
    assert (dose.fixed, dose.levelled) == (fixed, levelled)
    assert hold(dose.dosed(CATALOG), KNEELING) == kneeling_hold
