"""Check my form in headless Chromium on this machine: model load, frame rate, rule delay.

JupyterLab (the tests' harness) shows the camera widget judging the low lunge; Chromium's
fake camera plays the workbook's low-lunge figure painted as a person (tests/e2e/
pose_pictures.py) at 640 x 480: 4 s in position, 4 s leaning 40° forward, looping. Each
picture carries a colour patch in its corner. For each model (lite, full), in a fresh
browser (cold cache):

- load: from the click on "Turn on Check my form" to the first model result drawn (camera
  start, the model's files from the server, WASM start, the first inference);
- fps: model results per second over 10 s, CPU inference (useCpuInference);
- delay: from the first result drawn on a changed picture (the patch, read off the widget's
  canvas) to the rule state changing in the widget's words (landmarks to the kernel, the
  rules, hysteresis, the verdict back), median over the changes seen. Add one frame time
  (the camera frame waits up to one model cycle and inference takes one) for the whole
  delay from a pose change: printed as "pose change to words".

    .venv/bin/python benchmarks/bench_camera.py [--seconds 40]
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
GOALS = {"load_s": 3.0, "fps_lite": 10.0, "fps_full": 7.0, "delay_ms": 500.0}
WATCH_JS = """() => {
  const w = document.querySelector('.psoas-camera');
  const canvas = w.querySelector('canvas'), verdict = w.querySelector('.psoas-camera-verdict');
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  window.camLog = {patch: [], verdict: []};
  let last = null;
  new MutationObserver(() => window.camLog.verdict.push([performance.now(), verdict.textContent]))
    .observe(verdict, {childList: true, characterData: true, subtree: true});
  const look = () => {
    const px = ctx.getImageData(canvas.width - 8, 8, 1, 1).data;  // the mirrored corner patch
    const colour = px[0] > 128 ? 'good' : (px[2] > 128 ? 'bad' : null);
    if (colour && colour !== last) {
      window.camLog.patch.push([performance.now(), colour]);
      last = colour;
    }
    requestAnimationFrame(look);
  };
  look();
}"""


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def notebook(complexity: int) -> dict:
    source = (
        "from psoas_lib.content.pose_rules import load_pose_rules\n"
        "from psoas_lib.ui.camera import CameraCheck\n"
        f"camera = CameraCheck(complexity={complexity})\n"
        "camera.use_rules(load_pose_rules()['low-lunge'])\ncamera"
    )
    return {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": source,
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def delays(log: dict) -> list[float]:
    """For each patch change, ms until the verdict next changed to the matching words."""
    out = []
    for t, colour in log["patch"][1:]:
        want = "In position" if colour == "good" else "Out of position"
        later = [v for v, text in log["verdict"] if v >= t and text.startswith(want)]
        if later:
            out.append(later[0] - t)
    return out


def run(h, pp, lab, video: Path, complexity: int, seconds: float) -> dict:
    from playwright.sync_api import sync_playwright

    flags = [
        *h.CHROMIUM_FLAGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(h.CHROMIUM), args=flags)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            nb = h.Notebook(page, lab, f"camera_{complexity}.ipynb").open()
            nb.run_all()
            widget = nb.widget("psoas-camera")
            widget.locator(".psoas-camera-toggle").wait_for()
            page.evaluate(WATCH_JS)
            clicked = time.monotonic()
            widget.locator(".psoas-camera-toggle").click()
            page.wait_for_function(
                "() => Number(document.querySelector('.psoas-camera').dataset.frames || 0) > 0",
                timeout=120_000,
                polling=20,
            )
            load_s = time.monotonic() - clicked
            frames0, t0 = int(widget.get_attribute("data-frames")), time.monotonic()
            page.wait_for_timeout(seconds * 1000)
            frames1, t1 = int(widget.get_attribute("data-frames")), time.monotonic()
            log = page.evaluate("window.camLog")
        finally:
            browser.close()
        lab.shut_down_kernels()
    found = delays(log)
    fps = (frames1 - frames0) / (t1 - t0)
    return {
        "complexity": complexity,
        "load_s": round(load_s, 2),
        "fps": round(fps, 1),
        "delay_ms": round(statistics.median(found)) if found else None,
        "changes_seen": len(found),
        "whole_delay_ms": round(statistics.median(found) + 1000 / fps) if found and fps else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--seconds",
        type=float,
        default=40.0,
        help="how long to watch each model (the video loops every 8 s)",
    )
    args = parser.parse_args(argv)
    h = load(REPO / "tests" / "e2e" / "conftest.py", "psoas_e2e_harness")
    pp = load(REPO / "tests" / "e2e" / "pose_pictures.py", "psoas_pose_pictures")
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-camera-"))
    (work / "home").mkdir()
    root = work / "root"
    root.mkdir()
    for c in (0, 1):
        (root / f"camera_{c}.ipynb").write_text(json.dumps(notebook(c)))
    t = pp.key_times("low-lunge")[-1][0]
    points, depth = pp.figure_points("low-lunge", "left", t)
    facing = 1 if points["chin"][0] > points["neck"][0] else -1
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(h.CHROMIUM), args=h.CHROMIUM_FLAGS)
        good, bad = pp.to_pixels(
            b.new_page(),
            [
                pp.person_svg(points, depth, marker="#ff0000"),
                pp.person_svg(pp.lean_trunk(points, 40, facing), depth, marker="#0000ff"),
            ],
        )
        b.close()
    video = pp.write_y4m(work / "lunge.y4m", [good] * 20 + [bad] * 20, fps=5)
    lab = h.LabServer(work / "lab", work / "home", root)
    results = []
    with lab:
        for complexity in (0, 1):
            results.append(run(h, pp, lab, video, complexity, args.seconds))
    print("Check my form in headless Chromium (CPU inference, 640 x 480 fake camera at 5 fps)")
    for r in results:
        name = {0: "lite", 1: "full"}[r["complexity"]]
        print(
            f"  {name}: load {r['load_s']} s (goal < {GOALS['load_s']}), "
            f"{r['fps']} fps (goal >= {GOALS['fps_' + name]}), result-to-words "
            f"{r['delay_ms']} ms over {r['changes_seen']} pose changes, "
            f"pose change to words ~{r['whole_delay_ms']} ms (goal < {GOALS['delay_ms']:.0f})"
        )
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
