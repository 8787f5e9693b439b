"""Colours that follow the JupyterLab (or Voila) theme, light or dark.

Widget colours are set inline by ipywidgets, so they are given as CSS variables with a
light-theme fallback; :data:`THEME_CSS` gives the dark theme its own values (JupyterLab and
Voila mark a dark theme with ``data-jp-theme-light="false"`` on the body). Each colour has
a contrast of at least 4.5:1 against its theme's background (white / #111 - #212121).

>>> countdown_colour("idle")
'var(--psoas-countdown-idle, #616161)'
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BUTTON_COLOURS",
    "CAMERA_COLOURS",
    "COUNTDOWN_COLOURS",
    "FULL_WIDTH",
    "PHONE_CSS",
    "THEME_CSS",
    "countdown_colour",
    "legible",
    "phone_style",
]

#: The countdown's colour by state: (light theme, dark theme).
#: Contrast on white: #1b5e20 7.9, #c62828 5.6, #616161 6.2; on #212121: #81c784 7.6,
#: #ef9a9a 7.5, #bdbdbd 8.0 (WCAG relative luminance).
COUNTDOWN_COLOURS = {
    "normal": ("#1b5e20", "#81c784"),
    "final": ("#c62828", "#ef9a9a"),
    "idle": ("#616161", "#bdbdbd"),
}
#: Button backgrounds with white text at 4.5:1 or more (ipywidgets' "info" is 3.5:1, its
#: "success" 2.8:1, "danger" 3.7:1): teal #00695c 6.4:1, green #2e7d32 5.1:1, red #c62828
#: 5.6:1.
BUTTON_COLOURS = {
    "info": "#00695c",  # 6.6:1 with white text
    "success": "#2e7d32",  # 5.1:1
    "danger": "#c62828",  # 5.6:1
    "warning": "#b45309",  # 5.0:1
}


def legible(button: Any) -> Any:
    """Give an ipywidgets button of a coloured style (success, info, ...) a background with
    4.5:1 or more against its white text (ipywidgets' own are under 4.5:1); returns it.

    >>> import ipywidgets as widgets
    >>> legible(widgets.Button(button_style="success")).style.button_color
    '#2e7d32'
    """
    colour = BUTTON_COLOURS.get(button.button_style)
    if colour is not None:
        button.style.button_color, button.style.text_color = colour, "#fff"
    return button


def countdown_colour(state: str) -> str:
    """The countdown's CSS colour for ``state`` (normal, final, idle), theme-aware."""
    light, _ = COUNTDOWN_COLOURS[state]
    return f"var(--psoas-countdown-{state}, {light})"


#: The focus ring (3 px) on the dark theme: #90caf9, 9.9:1 on #212121 (#1565c0 on white: 5.8).
_DARK = "; ".join(
    [f"--psoas-countdown-{k}: {dark}" for k, (_, dark) in COUNTDOWN_COLOURS.items()]
    + ["--psoas-focus-ring: #90caf9"]
)

#: The camera's status light (psoas_lib/ui/camera.js), live and idle: #b00020 7.3:1 and #555
#: 7.5:1 on white; on #111 (JupyterLab's dark ground) #ff8a80 8.3:1 and #bdbdbd 10.1:1.
CAMERA_COLOURS = {"live": ("#b00020", "#ff8a80"), "idle": ("#555555", "#bdbdbd")}
_DARK += "; " + "; ".join(f"--psoas-camera-{k}: {dark}" for k, (_, dark) in CAMERA_COLOURS.items())

#: The dark theme's values (one <style>).
THEME_CSS = f"""<style>
body[data-jp-theme-light="false"] :is(.psoas-player, .psoas-camera) {{ {_DARK}; }}
@media (prefers-color-scheme: dark) {{
  body:not([data-jp-theme-light]) :is(.psoas-player, .psoas-camera) {{ {_DARK}; }}
}}
</style>"""


#: A table wider than the screen scrolls sideways in its own box (focusable, from the keyboard
#: too: ui/html.table gives it tabindex="0"), its words whole. Width 0 and min-width 100%: it
#: takes the width it is given and never widens its output (a flex item in JupyterLab).
#: Under the workbook's views (any ancestor with a ``psoas-`` class), phone-first: every
#: control at least 44 x 44 px (WCAG 2.5.5), labels and questions wrap instead of being cut
#: ("Full d..."), rows wrap instead of running past the right edge, checkboxes 24 px in a
#: 44 px label. ipywidgets' own sizes (28 px rows, 13 px checkboxes, one-line labels with an
#: ellipsis) are overridden only there.
_UNDER = '[class*="psoas-"]'
#: The widest a widget may be inside its box: 100% less ipywidgets' margins (2 px a side).
FULL_WIDTH = "calc(100% - 2 * var(--jp-widgets-margin, 2px))"
_FULL = FULL_WIDTH
PHONE_CSS = f"""<style>
{_UNDER} .jupyter-button {{ min-height: 44px; height: auto; min-width: 44px;
  white-space: normal; overflow-wrap: anywhere; flex-shrink: 0; max-width: {_FULL}; }}
.psoas-player .widget-box > button.jupyter-button {{ max-width: {_FULL}; }}
{_UNDER} .widget-hbox, {_UNDER} .widget-inline-hbox {{ flex-wrap: wrap; height: auto;
  max-width: {_FULL}; }}
{_UNDER} .widget-vbox {{ max-width: {_FULL}; }}
{_UNDER} .widget-inline-hbox, {_UNDER} .widget-text, {_UNDER} .widget-dropdown,
{_UNDER} .widget-checkbox, {_UNDER} .widget-textarea {{ height: auto; min-height: 44px;
  width: auto; max-width: {_FULL}; }}
{_UNDER} .widget-label, {_UNDER} .widget-label-basic {{ white-space: normal;
  overflow: visible; text-overflow: clip; height: auto; line-height: 1.4;
  min-height: 44px; display: flex; align-items: center; max-width: {_FULL}; }}
{_UNDER} .widget-inline-hbox > .widget-label {{ width: auto !important;
  min-width: var(--jp-widgets-inline-label-width, 80px); }}
{_UNDER} .widget-checkbox .widget-label-basic {{ gap: 0.5em; cursor: pointer; }}
{_UNDER} .widget-checkbox input[type="checkbox"] {{ width: 24px; height: 24px;
  min-width: 24px; margin: 0; }}
{_UNDER} input:not([type="checkbox"]):not([type="radio"]):not([type="range"]),
{_UNDER} select, {_UNDER} textarea {{ min-height: 44px; max-width: {_FULL};
  box-sizing: border-box; }}
{_UNDER} .widget-inline-hbox input:not([type="checkbox"]):not([type="range"]),
{_UNDER} .widget-dropdown select {{ height: 44px; min-width: 44px; flex: 1 1 6em; }}
{_UNDER} .widget-toggle-buttons {{ flex-wrap: wrap; height: auto; }}
{_UNDER} .widget-html-content {{ overflow-wrap: break-word; max-width: {_FULL};
  line-height: 1.5; }}
{_UNDER} .widget-html-content svg[viewBox] {{ max-width: 100%; height: auto; }}
.psoas-checklist-item {{ flex: 1 1 12em; min-width: 0; }}
table.psoas-table {{ display: block; width: 0; min-width: 100%; max-width: 100%;
  overflow-x: auto; }}
@media (max-width: 600px) {{
  table.psoas-table > * > tr > :is(th, td) {{ padding: 3px 8px 3px 0; }}
}}
</style>"""


def phone_style() -> Any:
    """A widget holding :data:`PHONE_CSS` (several on a page do no harm).

    >>> "min-height: 44px" in phone_style().value
    True
    """
    import ipywidgets as widgets

    style = widgets.HTML(PHONE_CSS, layout=widgets.Layout(display="none"))
    style.add_class("psoas-phone-style")
    return style
