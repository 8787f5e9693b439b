"""Test pictures for Check my form: the workbook's figures drawn as a person, and fake videos.

The joint positions come from the workbook's own figures (``psoas_lib.figures``: the key
poses of ``data/keyframes.toml``, both sides); this module paints them as a person a pose
model can read (filled limbs, trousers and shirt, a face in profile with skin, hair, eye and
nose, shoes, a wall and a floor), renders that SVG to pixels in Chromium and writes a Y4M
video for Chromium's fake camera (``--use-file-for-fake-video-capture``).

The plain functions need no pytest: ``tools/pose_read.py`` and the camera benchmark load
this file too.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

Vec2 = tuple[float, float]
WIDTH, HEIGHT = 640, 480
SKIN, HAIR, SHIRT, TROUSERS, SHOES = "#d9a27a", "#3b2a1e", "#c0392b", "#27406b", "#222222"
FAR_TROUSERS, FAR_SHIRT, FAR_SKIN = "#1c2f50", "#922b21", "#b7845f"


def figure_points(exercise: str, side: str, t: float) -> tuple[dict[str, Vec2], dict[str, float]]:
    """The figure's joints at ``t`` on the drawing (cm, y up) and each one's depth (larger:
    nearer the viewer). Works with the side-view projection and with the per-exercise camera
    of the figures drawn as a person (``psoas_lib.figures.camera``)."""
    from psoas_lib.figures.keyframes import load_keyframes
    from psoas_lib.figures.motion import frame

    fig = load_keyframes()[exercise]
    try:
        from psoas_lib.figures.camera import camera_for
    except ImportError:  # the side view of the first figures
        from psoas_lib.figures.svg import project

        f = frame(fig, t, side)
        flat = {name: project(fig, p) for name, p in f.points.items()}
        return flat, {name: p[2] for name, p in f.points.items()}
    cam = camera_for(fig.view, getattr(fig, "camera", None))
    keyed = frame(fig, t, "right")  # the keyed coordinates; the camera mirrors for "left"
    seen = {name: cam.project(p, side) for name, p in keyed.points.items()}
    return {n: (x, y) for n, (x, y, _) in seen.items()}, {n: d for n, (_, _, d) in seen.items()}


def key_times(exercise: str) -> list[tuple[float, str]]:
    """The key poses of an exercise's figure: (time in the repetition, the pose's words)."""
    from psoas_lib.figures.keyframes import load_keyframes

    return [(k.t, k.pose) for k in load_keyframes()[exercise].keys]


def lean_trunk(points: Mapping[str, Vec2], degrees: float, facing: int) -> dict[str, Vec2]:
    """The same pose with everything above the hips turned ``degrees`` forward about the hip
    (``facing``: +1 when the figure faces right): the "leaning trunk" mistake."""
    hip = points["hip"]
    turn = math.radians(-degrees * facing)  # forward = clockwise when facing right (y up)
    upper = {"waist", "neck", "chin", "head", "head_top"}
    upper |= {p + s for p in ("", "other_") for s in ("shoulder", "elbow", "wrist", "fingers")}
    out = dict(points)
    for name in upper & set(points):
        x, y = points[name][0] - hip[0], points[name][1] - hip[1]
        out[name] = (
            hip[0] + x * math.cos(turn) - y * math.sin(turn),
            hip[1] + x * math.sin(turn) + y * math.cos(turn),
        )
    return out


def _line(points: Sequence[Vec2], colour: str, width: float) -> str:
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return (
        f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="{width:.1f}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def person_svg(
    points: Mapping[str, Vec2], depth: Mapping[str, float] | None = None, marker: str = ""
) -> str:
    """A 640 x 480 SVG of a person in the pose ``points`` (cm, y up), far side first;
    ``marker``: a colour for a 16 x 16 patch in the top left corner (tells pictures apart)."""
    depth = depth or {}
    xs = [p[0] for p in points.values()]
    ys = [p[1] for p in points.values()] + [0.0]
    pad = 28.0
    x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad / 2, max(ys) + pad
    scale = min(WIDTH / (x1 - x0), HEIGHT / (y1 - y0))
    ox = (WIDTH - (x1 - x0) * scale) / 2 - x0 * scale
    oy = (HEIGHT + (y1 - y0) * scale) / 2 + y0 * scale

    def px(name: str) -> Vec2:
        x, y = points[name]
        return ox + x * scale, oy - y * scale

    floor_y = oy
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ece4d4"/>',
        f'<rect y="{floor_y:.1f}" width="{WIDTH}" height="{HEIGHT}" fill="#a58c6b"/>',
    ]
    s = scale
    far, near = sorted(("", "other_"), key=lambda p: depth.get(p + "hip", 0.0))
    if far == near:
        far, near = "other_", ""

    def leg(prefix: str, trousers: str) -> str:
        pts = [px(prefix + n) for n in ("hip", "knee", "ankle", "heel", "toe")]
        return (
            _line(pts[:2], trousers, 15 * s)
            + _line(pts[1:3], trousers, 12 * s)
            + _line([pts[3], pts[4]], SHOES, 7 * s)
            + _line([pts[2], pts[4]], SHOES, 7 * s)
        )

    def arm(prefix: str, shirt: str, skin: str) -> str:
        upper = [px(prefix + n) for n in ("shoulder", "elbow")]
        lower = [px(prefix + n) for n in ("elbow", "wrist", "fingers")]
        return _line(upper, shirt, 9 * s) + _line(lower, skin, 6.5 * s)

    parts.append(leg(far, FAR_TROUSERS) + arm(far, FAR_SHIRT, FAR_SKIN))
    # the trunk: hips (trousers), then the shirt from the waist to the neck
    mid_hip = tuple((a + b) / 2 for a, b in zip(px("hip"), px("other_hip"), strict=True))
    parts.append(_line([mid_hip, px("sacrum"), px("waist")], TROUSERS, 24 * s))
    parts.append(_line([px("sacrum"), px("waist"), px("neck")], SHIRT, 24 * s))
    parts.append(leg(near, TROUSERS))
    # the head: skin, hair at the back and top, an eye and a nose towards the face
    hx, hy = px("head")
    tx, ty = px("head_top")
    cx, cy = px("chin")
    r = 11.5 * s
    ax, ay = hx - tx, hy - ty  # down the head
    norm = math.hypot(ax, ay) or 1.0
    ax, ay = ax / norm, ay / norm
    fx, fy = cx - hx, cy - hy  # towards the chin, then across the head's axis: the face
    along = fx * ax + fy * ay
    fx, fy = fx - along * ax, fy - along * ay
    norm = math.hypot(fx, fy) or 1.0
    fx, fy = fx / norm, fy / norm
    parts.append(_line([px("neck"), (hx, hy)], SKIN, 9 * s))
    parts.append(f'<circle cx="{hx:.1f}" cy="{hy:.1f}" r="{r:.1f}" fill="{SKIN}"/>')
    hair = (hx - fx * r * 0.35 - ax * r * 0.3, hy - fy * r * 0.35 - ay * r * 0.3)
    parts.append(
        f'<circle cx="{hair[0]:.1f}" cy="{hair[1]:.1f}" r="{r * 0.85:.1f}" fill="{HAIR}"/>'
    )
    ex, ey = hx + fx * r * 0.55 - ax * r * 0.15, hy + fy * r * 0.55 - ay * r * 0.15
    parts.append(f'<circle cx="{ex:.1f}" cy="{ey:.1f}" r="{r * 0.13:.1f}" fill="#1a1a1a"/>')
    nose = [
        (hx + fx * r * 0.9 + ax * r * 0.05, hy + fy * r * 0.9 + ay * r * 0.05),
        (hx + fx * r * 1.25 + ax * r * 0.25, hy + fy * r * 1.25 + ay * r * 0.25),
        (hx + fx * r * 0.9 + ax * r * 0.4, hy + fy * r * 0.9 + ay * r * 0.4),
    ]
    parts.append(
        '<polygon points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in nose) + f'" fill="{SKIN}"/>'
    )
    mouth = (hx + fx * r * 0.6 + ax * r * 0.55, hy + fy * r * 0.6 + ay * r * 0.55)
    parts.append(
        f'<circle cx="{mouth[0]:.1f}" cy="{mouth[1]:.1f}" r="{r * 0.1:.1f}" fill="#8e3b2f"/>'
    )
    ear = (hx - fx * r * 0.1 + ax * r * 0.1, hy - fy * r * 0.1 + ay * r * 0.1)
    parts.append(
        f'<ellipse cx="{ear[0]:.1f}" cy="{ear[1]:.1f}" rx="{r * 0.18:.1f}" ry="{r * 0.26:.1f}" '
        f'fill="#c48c66"/>'
    )
    parts.append(arm(near, SHIRT, SKIN))
    if marker:
        parts.append(f'<rect width="16" height="16" fill="{marker}"/>')
    parts.append("</svg>")
    return "".join(parts)


def to_png(page: Any, svg: str) -> bytes:
    """``svg`` rendered by Chromium (a Playwright page) to a 640 x 480 PNG."""
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.set_content(f"<html><body style='margin:0;overflow:hidden'>{svg}</body></html>")
    return page.screenshot(clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})


def to_pixels(page: Any, svgs: Iterable[str]) -> list[np.ndarray]:
    """Each SVG rendered by Chromium to a 480 x 640 x 3 RGB array."""
    from PIL import Image

    return [np.asarray(Image.open(io.BytesIO(to_png(page, s))).convert("RGB")) for s in svgs]


def write_y4m(path: Path, pictures: Sequence[np.ndarray], fps: int = 5) -> Path:
    """A Y4M video (4:2:0, full-range BT.601) of ``pictures``, each shown for one frame."""
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for rgb in pictures:
            r, g, b = (rgb[..., i].astype(np.float32) for i in range(3))
            y = 0.299 * r + 0.587 * g + 0.114 * b
            u = -0.168736 * r - 0.331264 * g + 0.5 * b + 128
            v = 0.5 * r - 0.418688 * g - 0.081312 * b + 128

            def half(c: np.ndarray) -> np.ndarray:
                return c.reshape(HEIGHT // 2, 2, WIDTH // 2, 2).mean(axis=(1, 3))

            out.write(b"FRAME\n")
            for plane in (y, half(u), half(v)):
                out.write(np.clip(plane + 0.5, 0, 255).astype(np.uint8).tobytes())
    return path
