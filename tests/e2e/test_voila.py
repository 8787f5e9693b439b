"""App mode (make app): the routine flow through Voila, with no code on the page."""

from __future__ import annotations

from playwright.sync_api import expect

from psoas_lib.journal.store import Journal

from .test_run_routine import confirm_warmed_up, shortest_at_levels

NOTES = "e2e: through the Voila app"


def test_routine_flow_in_the_voila_app(page, voila, run_routine_flow):
    shortest = shortest_at_levels(voila.home)
    page.goto(voila.url("02_run_a_routine.ipynb"))
    expect(page.locator(".psoas-routine-picker select")).to_be_visible(timeout=60_000)
    # An app, not a notebook: the prose shows, the code does not.
    expect(page.get_by_text("Build your own routine")).to_be_visible()
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor").count() == 0
    assert "Player()" not in page.locator("body").inner_text()
    confirm_warmed_up(page, "body")  # its static holds ask for a warm-up

    label = run_routine_flow(
        page, "body", before=4, after=2, notes=NOTES, steps=len(shortest.timeline())
    )

    assert label.startswith(shortest.name)
    sessions = Journal(voila.home).sessions()
    assert len(sessions) == 1
    row = sessions.iloc[0]
    assert (row.routine_id, row.planned_s) == (shortest.id, shortest.total_seconds)
    assert (row.tightness_before, row.tightness_after, row.notes) == (4, 2, "[warmed up] " + NOTES)
