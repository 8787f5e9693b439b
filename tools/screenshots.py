"""Screenshots of each notebook as a user sees it, for docs/screenshots/ and the README.

Starts the project's JupyterLab (the tests/e2e harness: free loopback port, token, temporary
settings) with a temporary data folder holding a synthetic half-year journal, opens each
notebook in Chromium, runs all cells, scrolls to its main widget and saves a 1280x1000 PNG.
The routine player is shown running, and once more in the Voila app (``make app``).

    .venv/bin/python tools/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VIEWPORT = {"width": 1280, "height": 1000}
#: notebook -> the CSS hook of the widget a user looks at first (scrolled into view).
SHOTS = {
    "00_start_here": "psoas-catalog-picker",
    "01_self_assessment": "psoas-checklist",
    "02_run_a_routine": "psoas-routine-picker",
    "03_my_progress": "psoas-progress-summary",
}


def load_harness():
    spec = importlib.util.spec_from_file_location(
        "psoas_e2e_harness", REPO / "tests" / "e2e" / "conftest.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_journal(home: Path) -> None:
    """A synthetic journal, so the progress notebook has something to show."""
    from psoas_lib.journal.sample import write_synthetic_journal

    write_synthetic_journal(home)


def scroll_to(page, harness, hook: str, margin: int = 120) -> None:
    """Put the widget near the top of the notebook, ``margin`` pixels below its top edge."""
    target = page.locator(f"{harness.PANEL} .{hook}").first
    if target.count():
        target.evaluate(
            """(el, margin) => {
            const outer = el.closest('.jp-WindowedPanel-outer');
            outer.scrollBy(0, el.getBoundingClientRect().top
                              - outer.getBoundingClientRect().top - margin);
        }""",
            margin,
        )
    page.wait_for_timeout(500)


def lab_shots(browser, harness, lab, out: Path) -> list[Path]:
    saved = []
    for name, hook in SHOTS.items():
        path = f"notebooks/{name}.ipynb"
        if not (lab.root / path).exists():
            print(f"{name}: notebook not found, skipped")
            continue
        context = browser.new_context(viewport=VIEWPORT)
        context.set_default_timeout(60_000)
        page = context.new_page()
        nb = harness.Notebook(page, lab, path).open()
        page.keyboard.press("Control+b")  # hide the file browser: more room for the notebook
        nb.run_all()
        if name == "01_self_assessment":  # a few answers ticked, as in the e2e test
            for ident in ("tight-hips-groin", "stiff-after-sitting", "sits-long"):
                nb.widget(f"psoas-check-{ident}").locator("input").check()
        scroll_to(page, harness, hook, margin=20)
        if name == "02_run_a_routine":
            start = nb.widget("psoas-start")
            if start.count():
                start.click()
                scroll_to(page, harness, "psoas-total", margin=20)
                page.wait_for_timeout(2500)
        page.mouse.move(1000, 12)  # no hover effects (heading anchors, tooltips) in the shot
        page.wait_for_timeout(300)
        shot = out / f"{name}.png"
        page.screenshot(path=str(shot))
        saved.append(shot)
        stop = nb.widget("psoas-stop")
        if name == "02_run_a_routine" and stop.count() and stop.is_enabled():
            stop.click()
        context.close()
    return saved


def voila_shot(browser, harness, voila, out: Path) -> Path | None:
    if not (voila.root / "02_run_a_routine.ipynb").exists():
        return None
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(voila.url("02_run_a_routine.ipynb"))
    picker = page.locator(".psoas-routine-picker").first
    picker.wait_for()
    picker.scroll_into_view_if_needed()
    shot = out / "app_02_run_a_routine.png"
    page.screenshot(path=str(shot))
    context.close()
    return shot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    harness = load_harness()
    missing = harness.browser_missing()
    if missing:
        print(f"cannot run: {missing}")
        return 2
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="psoas-shots-") as tmp:
        work = Path(tmp)
        home = work / "psoas-home"
        home.mkdir()
        seed_journal(home)
        root = harness.lab_notebook_root(work)
        with (
            harness.LabServer(work, home, root) as lab,
            harness.VoilaServer(work / "voila", home, root / "notebooks") as voila,
            sync_playwright() as p,
        ):
            browser = harness.launch_browser(p)
            saved = lab_shots(browser, harness, lab, args.out)
            shot = voila_shot(browser, harness, voila, args.out)
            saved += [shot] if shot else []
            browser.close()
    for shot in saved:
        print(shot.relative_to(REPO) if shot.is_relative_to(REPO) else shot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
