"""My progress with the journal the routine flow wrote: charts as images, one session this week."""

from __future__ import annotations

from datetime import datetime

from playwright.sync_api import expect

from psoas_lib.content.catalog import load_catalog
from psoas_lib.journal.store import Journal

NOTEBOOK = "notebooks/03_my_progress.ipynb"
# Every <img> decoded with a real size (a broken PNG has naturalWidth 0).
#: The progress view's charts, and the charts of the cells (inline SVG, not in a widget).
WIDGET_CHARTS = ".jp-NotebookPanel:visible .psoas-progress-chart svg.psoas-chart"
CELL_CHARTS = (
    ".jp-NotebookPanel:visible .jp-OutputArea-output svg.psoas-chart:not(.widget-html-content svg)"
)
IMAGES_DECODED = """
els => els.length > 0 && els.every(el => el.getBoundingClientRect().width > 50
                                         && el.getBoundingClientRect().height > 50)
"""


def one_session_journal(home):
    """The journal test_run_routine leaves; written here when that test did not run first."""
    journal = Journal(home)
    if journal.sessions().empty:
        routine = min(load_catalog().routines.values(), key=lambda r: r.total_seconds)
        journal.add_session(
            started_at=datetime.now().astimezone(),
            routine_id=routine.id,
            planned_s=routine.total_seconds,
            completed_s=8,
            exercises_done=[],
            tightness_before=6,
            tightness_after=3,
        )
    return journal


def test_charts_render_as_images_and_summary_counts_one_session(open_notebook, lab):
    assert len(one_session_journal(lab.home).sessions()) == 1
    nb = open_notebook(NOTEBOOK)
    nb.run_all()

    summary = nb.widget("psoas-progress-summary")
    expect(summary.locator("tr", has_text="Sessions this week")).to_contain_text("1 (goal")
    expect(summary.locator("tr", has_text="Sessions in the journal")).to_contain_text("1")
    expect(summary.locator("tr", has_text="Latest tightness change")).to_contain_text("6 → 3")

    widget_charts = nb.page.locator(
        ".jp-NotebookPanel:visible .psoas-progress-chart svg.psoas-chart"
    )
    expect(widget_charts.first).to_be_visible()
    assert widget_charts.count() >= 4
    cell_charts = nb.page.locator(CELL_CHARTS)
    expect(cell_charts.first).to_be_visible()
    for images in (widget_charts, cell_charts):
        assert decoded(images), "a chart did not render"


def decoded(images, timeout_s: float = 15) -> bool:
    """Wait until every chart (inline SVG) the locator finds is laid out with a real size."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        images.page.wait_for_function(
            f"els => ({IMAGES_DECODED.strip()})(els)",
            arg=images.element_handles(),
            polling=100,
            timeout=timeout_s * 1000,
        )
    except PlaywrightTimeout:
        return False
    return True
