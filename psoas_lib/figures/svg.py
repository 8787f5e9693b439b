"""Drawing the figures as SVG text: an animation that plays by itself, a still pose, a strip.

The body (:mod:`.shapes`) is projected through the figure's camera (:mod:`.camera`) and
drawn far to near as filled shapes (no dark outline: it stops a pose model from seeing a
person; ``LINE`` and ``EDGE`` set one): a top and trousers in their own tones,
the near (working) limbs darker than the far ones, a pelvis whose front-to-back line shows
its tilt, the spine's curve, and a head in profile with hair, an eye and a nose, so the way
the figure faces reads. Everything sits on its own light card, so the figure keeps its
contrast in any theme. The working side's psoas is a band from the lumbar spine to the
thigh whose colour and width follow its length: long and red in a stretch, short, thick
and amber when it works.

The animation is plain SVG with SMIL ``<animate>`` (36 frames a loop, straight lines
between them), so it plays in JupyterLab, Voila and any browser with no script and nothing
downloaded. It shows the start pose as a ghost and the path of the part that moves most,
with an arrow. Every figure has a ``<title>`` and a ``<desc>`` naming the exercise, the
side and the poses; an animation has a visible Pause button (WCAG 2.2.2; it calls
``SVGSVGElement.pauseAnimations()``), and when the browser asks for reduced motion
(``prefers-reduced-motion``) it shows the still start and end poses instead. A ``hold``
eases into the held pose and stays there (it does not loop).

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
import itertools
import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from psoas_lib.figures.body import HEAD_RADIUS, Vec
from psoas_lib.figures.camera import Camera, camera_for
from psoas_lib.figures.figure import Figure
from psoas_lib.figures.motion import Frame, frame
from psoas_lib.figures.shapes import psoas_ratio, shapes

__all__ = [
    "CARD",
    "COLOURS",
    "FRAMES",
    "animated_svg",
    "contrast",
    "end_pose_time",
    "hold_in_s",
    "hold_t",
    "pose_svg",
    "strip_svg",
]

FRAMES = 36
MIN_PANEL_CM = 120.0
CAPTION_PX = 10.0  # a strip's caption is this many pixels high whatever the scale
CARD = "#f8f6f1"  # the figure's own light card
OUTLINE = "#1e2a33"
COLOURS = {
    "near-trousers": "#24406e",
    "far-trousers": "#5f79a8",
    "top": "#17756b",
    "near-sleeve": "#0f5f56",
    "far-sleeve": "#4f9a90",
    "skin": "#d99f76",
    "far-skin": "#c98d66",
    "hair": "#3d2a1e",
    "near-shoe": "#2e2623",
    "far-shoe": "#6b5d55",
    "bone": "#f3ead8",
    "pelvis-line": "#b03a2e",
    "spine": "#f3ead8",
    "path": "#6a3d9a",
    "ghost": "#9aa6b2",
    "floor": "#e6e0d4",
    "floor-edge": "#8d8373",
    "mat": "#8fbc8f",
    "prop": "#cdb89a",
    "prop-side": "#a8916f",
    "cushion": "#c9a0c4",
    "wall": "#e9e4da",
    "caption": "#222222",
}
# Stroke widths (cm) of the limbs: (fill, outline around it).
WIDTHS = {"thigh": 15.0, "leg": 10.5, "arm": 8.0, "hand": 5.5, "neck": 8.5, "foot": 4.0}
LINE = 0.0  # outline width (cm)
#: How far an outline goes from its part's own colour towards ``OUTLINE`` (0: none, 1: all
#: the way). A near-black 1.2 cm outline round every limb made a pose model miss the person
#: in 3 of 4 key poses, a toned 0.5 cm one in 1 of 3 (docs/figures.md, "Read as a person"),
#: so the parts are told apart by their tones instead (``LINE`` 0).
EDGE = 0.35
#: The teaching overlays over the hip are see-through (the psoas band at this opacity, the
#: pelvis an outline with a faint fill): drawn solid over the hip they hide where the hip and
#: thigh are, and a pose model then misplaces the hip (docs/figures.md, "Read as a person").
OVERLAY_OPACITY = 0.7


def _edge(colour: str) -> str:
    """The outline colour of a part drawn in ``colour``.

    >>> _edge("#ffffff") == _mix("#ffffff", OUTLINE, EDGE)
    True
    """
    return _mix(colour, OUTLINE, EDGE)


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
SIDE_WORDS = {"left": "left", "right": "right"}


# ------------------------------------------------------------------------------- colour
def _luminance(colour: str) -> float:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours.

    >>> round(contrast("#000000", "#ffffff"), 1), round(contrast("#777777", "#ffffff"), 2)
    (21.0, 4.48)
    """
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _mix(a: str, b: str, s: float) -> str:
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * s):02x}" for x, y in zip(ca, cb, strict=True))


def psoas_style(ratio: float) -> tuple[str, float]:
    """The band's colour and width (cm) for its length relative to standing: short and
    working is thick amber, long and stretched is thin red.

    >>> psoas_style(1.0)
    ('#e8742a', 4.5)
    >>> psoas_style(1.06), psoas_style(0.94)
    (('#d7263d', 3.0), ('#f2b134', 6.0))
    """
    s = max(0.0, min(1.0, (ratio - 0.94) / 0.12))
    colour = _mix("#f2b134", "#e8742a", s * 2) if s < 0.5 else _mix("#e8742a", "#d7263d", s * 2 - 1)
    return colour, round(6.0 - 3.0 * s, 2)


# ------------------------------------------------------------------------------- geometry
@dataclass(frozen=True)
class _Pose:
    """One frame projected: every shape as drawing points (X, Y up), with depths."""

    flat: Mapping[str, list[tuple[float, float]]]
    depth: Mapping[str, float]
    head_angle: float
    psoas: float
    tilts: bool = False  # the figure tilts its pelvis: the tilt line is drawn over everything


def _pose(fig: Figure, cam: Camera, t: float, side: str) -> _Pose:
    """The body at time ``t`` projected for ``side`` (computed once)."""
    cache = fig.__dict__.setdefault("_poses", {})
    key = (cam, side, round(t % 1.0 if t != 1.0 else 0.0, 9))
    if key not in cache:
        cache[key] = _project(fig, cam, t, side)
    pose: _Pose = cache[key]
    return pose


def _project(fig: Figure, cam: Camera, t: float, side: str) -> _Pose:
    body, ratio = _body(fig, t)
    a, b, c, d, e, f, g, h, i = cam.matrix(side)
    flat, depth = {}, {}
    for name, pts in body.items():
        flat[name] = [(a * x + b * y + c * z, d * x + e * y + f * z) for x, y, z in pts]
        depth[name] = sum(g * x + h * y + i * z for x, y, z in pts) / len(pts)
    _, (cx, cy), (tx, ty) = flat["head"]
    angle = math.degrees(math.atan2(tx - cx, ty - cy))
    return _Pose(flat, depth, angle, ratio, _tilts(fig))


def _tilts(fig: Figure) -> bool:
    """True when the keys tilt the pelvis (its angle changes by 10 to 45 degrees over the
    loop; more is the whole body turning, as in the roll-up)."""
    angles = [k.angles.get("pelvis", 0.0) for k in fig.keys]
    return 10.0 <= max(angles) - min(angles) <= 45.0


def _body(fig: Figure, t: float) -> tuple[dict[str, list[Vec]], float]:
    """The body's shapes and psoas ratio at ``t`` (keyed coordinates), computed once."""
    cache = fig.__dict__.setdefault("_shapes", {})
    key = round(t % 1.0 if t != 1.0 else 0.0, 9)
    if key not in cache:
        f = _keyed(fig, key)
        cache[key] = (shapes(f.angles, f.points), psoas_ratio(f.angles, f.points))
    body: tuple[dict[str, list[Vec]], float] = cache[key]
    return body


def _keyed(fig: Figure, t: float) -> Frame:
    return frame(fig, t, "right")


# Parts drawn, each (name, shapes used, kind). Depth decides the order, far to near; the
# torso parts keep their own order.
_TORSO = ("trousers", "top", "pelvis-bone", "pelvis-line", "spine")


def _overhead(pose: _Pose) -> bool:
    """True when the near arm reaches past the head (arms overhead, standing or lying):
    along the neck-to-head line the wrist is further out than the head's centre."""
    (nx, ny), _ = pose.flat["neck"]
    hx, hy = pose.flat["head"][0]
    wx, wy = pose.flat["near-arm"][2]
    ux, uy = hx - nx, hy - ny
    reach = math.hypot(ux, uy) or 1.0
    return ((wx - nx) * ux + (wy - ny) * uy) / reach > reach


def _order(pose: _Pose) -> list[str]:
    torso = pose.depth["top"]
    parts = {
        "far-arm": pose.depth["far-arm"],
        "far-leg": pose.depth["far-leg"],
        "torso": torso,
        "head": torso + 0.5,
        "near-leg": pose.depth["near-leg"],
        "near-arm": pose.depth["near-arm"],
    }
    if _overhead(pose):  # arms past the head: the face in front of the near arm, so it reads
        parts["head"] = max(parts.values()) + 0.5
    # The psoas is deep: over the trunk, under the near limbs (drawn over the hip it hides
    # the hip from a pose model, which then misplaces it). So is the pelvis, unless the
    # figure tilts it: then it is drawn over everything, like an X-ray, so the tilt shows.
    parts["psoas"] = torso + 0.25
    parts["pelvis"] = max(parts.values()) + 1 if pose.tilts else torso + 0.3
    return sorted(parts, key=lambda part: parts[part])


# ------------------------------------------------------------------------------- props
def _box(x0: float, x1: float, y0: float, y1: float, z0: float, z1: float) -> list[list[Vec]]:
    """The faces of a box a camera turned to the front and above can see: top, near side,
    the end nearer the front, as 3-D quads."""
    return [
        [(x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)],
        [(x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)],
        [(x1, y0, z0), (x1, y0, z1), (x1, y1, z1), (x1, y1, z0)],
    ]


def _props(fig: Figure, span: tuple[float, float]) -> list[tuple[str, list[Vec], str]]:
    """Every prop as 3-D polygons with a fill colour (behind the body; in keyed x)."""
    out: list[tuple[str, list[Vec], str]] = []
    a, b = span
    out.append(("floor", [(a, 0, -60), (b, 0, -60), (b, 0, 45), (a, 0, 45)], COLOURS["floor"]))
    for prop in fig.props:
        x0, x1 = prop.x
        z0, z1 = prop.z
        if prop.kind == "mat":
            x0, x1 = max(x0, a + 6), min(x1, b - 6)
            out.append(("mat", [(x0, 0.4, -35), (x1, 0.4, -35), (x1, 0.4, 35), (x0, 0.4, 35)],
                        COLOURS["mat"]))  # fmt: skip
        elif prop.kind == "wall":
            x = x1
            out.append(("wall", [(x, 0, -60), (x, 200, -60), (x, 200, 45), (x, 0, 45)],
                        COLOURS["wall"]))  # fmt: skip
        elif prop.kind in ("bench", "cushion"):
            top, side_c, fill = prop.top, COLOURS["prop-side"], COLOURS["prop"]
            if prop.kind == "cushion":
                side_c, fill = COLOURS["cushion"], COLOURS["cushion"]
            faces = _box(x0, x1, 0, top, z0, z1)
            out += [(prop.kind, faces[1], side_c), (prop.kind, faces[2], side_c)]
            out.append((prop.kind, faces[0], fill))
        elif prop.kind == "chair":
            seat, top = 45.0, prop.top
            for x, z in ((x0, z0), (x1, z0), (x0, z1), (x1, z1)):
                out.append(("chair", [(x, 0, z), (x, seat, z)], COLOURS["prop-side"]))
            out += [("chair", f, COLOURS["prop"]) for f in _box(x0, x1, seat - 4, seat, z0, z1)]
            out.append(("chair", [(x0, seat, z1 - 2), (x1, seat, z1 - 2), (x1, top, z1 - 2),
                                  (x0, top, z1 - 2)], COLOURS["prop-side"]))  # fmt: skip
    return out


# ------------------------------------------------------------------------------- text
def _fmt(value: float) -> str:
    text = "%.1f" % value  # noqa: UP031 (the fastest way, and this runs 100 000 times)
    if text[-1] == "0":
        text = text[:-2]
        return "0" if text == "-0" else text
    return text


def _pts(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(["%.1f,%.1f" % (x, -y) for x, y in points])  # noqa: UP031 (fast)


def _head(colour_skin: str, side: str) -> str:
    """The head in profile, facing +X, centred on 0,0 (SVG y down), mirrored for left."""
    r = HEAD_RADIUS
    flip = "" if side == "right" else ' transform="scale(-1,1)"'
    return (
        f"<g{flip}>"
        f'<path d="M{_fmt(r - 0.6)},-2 L{_fmt(r + 2.6)},2.2 L{_fmt(r - 0.2)},3.2Z" '
        f'fill="{colour_skin}" stroke="{_edge(colour_skin)}" stroke-width="{LINE}" '
        'stroke-linejoin="round"/>'
        f'<circle r="{_fmt(r)}" fill="{colour_skin}" stroke="{_edge(colour_skin)}" '
        f'stroke-width="{LINE}"/>'
        f'<path d="M6.5,-7 A{_fmt(r)},{_fmt(r)} 0 0 0 -7.2,6.2 L-4.2,4.2 Q-5.6,-3.6 1.8,-4.4 '
        f'Q5.4,-4.8 6.5,-7Z" fill="{COLOURS["hair"]}" stroke="{_edge(COLOURS["hair"])}" '
        f'stroke-width="{LINE * 0.6:g}"/>'
        f'<ellipse cx="-0.6" cy="0.8" rx="1.6" ry="2.4" fill="#c98963" stroke="{OUTLINE}" '
        'stroke-width="0.5"/>'
        f'<circle cx="5.6" cy="-1.2" r="1.1" fill="{OUTLINE}"/>'
        f'<path d="M5.4,5.2 Q7,5.8 8.2,5" fill="none" stroke="{OUTLINE}" stroke-width="0.7" '
        'stroke-linecap="round"/></g>'
    )


class _Writer:
    """Writes the body parts either still (one pose) or animated (a list of poses)."""

    def __init__(self, poses: Sequence[_Pose], ident: str, timing: str, side: str) -> None:
        self.poses, self.ident, self.timing, self.side = poses, ident, timing, side
        self.animated = len(poses) > 1

    def values(self, get: Callable[[_Pose], str]) -> str:
        return ";".join(get(p) for p in self.poses)

    def stroke(
        self, name: str, shape: str, colour: str, width: float, cls: str = "", closed: bool = False
    ) -> str:
        """A limb: a round-capped stroke with an outline (two strokes of one line); a
        ``closed`` one (a shoe) is filled too."""
        tag = "polygon" if closed else "polyline"
        common = 'stroke-linecap="round" stroke-linejoin="round"'
        first = _pts(self.poses[0].flat[shape])
        edge = _edge(colour)
        outline = f'fill="{edge if closed else "none"}" stroke="{edge}" '
        outline += f'stroke-width="{_fmt(width + 2 * LINE)}"'
        inner = f'fill="{colour if closed else "none"}" stroke="{colour}" '
        inner += f'stroke-width="{_fmt(width)}"'
        label = f' class="psoas-fig-{cls or name}"'
        if not self.animated:
            return (
                f'<{tag} points="{first}" {common} {outline}/>'
                f'<{tag}{label} points="{first}" {common} {inner}/>'
            )
        ref = f"{self.ident}-{name}"
        values = self.values(lambda p: _pts(p.flat[shape]))
        return (
            f'<defs><{tag} id="{ref}"{label} points="{first}">'
            f'<animate attributeName="points" values="{values}" {self.timing}/></{tag}></defs>'
            f'<use href="#{ref}" {common} {outline}/><use href="#{ref}" {common} {inner}/>'
        )

    def fill(self, shape: str, colour: str, extra: str = "", closed: bool = True) -> str:
        tag = "polygon" if closed else "polyline"
        first = _pts(self.poses[0].flat[shape])
        body = (
            f'<{tag} class="psoas-fig-{shape}" points="{first}" fill="{colour}" '
            f'stroke="{_edge(colour)}" stroke-width="{LINE}" stroke-linejoin="round"{extra}'
        )
        if not self.animated:
            return body + "/>"
        values = self.values(lambda p: _pts(p.flat[shape]))
        return body + f'><animate attributeName="points" values="{values}" {self.timing}/></{tag}>'

    def line(self, shape: str, colour: str, width: float, extra: str = "") -> str:
        first = _pts(self.poses[0].flat[shape])
        body = (
            f'<polyline class="psoas-fig-{shape}" points="{first}" fill="none" stroke="{colour}" '
            f'stroke-width="{_fmt(width)}" stroke-linecap="round" stroke-linejoin="round"{extra}'
        )
        if not self.animated:
            return body + "/>"
        values = self.values(lambda p: _pts(p.flat[shape]))
        return (
            body + f'><animate attributeName="points" values="{values}" {self.timing}/></polyline>'
        )

    def psoas(self) -> str:
        colour, width = psoas_style(self.poses[0].psoas)
        first = _pts(self.poses[0].flat["psoas"])
        body = (
            f'<polyline class="psoas-fig-psoas" points="{first}" fill="none" stroke="{colour}" '
            f'stroke-width="{_fmt(width)}" stroke-linecap="round" stroke-linejoin="round" '
            f'stroke-opacity="{OVERLAY_OPACITY:g}"'
        )
        if not self.animated:
            return body + "/>"
        pts = self.values(lambda p: _pts(p.flat["psoas"]))
        colours = self.values(lambda p: psoas_style(p.psoas)[0])
        widths = self.values(lambda p: _fmt(psoas_style(p.psoas)[1]))
        return (
            body + f'><animate attributeName="points" values="{pts}" {self.timing}/>'
            f'<animate attributeName="stroke" values="{colours}" {self.timing}/>'
            f'<animate attributeName="stroke-width" values="{widths}" {self.timing}/></polyline>'
        )

    def head(self) -> str:
        first = self.poses[0]
        cx, cy = first.flat["head"][0]
        transform = f"translate({_fmt(cx)},{_fmt(-cy)}) rotate({_fmt(first.head_angle)})"
        anim = ""
        if self.animated:
            moves = self.values(
                lambda p: f"{_fmt(p.flat['head'][0][0])},{_fmt(-p.flat['head'][0][1])}"
            )
            turns = self.values(lambda p: _fmt(p.head_angle))
            anim = (
                f'<animateTransform attributeName="transform" type="translate" values="{moves}" '
                f'{self.timing}/><animateTransform attributeName="transform" type="rotate" '
                f'values="{turns}" additive="sum" {self.timing}/>'
            )
        return (
            f'<g class="psoas-fig-head" transform="{transform}">{anim}'
            f"{_head(COLOURS['skin'], self.side)}</g>"
        )

    def body(self) -> str:
        parts = []
        for part in _order(self.poses[0]):
            if part == "torso":
                parts.append(self.fill("trousers", COLOURS["near-trousers"]))
                parts.append(self.fill("top", COLOURS["top"]))
                parts.append(self.line("spine", COLOURS["spine"], 1.0))
            elif part == "pelvis":  # over the near thigh: the tilt must show
                parts.append(self.fill("pelvis-bone", COLOURS["bone"], ' fill-opacity="0.2"'))
                parts.append(self.line("pelvis-line", COLOURS["pelvis-line"], 1.8))
            elif part == "head":
                parts.append(self.stroke("neck", "neck", COLOURS["skin"], WIDTHS["neck"]))
                parts.append(self.head())
            elif part == "psoas":
                parts.append(self.psoas())
            elif part.endswith("leg"):
                side = part.split("-")[0]
                trousers = COLOURS[f"{side}-trousers"]
                cls = "leg" if side == "near" else "other-leg"
                parts.append(
                    self.stroke(f"{side}-leg", f"{side}-leg", trousers, WIDTHS["leg"], cls)
                )
                parts.append(
                    self.stroke(f"{side}-thigh", f"{side}-thigh", trousers, WIDTHS["thigh"])
                )
                parts.append(self.stroke(f"{side}-foot", f"{side}-foot", COLOURS[f"{side}-shoe"],
                                         WIDTHS["foot"], closed=True))  # fmt: skip
            elif part.endswith("arm"):
                side = part.split("-")[0]
                cls = "arm" if side == "near" else "other-arm"
                skin = COLOURS["skin"] if side == "near" else COLOURS["far-skin"]
                parts.append(self.stroke(f"{side}-hand", f"{side}-hand", skin, WIDTHS["hand"]))
                parts.append(self.stroke(f"{side}-arm", f"{side}-arm", COLOURS[f"{side}-sleeve"],
                                         WIDTHS["arm"], cls))  # fmt: skip
        return "".join(parts)


def _ghost(pose: _Pose) -> str:
    """The start pose, pale, behind the moving figure."""
    style = (
        f'fill="none" stroke="{COLOURS["ghost"]}" stroke-linecap="round" stroke-linejoin="round"'
    )
    parts = [
        f'<polygon points="{_pts(pose.flat[s])}" fill="{COLOURS["ghost"]}" stroke="none"/>'
        for s in ("trousers", "top")
    ]
    for shape, width in (("far-leg", 10.5), ("near-leg", 10.5), ("far-arm", 7), ("near-arm", 7)):
        parts.append(
            f'<polyline points="{_pts(pose.flat[shape])}" {style} stroke-width="{width}"/>'
        )
    cx, cy = pose.flat["head"][0]
    parts.append(f'<circle cx="{_fmt(cx)}" cy="{_fmt(-cy)}" r="{HEAD_RADIUS:g}" '
                 f'fill="{COLOURS["ghost"]}"/>')  # fmt: skip
    return f'<g class="psoas-fig-ghost" opacity="0.35">{"".join(parts)}</g>'


# The points whose path may be drawn, as (shape, index): the working ankle, knee, wrist, the
# hips and the head.
_MOVERS = {
    "near-leg": (2, 1),
    "far-leg": (2, 1),
    "near-arm": (2,),
    "trousers": (1,),
    "head": (0,),
}


def _mover(poses: Sequence[_Pose]) -> tuple[str, int]:
    def travel(key: tuple[str, int]) -> float:
        shape, i = key
        return sum(
            math.dist(a.flat[shape][i], b.flat[shape][i]) for a, b in itertools.pairwise(poses)
        )

    keys = [(s, i) for s, idx in _MOVERS.items() for i in idx]
    return max(keys, key=travel)


def _path(poses: Sequence[_Pose], ident: str, key: tuple[str, int] | None = None) -> str:
    """The path of the part that moves most, dashed, with an arrow at its end."""
    shape, i = key or _mover(poses)
    pts = [p.flat[shape][i] for p in poses]
    return (
        f'<polyline class="psoas-fig-path" points="{_pts(pts)}" fill="none" '
        f'stroke="{COLOURS["path"]}" stroke-width="1.6" stroke-dasharray="4 3" '
        f'stroke-linecap="round" marker-end="url(#{ident}-arrow)"/>'
    )


def _arrow_def(ident: str) -> str:
    return (
        f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="6" refY="5" '
        'markerWidth="5" markerHeight="5" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10Z" fill="{COLOURS["path"]}"/></marker></defs>'
    )


#: A prop drawn: its kind, its projected points and its colour.
_Part = tuple[str, list[tuple[float, float]], str]


def _scene_parts(fig: Figure, cam: Camera, side: str, span: tuple[float, float]) -> list[_Part]:
    """The props as projected polygons (back to front as listed)."""
    out: list[_Part] = []
    for kind, pts, colour in _props(fig, span):
        proj = [cam.project(p, side)[:2] for p in pts]
        out.append((kind, proj, colour))
    return out


def _scene(parts: list[_Part]) -> str:
    svg = []
    for kind, proj, colour in parts:
        if len(proj) == 2:
            svg.append(f'<polyline points="{_pts(proj)}" stroke="{colour}" stroke-width="3" '
                       'stroke-linecap="round"/>')  # fmt: skip
            continue
        edge = COLOURS["floor-edge"] if kind in ("floor", "wall") else OUTLINE
        svg.append(f'<polygon class="psoas-fig-prop-{kind}" points="{_pts(proj)}" '
                   f'fill="{colour}" stroke="{edge}" stroke-width="0.6" '
                   'stroke-linejoin="round"/>')  # fmt: skip
    return "".join(svg)


def _span(fig: Figure) -> tuple[float, float]:
    """How far along x the floor is drawn: the body's reach over the loop, and more."""
    xs = [
        p[0] for n in range(0, FRAMES, 3) for pts in _body(fig, n / FRAMES)[0].values() for p in pts
    ]
    return min(xs) - 25, max(xs) + 25


def _bounds(poses: Sequence[_Pose], scene: list[_Part]) -> tuple[float, float, float, float]:
    xs = [x for p in poses for pts in p.flat.values() for x, _ in pts]
    ys = [y for p in poses for pts in p.flat.values() for _, y in pts]
    pad = HEAD_RADIUS + 5
    x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    for kind, proj, _ in scene:
        if kind in ("floor", "mat", "wall"):
            continue
        x0 = min(x0, *(x - 3 for x, _ in proj))
        x1 = max(x1, *(x + 3 for x, _ in proj))
        y0 = min(y0, *(y - 3 for _, y in proj))
        y1 = max(y1, *(y + 3 for _, y in proj))
    floor = [y for kind, proj, _ in scene if kind == "floor" for _, y in proj]
    y0 = min(y0, max(min(floor) - 2, y0 - 12)) if floor else y0
    return x0, y0, x1, y1


# ------------------------------------------------------------------------------- timing
def end_pose_time(fig: Figure) -> float:
    """The time of the key pose furthest from the start: the pose the exercise is about."""
    start = _keyed(fig, 0.0).points

    def distance(t: float) -> float:
        pts = _keyed(fig, t).points
        return sum(math.dist(pts[n], start[n]) for n in start)

    return max((k.t for k in fig.keys[1:]), key=distance)


def hold_in_s(fig: Figure, hold_s: float) -> float:
    """Seconds a hold takes to ease into its pose: the figure's own pace, at most half the
    hold.

    >>> from psoas_lib.figures.keyframes import load_keyframes
    >>> hold_in_s(load_keyframes()["low-lunge"], 30)  # 0.3 of its 8 s loop
    2.4
    """
    return round(min(end_pose_time(fig) * fig.cycle_s, hold_s / 2), 6)


def hold_t(fig: Figure, elapsed_s: float, hold_s: float) -> float:
    """Where in its loop a figure is ``elapsed_s`` into a hold of ``hold_s``: easing in at
    its own pace, then the held pose (:func:`end_pose_time`) to the end of the hold.

    >>> from psoas_lib.figures.keyframes import load_keyframes
    >>> fig = load_keyframes()["low-lunge"]  # held pose at 0.3 of an 8 s loop: in by 2.4 s
    >>> hold_t(fig, 1.2, 30), hold_t(fig, 2.4, 30), hold_t(fig, 29.9, 30)
    (0.15, 0.3, 0.3)
    """
    ease_s = hold_in_s(fig, hold_s)
    share = min(max(elapsed_s, 0.0) / ease_s, 1.0) if ease_s > 0 else 1.0
    return round(end_pose_time(fig) * share, 9)


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
        'style="max-width:100%;height:auto" '
        f'font-family="system-ui, sans-serif">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        f'<rect class="psoas-fig-card" x="{_fmt(vx)}" y="{_fmt(vy)}" width="{_fmt(vw)}" '
        f'height="{_fmt(vh)}" rx="4" fill="{CARD}"/>'
    )
    return head, ident


def _legend(side: str) -> str:
    return (
        f"The working side ({SIDE_WORDS[side]}) is nearest you, drawn darker; the other side is "
        "further away, lighter. The red line across the hips shows the tilt of the pelvis; "
        "the band from the lower spine to the top of the thigh is the psoas, red and thin "
        "when stretched, amber and thick when it works."
    )


def _size(
    bw: float,
    bh: float,
    scale: float,
    width: float | None,
    max_width: float | None,
    fit: tuple[float, float] | None,
) -> float:
    if width:
        return float(width)
    if fit:
        fw, fh = fit
        return min(fw, fh * bw / bh)
    return min(scale * bw, max_width or math.inf)


def animated_svg(
    fig: Figure,
    side: str = "left",
    *,
    name: str | None = None,
    progress: float = 0.0,
    width: float | None = None,
    scale: float = 1.6,
    max_width: float | None = None,
    fit: tuple[float, float] | None = None,
    count: int = FRAMES,
    cycle_s: float | None = None,
    hold: bool = False,
) -> str:
    """The figure looping one repetition every ``cycle_s`` seconds (default: the figure's
    own), starting ``progress`` (0 to 1) of the way through, with a Pause button and still
    poses for reduced motion. With ``hold`` it eases into the held pose over
    :func:`hold_in_s` and stays there for the ``cycle_s`` seconds of the hold.

    It is drawn ``scale`` pixels per cm (at most ``max_width`` pixels wide), ``width``
    pixels wide, or as large as fits the box ``fit`` (width, height in pixels)."""
    if side not in SIDE_WORDS:
        raise ValueError(f"side should be 'left' or 'right', not {side!r}")
    cam = camera_for(fig.view, fig.camera)
    cycle = float(cycle_s) if cycle_s else fig.cycle_s
    end = end_pose_time(fig)
    if hold:
        ease_s = hold_in_s(fig, cycle)
        times = [end * n / count for n in range(count + 1)]
        timing_tail = f'dur="{_fmt(ease_s)}s" fill="freeze"'
        begin = progress * cycle
    else:
        times = [n / count for n in range(count)] + [0.0]
        timing_tail = f'dur="{_fmt(cycle)}s" repeatCount="indefinite"'
        begin = (progress % 1.0) * cycle
    poses = [_pose(fig, cam, t, side) for t in times]
    end_pose = _pose(fig, cam, end, side)
    scene = _scene_parts(fig, cam, side, _span(fig))
    x0, y0, x1, y1 = _bounds(poses, scene)
    bw, bh = x1 - x0, y1 - y0
    if hold:
        desc = f"Animation: easing into the hold over {ease_s:g} seconds, then holding"
    else:
        desc = f"Animation, one repetition every {cycle:g} seconds"
    steps = "; ".join(f"{n + 1}. {k.pose}" for n, k in enumerate(fig.keys))
    band = 0.0  # a row above the figure for the Pause button, a touch target on a phone too
    for _ in range(3):
        band = _button_band(bw, _size(bw, bh + band, scale, width, max_width, fit))
    head, ident = _open(
        (x0, -y1 - band, bw, bh + band),
        _title(fig, side, name),
        f"{desc}: {steps}. {_legend(side)}",
        _size(bw, bh + band, scale, width, max_width, fit),
    )
    timing = f'begin="{_fmt(-begin)}s" {timing_tail} calcMode="linear"'
    scene_svg = _scene(scene)
    moving = _Writer(poses, ident, timing, side)
    if not hold and fig.view == "above":  # a circle each way: two paths, two arrows
        path = _path(poses[: count // 2 + 1], ident) + _path(poses[count // 2 :], ident)
    else:
        pairs = zip(poses[:count], times[:count], strict=True)
        path = _path([p for p, t in pairs if t <= end + 1e-9], ident)
    still = []
    for n, (pose, label) in enumerate(((poses[0], "start"), (end_pose, "end"))):
        tx, ty = x0 / 2 + n * bw / 2, -y1 / 2 + bh / 4
        still.append(
            f'<g transform="translate({_fmt(tx)},{_fmt(ty)}) scale(0.5)" '
            f'clip-path="url(#{ident}-still)">'
            f"{scene_svg}{_Writer([pose], ident + 's', '', side).body()}</g>"
            f'<text x="{_fmt(x0 + n * bw / 2 + 4)}" y="{_fmt(-y1 + 10)}" font-size="7" '
            f'fill="{COLOURS["caption"]}">{label}</text>'
        )
    button_h = band - 2 * BUTTON_GAP
    button_w = min(button_h * 1.8, bw - 2 * BUTTON_GAP)
    font = min(button_h * 0.36, button_w / 4.4)  # "❚❚ Pause" is about 4.2 font-sizes wide
    bx, by = x1 - button_w - BUTTON_GAP, -y1 - band + BUTTON_GAP
    pause = (
        f'<g class="psoas-fig-pause" role="button" tabindex="0" aria-pressed="false" '
        f'aria-label="Pause or play the animation" onclick="{escape(_PAUSE_JS)}" '
        "onkeydown=\"if(event.key==='Enter'||event.key===' '){event.preventDefault();"
        'this.onclick()}">'
        f'<rect x="{_fmt(bx)}" y="{_fmt(by)}" width="{_fmt(button_w)}" '
        f'height="{_fmt(button_h)}" rx="{_fmt(button_h / 5)}" fill="#f4f6f8" stroke="#5d6975" '
        f'stroke-width="{_fmt(button_h / 20)}"/>'
        f'<text x="{_fmt(bx + button_w / 2)}" y="{_fmt(by + button_h * 0.63)}" '
        f'font-size="{_fmt(font)}" text-anchor="middle" fill="#222">'
        "\u275a\u275a Pause</text></g>"
    )
    return (
        f"{head}<style>{_STYLE}</style>{_arrow_def(ident)}"
        f'<defs><clipPath id="{ident}-still"><rect x="{_fmt(x0)}" y="{_fmt(-y1)}" '
        f'width="{_fmt(bw)}" height="{_fmt(bh)}"/></clipPath></defs>'
        f'<g class="psoas-fig-anim">{scene_svg}{_ghost(poses[0])}{moving.body()}{path}'
        f"{_inset(fig, side, x0, y1)}</g>"
        f'<g class="psoas-fig-still">{"".join(still)}</g>{pause}</svg>'
    )


#: The Pause button's height in pixels however the figure is drawn, and the narrowest width
#: (pixels) the figure may be shrunk to by ``max-width: 100%`` on a phone (390 px, less the
#: page's margins). WCAG 2.5.5: a touch target at least 44 x 44 px.
BUTTON_PX = 46.0
PHONE_PX = 300.0
BUTTON_GAP = 1.5  # drawing units round the button


def _button_band(bw: float, width_px: float) -> float:
    """The height (drawing units) of the row above a figure ``bw`` units wide drawn
    ``width_px`` pixels wide, for a button ``BUTTON_PX`` high even at ``PHONE_PX`` wide.

    >>> _button_band(100.0, 200.0)  # 0.5 unit a pixel: 23 units, and the gaps
    26.0
    >>> _button_band(100.0, 660.0)  # shrunk to 300 px on a phone: 1/3 unit a pixel
    ...                             # doctest: +ELLIPSIS
    18.33...
    """
    return BUTTON_PX * bw / min(width_px, PHONE_PX) + 2 * BUTTON_GAP


def _inset(fig: Figure, side: str, x0: float, y1: float) -> str:
    """Warrior I's second view, seen from above: the hips square to the front and the back
    foot turned out (what the side view cannot show)."""
    if fig.exercise != "warrior-one":
        return ""
    f = -1 if side == "left" else 1
    ox, oy = x0 + 4, -y1 + 4
    w, h = 70.0, 46.0

    def foot(cx: float, cy: float, turn: float) -> str:
        return (
            f'<ellipse cx="{_fmt(cx)}" cy="{_fmt(cy)}" rx="8" ry="3.4" '
            f'fill="{COLOURS["near-shoe"]}" '
            f'transform="rotate({_fmt(turn)} {_fmt(cx)} {_fmt(cy)})"/>'
        )

    cx = ox + w / 2
    front_x, back_x = cx + f * 22, cx - f * 22
    return (
        f'<g class="psoas-fig-inset"><rect x="{_fmt(ox)}" y="{_fmt(oy)}" width="{w:g}" '
        f'height="{h:g}" rx="3" fill="#ffffff" stroke="#5d6975" stroke-width="0.6"/>'
        f'<text x="{_fmt(ox + 3)}" y="{_fmt(oy + 7)}" font-size="5.5" fill="#222">'
        "Seen from above</text>"
        f"{foot(front_x, oy + 30, 0)}{foot(back_x, oy + 33, f * -45)}"
        f'<line x1="{_fmt(cx - 9)}" y1="{_fmt(oy + 18)}" x2="{_fmt(cx - 9)}" y2="{_fmt(oy + 40)}" '
        f'stroke="{COLOURS["pelvis-line"]}" stroke-width="2.4" stroke-linecap="round"/>'
        f'<text x="{_fmt(cx - 7)}" y="{_fmt(oy + 15)}" font-size="5" fill="#222">hips square</text>'
        f'<text x="{_fmt(ox + 3)}" y="{_fmt(oy + h - 3)}" font-size="5" fill="#222">'
        "back foot turned out 45\u00b0</text></g>"
    )


def pose_svg(
    fig: Figure,
    side: str = "left",
    t: float = 0.0,
    *,
    name: str | None = None,
    width: float | None = None,
    scale: float = 1.6,
    fit: tuple[float, float] | None = None,
    ghost: bool = True,
) -> str:
    """One still pose at time ``t`` of the repetition (a paused figure, a get-ready pose),
    with the start pose ghosted behind it when it differs."""
    cam = camera_for(fig.view, fig.camera)
    poses = [_pose(fig, cam, n / FRAMES, side) for n in range(FRAMES)]
    scene = _scene_parts(fig, cam, side, _span(fig))
    x0, y0, x1, y1 = _bounds(poses, scene)
    pose = _pose_at(fig, t)
    desc = f"Still pose: {pose}. {_legend(side)}"
    title = f"{_title(fig, side, name)}: {pose}"
    head, ident = _open(
        (x0, -y1, x1 - x0, y1 - y0), title, desc, _size(x1 - x0, y1 - y0, scale, width, None, fit)
    )
    now = _pose(fig, cam, t, side)
    behind = _ghost(poses[0]) if ghost and t % 1.0 > 0.02 else ""
    body = _Writer([now], ident, "", side).body()
    return f"{head}{_scene(scene)}{behind}{body}{_inset(fig, side, x0, y1)}</svg>"


def strip_svg(
    fig: Figure, side: str = "left", *, name: str | None = None, scale: float = 1.2
) -> str:
    """The key poses side by side, each numbered and named: for the report and ``docs/``.

    Every figure is drawn at ``scale`` pixels per centimetre, so strips compare."""
    cam = camera_for(fig.view, fig.camera)
    poses = [_pose(fig, cam, n / FRAMES, side) for n in range(FRAMES)]
    scene = _scene_parts(fig, cam, side, _span(fig))
    x0, y0, x1, y1 = _bounds(poses, scene)
    if x1 - x0 < MIN_PANEL_CM:
        pad = (MIN_PANEL_CM - (x1 - x0)) / 2
        x0, x1 = x0 - pad, x1 + pad
    bw, bh = x1 - x0, y1 - y0
    font = CAPTION_PX / scale
    chars = max(12, int(bw / (font * 0.52)))
    label_h = font * 1.25 * 3 + 3
    keys = fig.keys
    steps = "; ".join(f"{n + 1}. {k.pose}" for n, k in enumerate(keys))
    head, ident = _open(
        (0.0, 0.0, bw * len(keys), bh + label_h),
        f"{_title(fig, side, name)}: key poses",
        f"{len(keys)} key poses: {steps}. {_legend(side)}",
        scale * bw * len(keys),
    )
    parts = [
        head,
        f'<defs><clipPath id="{ident}-clip"><rect x="{_fmt(x0)}" y="{_fmt(-y1)}" '
        f'width="{_fmt(bw)}" height="{_fmt(bh)}"/></clipPath></defs>',
    ]
    scene_svg = _scene(scene)
    for n, key in enumerate(keys):
        pose = _pose(fig, cam, key.t, side)
        parts.append(
            f'<g class="psoas-fig-panel" transform="translate({_fmt(n * bw - x0)},'
            f'{_fmt(label_h + y1)})" clip-path="url(#{ident}-clip)">{scene_svg}'
            f"{_Writer([pose], f'{ident}-{n}', '', side).body()}</g>"
        )
        for m, text in enumerate(textwrap.wrap(f"{n + 1}. {key.pose}", chars)[:3]):
            parts.append(
                f'<text x="{_fmt(n * bw + 3)}" y="{_fmt(font * (1 + 1.25 * m))}" '
                f'font-size="{_fmt(font)}" fill="{COLOURS["caption"]}">{escape(text)}</text>'
            )
        if n:
            parts.append(
                f'<line x1="{_fmt(n * bw)}" y1="0" x2="{_fmt(n * bw)}" '
                f'y2="{_fmt(bh + label_h)}" stroke="#bbb" stroke-width="0.8"/>'
            )
    parts.append("</svg>")
    return "".join(parts)
