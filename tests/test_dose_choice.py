"""The dose choice (psoas_lib.coaching.dose_choice), alone: levels unless the full dose."""

from __future__ import annotations

from dataclasses import replace

import pytest

from psoas_lib import load_catalog
from psoas_lib.coaching.dose_choice import DoseChooser

CATALOG = load_catalog()
#: Stands in for the catalog at the user's levels: any other catalog will do.
LEVELLED = replace(CATALOG, routines={})


@pytest.mark.parametrize(
    "has_levels, full_dose, fixed, levelled, runs_levels, tags",
    [
        (True, False, False, True, True, set()),
        (True, True, False, False, False, {"full dose"}),
        (False, False, True, False, False, set()),  # no levels: as written
        (False, True, True, False, False, {"full dose"}),  # still logged as the full dose
    ],
)
def test_which_doses_run(has_levels, full_dose, fixed, levelled, runs_levels, tags):
    chooser = DoseChooser((lambda _: LEVELLED) if has_levels else None, full_dose=full_dose)
    assert (chooser.fixed, chooser.levelled) == (fixed, levelled)
    assert chooser.dosed(CATALOG) is (LEVELLED if runs_levels else CATALOG)
    assert chooser.tags() == tags


def test_the_levels_are_applied_to_the_catalog_given():
    seen = []
    chooser = DoseChooser(lambda catalog: seen.append(catalog) or LEVELLED)
    other = replace(CATALOG, categories={})
    chooser.dosed(CATALOG)
    chooser.dosed(other)
    assert seen == [CATALOG, other] and seen[1] is other


def test_the_full_dose_can_be_chosen_and_taken_back():
    chooser = DoseChooser(lambda _: LEVELLED, problem="journal unreadable")
    chooser.full_dose = True
    assert chooser.dosed(CATALOG) is CATALOG
    chooser.full_dose = False
    assert chooser.dosed(CATALOG) is LEVELLED and chooser.problem == "journal unreadable"
