"""Phone-first: every page of the app at 390 x 844, 844 x 390 and 820 x 1180, light and dark.

One page per theme, opened once and resized in place through the three sizes (a phone held
upright, a phone on its side, a tablet), measuring the DOM each time: nothing runs past the
right edge, no label is cut off with an ellipsis, every control is at least 44 x 44 px (a
checkbox counts with its label, the whole of which is clickable), the *Full dose* label is
shown; and axe-core still finds no critical or serious violation at phone size.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import AppServer, failing_violations, go_to, lab_notebook_root, option_labels

SIZES = [(390, 844), (844, 390), (820, 1180)]
KEYS = ["home", "start", "check", "run", "progress", "plan", "journal"]
#: Controls under 44 x 44 px known and owned elsewhere: none (the figure's Pause is 46 px high).
ELSEWHERE: tuple[str, ...] = ()

#: What is wrong with the page at this size: elements past the right edge, controls under
#: 44 x 44 px, labels cut off (each named by tag, classes and text).
MEASURE = (Path(__file__).with_name("phone_measure.js")).read_text(encoding="utf-8")


def problems(page, where: str) -> list[str]:
    found = page.evaluate(MEASURE)
    small = [s for s in found["small"] if not s.startswith(ELSEWHERE)]
    return (
        [f"{where}: past the right edge: {e}" for e in found["past"]]
        + [f"{where}: under 44 x 44 px: {e}" for e in small]
        + [f"{where}: label cut: {e}" for e in found["cut"]]
        + (
            [f"{where}: page {found['scrollWidth']} px wide"]
            if found["scrollWidth"] > found["width"]
            else []
        )
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_app_page_fits_a_phone(browser, app, theme):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(app.url() + f"&theme={theme}")
        expect(page.locator(".psoas-nav")).to_be_visible(timeout=90_000)
        found: list[str] = []
        for key in KEYS:
            page.set_viewport_size({"width": 390, "height": 844})
            if key != "home":
                go_to(page, key)
            for width, height in SIZES:
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_timeout(200)  # one layout after the resize
                found += problems(page, f"{theme} {key} {width}x{height}")
            if key == "run":
                full_dose = page.locator(".psoas-page-run .widget-checkbox", has_text="Full dose")
                expect(full_dose.first).to_be_visible()
                box = full_dose.first.locator(".widget-label-basic").bounding_box()
                assert box and box["width"] >= 44 and box["height"] >= 44
            page.set_viewport_size({"width": 390, "height": 844})
            found += [f"{theme} {key} axe: {v}" for v in failing_violations(page)]
        assert found == [], "\n".join(found)
    finally:
        page.close()


@pytest.fixture(scope="module")
def running_app(tmp_path_factory):
    """An app of this test's own: the run it leaves unfinished must not be offered on the
    other tests' pages as "Not finished"."""
    work = tmp_path_factory.mktemp("app-phone-focus")
    home = work / "psoas-home"
    home.mkdir()
    server = AppServer(work, home, lab_notebook_root(work) / "notebooks")
    try:
        server.start()
        yield server
    finally:
        server.stop()


#: Every switch the focus view shows holds its label in view (its text, 44 px high).
SWITCH_LABELS_JS = """() => [...document.querySelectorAll('.psoas-player .widget-checkbox')]
  .filter(el => el.getBoundingClientRect().width > 0)
  .map(el => { const label = el.querySelector('.widget-label-basic');
    const r = label ? label.getBoundingClientRect() : {width: 0, height: 0};
    return {text: label ? label.innerText.trim() : '', width: r.width, height: r.height,
            right: r.right}; })"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_focus_view_during_a_run_fits_a_phone(browser, running_app, theme):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(running_app.url() + f"&theme={theme}")
        expect(page.locator(".psoas-nav")).to_be_visible(timeout=90_000)
        run = go_to(page, "run")
        select = run.locator(".psoas-routine-picker select")
        labels = option_labels(select)
        select.select_option(index=next(i for i, t in enumerate(labels) if "release" in t))
        confirm = run.locator(".psoas-warmed-up")  # static holds: the warm-up asked first
        confirm.click()
        expect(confirm).to_be_hidden()
        run.locator(".psoas-start").click()
        pause = run.locator(".psoas-pause")
        expect(pause).to_be_enabled()
        toggle = run.locator(".psoas-focus-button")
        toggle.click()
        expect(toggle).to_have_text("Leave focus view")
        pause.click()  # paused: nothing moves while it is measured
        expect(pause).to_have_text(re.compile(r"^Resume\b"))
        found: list[str] = []
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(300)  # one layout after the resize
            where = f"{theme} focus view {width}x{height}"
            found += problems(page, where)
            for switch in page.evaluate(SWITCH_LABELS_JS):
                if not switch["text"] or switch["height"] < 44 or switch["right"] > width + 1:
                    found.append(f"{where}: a switch's label is not in view: {switch}")
        page.set_viewport_size({"width": 390, "height": 844})
        found += [f"{theme} focus view axe: {v}" for v in failing_violations(page)]
        assert found == [], "\n".join(found)
    finally:
        page.close()
