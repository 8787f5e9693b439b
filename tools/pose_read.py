"""Does a pose model read the workbook's figures as a person? (issue 22 item 8, issue 26 item 6)

For every key pose of every exercise, on both sides, this renders the figure to a 640 x 480
PNG in headless Chromium and runs MediaPipe Pose on it (the npm package that `make install`
puts under jupyter/data/labextensions, the full model, CPU inference), in the same browser,
from a throw-away server on 127.0.0.1. Nothing is downloaded. It reports per exercise:

- found: a person with a shoulder, a hip and the working leg's knee and ankle seen
  (visibility >= 0.5);
- angles: of those, the working leg's hip (shoulder-hip-knee) and knee (hip-knee-ankle)
  angles on the picture within 20 degrees of the figure's own (measured on its drawn points);
- side: of those found, for one-sided exercises, the leg at the figure's working knee read
  as the named leg (MediaPipe's left/right are the person's).

    .venv/bin/python tools/pose_read.py              # the workbook's figures (pose_svg)
    .venv/bin/python tools/pose_read.py --painted    # the same joints painted as a person
    .venv/bin/python tools/pose_read.py --json out.json

Run it from the checkout whose figures you want to measure (it imports psoas_lib from there).
"""

from __future__ import annotations

import argparse
import base64
import functools
import http.server
import json
import math
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
import pose_pictures as pp  # noqa: E402  (the test pictures: also used by the e2e tests)

POSE_FILES = REPO / "jupyter/data/labextensions/psoas-pose/npm/node_modules/@mediapipe/pose"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE = """<!doctype html><html><body><script src="pose/pose.js" crossorigin="anonymous"></script>
<script>
const pose = new Pose({locateFile: (f) => "pose/" + f});
pose.setOptions({modelComplexity: 1, smoothLandmarks: false, useCpuInference: true,
                 minDetectionConfidence: 0.5, minTrackingConfidence: 0.5});
let last = null;
pose.onResults((r) => { last = r.poseLandmarks ? r.poseLandmarks.map(
  (p) => [p.x, p.y, p.z, p.visibility]) : null; });
window.ready = pose.initialize().then(() => true);
window.readPose = async (src) => {
  const img = new Image();
  img.src = src;
  await img.decode();
  pose.reset();
  const seen = [];
  for (let i = 0; i < 3; i++) { await pose.send({image: img}); seen.push(last); }
  return seen;
};
</script></body></html>"""
VISIBLE = 0.5
TOLERANCE = 20.0
MP = {
    "left": {"shoulder": 11, "hip": 23, "knee": 25, "ankle": 27},
    "right": {"shoulder": 12, "hip": 24, "knee": 26, "ankle": 28},
}


def angle_at(a, b, c) -> float:
    u, v = (a[0] - b[0], a[1] - b[1]), (c[0] - b[0], c[1] - b[1])
    return abs(math.degrees(math.atan2(u[0] * v[1] - u[1] * v[0], u[0] * v[0] + u[1] * v[1])))


def figure_picture(exercise: str, side: str, t: float, painted: bool):
    """The SVG to render and the figure's joints in picture pixels (x right, y down)."""
    points, depth = pp.figure_points(exercise, side, t)
    if painted:
        svg = pp.person_svg(points, depth)
        xs = [p[0] for p in points.values()]
        ys = [p[1] for p in points.values()] + [0.0]
        pad = 28.0
        x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad / 2, max(ys) + pad
    else:
        from psoas_lib.figures.keyframes import load_keyframes
        from psoas_lib.figures.svg import pose_svg

        fig = load_keyframes()[exercise]
        try:  # the key pose alone, without the ghosted start pose behind it
            svg = pose_svg(fig, side, t, ghost=False)
        except TypeError:
            svg = pose_svg(fig, side, t)
        found = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"', svg)
        assert found, "pose_svg gave no viewBox"
        vx, vy, vw, vh = (float(v) for v in found.groups())
        x0, x1, y0, y1 = vx, vx + vw, -(vy + vh), -vy  # the drawing puts y at -y
        svg = re.sub(
            r'width="[\d.]+" height="[\d.]+"',
            f'width="{pp.WIDTH}" height="{pp.HEIGHT}"',
            svg,
            count=1,
        )
    scale = min(pp.WIDTH / (x1 - x0), pp.HEIGHT / (y1 - y0))
    ox = (pp.WIDTH - (x1 - x0) * scale) / 2 - x0 * scale
    oy = (pp.HEIGHT + (y1 - y0) * scale) / 2 + y0 * scale
    return svg, {k: (ox + x * scale, oy - y * scale) for k, (x, y) in points.items()}


def judge(rows, joints, side: str, sided: bool) -> dict:
    """The measures of one reading against the figure's own joints (pixels)."""
    out = {"found": False, "angles": False, "side": None}
    if not rows:
        return out
    pix = [(r[0] * pp.WIDTH, r[1] * pp.HEIGHT, r[3]) for r in rows]
    knee = joints["knee"]
    leg = min(MP, key=lambda s: math.dist(pix[MP[s]["knee"]][:2], knee))
    idx = MP[leg]
    seen = (
        max(pix[11][2], pix[12][2]) >= VISIBLE
        and max(pix[23][2], pix[24][2]) >= VISIBLE
        and pix[idx["knee"]][2] >= VISIBLE
        and pix[idx["ankle"]][2] >= VISIBLE
    )
    out["found"] = seen
    own_hip = angle_at(joints["shoulder"], joints["hip"], joints["knee"])
    own_knee = angle_at(joints["hip"], joints["knee"], joints["ankle"])
    read_hip = angle_at(pix[idx["shoulder"]], pix[idx["hip"]], pix[idx["knee"]])
    read_knee = angle_at(pix[idx["hip"]], pix[idx["knee"]], pix[idx["ankle"]])
    out.update(
        own=(round(own_hip), round(own_knee)), read=(round(read_hip), round(read_knee)), leg=leg
    )
    out["angles"] = (
        seen and abs(read_hip - own_hip) <= TOLERANCE and abs(read_knee - own_knee) <= TOLERANCE
    )
    if sided and seen:
        out["side"] = leg == side
    return out


def serve(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--painted", action="store_true", help="paint the joints as a person")
    parser.add_argument("--json", type=Path, help="write every reading here")
    parser.add_argument("--only", nargs="*", help="exercise ids")
    args = parser.parse_args(argv)
    if not (POSE_FILES / "pose.js").exists():
        sys.exit(f"{POSE_FILES} is missing: run make install")
    from playwright.sync_api import sync_playwright

    from psoas_lib.content.catalog import load_catalog

    catalog = load_catalog().exercises
    site = Path(tempfile.mkdtemp(prefix="pose-read-"))
    (site / "pose").symlink_to(POSE_FILES)
    (site / "index.html").write_text(PAGE)
    server = serve(site)
    rows, requests = [], []
    started = time.monotonic()
    try:
        with sync_playwright() as p:
            chromium = os.environ.get("PSOAS_CHROMIUM", "/usr/bin/chromium")
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page, painter = browser.new_page(), browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(f"http://127.0.0.1:{server.server_port}/index.html")
            page.wait_for_function("window.ready", timeout=120_000)
            for exercise in args.only or list(catalog):
                sided = catalog[exercise].sides != "none"
                for side in ("left", "right"):
                    for t, words in pp.key_times(exercise):
                        svg, joints = figure_picture(exercise, side, t, args.painted)
                        png = pp.to_png(painter, svg)
                        url = "data:image/png;base64," + base64.b64encode(png).decode()
                        readings = page.evaluate("(src) => window.readPose(src)", url)
                        result = judge(readings[-1], joints, side, sided)
                        result.update(exercise=exercise, named=side, t=t, pose=words)
                        rows.append(result)
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(site, ignore_errors=True)
    others = [
        u
        for u in requests
        if not u.startswith(f"http://127.0.0.1:{server.server_port}/") and not u.startswith("data:")
    ]
    report(rows, args.painted)
    print(
        f"\n{len(rows)} key poses in {time.monotonic() - started:.0f} s; "
        f"requests to another host: {len(others)}"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


def report(rows: list[dict], painted: bool) -> None:
    what = "painted as a person" if painted else "the workbook's figures"
    print(f"MediaPipe Pose (full, CPU) on every key pose, both sides: {what}")
    print(f"{'exercise':30} {'poses':>5} {'found':>5} {'angles':>6} {'side':>7}")
    totals = [0, 0, 0, 0, 0]
    for exercise in dict.fromkeys(r["exercise"] for r in rows):
        mine = [r for r in rows if r["exercise"] == exercise]
        found = sum(r["found"] for r in mine)
        angles = sum(r["angles"] for r in mine)
        sided = [r for r in mine if r["side"] is not None]
        right = sum(r["side"] for r in sided)
        side = f"{right}/{len(sided)}" if sided else "-"
        print(f"{exercise:30} {len(mine):5} {found:5} {angles:6} {side:>7}")
        for i, v in enumerate((len(mine), found, angles, right, len(sided))):
            totals[i] += v
    n, found, angles, right, sided = totals
    print(f"{'all':30} {n:5} {found:5} {angles:6} {right:>3}/{sided:<3}")
    print(
        f"found {found}/{n} (goal 3/4), angles right {angles}/{found or 1} of those found "
        f"(goal 4/5), side right {right}/{sided or 1} of the one-sided found (goal 9/10)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
