"""An interrupted session in JupyterLab is offered when the notebook is opened again.

Desk reset is started in the player of 02_run_a_routine, runs about 3 s, is skipped on to
its warm-up's marching (a segment change: a checkpoint) and then (i) the kernel is restarted,
(ii) the browser tab is closed, (iii) the server is killed (``kill -9``). The notebook is
opened again (on a new server for iii) and run; its player offers the session; "Log it"
writes it, and the journal then holds exactly one recovered row per interruption.

This JupyterLab is the test's own, with ``PSOAS_STALE_AFTER_S=5``: after a closed tab the
kernel still runs (its process is alive), so the session is offered once it has not been
saved for that long; a player saves only at its ticks, which the browser drives, so a
closed tab stops the saving. The production rule (45 s) is tested in test_ui_recovery.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from typing import Any

from psoas_lib.coaching.checkpointing import STALE_ENV
from psoas_lib.journal.checkpoint import RECOVERED_NOTE
from psoas_lib.journal.store import Journal

from .conftest import PANEL, LabServer, Notebook, lab_notebook_root

NOTEBOOK = "notebooks/02_run_a_routine.ipynb"
STALE_S = 5


def start_desk_reset(nb: Notebook) -> tuple[float, float]:
    """Choose Desk reset, start it, skip on after ~3 s; the (monotonic) start and skip."""
    from playwright.sync_api import expect

    # at the lowest levels (an empty journal): 695 s, see tests/test_cli.py
    nb.widget("psoas-routine-picker").locator("select").select_option(label="Desk reset · 11:35")
    expect(nb.widget("psoas-total")).to_have_text("Total 11:35")
    started = time.monotonic()
    nb.widget("psoas-start").click()
    expect(nb.widget("psoas-pause")).to_be_enabled()
    nb.page.wait_for_timeout(3_000)
    nb.widget("psoas-skip").click()
    expect(nb.widget("psoas-phase")).to_have_text("Keep moving")  # the marching: saved
    skipped = time.monotonic()
    nb.page.wait_for_timeout(1_000)
    return started, skipped


def log_the_offer(nb: Notebook) -> str:
    """Run the reopened notebook, check the offer, press Log it; returns the offer's text."""
    from playwright.sync_api import expect

    nb.run_all()
    offer = nb.page.locator(f"{PANEL} .psoas-recovery-offer")
    expect(offer).to_have_count(1)
    text = offer.inner_text()
    assert re.search(r"Not finished: Desk reset, started \d\d:\d\d, 0:0\d done", text), text
    nb.page.locator(f"{PANEL} .psoas-recover-log").click()
    expect(offer).to_contain_text("logged in your journal, marked as recovered.")
    return text


def recovered_rows(lab: LabServer, count: int, ran: tuple[float, float]) -> None:
    rows = Journal(lab.home).sessions()
    assert len(rows) == count and (rows.notes == RECOVERED_NOTE).all()
    last = rows.iloc[-1]
    assert last.routine_id == "desk-reset" and last.planned_s == 695
    # saved at the skip: at least the 3 s waited (less one for whole seconds), at most
    # the time from the click on Start to the skip
    assert 2 <= last.completed_s <= ran[1] - ran[0] + 1


def kernel_restart(nb: Notebook) -> None:
    """Menu Kernel > Restart Kernel…, confirmed, as a person does it."""
    nb.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Kernel$")).click()
    nb.page.get_by_role("menuitem", name=re.compile(r"^Restart Kernel…")).first.click()
    nb.page.locator(".jp-Dialog .jp-mod-accept").click()
    nb.wait_idle()


def new_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    return context.new_page()


def test_kernel_restart_closed_tab_and_killed_server(browser, tmp_path, psoas_home, monkeypatch):
    monkeypatch.setenv(STALE_ENV, str(STALE_S))  # the servers started here inherit it
    home = psoas_home
    root = lab_notebook_root(tmp_path)
    lab = LabServer(tmp_path / "lab1", home, root).start()
    second: LabServer | None = None
    try:
        page = new_page(browser)
        nb = Notebook(page, lab, NOTEBOOK).open()
        nb.run_all()
        opened = datetime.now(UTC)

        # (i) the kernel restarts: its process is gone, so the offer comes at once
        ran = start_desk_reset(nb)
        kernel_restart(nb)
        log_the_offer(nb)
        recovered_rows(lab, 1, ran)

        # (ii) the tab closes: the kernel lives on, but nothing ticks, so nothing saves
        ran = start_desk_reset(nb)
        page.context.close()
        time.sleep(STALE_S)
        page = new_page(browser)
        nb = Notebook(page, lab, NOTEBOOK).open()
        log_the_offer(nb)
        recovered_rows(lab, 2, ran)

        # (iii) the server is killed (and its kernel with it); a new server on the same data
        ran = start_desk_reset(nb)
        lab.proc.kill()
        lab.proc.wait(10)
        time.sleep(STALE_S)  # should the orphaned kernel still run, it saves nothing
        page.context.close()
        second = LabServer(tmp_path / "lab2", home, root).start()
        page = new_page(browser)
        nb = Notebook(page, second, NOTEBOOK).open()
        log_the_offer(nb)
        recovered_rows(second, 3, ran)

        rows = Journal(home).sessions()
        assert rows.started_at.is_unique  # three sessions, none logged twice
        assert (rows.started_at >= opened).all()
        page.context.close()
    finally:
        lab.stop()
        if second is not None:
            second.shut_down_kernels()
            second.stop()
