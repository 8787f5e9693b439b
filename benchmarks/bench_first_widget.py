"""Time from opening each notebook to its first widget being visible, against a baseline.

The baseline is a one-cell notebook showing one checkbox, generated in a temporary folder and
opened in the same run, with the same JupyterLab server and the same Chromium. Each timing
starts at page navigation and ends when the first ipywidget in an output is visible: page
load, kernel start, Run All Cells and the cells before the first widget all count. Every
kernel is shut down after its measurement so the next opening starts a fresh one. Rounds are
interleaved (baseline, 00, 01, ...) and the median of each is compared. Target: ratio <= 1.5.

    .venv/bin/python benchmarks/bench_first_widget.py [--rounds 5]

Needs Chromium at /usr/bin/chromium (or $PSOAS_CHROMIUM); reuses the harness of tests/e2e.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = ["00_start_here", "01_self_assessment", "02_run_a_routine", "03_my_progress"]
TARGET = 1.5
FIRST_WIDGET = ".jp-NotebookPanel:visible .jp-OutputArea-output > .jupyter-widgets"


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


def first_widget_seconds(browser, harness, lab, path: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(120_000)
    page = context.new_page()
    try:
        nb = harness.Notebook(page, lab, path)
        start = time.perf_counter()
        page.goto(lab.url(path))
        page.locator(f"{harness.PANEL} .jp-Cell").first.wait_for()
        nb.wait_idle()
        nb.start_run_all()
        page.locator(FIRST_WIDGET).first.wait_for(state="visible")
        elapsed = time.perf_counter() - start
    finally:
        context.close()
        lab.shut_down_kernels()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    harness = load_harness()
    missing = harness.browser_missing()
    if missing:
        print(f"cannot run: {missing}")
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="psoas-bench-") as tmp:
        work = Path(tmp)
        home = work / "psoas-home"
        home.mkdir()
        bench = work / "bench"
        bench.mkdir()
        root = harness.lab_notebook_root(
            work, {"baseline_checkbox.ipynb": baseline_notebook(bench)}
        )
        present = [n for n in NOTEBOOKS if (root / "notebooks" / f"{n}.ipynb").exists()]
        paths = {"baseline": "baseline_checkbox.ipynb"}
        paths |= {n: f"notebooks/{n}.ipynb" for n in present}
        times: dict[str, list[float]] = {name: [] for name in paths}
        with harness.LabServer(work, home, root) as lab, sync_playwright() as p:
            browser = harness.launch_browser(p)
            first_widget_seconds(browser, harness, lab, paths["baseline"])  # warm-up, dropped
            for _ in range(args.rounds):
                for name, path in paths.items():
                    times[name].append(first_widget_seconds(browser, harness, lab, path))
            browser.close()

    if harness.RUN_ALL_RETRIES:
        print(f"Run All pressed again (first press lost) for: {harness.RUN_ALL_RETRIES}")
    base = statistics.median(times["baseline"])
    print(f"first widget visible, median of {args.rounds} (seconds); target ratio <= {TARGET}")
    print(f"{'baseline (one checkbox)':28} {base:6.2f} s")
    worst = 0.0
    for name in NOTEBOOKS:
        if name not in times:
            print(f"{name:28} (notebook not found)")
            continue
        med = statistics.median(times[name])
        ratio = med / base
        worst = max(worst, ratio)
        flag = "ok" if ratio <= TARGET else "OVER TARGET"
        print(f"{name:28} {med:6.2f} s  ratio {ratio:4.2f}  {flag}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
