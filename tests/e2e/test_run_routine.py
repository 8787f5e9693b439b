"""Run a routine in JupyterLab: shortest routine, start, pause, resume, skip to the end, log it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from psoas_lib.content.catalog import load_catalog
from psoas_lib.journal.store import Journal

NOTEBOOK = "notebooks/02_run_a_routine.ipynb"
NOTES = "e2e: the shortest routine, skipped through"


def test_shortest_routine_runs_pauses_and_is_logged(open_notebook, lab, run_routine_flow):
    routines = load_catalog().routines
    shortest = min(routines.values(), key=lambda r: r.total_seconds)
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    opened_at = datetime.now(UTC)

    label = run_routine_flow(
        nb.page,
        ".jp-NotebookPanel:visible",
        before=6,
        after=3,
        notes=NOTES,
        steps=len(shortest.timeline()),
    )

    assert label.startswith(shortest.name)
    sessions = Journal(lab.home).sessions()
    assert len(sessions) == 1
    row = sessions.iloc[0]
    assert row.routine_id == shortest.id
    assert row.planned_s == shortest.total_seconds
    assert 3 <= row.completed_s < shortest.total_seconds  # ran a few seconds, then skipped
    assert (row.tightness_before, row.tightness_after) == (6, 3)
    assert row.notes == NOTES
    assert not row.pain_stop
    assert opened_at - timedelta(seconds=5) <= row.started_at <= datetime.now(UTC)
