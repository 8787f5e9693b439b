"""Time from navigation to the app's home page being usable, and each page's first opening,
against a one-cell Voila page served the default way, in the same run.

The baseline is a one-cell notebook showing one checkbox, served by its own Voila the default
way (one notebook, sources stripped, no preheated kernel); the app is served as ``make app``
serves it (one kernel kept preheated: its imports done before the visitor comes, the app
built when they arrive; each round first waits ``--settle`` seconds for it to be ready).
Each round, in a fresh browser context (so a fresh kernel): the baseline's time from
navigation to its checkbox visible; the app's time from navigation to the home page's
*Start* button visible and enabled; then each page's first opening, from the click on its
navigation button to the page shown. The median of each is printed, and the home page's
ratio to the baseline. Goals: ratio <= 1.0, every first opening under 1 s on a quiet machine.

    .venv/bin/python benchmarks/bench_app_pages.py [--rounds 3] [--settle 25]

Needs Chromium at /usr/bin/chromium (or $PSOAS_CHROMIUM); reuses the harness of tests/e2e.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = ["start", "check", "run", "progress", "plan", "journal"]
TARGET_RATIO = 1.0
TARGET_PAGE_S = 1.0


def load_harness():
    spec = importlib.util.spec_from_file_location(
        "psoas_e2e_harness", REPO / "tests" / "e2e" / "conftest.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def baseline_notebook(folder: Path) -> Path:
    """A one-cell notebook that shows one checkbox."""
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "checkbox",
                "metadata": {},
                "outputs": [],
                "source": ["import ipywidgets\n", "ipywidgets.Checkbox(description='ready')"],
            }
        ],
        "metadata": {
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            }
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / "baseline_checkbox.ipynb"
    path.write_text(json.dumps(nb, indent=1))
    return path


def one_round(browser, harness, app, baseline) -> dict[str, float]:
    from playwright.sync_api import expect

    found: dict[str, float] = {}
    for name, server, ready in (
        ("baseline", baseline, ".widget-checkbox input"),
        ("home", app, ".psoas-home-start:not([disabled])"),
    ):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        try:
            start = time.perf_counter()
            page.goto(server.url())
            expect(page.locator(ready).first).to_be_visible(timeout=180_000)
            found[name] = time.perf_counter() - start
            if name == "home":
                for key in PAGES:
                    start = time.perf_counter()
                    page.locator(f".psoas-nav-{key}").click()
                    expect(page.locator(f".psoas-page-{key}")).to_be_visible(timeout=120_000)
                    found[key] = time.perf_counter() - start
        finally:
            context.close()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--settle",
        type=float,
        default=25,
        help="seconds to wait before each round, for the app's preheated kernel to be ready",
    )
    args = parser.parse_args(argv)
    harness = load_harness()
    missing = harness.browser_missing()
    if missing:
        print(f"cannot run: {missing}")
        return 2
    from playwright.sync_api import sync_playwright

    class Baseline(harness.AppServer):
        name = "voila-baseline"
        PREHEAT = ()  # served the default way

        def argv(self) -> list[str]:
            argv = super().argv()
            argv[1] = str(self.root / "baseline_checkbox.ipynb")
            return argv

    with tempfile.TemporaryDirectory(prefix="psoas-bench-") as tmp:
        work = Path(tmp)
        home = work / "psoas-home"
        home.mkdir()
        root = harness.lab_notebook_root(work / "app")
        bench = work / "bench"
        bench.mkdir()
        baseline_notebook(bench)
        times: dict[str, list[float]] = {}
        app = harness.AppServer(work / "app", home, root / "notebooks")
        base = Baseline(work / "base", home, bench)
        with app, base, sync_playwright() as p:
            browser = harness.launch_browser(p)
            one_round(browser, harness, app, base)  # warm-up (first imports, caches), dropped
            for _ in range(args.rounds):
                time.sleep(args.settle)  # a visitor who comes when the kernel is ready
                for key, seconds in one_round(browser, harness, app, base).items():
                    times.setdefault(key, []).append(seconds)
            browser.close()

    median = {key: statistics.median(values) for key, values in times.items()}
    ratio = median["home"] / median["baseline"]
    load = os.getloadavg()[0]
    print(
        f"median of {args.rounds} rounds (seconds); "
        f"load average {load:.1f} on {os.cpu_count()} cores"
    )
    print(f"{'baseline: one checkbox':30} {median['baseline']:6.2f} s")
    print(
        f"{'home page: Start usable':30} {median['home']:6.2f} s  "
        f"ratio {ratio:4.2f} (goal <= {TARGET_RATIO})"
    )
    for key in PAGES:
        flag = "ok" if median[key] < TARGET_PAGE_S else "over 1 s"
        print(f"{'first opening: ' + key:30} {median[key]:6.2f} s  {flag}")
    slow = [key for key in PAGES if median[key] >= TARGET_PAGE_S]
    return 0 if ratio <= TARGET_RATIO and not slow else 1


if __name__ == "__main__":
    sys.exit(main())
