"""Check my form in headless Chromium on this machine: model load, frame rate, rule delay.

JupyterLab (the tests' harness) shows the camera widget judging the low lunge; Chromium's
fake camera plays the workbook's low-lunge figure painted as a person (tests/e2e/
pose_pictures.py) at 640 x 480, 5 frames a second: 4 s in position, 4 s leaning 40° forward,
looping. Each picture carries a colour patch in its corner. Each variant (VARIANTS: the
widget as it was, before, and as it is, after, side by side in one run) in a fresh browser
(cold cache), CPU inference (useCpuInference):

- load: from the click on "Turn on Check my form" to the first model result drawn (camera
  start, the model's files from the server, WASM start, the first inference);
- fps: model results per second; sent/s: landmark messages to the kernel per second;
- the delay from each change of picture to the words changing, step by step (``stages``):
  the widget's probe (camera.js ``trace``) stamps each step on the page's clock, the kernel
  writes each reading's own verdict with its wall-clock time, medians over the changes.

    .venv/bin/python benchmarks/bench_camera.py [--seconds 40] [--raw FOLDER]
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
  // the widget's probe (camera.js trace()): every step of the pipeline with its time; the
  // colour patch in the picture's top left corner tells which picture a frame or result shows
  const log = window.camLog = {arrive: [], infer: [], result: [], held: [], sent: [], verdict: [],
    origin: performance.timeOrigin};
  const probe = document.createElement('canvas');
  probe.width = probe.height = 1;
  const pctx = probe.getContext('2d', {willReadFrequently: true});
  const colourOf = (img, x, y) => {
    pctx.drawImage(img, x, y, 1, 1, 0, 0, 1, 1);
    const px = pctx.getImageData(0, 0, 1, 1).data;
    return px[0] > 128 && px[2] < 100 ? 'good' : (px[2] > 128 && px[0] < 100 ? 'bad' : null);
  };
  window.psoasCameraTrace = (step, t, d) => {
    if (step === 'video') {
      let last = null;
      // each new camera frame in the page (the patch read off the video), at the time it
      // reached the page (the callback itself runs only when the model lets the page draw)
      const frame = (now, meta) => {
        const colour = colourOf(d.video, 8, 8);
        const at = meta.receiveTime ?? meta.captureTime ?? meta.presentationTime ?? now;
        if (colour && colour !== last) log.arrive.push([at, last = colour]);
        d.video.requestVideoFrameCallback(frame);
      };
      d.video.requestVideoFrameCallback(frame);
    } else if (step === 'result') {  // the canvas is mirrored: the patch is in its top right
      log.result.push([t, colourOf(d.canvas, d.canvas.width - 9, 8)]);
    } else if (step === 'verdict') {
      log.verdict.push([t, d.words, d.from]);
    } else if (log[step]) {
      log[step].push(t);
    }
  };
}"""


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def notebook(arguments: str, readings: Path) -> dict:
    """The widget judging the low lunge; each reading's own verdict (no hysteresis) and its
    browser time are appended to ``readings`` (JSON lines) to tell the model's part from the
    hysteresis."""
    source = (
        "import json, time\n"
        "from psoas_lib.coaching.form_check import judge\n"
        "from psoas_lib.content.pose_rules import load_pose_rules\n"
        "from psoas_lib.ui.camera import CameraCheck\n"
        f"camera = CameraCheck({arguments})\n"
        "camera.use_rules(load_pose_rules()['low-lunge'])\n"
        "def _reading(state, t):\n"
        f"    with open({str(readings)!r}, 'a') as out:\n"
        "        words = judge(camera.rules, camera.last_pose or None).words\n"
        "        pose = {k: [round(v, 4) for v in p] for k, p in camera.last_pose.items()}\n"
        "        out.write(json.dumps([t * 1000, words, time.time() * 1000, pose]) + '\\n')\n"
        "camera.on_state(_reading)\n"
        "camera"
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


STAGES = ("wait", "infer", "send", "settle", "confirm", "to kernel", "back", "total")


def _first(times: list[float], after: float) -> float | None:
    return next((t for t in times if t >= after), None)


def stages(log: dict) -> list[dict[str, float]]:
    """For each change of picture, where the time went (ms), from the probe's log:

    - wait: the new frame in the page until the model starts on it (the model was busy);
    - infer: the model's work on it, until the result is drawn;
    - send: that result until landmarks go to the kernel (the send rate);
    - settle: until the first landmarks that alone give the new verdict were sent (the
      model's readings in between said something else, e.g. *not sure*);
    - confirm: until the landmarks the new verdict came from were sent (the hysteresis);
    - to kernel: from those landmarks sent to the kernel judging them (the page's send, the
      server, the kernel's turn; wall clocks of one machine);
    - back: from the kernel's verdict to the words changed in the page (the server, the
      page's turn to handle the message while the model runs, the widget's update);
    - total: the new frame in the page to the words changed.
    """
    out = []
    for arrived, colour in log["arrive"][1:]:
        want = "In position" if colour == "good" else "Out of position"
        result = next((t for t, c in log["result"] if t >= arrived and c == colour), None)
        verdict = next(
            (
                (t, src)
                for t, words, src in log["verdict"]
                if t >= arrived and words.startswith(want)
            ),
            None,
        )
        if result is None or verdict is None:
            continue
        started = max([t for t in log["infer"] if t <= result] or [arrived])
        sent = _first(log["sent"], result)
        (shown, source) = verdict
        if sent is None or source < sent - 1 or shown < source:
            continue  # a verdict from an earlier pose, or a change cut off by the run's end
        right = next(
            (t for t, words, *_ in log["readings"] if t >= sent - 1 and words.startswith(want)),
            source,
        )
        judged = next((k for t, _, k, *_ in log["readings"] if abs(t - source) < 0.5), None)
        if judged is None:
            continue
        judged -= log["origin"]  # the kernel's wall clock on the page's clock
        out.append(
            {
                "wait": max(0.0, started - arrived),
                "infer": result - max(started, arrived),
                "send": sent - result,
                "settle": right - sent,
                "confirm": source - right,
                "to kernel": judged - source,
                "back": shown - judged,
                "total": shown - arrived,
            }
        )
    return out


def medians(rows: list[dict[str, float]]) -> dict[str, float | None]:
    return {k: (round(statistics.median(r[k] for r in rows)) if rows else None) for k in STAGES}


#: What is measured, side by side in one run: (name, model, the widget's arguments).
VARIANTS = [
    # before: landmarks only 12 times a second, a verdict after two of them
    ("before: full", "full", "complexity=1, eager=False, hold=0.0"),
    # after: a moving body's landmarks at once, a verdict held 50 ms over two readings
    ("after: full", "full", "complexity=1"),
    ("after: lite", "lite", "complexity=0"),
]


def run(h, lab, video: Path, name: str, seconds: float, readings: Path) -> dict:
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
            nb = h.Notebook(page, lab, f"{_file(name)}.ipynb").open()
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
    lines = readings.read_text().splitlines() if readings.exists() else []
    log["readings"] = [json.loads(line) for line in lines]
    if RAW is not None:
        (RAW / f"{_file(name)}.json").write_text(json.dumps(log))
    rows = stages(log)
    span = (log["sent"][-1] - log["sent"][0]) / 1000 if len(log["sent"]) > 1 else 0
    return {
        "variant": name,
        "load_s": round(load_s, 2),
        "fps": round((frames1 - frames0) / (t1 - t0), 1),
        "sent_per_s": round((len(log["sent"]) - 1) / span, 1) if span else None,
        "changes": len(rows),
        **medians(rows),
        "max_total": round(max(r["total"] for r in rows)) if rows else None,
    }


RAW: Path | None = None  # --raw: where each variant's probe log is written


def _file(name: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in name)


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--seconds",
        type=float,
        default=40.0,
        help="how long to watch each variant (the video loops every 8 s)",
    )
    parser.add_argument("--raw", type=Path, help="a folder for each variant's probe log (JSON)")
    parser.add_argument("--only", default="", help="only the variants whose name has this")
    args = parser.parse_args(argv)
    global RAW
    RAW = args.raw
    h = load(REPO / "tests" / "e2e" / "conftest.py", "psoas_e2e_harness")
    pp = load(REPO / "tests" / "e2e" / "pose_pictures.py", "psoas_pose_pictures")
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-camera-"))
    (work / "home").mkdir()
    root = work / "root"
    root.mkdir()
    for name, _model, arguments in VARIANTS:
        readings = work / f"{_file(name)}.readings.jsonl"
        (root / f"{_file(name)}.ipynb").write_text(json.dumps(notebook(arguments, readings)))
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
        for name, _model, _arguments in VARIANTS:
            if args.only not in name:
                continue
            before = load_average()
            readings = work / f"{_file(name)}.readings.jsonl"
            results.append({**run(h, lab, video, name, args.seconds, readings), "load": before})
    print("Check my form in headless Chromium (CPU inference, 640 x 480 fake camera at 5 fps)")
    print(f"goals: load < {GOALS['load_s']} s, fps >= 10 lite / 7 full, total < 500 ms")
    head = ["variant", "load avg", "load s", "fps", "sent/s", "changes", *STAGES, "max"]
    print(" | ".join(head))
    for r in results:
        cells = [r["variant"], r["load"], r["load_s"], r["fps"], r["sent_per_s"], r["changes"]]
        cells += [r[k] for k in STAGES] + [r["max_total"]]
        print(" | ".join(str(c) for c in cells))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
