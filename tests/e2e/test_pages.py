"""Every page, in the app (Voila) and in JupyterLab, light and dark: nothing is asked of
another host, and axe-core finds no critical or serious accessibility violation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import NOTEBOOKS, RequestLog, failing_violations

PAGES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
#: In JupyterLab, what the notebook shows: its outputs and its prose (JupyterLab's own menus,
#: panels and code editors are not the workbook's).
_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
NOTEBOOK_PART = f"{_PANEL} .jp-OutputArea, {_PANEL} .jp-MarkdownOutput"


def voila_loaded(page):
    # Voila shows the cells once every one ran (the spinner goes)
    expect(page.locator("#rendered_cells")).to_be_visible(timeout=90_000)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", PAGES)
def test_app_page_is_local_and_accessible(page, voila, name):
    requests = RequestLog(page, voila.base)
    problems = []
    for theme in ("light", "dark"):
        page.goto(voila.url(name) + f"&theme={theme}")
        voila_loaded(page)
        body_class = page.locator("body").get_attribute("class") or ""
        assert f"theme-{theme}" in body_class
        problems += [f"{theme}: {line}" for line in failing_violations(page)]
    assert requests.foreign() == [], f"{name} asked other hosts: {requests.foreign()}"
    assert problems == [], "\n".join(problems)


def lab_theme(page, name):
    """Settings > Theme > ``name``, as a person chooses it; wait until the body says so."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Settings$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Theme$")).hover()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{name}$")).click()
    light = "true" if "Light" in name else "false"
    page.wait_for_function(
        f"document.body.dataset.jpThemeLight === '{light}'", polling=100, timeout=30_000
    )


@pytest.mark.parametrize("name", PAGES)
def test_lab_notebook_is_local_and_accessible(page, lab, open_notebook, name):
    requests = RequestLog(page, lab.base)
    nb = open_notebook(f"notebooks/{name}")
    nb.run_all()
    page.wait_for_load_state("networkidle")
    problems = [f"light: {line}" for line in failing_violations(page, NOTEBOOK_PART)]
    lab_theme(page, "JupyterLab Dark")
    try:
        problems += [f"dark: {line}" for line in failing_violations(page, NOTEBOOK_PART)]
    finally:
        lab_theme(page, "JupyterLab Light")  # the theme is saved in the session's settings
    assert requests.foreign() == [], f"{name} asked other hosts: {requests.foreign()}"
    assert problems == [], "\n".join(problems)
