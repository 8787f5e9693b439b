"""The views' small shared helpers: a widget with its CSS classes, shown or hidden, a
legible button, a large label, an HTML holder and a one-line error.

Each view builds its widgets with these (one definition each, not one a view), so a class
name the browser tests select on is given in one call and a button's colours always have
4.5:1 contrast with their text (:func:`psoas_lib.ui.theme.legible`).

>>> save = button("Save", "psoas-save", "success")
>>> save._dom_classes, save.style.button_color
(('psoas-save',), '#2e7d32')
>>> show(save, False)
>>> save.layout.display
'none'
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets

from psoas_lib.ui.theme import legible

__all__ = ["NOT_SET", "button", "classed", "error_paragraph", "html", "label", "rating", "show"]

#: A 0-10 rating's value before it is moved ("not set").
NOT_SET = -1


def classed(widget: Any, *css: str) -> Any:
    """``widget`` with the CSS classes ``css`` added; returns it.

    >>> classed(widgets.Label("a"), "psoas-one", "psoas-two")._dom_classes
    ('psoas-one', 'psoas-two')
    """
    for name in css:
        widget.add_class(name)
    return widget


def show(widget: Any, visible: bool) -> None:
    """Show ``widget`` (``display: flex``) or hide it (``display: none``).

    >>> box = widgets.VBox()
    >>> show(box, True)
    >>> box.layout.display
    'flex'
    """
    widget.layout.display = "flex" if visible else "none"


def button(
    text: str,
    css: str,
    style: str = "",
    *,
    width: str | None = None,
    height: str | None = None,
    icon: str = "",
    tooltip: str | None = None,
    font: dict[str, str] | None = None,
) -> Any:
    """A button with the class ``css``, legible in its ``style`` (success, info, ...).

    ``width`` and ``height`` set its layout (None: ipywidgets' own), ``font`` its text style
    (e.g. ``{"font_size": "18px"}``).

    >>> b = button("Add", "psoas-builder-add", "info", width="9em", font={"font_weight": "bold"})
    >>> b.description, b.layout.width, b.style.font_weight, b.style.text_color
    ('Add', '9em', 'bold', '#fff')
    >>> button("Cancel", "psoas-cancel").style.button_color is None
    True
    """
    made = widgets.Button(
        description=text,
        button_style=style,
        icon=icon,
        tooltip=tooltip,
        layout=widgets.Layout(width=width, height=height),
        style=font or {},
    )
    return classed(legible(made), css)


def label(css: str, size: str, weight: str = "normal", text: str = "") -> Any:
    """A label with the class ``css``, in the font ``size`` and ``weight``.

    >>> big = label("psoas-countdown", "120px", "bold")
    >>> big.value, big.style.font_size, big._dom_classes
    ('', '120px', ('psoas-countdown',))
    """
    return classed(widgets.Label(text, style={"font_size": size, "font_weight": weight}), css)


def html(css: str, value: str = "", **kwargs: Any) -> Any:
    """An HTML widget with the class ``css`` holding ``value`` (``kwargs`` to ``widgets.HTML``).

    >>> html("psoas-plan", "<p>x</p>")._dom_classes
    ('psoas-plan',)
    """
    return classed(widgets.HTML(value, **kwargs), css)


def rating(description: str, css: str, *, width: str = "36em", label_width: str = "14em") -> Any:
    """A 0-10 slider of the class ``css`` reading "not set" (:data:`NOT_SET`) until moved.

    >>> pain = rating("How much (0–10)", "psoas-pain-level")
    >>> pain.value, pain.options[0], pain.options[1], pain.options[-1]
    (-1, ('not set', -1), ('0', 0), ('10', 10))
    """
    slider = widgets.SelectionSlider(
        options=[("not set", NOT_SET)] + [(str(n), n) for n in range(11)],
        value=NOT_SET,
        description=description,
        style={"description_width": label_width},
        layout=widgets.Layout(width=width),
    )
    return classed(slider, css)


def error_paragraph(message: str) -> str:
    """A problem as one bold paragraph of the class ``psoas-error``, escaped.

    >>> error_paragraph("Times must be HH:MM, not 7 < 8")
    '<p class="psoas-error"><b>Times must be HH:MM, not 7 &lt; 8</b></p>'
    """
    return f'<p class="psoas-error"><b>{escape(message)}</b></p>'
