"""Run a routine in JupyterLab: shortest routine, start, pause, resume, skip to the end, log it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from psoas_lib.content.catalog import load_catalog
from psoas_lib.journal.checkpoint import Checkpoints
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


def test_the_player_shows_the_form_cue_cautions_and_the_breathing_pacer(open_notebook, lab):
    # the shortest routine opens with a get ready, then a static hold (checked below)
    from playwright.sync_api import expect

    from tests.e2e.conftest import choose_shortest_routine

    routines = load_catalog().routines
    shortest = min(routines.values(), key=lambda r: r.total_seconds)
    get_ready, hold = shortest.timeline()[:2]
    assert (get_ready.kind, hold.kind) == ("get-ready", "hold")
    exercise = load_catalog().exercises[hold.exercise_id or ""]
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    choose_shortest_routine(nb.widget("psoas-routine-picker").locator("select"))
    nb.widget("psoas-pacer-toggle").locator("input[type=checkbox]").check()
    nb.widget("psoas-start").click()
    nb.widget("psoas-skip").click()  # into the first hold
    expect(nb.widget("psoas-form-cue")).to_have_text(exercise.coaching.form_cues[0])
    expect(nb.widget("psoas-cautions")).to_contain_text(exercise.cautions[0])
    expect(nb.widget("psoas-pacer")).to_be_visible()
    expect(nb.widget("psoas-breath")).to_have_text(re.compile(r"^Breathe (in|out)$"))
    dot = nb.widget("psoas-pacer").locator(".psoas-pacer-dot")
    expect(dot).to_be_visible()
    nb.page.emulate_media(reduced_motion="reduce")  # the words only, no moving dot
    expect(dot).to_be_hidden()
    expect(nb.widget("psoas-breath")).to_be_visible()
    # leave the journal as the other tests expect it (the one session the flow above logs):
    # stop, and forget this session's kept progress instead of logging it
    nb.widget("psoas-stop").click()
    expect(nb.widget("psoas-log")).to_be_visible()
    kept = Checkpoints(lab.home)
    for path in sorted(kept.folder.glob("*.json")):
        assert kept.discard(kept.read(path))
    assert not list(kept.folder.glob("*.json"))
