"""A small schematic of where the psoas runs: lower spine, pelvis, thigh bones (matplotlib).

>>> fig = psoas_schematic()
>>> fig.axes[0].get_title()
'Where the psoas runs (front view, simplified)'
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from matplotlib.patches import FancyBboxPatch, Polygon

__all__ = ["psoas_schematic"]

BONE, MUSCLE, INK = "#d9d4c7", "#D55E00", "#333333"


#: The drawing in words (its text alternative, read by :func:`psoas_lib.ui.charts.chart_alt`).
SCHEMATIC_ALT = (
    "Where the psoas runs, front view, simplified: the five lumbar vertebrae L1 to L5, the "
    "pelvis and both thigh bones; on each side a psoas muscle runs from the side of the "
    "lumbar vertebrae down through the pelvis to the top of the thigh bone."
)


def psoas_schematic(ax: Axes | None = None) -> Figure:
    """Draw the lumbar spine, the pelvis, both femurs, and the two psoas muscles.

    >>> from psoas_lib.ui.charts import chart_alt
    >>> chart_alt(psoas_schematic()) == SCHEMATIC_ALT
    True
    """
    if ax is None:
        ax = Figure(figsize=(5, 5.5)).add_subplot()
    fig = ax.figure
    for n in range(5):  # lumbar vertebrae L1..L5, top to bottom
        y = 8.6 - n * 0.9
        ax.add_patch(
            FancyBboxPatch((-0.55, y), 1.1, 0.65, boxstyle="round,pad=0.05", fc=BONE, ec=INK, lw=1)
        )
        ax.text(0.8, y + 0.3, f"L{n + 1}", fontsize=8, color=INK, va="center")
    ax.add_patch(
        Polygon([(-0.5, 4.9), (0.5, 4.9), (0.3, 3.6), (-0.3, 3.6)], fc=BONE, ec=INK, lw=1)
    )  # sacrum
    for s in (-1, 1):
        ax.add_patch(
            Polygon(
                [
                    (s * 0.5, 4.9),
                    (s * 2.8, 6.2),
                    (s * 3.3, 5.2),
                    (s * 2.6, 3.4),
                    (s * 1.2, 2.6),
                    (s * 0.4, 3.7),
                ],
                fc=BONE,
                ec=INK,
                lw=1,
            )
        )  # ilium
        ax.add_patch(
            Polygon(
                [(s * 2.1, 3.0), (s * 2.6, 2.7), (s * 2.0, -1.5), (s * 1.6, -1.5)],
                fc=BONE,
                ec=INK,
                lw=1,
            )
        )  # femur
        ax.add_patch(
            Polygon(
                [
                    (s * 0.55, 8.9),
                    (s * 0.6, 5.2),
                    (s * 1.2, 3.8),
                    (s * 1.95, 2.2),
                    (s * 1.8, 1.9),
                    (s * 1.0, 3.4),
                    (s * 0.3, 4.9),
                    (s * 0.25, 8.9),
                ],
                fc=MUSCLE,
                ec="none",
                alpha=0.85,
            )
        )  # psoas
    ax.annotate(
        "psoas",
        xy=(1.0, 5.5),
        xytext=(2.6, 8.2),
        fontsize=11,
        color=MUSCLE,
        arrowprops={"arrowstyle": "-", "color": MUSCLE},
    )
    ax.annotate(
        "lower spine",
        xy=(-0.6, 7.5),
        xytext=(-3.6, 8.6),
        fontsize=9,
        color=INK,
        arrowprops={"arrowstyle": "-", "color": INK},
    )
    ax.annotate(
        "pelvis",
        xy=(-2.7, 5.0),
        xytext=(-3.6, 6.6),
        fontsize=9,
        color=INK,
        arrowprops={"arrowstyle": "-", "color": INK},
    )
    ax.annotate(
        "thigh bone\n(femur)",
        xy=(-1.9, 0.5),
        xytext=(-3.8, 0.2),
        fontsize=9,
        color=INK,
        arrowprops={"arrowstyle": "-", "color": INK},
    )
    ax.set_xlim(-4, 4)
    ax.set_ylim(-1.8, 9.8)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Where the psoas runs (front view, simplified)")
    whole = fig.figure if isinstance(fig, SubFigure) else fig
    setattr(whole, "psoas_alt", SCHEMATIC_ALT)  # noqa: B010 (a Figure has no such field)
    return whole
