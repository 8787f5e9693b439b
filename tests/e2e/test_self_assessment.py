"""Self-assessment in JupyterLab: ticking boxes changes the result live; Save writes a row."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.sync_api import expect

from psoas_lib.content.checklist import load_checklist
from psoas_lib.journal.store import Journal

NOTEBOOK = "notebooks/01_self_assessment.ipynb"


def test_ticking_changes_the_result_and_save_writes_a_dated_row(open_notebook, lab):
    items = {item.id: item for item in load_checklist()}
    before = len(Journal(lab.home).assessments())
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    result = nb.widget("psoas-checklist-result")
    expect(result).to_contain_text("Result: Balanced")

    # The checkbox carries the question as its label.
    box = nb.widget("psoas-check-stiff-after-sitting")
    expect(box).to_contain_text(items["stiff-after-sitting"].question)
    box.locator("input[type=checkbox]").check()
    expect(result).to_contain_text("Result: Stretch-focused")
    expect(result).to_contain_text("Strength builder")

    # The explanation is there on demand.
    why = nb.page.locator(".psoas-checklist-why-text", has_text="straightening up").first
    expect(why).to_be_hidden()
    nb.page.locator(".psoas-checklist-why").nth(3).click()
    expect(why).to_be_visible()

    # A red flag wins, live.
    nb.widget("psoas-check-existing-injury").locator("input[type=checkbox]").check()
    expect(result).to_contain_text("Result: See a professional first")

    nb.widget("psoas-checklist-save").click()
    expect(nb.widget("psoas-checklist-status")).to_contain_text("Saved at")
    frame = Journal(lab.home).assessments()
    assert len(frame) == before + 1
    row = frame.iloc[-1]
    assert row.ticked == "stiff-after-sitting;existing-injury"
    assert (row.recommendation, row.routine_id) == ("see-a-professional", "")


def test_three_ticks_change_the_result_and_save_a_dated_row(open_notebook, lab):
    # Worked out by hand from the rules in psoas_lib/assessment.py: two signs of tightness,
    # none of weakness, and long sitting -> stretch-focused, the desk reset.
    ticks = ["tight-hips-groin", "stiff-after-sitting", "sits-long"]
    before = len(Journal(lab.home).assessments())
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    result = nb.widget("psoas-checklist-result")
    expect(result).to_contain_text("Result: Balanced")
    shown_before = result.inner_text()

    for ident in ticks:
        nb.widget(f"psoas-check-{ident}").locator("input[type=checkbox]").check()
    expect(result).not_to_have_text(shown_before)
    expect(result).to_contain_text("Result: Stretch-focused")
    expect(result).to_contain_text("Tightness score: 2 of 5")

    clicked_at = datetime.now(UTC).replace(microsecond=0)
    nb.widget("psoas-checklist-save").click()
    today = datetime.now().astimezone()
    expect(nb.widget("psoas-checklist-status")).to_contain_text(f"on {today:%d %b %Y}")
    frame = Journal(lab.home).assessments()
    assert len(frame) == before + 1
    row = frame.iloc[-1]
    assert clicked_at <= row.taken_at <= datetime.now(UTC)
    assert row.ticked == ";".join(ticks)
    assert (row.tightness, row.weakness) == (2, 0)
    assert (row.recommendation, row.routine_id) == ("stretch-focused", "desk-reset")
