"""Chart and drawing images for widgets, each with its text alternative.

A PNG in a plain ``widgets.Image`` has no text alternative, so a screen reader (and axe's
``image-alt`` rule) finds an unnamed image. :func:`chart_image` draws a matplotlib figure
into a :class:`TitledImage` whose title is the figure's sentence
(:func:`psoas_lib.ui.charts.chart_alt`).

>>> from psoas_lib.ui.schematic import psoas_schematic
>>> image = chart_image(psoas_schematic(), max_width="24em")
>>> image.tooltip.startswith("Where the psoas runs"), image.format
(True, 'png')
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import traitlets

__all__ = ["TitledImage", "chart_image"]


class TitledImage(widgets.Image):
    """An Image whose ``tooltip`` becomes its title, the text alternative a screen reader
    reads. ipywidgets' view sets the title only when ``description`` is empty, and an
    Image has no description (the view then fails): this one has an empty one."""

    description = traitlets.Unicode("").tag(sync=True)


def chart_image(fig: Any, *, max_width: str = "52em") -> TitledImage:
    """``fig`` as a PNG image widget titled with its text alternative."""
    from psoas_lib.ui.charts import chart_alt
    from psoas_lib.ui.report import figure_png

    return TitledImage(
        value=figure_png(fig),
        format="png",
        layout=widgets.Layout(max_width=max_width),
        tooltip=chart_alt(fig),
    )
