"""The app as make app serves it (Voilà on notebooks/app.ipynb), in Chromium: the home page
and navigation, live updates, a damaged journal on every page, a download of the report."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from playwright.sync_api import expect

from psoas_lib.content.catalog import load_catalog
from psoas_lib.journal.store import Journal
from tests.e2e.conftest import go_to, open_app

PAGES = {
    "start": "Start here",
    "check": "Check yourself",
    "run": "Run a routine",
    "progress": "My progress",
    "plan": "My plan",
    "journal": "Check my journal",
}
NOTEBOOK_TALK = re.compile(r"\bcells?\b|Run All|make app|PSOAS_HOME|terminal|\.ipynb", re.I)
VOILA_ERRORS = ("There was an error", "Traceback", "Select items to open")


def body_text(page) -> str:
    return page.locator("body").inner_text()


def test_home_page_and_navigation_to_every_page_and_back(page, app):
    open_app(page, app)
    home = page.locator(".psoas-page-home")
    expect(home.locator(".psoas-home-today")).to_contain_text("Your session")
    expect(home.locator(".psoas-home-start")).to_have_count(1)
    assert not any(e in body_text(page) for e in VOILA_ERRORS)
    for key, title in PAGES.items():
        shown = go_to(page, key)
        expect(shown.locator("h2").first).to_have_text(title)
        expect(page.locator(".psoas-page-home")).to_be_hidden()
        assert not NOTEBOOK_TALK.search(shown.inner_text()), key
        go_to(page, "home")
        expect(page.locator(".psoas-home-today")).to_be_visible()
    # Start on the home page runs today's session right there
    home.locator(".psoas-home-start").click()
    player = home.locator(".psoas-home-player")
    expect(player.locator(".psoas-start")).to_be_visible(timeout=30_000)
    if player.locator(".psoas-warm-up-note").is_visible():  # today's has static holds
        expect(player.locator(".psoas-status")).to_contain_text("Warm up first")
        player.locator(".psoas-warmed-up").click()  # "I have already warmed up for 5 minutes"
        player.locator(".psoas-start").click()
    expect(home.locator(".psoas-home-player .psoas-pause")).to_be_enabled(timeout=30_000)
    home.locator(".psoas-home-player .psoas-stop").click()


def test_live_updates_tick_save_and_log(page, app):
    open_app(page, app)
    check = go_to(page, "check")
    suggestion = check.locator(".psoas-suggested-routine")
    expect(suggestion).to_be_visible()
    check.locator(".psoas-check-poor-posture input[type=checkbox]").check()
    expect(suggestion).to_contain_text("Strength builder")  # a weakness sign: strength
    check.locator(".psoas-check-existing-injury input[type=checkbox]").check()
    expect(suggestion).to_contain_text("No routine is suggested")  # no page reload, no cell
    check.locator(".psoas-check-existing-injury input[type=checkbox]").uncheck()
    expect(suggestion).to_contain_text("Strength builder")

    chart = check.locator(".psoas-live-assessment-chart svg.psoas-chart")
    expect(chart).to_be_visible()
    before = chart.get_attribute("aria-label")
    check.locator(".psoas-checklist-save").click()
    expect(check.locator(".psoas-checklist-status")).to_contain_text("Saved at")
    expect(chart).not_to_have_attribute("aria-label", before)  # drawn again with the new point
    assert len(Journal(app.home).assessments()) == 1

    progress = go_to(page, "progress")
    expect(progress.locator(".psoas-progress-message")).to_contain_text("journal is empty")
    shortest = min(load_catalog().routines.values(), key=lambda r: r.total_seconds)
    go_to(page, "run")
    from tests.e2e.conftest import run_routine_flow

    run_routine_flow(
        page, ".psoas-page-run", before=5, after=3, notes="e2e app", steps=len(shortest.timeline())
    )
    progress = go_to(page, "progress")
    expect(progress.locator(".psoas-progress-summary")).to_contain_text("Sessions this week")
    expect(progress.locator(".psoas-progress-chart")).to_have_count(5)
    expect(progress.locator(".psoas-progress-message")).not_to_contain_text("empty")


def test_the_report_downloads_in_the_browser(page, app):
    open_app(page, app)
    progress = go_to(page, "progress")
    report = progress.locator(".psoas-progress-export-report")
    expect(progress.locator(".psoas-progress-message")).to_be_attached()
    if not report.is_visible():  # an empty journal (this test run alone): the demo data
        progress.locator(".psoas-progress-demo").click()
    report.click()
    link = progress.locator(".psoas-downloads a.psoas-download")
    expect(link).to_have_count(1, timeout=30_000)
    with page.expect_download() as info:
        link.click()
    download = info.value
    written = sorted((app.home / "exports").glob("*.html"))
    assert download.suggested_filename == written[-1].name
    with open(download.path(), "rb") as got:
        assert got.read() == written[-1].read_bytes()


DAMAGED_LINE = "yesterday,desk-reset,600,540,knee-to-chest,6,4,false,,1\n"


def test_a_damaged_journal_on_every_page_shows_the_line_and_the_rest_works(page, app):
    sessions = app.home / "sessions.csv"
    if not sessions.exists():  # this test run alone: one good session first
        Journal(app.home).add_session(
            started_at=datetime(2026, 3, 2, 7, 30, tzinfo=UTC),
            routine_id="desk-reset",
            planned_s=600,
            completed_s=600,
            exercises_done=["knee-to-chest"],
        )
    original = sessions.read_bytes()  # (else the session the live test logged)
    lines = original.decode().splitlines(keepends=True)
    sessions.write_text(lines[0] + DAMAGED_LINE + "".join(lines[1:]))  # line 2 is damaged
    try:
        open_app(page, app)
        message = "sessions.csv, line 2"
        expect(page.locator(".psoas-page-home .psoas-error")).to_contain_text(message)
        for key in ("progress", "plan"):
            shown = go_to(page, key)
            expect(shown.locator(".psoas-error").first).to_contain_text(message)
        journal = go_to(page, "journal")
        expect(journal.locator(".psoas-journal-problems")).to_contain_text("yesterday")
        assert not any(e in body_text(page) for e in VOILA_ERRORS)
        # the parts that do not need the journal still work: the plan saves, ticks suggest
        plan = page.locator(".psoas-page-plan")
        go_to(page, "plan")
        plan.locator(".psoas-plan-save").click()
        expect(plan.locator(".psoas-plan-message")).to_contain_text("Saved")
        check = go_to(page, "check")
        check.locator(".psoas-check-poor-posture input[type=checkbox]").check()
        expect(check.locator(".psoas-suggested-routine")).to_contain_text("Strength builder")
        # and Check my journal repairs it, keeping the original as a backup
        journal = go_to(page, "journal")
        journal.locator(".psoas-journal-drop input[type=checkbox]").check()
        journal.locator(".psoas-journal-repair").click()
        expect(journal.locator(".psoas-journal-status")).to_contain_text("kept as")
        expect(journal.locator(".psoas-journal-problems")).not_to_contain_text("yesterday")
        assert len(Journal(app.home).sessions()) == len(lines) - 1
    finally:
        sessions.write_bytes(original)
