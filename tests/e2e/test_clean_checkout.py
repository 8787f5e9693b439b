"""Personal data never in the checkout: a workbook notebook saved in JupyterLab has no outputs.

The progress notebook is run over a half-year journal (five charts of it on screen), then
saved with Ctrl+S as a person would. The file on disk must be byte for byte the notebook as
committed (so ``git status`` stays clean), while the page still shows the charts.
"""

from __future__ import annotations

import json
import time

from playwright.sync_api import expect

from psoas_lib.journal.sample import write_synthetic_journal

from .conftest import NOTEBOOKS, LabServer, Notebook, lab_notebook_root
from .test_progress import CELL_CHARTS

NAME = "03_my_progress.ipynb"


def test_saved_progress_notebook_holds_no_journal_output(page, tmp_path):
    home = tmp_path / "journal-home"
    home.mkdir()
    write_synthetic_journal(home)
    root = lab_notebook_root(tmp_path)
    saved = root / "notebooks" / NAME
    committed = (NOTEBOOKS / NAME).read_bytes()
    assert saved.read_bytes() == committed
    with LabServer(tmp_path / "work", home, root) as lab:
        nb = Notebook(page, lab, f"notebooks/{NAME}").open()
        nb.run_all()
        shown = page.locator(CELL_CHARTS)  # the five chart cells' inline SVG
        expect(shown.first).to_be_visible()
        assert shown.count() >= 5  # the five chart cells, drawn from the journal
        before = saved.stat().st_mtime_ns
        page.locator(".jp-NotebookPanel:visible .jp-Cell .jp-InputPrompt").first.click()
        page.keyboard.press("Control+s")
        deadline = time.monotonic() + 30
        while saved.stat().st_mtime_ns == before and time.monotonic() < deadline:
            time.sleep(0.2)
        assert saved.stat().st_mtime_ns != before, "Ctrl+S did not save the notebook"
        # the page keeps its charts: only the file is clean
        assert shown.count() >= 5
        lab.shut_down_kernels()
    on_disk = json.loads(saved.read_bytes())
    outputs = [c.get("outputs") for c in on_disk["cells"] if c["cell_type"] == "code"]
    assert outputs and all(o == [] for o in outputs)
    assert "widgets" not in on_disk["metadata"]
    assert saved.read_bytes() == committed  # what git status compares
