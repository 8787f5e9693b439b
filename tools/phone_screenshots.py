"""Screenshots of the app and the notebooks on a phone (390 x 844), dark and light, for
docs/screenshots/phone/.

Starts the app as ``make app`` serves it (the tests/e2e harness: free loopback port, token,
temporary settings) on a temporary data folder holding a synthetic half-year journal, opens
it in Chromium at phone size in Voila's dark and light themes, goes to each page, scrolls
its main part into view and saves the screen. Then the same for each notebook in JupyterLab
(``nb-<number>-<theme>.png``): opened and run, the file browser folded away, the theme
chosen in Settings > Theme, the page narrowed to 390 x 844 and the notebook's main widget
scrolled to the top.

    .venv/bin/python tools/phone_screenshots.py [--out docs/screenshots/phone] [--only lab]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

from screenshots import load_harness, seed_journal  # noqa: E402

PHONE = {"width": 390, "height": 844}
#: page key -> the part scrolled into view (None: the top of the page).
PARTS = {
    "home": None,
    "start": None,
    "check": ".psoas-checklist",
    "run": ".psoas-player",
    "progress": ".psoas-progress-charts",
    "plan": ".psoas-plan-editor",
}
THEMES = {"dark": list(PARTS), "light": ["check", "run", "progress"]}
#: notebook -> the widget scrolled to the top of the screen (None: the top of the notebook).
NOTEBOOKS = {
    "00_start_here": ".psoas-catalog",
    "01_self_assessment": ".psoas-checklist",
    "02_run_a_routine": ".psoas-player",
    "03_my_progress": ".psoas-chart",
    "04_plan": ".psoas-table",
    "05_coach": ".psoas-programme-writer",
}
LAB_THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}


def lab_shots(browser, harness, lab, out: Path) -> None:
    """Each notebook at 390 x 844 in JupyterLab's light and dark themes."""
    sys.path.insert(0, str(REPO))
    from tests.e2e.test_pages import lab_theme

    for name, part in NOTEBOOKS.items():
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        nb = harness.Notebook(page, lab, f"notebooks/{name}.ipynb").open()
        nb.run_all(timeout=240_000)
        page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()
        for theme, label in LAB_THEMES.items():
            page.set_viewport_size({"width": 1280, "height": 900})
            lab_theme(page, label)
            page.set_viewport_size(PHONE)
            target = page.locator(f"{harness.PANEL} {part}").first
            target.evaluate(
                """el => { const outer = el.closest('.jp-WindowedPanel-outer');
                outer.scrollBy(0, el.getBoundingClientRect().top
                                  - outer.getBoundingClientRect().top - 8); }"""
            )
            page.wait_for_timeout(1500)  # charts and figures drawn
            path = out / f"nb-{name[:2]}-{theme}.png"
            page.screenshot(path=str(path))
            print(path.relative_to(REPO))
        page.set_viewport_size({"width": 1280, "height": 900})
        lab_theme(page, "JupyterLab Light")
        page.close()
        lab.shut_down_kernels()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots" / "phone")
    parser.add_argument("--only", choices=["app", "lab"], help="the app or the notebooks only")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    harness = load_harness()
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        home = work / "psoas-home"
        home.mkdir()
        seed_journal(home)
        root = harness.lab_notebook_root(work)
        server = harness.AppServer(work / "app", home, root / "notebooks")
        lab = harness.LabServer(work / "lab", home, root)
        if args.only != "lab":
            server.start()
        if args.only != "app":
            lab.start()
        try:
            with sync_playwright() as p:
                browser = harness.launch_browser(p)
                if args.only != "app":
                    lab_shots(browser, harness, lab, args.out)
                for theme, keys in THEMES.items() if args.only != "lab" else ():
                    page = browser.new_page(viewport=PHONE)
                    page.goto(server.url() + f"&theme={theme}")
                    expect(page.locator(".psoas-nav")).to_be_visible(timeout=90_000)
                    for key in keys:
                        if key != "home":
                            harness.go_to(page, key)
                        part = PARTS[key]
                        if part:
                            page.locator(part).first.scroll_into_view_if_needed()
                        page.wait_for_timeout(1500)  # charts and figures drawn
                        path = args.out / f"{key}-{theme}.png"
                        page.screenshot(path=str(path))
                        print(path.relative_to(REPO))
                    page.close()
                browser.close()
        finally:
            server.stop()
            lab.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
