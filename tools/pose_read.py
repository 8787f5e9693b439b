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
import contextlib
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
from typing import Any

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
STAGE = (560.0, 420.0)  # the player's figure (psoas_lib/ui/figure.py)
#: Stops every animation of the page's SVG at ``seconds``.
SEEK = (
    "(s) => document.querySelectorAll('svg').forEach("
    "(e) => {e.pauseAnimations(); e.setCurrentTime(s);})"
)
TOLERANCE = 20.0
MP = {
    "left": {"shoulder": 11, "hip": 23, "knee": 25, "ankle": 27},
    "right": {"shoulder": 12, "hip": 24, "knee": 26, "ankle": 28},
}


def angle_at(a, b, c) -> float:
    u, v = (a[0] - b[0], a[1] - b[1]), (c[0] - b[0], c[1] - b[1])
    return abs(math.degrees(math.atan2(u[0] * v[1] - u[1] * v[0], u[0] * v[0] + u[1] * v[1])))


#: One change at a time for finding out what defeats the model (``--change``).
CHANGES = {
    "playing": "the player's animation (560 x 420 stage) stopped at the key pose, as a user "
    "sees it: the ghosted start pose, the path arrow, Warrior I's inset and the Pause button",
    "ghost": "the start pose ghosted behind the figure (as the player's paused figure)",
    "no-ghost": "without the ghosted start pose",
    "no-psoas": "without the psoas band",
    "no-pelvis": "without the pelvis bone and its tilt line",
    "no-spine": "without the light spine line inside the top",
    "no-overlays": "without the psoas band, the pelvis and the spine line",
    "no-props": "without the props (bed, mat, chair, wall, cushion; the floor stays)",
    "no-outline": "without the dark outlines",
    "fill": "the figure scaled to fill the picture, as the painter does",
    "painter-bg": "on the painter's wall colour instead of the card",
    "side-on": "seen straight from the side (no turn, no elevation)",
    "painter-colours": "the painter's colours (red top, dark trousers, dark far limbs)",
    "line=W": "outlines W cm wide",
    "edge=S": "outlines S of the way from the part's colour to the dark outline colour",
}


def _known(change: str) -> bool:
    name, _, value = change.partition("=")
    if not value:
        return change in CHANGES
    try:
        float(value)
    except ValueError:
        return False
    return f"{name}=" in "".join(CHANGES)


@contextlib.contextmanager
def _changed(changes: frozenset[str]):
    """The figure modules with ``changes`` made to them, put back afterwards."""
    from psoas_lib.figures import camera, svg

    saved = (svg.LINE, dict(svg.COLOURS), svg._props, svg.camera_for, camera.camera_for, svg.EDGE)
    try:
        for change in changes:
            name, _, value = change.partition("=")
            if name == "line":
                svg.LINE = float(value)
            elif name == "edge":
                svg.EDGE = float(value)
        if "no-outline" in changes:
            svg.LINE = 0.0
        if "no-props" in changes:
            svg._props = lambda fig, span: saved[2](fig, span)[:1]  # the floor only
        if "side-on" in changes:
            svg.camera_for = camera.camera_for = lambda view, cam=None: camera.Camera(0.0, 0.0)
        if "painter-colours" in changes:
            svg.COLOURS.update({
                "near-trousers": pp.TROUSERS, "far-trousers": pp.FAR_TROUSERS,
                "top": pp.SHIRT, "near-sleeve": pp.SHIRT, "far-sleeve": pp.FAR_SHIRT,
                "skin": pp.SKIN, "far-skin": pp.FAR_SKIN, "near-shoe": pp.SHOES,
                "far-shoe": pp.SHOES,
            })  # fmt: skip
        yield
    finally:
        svg.LINE, svg._props, svg.camera_for, camera.camera_for, svg.EDGE = (
            saved[0], saved[2], saved[3], saved[4], saved[5])  # fmt: skip
        svg.COLOURS.clear()
        svg.COLOURS.update(saved[1])
        for fig in _figures().values():  # the cached projections depend on the camera
            fig.__dict__.pop("_poses", None)


@functools.cache
def _figures():
    from psoas_lib.figures.keyframes import load_keyframes

    return load_keyframes()


def _drop(svg: str, changes: frozenset[str]) -> str:
    drop = set()
    if changes & {"no-psoas", "no-overlays"}:
        drop.add("psoas")
    if changes & {"no-pelvis", "no-overlays"}:
        drop |= {"pelvis-bone", "pelvis-line"}
    if changes & {"no-spine", "no-overlays"}:
        drop.add("spine")
    for cls in drop:
        svg = re.sub(rf'<(polyline|polygon) class="psoas-fig-{cls}"[^>]*?(/>|>.*?</\1>)', "", svg)
    if "no-ghost" in changes:
        svg = re.sub(r'<g class="psoas-fig-ghost".*?</g>', "", svg)
    if "painter-bg" in changes:
        svg = svg.replace('class="psoas-fig-card"', 'class="psoas-fig-card" fill="#ece4d4"', 1)
        svg = re.sub(r'(class="psoas-fig-card" fill="#ece4d4"[^>]*?) fill="[^"]+"', r"\1", svg)
    return svg


def figure_picture(
    exercise: str, side: str, t: float, painted: bool, changes: frozenset[str] = frozenset()
):
    """The SVG to render and the figure's joints in picture pixels (x right, y down)."""
    with _changed(changes):
        return _picture(exercise, side, t, painted, changes)


def _picture(exercise: str, side: str, t: float, painted: bool, changes: frozenset[str]):
    points, depth = pp.figure_points(exercise, side, t)
    if painted:
        svg = pp.person_svg(points, depth)
        xs = [p[0] for p in points.values()]
        ys = [p[1] for p in points.values()] + [0.0]
        pad = 28.0
        x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad / 2, max(ys) + pad
    else:
        from psoas_lib.figures.svg import animated_svg, pose_svg

        fig = _figures()[exercise]
        if "playing" in changes:
            svg = animated_svg(fig, side, fit=STAGE)
        else:
            svg = pose_svg(fig, side, t, ghost="ghost" in changes)
        svg = _drop(svg, changes)
        found = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"', svg)
        assert found, "pose_svg gave no viewBox"
        vx, vy, vw, vh = (float(v) for v in found.groups())
        x0, x1, y0, y1 = vx, vx + vw, -(vy + vh), -vy  # the drawing puts y at -y
        if "fill" in changes:  # the painter's frame: the joints and 28 cm round them
            xs = [p[0] for p in points.values()]
            ys = [p[1] for p in points.values()]
            x0, x1 = min(xs) - 28, max(xs) + 28
            y0, y1 = min(ys) - 14, max(ys) + 28
            svg = svg.replace(
                found.group(0), f'viewBox="{x0:.1f} {-y1:.1f} {x1 - x0:.1f} {y1 - y0:.1f}"', 1
            )
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


class Reader:
    """MediaPipe Pose loaded once in one headless Chromium page, reading key poses.

    >>> with Reader() as reader:  # doctest: +SKIP
    ...     rows = reader.read_all(["ground-bridge"])
    """

    def __init__(self, browser: Any = None) -> None:
        """``browser``: a Playwright Chromium to open the pages in (the e2e tests' own);
        without one, a headless Chromium of its own is launched and closed afterwards."""
        if not (POSE_FILES / "pose.js").exists():
            raise FileNotFoundError(f"{POSE_FILES} is missing: run make install")
        self.requests: list[str] = []
        self.browser, self.playwright, self.pages = browser, None, []

    def __enter__(self) -> Reader:
        self.site = Path(tempfile.mkdtemp(prefix="pose-read-"))
        (self.site / "pose").symlink_to(POSE_FILES)
        (self.site / "index.html").write_text(PAGE)
        self.server = serve(self.site)
        self.origin = f"http://127.0.0.1:{self.server.server_port}/"
        try:
            if self.browser is None:
                from playwright.sync_api import sync_playwright

                self.playwright = sync_playwright().start()
                chromium = os.environ.get("PSOAS_CHROMIUM", "/usr/bin/chromium")
                self.browser = self.playwright.chromium.launch(
                    executable_path=chromium, args=CHROMIUM_ARGS
                )
            self.page, self.painter = self.browser.new_page(), self.browser.new_page()
            self.pages = [self.page, self.painter]
            self.page.on("request", lambda r: self.requests.append(r.url))
            self.page.goto(self.origin + "index.html")
            self.page.wait_for_function("window.ready", timeout=120_000)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            for page in self.pages:
                page.close()
            if self.playwright is not None:
                self.browser.close()
                self.playwright.stop()
        finally:
            self.server.shutdown()
            self.server.server_close()
            shutil.rmtree(self.site, ignore_errors=True)

    def elsewhere(self) -> list[str]:
        """The requests the page made to anywhere but its own server."""
        return [u for u in self.requests if not u.startswith((self.origin, "data:"))]

    def read(self, exercise: str, side: str, t: float, sided: bool, painted: bool = False,
             changes: frozenset[str] = frozenset()) -> dict:  # fmt: skip
        """The model's reading of one key pose, judged (see :func:`judge`)."""
        svg, joints = figure_picture(exercise, side, t, painted, changes)
        if "<animate" in svg:  # the animation stopped at the key pose: t of its cycle
            self.painter.set_viewport_size({"width": pp.WIDTH, "height": pp.HEIGHT})
            self.painter.set_content(
                f"<html><body style='margin:0;overflow:hidden'>{svg}</body></html>"
            )
            self.painter.evaluate(SEEK, t * _figures()[exercise].cycle_s)
            clip = {"x": 0, "y": 0, "width": pp.WIDTH, "height": pp.HEIGHT}
            png = self.painter.screenshot(clip=clip)
        else:
            png = pp.to_png(self.painter, svg)
        url = "data:image/png;base64," + base64.b64encode(png).decode()
        readings = self.page.evaluate("(src) => window.readPose(src)", url)
        return judge(readings[-1], joints, side, sided)

    def read_all(self, exercises: list[str] | None = None, painted: bool = False,
                 changes: frozenset[str] = frozenset()) -> list[dict]:  # fmt: skip
        """Every key pose of ``exercises`` (default: all), both sides."""
        from psoas_lib.content.catalog import load_catalog

        catalog = load_catalog().exercises
        rows = []
        for exercise in exercises or list(catalog):
            sided = catalog[exercise].sides != "none"
            for side in ("left", "right"):
                for t, words in pp.key_times(exercise):
                    result = self.read(exercise, side, t, sided, painted, changes)
                    result.update(exercise=exercise, named=side, t=t, pose=words)
                    rows.append(result)
        return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--painted", action="store_true", help="paint the joints as a person")
    parser.add_argument("--json", type=Path, help="write every reading here")
    parser.add_argument("--only", nargs="*", help="exercise ids")
    parser.add_argument(
        "--change",
        action="append",
        default=[],
        help="a comma-separated set of changes to measure, one run each (may repeat): "
        + "; ".join(f"{k}: {v}" for k, v in CHANGES.items()),
    )
    args = parser.parse_args(argv)
    runs = [frozenset(c for c in spec.split(",") if c) for spec in args.change or ["playing"]]
    for run in runs:
        if unknown := {c for c in run if not _known(c)}:
            parser.error(f"unknown change {sorted(unknown)}; known: {', '.join(CHANGES)}")
    everything = {}
    with Reader() as reader:
        for run in runs:
            started = time.monotonic()
            rows = reader.read_all(args.only, args.painted, run)
            label = ",".join(sorted(run)) or "as drawn"
            report(rows, args.painted, label)
            print(f"{len(rows)} key poses in {time.monotonic() - started:.0f} s\n")
            everything[label] = rows
        print(f"requests to another host: {len(reader.elsewhere())}")
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1))
    return 0


def report(rows: list[dict], painted: bool, label: str = "") -> None:
    what = "painted as a person" if painted else "the workbook's figures"
    what += f" ({label})" if label else ""
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
