"""The weekly plan in JupyterLab: add a day, save the plan, export the calendar file."""

from __future__ import annotations

import icalendar
from playwright.sync_api import expect

from psoas_lib import load_catalog
from psoas_lib.plan.weekly import load_plan

NOTEBOOK = "notebooks/04_plan.ipynb"


def test_set_the_plan_and_export_it_to_a_calendar(open_notebook, lab):
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    expect(nb.widget("psoas-plan-week")).to_contain_text("This week")
    expect(nb.widget("psoas-plan-levels")).to_contain_text("Lying psoas stretch")

    nb.widget("psoas-plan-day-sun").locator("input[type=checkbox]").check()
    nb.widget("psoas-plan-time-sun").locator("input").fill("09:15")
    nb.widget("psoas-plan-save").click()
    expect(nb.widget("psoas-plan-message")).to_contain_text("Saved: ")
    plan = load_plan(load_catalog(), lab.home)
    assert plan.day("sun") is not None and f"{plan.day('sun').time:%H:%M}" == "09:15"

    target = lab.home / "exports" / "psoas-plan.ics"
    if target.exists():  # a rerun in the same lab
        nb.widget("psoas-plan-export-replace").locator("input[type=checkbox]").check()
    nb.widget("psoas-plan-export").click()
    expect(nb.widget("psoas-plan-export-message")).to_contain_text("Written: ")
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [e["RRULE"]["BYDAY"] for e in events][-1] == ["SU"]
    assert len(events) == len(plan.days)
