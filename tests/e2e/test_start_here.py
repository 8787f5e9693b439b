"""Start here: choose another exercise in the catalog and see its steps change."""

from __future__ import annotations

from playwright.sync_api import expect

from psoas_lib.content.catalog import load_catalog

NOTEBOOK = "notebooks/00_start_here.ipynb"


def test_choosing_another_exercise_shows_its_steps(open_notebook):
    catalog = load_catalog()
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    picker = nb.widget("psoas-catalog-picker").locator("select")
    steps = nb.widget("psoas-catalog-steps")
    expect(picker).to_be_visible()
    expect(steps.locator("ol li").first).to_be_visible()
    shown_first = steps.locator("h3").inner_text()

    # Another exercise, not the one shown first; its steps come from the data file.
    other = next(ex for ex in catalog.exercises.values() if ex.name != shown_first)
    # ipywidgets shows option labels with non-breaking spaces.
    label = next(
        text
        for text in picker.locator("option").all_inner_texts()
        if text.replace("\xa0", " ").endswith(other.name)
    )
    picker.select_option(label=label)

    expect(steps.locator("h3")).to_have_text(other.name)
    expect(steps.locator("ol li")).to_have_count(len(other.steps))
    expect(steps.locator("ol li").first).to_contain_text(other.steps[0][:40])
