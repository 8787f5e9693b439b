"""Screenshots of the app on a phone (390 x 844), dark and light, for docs/screenshots/phone/.

Starts the app as ``make app`` serves it (the tests/e2e harness: free loopback port, token,
temporary settings) on a temporary data folder holding a synthetic half-year journal, opens
it in Chromium at phone size in Voila's dark and light themes, goes to each page, scrolls
its main part into view and saves the screen.

    .venv/bin/python tools/phone_screenshots.py [--out docs/screenshots/phone]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots" / "phone")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    harness = load_harness()
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        home = work / "psoas-home"
        home.mkdir()
        seed_journal(home)
        server = harness.AppServer(work, home, harness.lab_notebook_root(work) / "notebooks")
        server.start()
        try:
            with sync_playwright() as p:
                browser = harness.launch_browser(p)
                for theme, keys in THEMES.items():
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
