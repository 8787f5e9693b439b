"""Drawing the figures as SVG text: an animation that plays by itself, a still pose, a strip.

The animation is plain SVG with SMIL ``<animate>`` on every limb's ``points`` (48 frames a
loop, straight lines between them), so it plays in JupyterLab, Voilà and any browser with no
script and nothing downloaded. Every figure has a ``<title>`` and a ``<desc>`` naming the
exercise, the side and the poses; an animation has a visible Pause button (WCAG 2.2.2;
it calls ``SVGSVGElement.pauseAnimations()``), and when the browser asks for reduced motion
(``prefers-reduced-motion``) it shows the still start and end poses instead.

The working side is drawn strong, the other side pale, and the working side's psoas as an
orange band from the lower spine to the top of the thigh.

>>> from psoas_lib.figures.keyframes import load_keyframes
>>> fig = load_keyframes()["psoas-march"]
>>> svg = animated_svg(fig, "left", name="Psoas march")
>>> "<title" in svg and "<animate" in svg and "prefers-reduced-motion" in svg
True
>>> import xml.etree.ElementTree as ET
>>> ET.fromstring(svg).tag
'{http://www.w3.org/2000/svg}svg'
"""

from __future__ import annotations

import hashlib
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from psoas_lib.figures.body import HEAD_RADIUS, Vec
from psoas_lib.figures.keyframes import Figure
from psoas_lib.figures.motion import Frame, frame, frames

__all__ = [
    "COLOURS",
    "FRAMES",
    "LIMBS",
    "animated_svg",
    "end_pose_time",
    "pose_svg",
    "project",
    "strip_svg",
]

FRAMES = 48
MIN_PANEL_CM = 120.0
CAPTION_PX = 10.0  # a strip's panel is at least this wide, for its caption
ELEVATION = 30.0  # degrees the "above" view looks down
FLOOR_DEPTH_CM = 40.0  # the floor drawn this far either side of the body in that view
COLOURS = {
    "work": "#1d5fa8",  # the working side: strong blue
    "other": "#a9c0da",  # the other side: pale blue
    "trunk": "#34495e",
    "psoas": "#e4572e",  # the psoas band
    "floor": "#7f8c8d",
    "prop": "#d9cbb3",
    "mat": "#8fbc8f",
}
# The polylines drawn, back to front: (name, points, colour, stroke width in cm).
LIMBS: tuple[tuple[str, tuple[str, ...], str, float], ...] = (
    ("other-leg", ("other_hip", "other_knee", "other_ankle", "other_heel", "other_toe",
                   "other_ankle"), "other", 5.0),
    ("other-arm", ("other_shoulder", "other_elbow", "other_wrist", "other_fingers"), "other", 4.0),
    ("trunk", ("mid_hip", "sacrum", "waist", "neck", "chin"), "trunk", 7.0),
    ("pelvis", ("other_hip", "hip"), "trunk", 5.0),
    ("shoulders", ("other_shoulder", "shoulder"), "trunk", 4.0),
    ("psoas", ("waist", "psoas_mid", "psoas_front", "psoas_end"), "psoas", 3.2),
    ("leg", ("hip", "knee", "ankle", "heel", "toe", "ankle"), "work", 5.0),
    ("arm", ("shoulder", "elbow", "wrist", "fingers"), "work", 3.5),
)  # fmt: skip
SIDE_WORDS = {"left": "left", "right": "right"}
_STYLE = (
    ".psoas-fig-still{display:none}"
    "@media (prefers-reduced-motion: reduce){.psoas-fig-anim,.psoas-fig-pause{display:none}"
    ".psoas-fig-still{display:inline}}"
    ".psoas-fig-pause{cursor:pointer}.psoas-fig-pause:focus rect{stroke:#000;stroke-width:1}"
)
_PAUSE_JS = (
    "var s=this.ownerSVGElement,t=this.querySelector('text');"
    "if(s.animationsPaused()){s.unpauseAnimations();t.textContent='\u275a\u275a Pause';"
    "this.setAttribute('aria-pressed','false')}"
    "else{s.pauseAnimations();t.textContent='\u25b6 Play';this.setAttribute('aria-pressed','true')}"
)


def _front(angle: float) -> tuple[float, float]:
    rad = math.radians(angle + 90.0)
    return math.sin(rad), math.cos(rad)


def _extra_points(f: Frame, side: str) -> dict[str, Vec]:
    """The hip centre and the psoas line (lower spine, over the front of the hip, to the
    lesser trochanter just below the hip on the thigh) of the working side."""
    p = f.points
    hip, other = p["hip"], p["other_hip"]
    mid = ((hip[0] + other[0]) / 2, (hip[1] + other[1]) / 2, (hip[2] + other[2]) / 2)
    pelvis = f.angles["pelvis"]
    fx, fy = _front(pelvis)
    fx = fx if side == "right" else -fx  # the mirror faces the other way
    z = hip[2] * 0.6
    sacrum, waist = p["sacrum"], p["waist"]
    lumbar_mid = ((sacrum[0] + waist[0]) / 2, (sacrum[1] + waist[1]) / 2)
    knee = p["knee"]
    return {
        "mid_hip": mid,
        "psoas_mid": (lumbar_mid[0] + 3.0 * fx, lumbar_mid[1] + 3.0 * fy, z),
        "psoas_front": (hip[0] + 4.0 * fx, hip[1] + 4.0 * fy, hip[2]),
        "psoas_end": (
            hip[0] + (knee[0] - hip[0]) * 0.14,
            hip[1] + (knee[1] - hip[1]) * 0.14,
            hip[2] + (knee[2] - hip[2]) * 0.14,
        ),
    }


def project(fig: Figure, point: Vec) -> tuple[float, float]:
    """A 3-D point on the drawing (cm, y up): the side view drops ``z``; the ``above`` view
    looks down 30 degrees so a leg moving out to the side is seen.

    >>> from psoas_lib.figures.keyframes import load_keyframes
    >>> project(load_keyframes()["leg-circles"], (10.0, 0.0, 20.0))  # 20 cm nearer: lower
    (10.0, -10.0)
    """
    if fig.view == "side":
        return point[0], point[1]
    e = math.radians(ELEVATION)
    return point[0], round(point[1] * math.cos(e) - point[2] * math.sin(e), 9)


def _flat(fig: Figure, f: Frame, side: str) -> dict[str, tuple[float, float]]:
    pts = {**f.points, **_extra_points(f, side)}
    return {name: project(fig, p) for name, p in pts.items()}


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


def _poly(flat: Mapping[str, tuple[float, float]], names: Iterable[str]) -> str:
    return " ".join(f"{_fmt(flat[n][0])},{_fmt(-flat[n][1])}" for n in names)


def _bounds(fig: Figure, flats: Sequence[Mapping[str, tuple[float, float]]]) -> tuple[float, ...]:
    xs = [x for f in flats for x, _ in f.values()]
    ys = [y for f in flats for _, y in f.values()]
    x0, x1 = min(xs) - HEAD_RADIUS - 6, max(xs) + HEAD_RADIUS + 6
    floor = FLOOR_DEPTH_CM * math.sin(math.radians(ELEVATION)) if fig.view == "above" else 0.0
    y0, y1 = min(min(ys), -floor) - 8, max(ys) + HEAD_RADIUS + 6
    for prop in fig.props:
        if prop.kind != "mat":
            x0, x1 = min(x0, prop.x[0] - 4), max(x1, prop.x[1] + 4)
            y1 = max(y1, prop.top + 6)
    return x0, y0, x1, y1


def _mirror_props(fig: Figure, side: str) -> list[tuple[str, float, float, float]]:
    out = []
    for prop in fig.props:
        a, b = prop.x if side == "right" else (-prop.x[1], -prop.x[0])
        out.append((prop.kind, a, b, prop.top))
    return out


def _scene(fig: Figure, side: str, bounds: tuple[float, ...]) -> str:
    """Floor, mat and props (drawn behind the figure)."""
    x0, _, x1, _ = bounds
    parts = [
        f'<line x1="{_fmt(x0)}" y1="0" x2="{_fmt(x1)}" y2="0" stroke="{COLOURS["floor"]}" '
        'stroke-width="1.5"/>'
    ]
    if fig.view == "above":  # the floor seen from above: a band as deep as the body is wide
        depth = FLOOR_DEPTH_CM * math.sin(math.radians(ELEVATION))
        parts = [
            f'<rect x="{_fmt(x0)}" y="{_fmt(-depth)}" width="{_fmt(x1 - x0)}" '
            f'height="{_fmt(2 * depth)}" fill="#eef2ee" stroke="{COLOURS["floor"]}" '
            'stroke-width="1"/>'
        ]
    for kind, a, b, top in _mirror_props(fig, side):
        if kind == "mat":
            parts.append(
                f'<rect x="{_fmt(x0 + 8)}" y="-1.2" width="{_fmt(x1 - x0 - 16)}" height="1.2" '
                f'fill="{COLOURS["mat"]}"/>'
            )
        elif kind == "bench":
            parts.append(
                f'<rect x="{_fmt(a)}" y="{_fmt(-top)}" width="{_fmt(b - a)}" '
                f'height="{_fmt(top)}" fill="{COLOURS["prop"]}" rx="2"/>'
            )
        elif kind == "chair":
            seat = top * 0.5
            back = a if side == "right" else b
            front = b if side == "right" else a
            far = back + (38 if side == "right" else -38)
            parts.append(
                f'<path d="M{_fmt(back)},0 V{_fmt(-top)} M{_fmt(back)},{_fmt(-seat)} '
                f'H{_fmt(far)} V0 M{_fmt(front)},{_fmt(-seat)} V0" fill="none" '
                f'stroke="{COLOURS["prop"]}" stroke-width="3" stroke-linecap="round"/>'
            )
    return "".join(parts)


def _figure_static(fig: Figure, flat: Mapping[str, tuple[float, float]]) -> str:
    parts = []
    for name, names, colour, width in LIMBS:
        if name in ("pelvis", "shoulders") and fig.view == "side":
            continue
        opacity = ' stroke-opacity="0.85"' if name == "psoas" else ""
        parts.append(
            f'<polyline class="psoas-fig-{name}" points="{_poly(flat, names)}" fill="none" '
            f'stroke="{COLOURS[colour]}" stroke-width="{width:g}" stroke-linecap="round" '
            f'stroke-linejoin="round"{opacity}/>'
        )
    hx, hy = flat["head"]
    parts.append(
        f'<circle class="psoas-fig-head" cx="{_fmt(hx)}" cy="{_fmt(-hy)}" r="{HEAD_RADIUS:g}" '
        f'fill="#fff" stroke="{COLOURS["trunk"]}" stroke-width="3"/>'
    )
    return "".join(parts)


def _figure_animated(
    fig: Figure, flats: Sequence[Mapping[str, tuple[float, float]]], begin: float, cycle: float
) -> str:
    loop = [*flats, flats[0]]
    timing = (
        f'dur="{_fmt(cycle)}s" begin="{_fmt(-begin)}s" repeatCount="indefinite" calcMode="linear"'
    )
    parts = []
    for name, names, colour, width in LIMBS:
        if name in ("pelvis", "shoulders") and fig.view == "side":
            continue
        values = ";".join(_poly(f, names) for f in loop)
        opacity = ' stroke-opacity="0.85"' if name == "psoas" else ""
        parts.append(
            f'<polyline class="psoas-fig-{name}" points="{_poly(flats[0], names)}" fill="none" '
            f'stroke="{COLOURS[colour]}" stroke-width="{width:g}" stroke-linecap="round" '
            f'stroke-linejoin="round"{opacity}><animate attributeName="points" '
            f'values="{values}" {timing}/></polyline>'
        )
    cx = ";".join(_fmt(f["head"][0]) for f in loop)
    cy = ";".join(_fmt(-f["head"][1]) for f in loop)
    hx, hy = flats[0]["head"]
    parts.append(
        f'<circle class="psoas-fig-head" cx="{_fmt(hx)}" cy="{_fmt(-hy)}" r="{HEAD_RADIUS:g}" '
        f'fill="#fff" stroke="{COLOURS["trunk"]}" stroke-width="3">'
        f'<animate attributeName="cx" values="{cx}" {timing}/>'
        f'<animate attributeName="cy" values="{cy}" {timing}/></circle>'
    )
    return "".join(parts)


def end_pose_time(fig: Figure) -> float:
    """The time of the key pose furthest from the start: the pose the exercise is about."""
    start = frame(fig, 0.0).points

    def distance(t: float) -> float:
        pts = frame(fig, t).points
        return sum(math.dist(pts[n], start[n]) for n in start)

    return max((k.t for k in fig.keys[1:]), key=distance)


def _pose_at(fig: Figure, t: float) -> str:
    return min(fig.keys, key=lambda k: abs(k.t - t)).pose


def _title(fig: Figure, side: str, name: str | None) -> str:
    label = name or fig.exercise.replace("-", " ").capitalize()
    return f"{label}, working side {SIDE_WORDS[side]}"


def _open(view: tuple[float, ...], title: str, desc: str, width: float) -> tuple[str, str]:
    """The opening tag, title and description; ``view`` is the viewBox (x, y, w, h)."""
    vx, vy, vw, vh = view
    # The same figure gives the same ids (reports are reproducible); others differ.
    ident = "psoas-fig-" + hashlib.sha1((title + desc).encode()).hexdigest()[:10]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_fmt(vx)} {_fmt(vy)} '
        f'{_fmt(vw)} {_fmt(vh)}" width="{width:.0f}" height="{width * vh / vw:.0f}" role="group" '
        f'aria-labelledby="{ident}-t {ident}-d" class="psoas-figure" '
        f'font-family="system-ui, sans-serif">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )
    return head, ident


def _legend(side: str) -> str:
    return (
        f"The working side ({SIDE_WORDS[side]}) is drawn dark blue, the other side pale; the "
        "orange band is the psoas, from the lower spine to the top of the thigh."
    )


def animated_svg(
    fig: Figure,
    side: str = "left",
    *,
    name: str | None = None,
    progress: float = 0.0,
    width: float | None = None,
    scale: float = 1.6,
    max_width: float | None = None,
    count: int = FRAMES,
    cycle_s: float | None = None,
) -> str:
    """The figure looping one repetition every ``cycle_s`` seconds (default: the figure's
    own), starting ``progress`` (0 to 1) of the way through, with a Pause button and still
    poses for reduced motion. It is drawn ``scale`` pixels per cm (at most ``max_width``
    pixels wide), or ``width`` pixels wide."""
    cycle = float(cycle_s) if cycle_s else fig.cycle_s
    flats = [_flat(fig, f, side) for f in frames(fig, count, side)]
    end = end_pose_time(fig)
    start_flat, end_flat = flats[0], _flat(fig, frame(fig, end, side), side)
    box = _bounds(fig, flats)
    poses = "; ".join(f"{n + 1}. {k.pose}" for n, k in enumerate(fig.keys))
    desc = f"Animation, one repetition every {cycle:g} seconds: {poses}. {_legend(side)}"
    x0, y0, x1, y1 = box
    bw, bh = x1 - x0, y1 - y0
    head, _ = _open(
        (x0, -y1, bw, bh),
        _title(fig, side, name),
        desc,
        width or min(scale * bw, max_width or math.inf),
    )
    scene = _scene(fig, side, box)
    # Reduced motion: the start and the end pose side by side at half size.
    still = []
    for n, (flat, label) in enumerate(((start_flat, "start"), (end_flat, "end"))):
        tx, ty = x0 / 2 + n * bw / 2, -y1 / 2 + bh / 4
        still.append(
            f'<g transform="translate({_fmt(tx)},{_fmt(ty)}) scale(0.5)">'
            f"{scene}{_figure_static(fig, flat)}</g>"
            f'<text x="{_fmt(x0 + n * bw / 2 + 4)}" y="{_fmt(-y1 + 10)}" font-size="7" '
            f'fill="#333">{label}</text>'
        )
    button_w = 34
    bx, by = x1 - button_w - 2, -y1 + 2
    pause = (
        f'<g class="psoas-fig-pause" role="button" tabindex="0" aria-pressed="false" '
        f'aria-label="Pause or play the animation" onclick="{escape(_PAUSE_JS)}" '
        "onkeydown=\"if(event.key==='Enter'||event.key===' '){event.preventDefault();"
        'this.onclick()}">'
        f'<rect x="{_fmt(bx)}" y="{_fmt(by)}" width="{button_w}" height="11" rx="2.5" '
        'fill="#f4f6f8" stroke="#8a96a3" stroke-width="0.6"/>'
        f'<text x="{_fmt(bx + button_w / 2)}" y="{_fmt(by + 7.8)}" font-size="6.4" '
        f'text-anchor="middle" fill="#222">\u275a\u275a Pause</text></g>'
    )
    begin = (progress % 1.0) * cycle
    return (
        f"{head}<style>{_STYLE}</style>"
        f'<g class="psoas-fig-anim">{scene}{_figure_animated(fig, flats, begin, cycle)}</g>'
        f'<g class="psoas-fig-still">{"".join(still)}</g>{pause}</svg>'
    )


def pose_svg(
    fig: Figure,
    side: str = "left",
    t: float = 0.0,
    *,
    name: str | None = None,
    width: float | None = None,
    scale: float = 1.6,
) -> str:
    """One still pose at time ``t`` of the repetition (a paused figure, a get-ready pose)."""
    flats = [_flat(fig, f, side) for f in frames(fig, 24, side)]
    box = _bounds(fig, flats)
    x0, y0, x1, y1 = box
    pose = _pose_at(fig, t)
    desc = f"Still pose: {pose}. {_legend(side)}"
    title = f"{_title(fig, side, name)}: {pose}"
    head, _ = _open((x0, -y1, x1 - x0, y1 - y0), title, desc, width or scale * (x1 - x0))
    flat = _flat(fig, frame(fig, t, side), side)
    return f"{head}{_scene(fig, side, box)}{_figure_static(fig, flat)}</svg>"


def strip_svg(
    fig: Figure, side: str = "left", *, name: str | None = None, scale: float = 1.2
) -> str:
    """The key poses side by side, each numbered and named: for the report and ``docs/``.

    Every figure is drawn at ``scale`` pixels per centimetre, so strips compare."""
    flats = [_flat(fig, f, side) for f in frames(fig, 24, side)]
    x0, y0, x1, y1 = _bounds(fig, flats)
    if x1 - x0 < MIN_PANEL_CM:
        pad = (MIN_PANEL_CM - (x1 - x0)) / 2
        x0, x1 = x0 - pad, x1 + pad
    bw, bh = x1 - x0, y1 - y0
    font = CAPTION_PX / scale  # captions CAPTION_PX pixels high whatever the scale
    chars = max(12, int(bw / (font * 0.52)))
    label_h = font * 1.25 * 3 + 3
    keys = fig.keys
    poses = "; ".join(f"{n + 1}. {k.pose}" for n, k in enumerate(keys))
    head, _ = _open(
        (0.0, 0.0, bw * len(keys), bh + label_h),
        f"{_title(fig, side, name)}: key poses",
        f"{len(keys)} key poses: {poses}. {_legend(side)}",
        scale * bw * len(keys),
    )
    parts = [head]
    for n, key in enumerate(keys):
        flat = _flat(fig, frame(fig, key.t, side), side)
        parts.append(
            f'<g transform="translate({_fmt(n * bw - x0)},{_fmt(label_h + y1)})">'
            f"{_scene(fig, side, (x0, y0, x1, y1))}{_figure_static(fig, flat)}</g>"
        )
        for m, text in enumerate(textwrap.wrap(f"{n + 1}. {key.pose}", chars)[:3]):
            parts.append(
                f'<text x="{_fmt(n * bw + 3)}" y="{_fmt(font * (1 + 1.25 * m))}" '
                f'font-size="{_fmt(font)}" '
                f'fill="#222">{escape(text)}</text>'
            )
        if n:
            parts.append(
                f'<line x1="{_fmt(n * bw)}" y1="0" x2="{_fmt(n * bw)}" '
                f'y2="{_fmt(bh + label_h)}" stroke="#ddd" stroke-width="0.8"/>'
            )
    parts.append("</svg>")
    return "".join(parts)
