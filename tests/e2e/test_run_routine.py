"""Run a routine in JupyterLab: shortest routine, start, pause, resume, skip to the end, log it.

The player runs your levels (an empty journal: the lowest) and asks for a warm-up before
static holds: the flow first confirms "I have already warmed up for 5 minutes", and the
session is logged with it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from psoas_lib.content.catalog import Catalog, load_catalog
from psoas_lib.content.routine import Routine
from psoas_lib.journal.checkpoint import Checkpoints
from psoas_lib.journal.store import Journal
from psoas_lib.plan.levels import journal_progression
from psoas_lib.plan.progression import dosed_catalog

from .conftest import (
    LabServer,
    Notebook,
    choose_shortest_routine,
    lab_notebook_root,
    option_labels,
)

NOTEBOOK = "notebooks/02_run_a_routine.ipynb"
NOTES = "e2e: the shortest routine, skipped through"


def confirm_warmed_up(page: Any, scope: str) -> str:
    """Choose the shortest routine, as the flow will, and press "I have already warmed up
    for 5 minutes" (its static holds ask for it); returns the routine's label."""
    from playwright.sync_api import expect

    label = choose_shortest_routine(page.locator(f"{scope} .psoas-routine-picker select").first)
    button = page.locator(f"{scope} .psoas-warmed-up").first
    expect(button).to_be_visible()
    button.click()
    expect(button).to_be_hidden()
    return label


def shortest_at_levels(home: Path) -> Routine:
    """The shortest routine at the levels the player runs (from ``home``'s journal)."""
    catalog: Catalog = load_catalog(user=False)
    levelled = dosed_catalog(catalog, journal_progression(catalog, home))
    return min(levelled.routines.values(), key=lambda r: r.total_seconds)


def test_shortest_routine_runs_pauses_and_is_logged(open_notebook, lab, run_routine_flow):
    shortest = shortest_at_levels(lab.home)
    before = len(Journal(lab.home).sessions())
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    opened_at = datetime.now(UTC)
    confirm_warmed_up(nb.page, ".jp-NotebookPanel:visible")

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
    assert len(sessions) == before + 1
    row = sessions.iloc[-1]
    assert row.routine_id == shortest.id
    assert row.planned_s == shortest.total_seconds  # at your levels
    assert 3 <= row.completed_s < shortest.total_seconds  # ran a few seconds, then skipped
    assert (row.tightness_before, row.tightness_after) == (6, 3)
    assert row.notes == "[warmed up] " + NOTES
    assert not row.pain_stop
    assert opened_at - timedelta(seconds=5) <= row.started_at <= datetime.now(UTC)


def test_the_player_shows_the_form_cue_cautions_and_the_breathing_pacer(open_notebook, lab):
    # post-workout release at your levels (an empty journal: the lowest) opens with a get
    # ready, knee-to-chest (a set) and a rest, then the kneeling stretch's first static hold
    # (checked below); its static holds ask for the warm-up, confirmed first
    from playwright.sync_api import expect

    catalog = load_catalog(user=False)
    levelled = dosed_catalog(catalog, journal_progression(catalog, lab.home))
    routine = levelled.routines["post-workout-release"]
    kinds = [step.kind for step in routine.timeline()[:4]]
    assert kinds == ["get-ready", "set", "rest", "hold"]
    hold = routine.timeline()[3]
    exercise = catalog.exercises[hold.exercise_id or ""]
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    select = nb.widget("psoas-routine-picker").locator("select")
    labels = option_labels(select)
    select.select_option(
        index=next(i for i, t in enumerate(labels) if t.startswith("Post-workout release"))
    )
    nb.widget("psoas-pacer-toggle").locator("input[type=checkbox]").check()
    confirm = nb.widget("psoas-warmed-up")
    confirm.click()
    expect(confirm).to_be_hidden()
    nb.widget("psoas-start").click()
    expect(nb.widget("psoas-pause")).to_be_enabled()
    nb.widget("psoas-pause").click()  # paused: the 20 s hold cannot run out while we look
    expect(nb.widget("psoas-pause")).to_have_text(re.compile(r"^Resume\b"))
    for phase in ("Repetitions", re.compile(r"^Rest"), "Hold"):  # into the first hold
        nb.widget("psoas-skip").click()
        expect(nb.widget("psoas-phase")).to_have_text(phase)
    expect(nb.widget("psoas-exercise")).to_have_text(exercise.name)
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


def test_the_player_shows_your_level_and_asks_for_the_warm_up(browser, tmp_path):
    """On a JupyterLab of its own: its session must not reach the shared lab's journal,
    and no warm-up logged there by another test may let its routine start."""
    home = tmp_path / "own-home"
    home.mkdir()
    lab = LabServer(tmp_path / "lab", home, lab_notebook_root(tmp_path)).start()
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(30_000)
        _levelled_dose_and_warm_up(Notebook(context.new_page(), lab, NOTEBOOK).open(), home)
        context.close()
    finally:
        lab.stop()


def _levelled_dose_and_warm_up(nb: Notebook, home: Path) -> None:
    from playwright.sync_api import expect

    nb.run_all()
    # post-workout release at the lowest levels: 350 s (see tests/test_cli.py)
    nb.widget("psoas-routine-picker").locator("select").select_option(
        label="Post-workout release · 5:50"
    )
    expect(nb.widget("psoas-total")).to_have_text("Total 5:50")
    expect(nb.widget("psoas-plan")).to_contain_text("20 s hold, 3 per side")  # the catalog: 30
    expect(nb.widget("psoas-plan")).to_contain_text("Positions: floor, kneeling, bed")
    expect(nb.widget("psoas-dose-note")).to_contain_text("Doses at your levels")

    # static holds, no warm-up: Start is refused until the warm-up or the confirmation
    expect(nb.widget("psoas-warm-up-note")).to_be_visible()
    nb.widget("psoas-start").click()
    expect(nb.widget("psoas-status")).to_contain_text("Warm up first")
    expect(nb.widget("psoas-pause")).to_be_disabled()
    confirm = nb.widget("psoas-warmed-up")
    expect(confirm).to_have_text("I have already warmed up for 5 minutes")
    confirm.click()
    expect(nb.widget("psoas-warm-up-note")).to_be_hidden()

    nb.widget("psoas-start").click()
    expect(nb.widget("psoas-pause")).to_be_enabled()
    # get ready -> knee-to-chest -> rest -> the kneeling stretch, at 20 s a hold
    for phase in ("Repetitions", re.compile(r"^Rest"), "Hold"):
        nb.widget("psoas-skip").click()
        expect(nb.widget("psoas-phase")).to_have_text(phase)
    expect(nb.widget("psoas-exercise")).to_have_text("Kneeling hip-flexor (psoas) stretch")
    expect(nb.widget("psoas-countdown")).to_have_text(re.compile(r"^(20|19|18)$"))
    expect(nb.widget("psoas-steps")).to_contain_text("hold for 20 seconds")
    nb.widget("psoas-stop").click()
    expect(nb.widget("psoas-log")).to_be_visible()
    nb.widget("psoas-save").click()
    expect(nb.widget("psoas-saved")).to_have_text("Saved")
    [row] = Journal(home).sessions().itertuples()
    assert row.routine_id == "post-workout-release" and row.planned_s == 350
    assert row.notes == "[warmed up]"  # the confirmation, recorded
