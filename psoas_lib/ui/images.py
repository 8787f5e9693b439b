"""Chart and drawing images for widgets, each with its text alternative.

A PNG in a plain ``widgets.Image`` has no text alternative, so a screen reader (and axe's
``image-alt`` rule) finds an unnamed image. :func:`chart_image` draws a matplotlib figure
into a :class:`TitledImage` whose title is the figure's sentence
(:func:`psoas_lib.ui.charts.chart_alt`).

>>> from psoas_lib.ui.schematic import psoas_schematic
>>> image = chart_image(psoas_schematic(), max_width="24em")
>>> image.tooltip.startswith("Where the psoas runs"), image.format
(True, 'png')

A progress chart (drawn in a theme, see :mod:`psoas_lib.ui.charts`) is better shown by
:func:`chart_view`: inline SVG whose colours follow the page's theme, light or dark.

>>> from psoas_lib.ui.charts import assessment_chart
>>> view = chart_view(assessment_chart(example_assessments()))
>>> 'role="img"' in view.value, "psoas-chart-view" in view._dom_classes
(True, True)
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import traitlets

from psoas_lib.ui.theme import FULL_WIDTH

__all__ = ["TitledImage", "chart_image", "chart_view"]


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
        layout=widgets.Layout(max_width=f"min({max_width}, {FULL_WIDTH})"),  # fits a phone
        tooltip=chart_alt(fig),
    )


def chart_view(fig: Any) -> widgets.Widget:
    """A themed chart as inline SVG in the page's theme (named by its text alternative); any
    other figure as :func:`chart_image`'s PNG on its own white card."""
    from psoas_lib.ui.charts import CHART_CSS, chart_svg

    if getattr(fig, "psoas_theme", None) is None:
        return chart_image(fig)
    view = widgets.HTML(CHART_CSS + chart_svg(fig), layout=widgets.Layout(max_width="100%"))
    view.add_class("psoas-chart-view")
    return view
