"""A saved red flag in JupyterLab: 02_run_a_routine's player says why and Start does nothing;
recording "a professional has cleared me to exercise" lets it start."""

from __future__ import annotations

from datetime import datetime, timedelta

from playwright.sync_api import expect

from psoas_lib.coaching.safety import read_state
from psoas_lib.journal.store import Journal

NOTEBOOK = "notebooks/02_run_a_routine.ipynb"


def test_a_red_flag_blocks_the_player_until_a_clearance_is_recorded(
    open_notebook, lab, settled_text
):
    journal = Journal(lab.home)
    now = datetime.now().astimezone().replace(microsecond=0)
    journal.add_assessment(
        taken_at=now - timedelta(minutes=5),
        ticked=["numbness-genitals-buttocks"],
        tightness=0,
        weakness=0,
        recommendation="see-a-professional",
    )
    cleared_before = len(journal.clearances())
    try:
        nb = open_notebook(NOTEBOOK)
        nb.run_all()
        reason = nb.widget("psoas-safety-reason")
        expect(reason).to_be_visible()
        expect(reason).to_contain_text("advised seeing a professional")
        expect(nb.widget("psoas-safety-checklist")).to_contain_text("01_self_assessment.ipynb")

        countdown, pause = nb.widget("psoas-countdown"), nb.widget("psoas-pause")
        before = countdown.inner_text()
        logged = len(Journal(lab.home).sessions())
        nb.widget("psoas-start").click()
        expect(nb.widget("psoas-status")).to_contain_text("Not started")
        assert settled_text(countdown, 2_000, what="the countdown, blocked,") == before
        expect(pause).to_be_disabled()
        assert len(Journal(lab.home).sessions()) == logged  # nothing ran, nothing logged

        nb.widget("psoas-clear").click()
        expect(nb.widget("psoas-clear-question")).to_contain_text("cleared you to exercise")
        nb.widget("psoas-clear-confirm").click()
        expect(nb.widget("psoas-clear-message")).to_contain_text("Recorded in your journal")
        assert len(Journal(lab.home).clearances()) == cleared_before + 1

        nb.widget("psoas-start").click()
        expect(pause).to_be_enabled()
        expect(countdown).not_to_have_text(before, timeout=5_000)  # it runs
        nb.widget("psoas-stop").click()
        expect(nb.widget("psoas-log")).to_be_visible()
        nb.widget("psoas-save").click()  # logged: no checkpoint is left for later tests
        expect(nb.widget("psoas-saved")).to_have_text("Saved")
    finally:  # never leave the shared journal blocked for the tests after this one
        if read_state(lab.home).red_flag(datetime.now().astimezone()) is not None:
            Journal(lab.home).add_clearance(
                recorded_at=datetime.now().astimezone().replace(microsecond=0)
                + timedelta(seconds=1),
                cleared_on=datetime.now().date(),
                notes="e2e clean-up",
            )
