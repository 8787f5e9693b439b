"""Every page, in the app (Voila) and in JupyterLab, light and dark: nothing is asked of
another host, and axe-core finds no critical or serious accessibility violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import NOTEBOOKS, RequestLog, failing_violations

# Not done yet: a matplotlib Figure returned by a cell (the schematic in 00, the score chart
# in 01, the five charts in 03) shows as a PNG output, and JupyterLab's and Voila's image
# renderer gives it no alt text (axe: image-alt, critical). Strict: fixing it fails here.
NO_ALT_YET = pytest.mark.xfail(
    strict=True, reason="cell-output chart PNGs have no alt text (image-alt)"
)
PAGES = [
    pytest.param(name, marks=NO_ALT_YET) if name.startswith(("00_", "01_", "03_")) else name
    for name in sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
]


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
