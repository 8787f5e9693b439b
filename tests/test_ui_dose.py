"""The dose line beside the full-dose box (psoas_lib/ui/dose.py), decided without widgets."""

from __future__ import annotations

import pytest

from psoas_lib.coaching.dose_choice import DoseChooser
from psoas_lib.ui.dose import dose_note

LEVELS = "Doses at your levels: start easy, step up, step back after a pain stop."
FULL = "Full dose: the catalog's doses, not your levels. It is logged as such."


def _levels(catalog):
    return catalog


@pytest.mark.parametrize(
    ("dose", "note"),
    [
        (DoseChooser(None), "Doses as written in the routine."),
        (DoseChooser(None, full_dose=True), "Doses as written in the routine."),  # no levels
        (DoseChooser(_levels), LEVELS),
        (DoseChooser(_levels, full_dose=True), FULL),
        (
            DoseChooser(_levels, problem="sessions.csv, line 4: bad date."),
            LEVELS + " sessions.csv, line 4: bad date.",
        ),
        (DoseChooser(_levels, full_dose=True, problem="sessions.csv, line 4: bad date."), FULL),
    ],
)
def test_dose_note(dose, note):
    assert dose_note(dose) == note
