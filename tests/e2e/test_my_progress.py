"""My progress in JupyterLab: the empty state offers demo data; the charts and exports work."""

from __future__ import annotations

from playwright.sync_api import expect

from psoas_lib.journal.store import Journal

NOTEBOOK = "notebooks/03_my_progress.ipynb"


def test_progress_page_shows_charts_and_saves_a_report(open_notebook, lab):
    empty = Journal(lab.home).sessions().empty  # earlier flows may have logged a session
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    charts = nb.page.locator(".psoas-progress .psoas-progress-chart")
    if empty:
        expect(nb.widget("psoas-progress-message")).to_contain_text("Your journal is empty")
        expect(charts).to_have_count(0)
        nb.widget("psoas-progress-demo").click()
        expect(nb.widget("psoas-progress-message")).to_contain_text("Demo data")
    expect(charts).to_have_count(5)
    expect(nb.widget("psoas-progress-summary")).to_contain_text("Sessions this week")

    nb.widget("psoas-progress-period").get_by_role("button", name="4 weeks").click()
    expect(charts).to_have_count(5)

    nb.widget("psoas-progress-export-report").click()
    expect(nb.widget("psoas-progress-status")).to_contain_text("psoas-progress-report_")
    assert list((lab.home / "exports").glob("psoas-progress-report_*.html"))
