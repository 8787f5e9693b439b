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

__all__ = ["BUTTON_COLOURS", "COUNTDOWN_COLOURS", "THEME_CSS", "countdown_colour", "legible"]

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

#: The dark theme's values (one <style>).
THEME_CSS = f"""<style>
body[data-jp-theme-light="false"] .psoas-player {{ {_DARK}; }}
@media (prefers-color-scheme: dark) {{
  body:not([data-jp-theme-light]) .psoas-player {{ {_DARK}; }}
}}
</style>"""
