"""The views' shared helpers (psoas_lib/ui/kit.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import ipywidgets as widgets
import pytest

import psoas_lib.ui
from psoas_lib.ui.kit import NOT_SET, button, classed, error_paragraph, html, label, rating, show


@pytest.mark.parametrize(
    ("css", "classes"),
    [((), ()), (("psoas-a",), ("psoas-a",)), (("psoas-a", "psoas-b"), ("psoas-a", "psoas-b"))],
)
def test_classed_adds_the_classes_and_returns_the_widget(css, classes):
    widget = widgets.HTML()
    assert classed(widget, *css) is widget
    assert widget._dom_classes == classes


@pytest.mark.parametrize(("visible", "display"), [(True, "flex"), (False, "none")])
def test_show(visible, display):
    box = widgets.VBox(layout=widgets.Layout(display="block"))
    show(box, visible)
    assert box.layout.display == display


# style -> background and text colour: the theme's 4.5:1 colours (#2e7d32 green 5.1:1, #c62828
# red 5.6:1, #00695c teal, #b45309 amber), none for the plain and "primary" styles
@pytest.mark.parametrize(
    ("style", "background", "text"),
    [
        ("success", "#2e7d32", "#fff"),
        ("danger", "#c62828", "#fff"),
        ("info", "#00695c", "#fff"),
        ("warning", "#b45309", "#fff"),
        ("", None, None),
    ],
)
def test_a_button_is_legible_in_its_style(style, background, text):
    made = button("Go", "psoas-go", style)
    assert (made.style.button_color, made.style.text_color) == (background, text)
    assert (made.description, made.button_style, made._dom_classes) == ("Go", style, ("psoas-go",))


def test_a_button_takes_its_size_icon_tooltip_and_font():
    made = button(
        "Save",
        "psoas-save",
        width="12em",
        height="3em",
        icon="save",
        tooltip="Save it",
        font={"font_size": "18px"},
    )
    assert (made.layout.width, made.layout.height) == ("12em", "3em")
    assert (made.icon, made.tooltip, made.style.font_size) == ("save", "Save it", "18px")


def test_a_button_press_reaches_its_handler():
    pressed = []
    made = button("Go", "psoas-go")
    made.on_click(lambda _: pressed.append(1))
    made.click()
    assert pressed == [1]


def test_label_and_html():
    big = label("psoas-count", "120px", "bold", "10")
    assert (big.value, big.style.font_size, big.style.font_weight) == ("10", "120px", "bold")
    assert big._dom_classes == ("psoas-count",)
    shown = html("psoas-plan", "<p>x</p>", style={"font_size": "20px"})
    assert (shown.value, shown.style.font_size, shown._dom_classes) == (
        "<p>x</p>",
        "20px",
        ("psoas-plan",),
    )


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Bad time", '<p class="psoas-error"><b>Bad time</b></p>'),
        ("a <b> & c", '<p class="psoas-error"><b>a &lt;b&gt; &amp; c</b></p>'),
    ],
)
def test_error_paragraph_is_escaped(message, expected):
    assert error_paragraph(message) == expected


UI = Path(psoas_lib.ui.__file__).parent


def test_each_helper_is_defined_once_in_the_views():
    """No view defines its own copy of a kit helper (they were written four times)."""
    private = {"_classed", "_show", "_error"}
    defined = {
        path.name: node.name
        for path in sorted(UI.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.col_offset == 0 and node.name in private
    }
    assert defined == {}


@pytest.mark.parametrize(("width", "label_width"), [("36em", "14em"), ("32em", "10em")])
def test_a_rating_reads_not_set_then_0_to_10(width, label_width):
    slider = rating("How much (0–10)", "psoas-pain-level", width=width, label_width=label_width)
    assert slider.value == NOT_SET == -1
    assert [value for _, value in slider.options] == [-1, *range(11)]
    assert slider.options[0][0] == "not set"
    assert (slider.layout.width, slider.style.description_width) == (width, label_width)
    slider.value = 7
    assert slider.value == 7
