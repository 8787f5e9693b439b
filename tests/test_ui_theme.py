"""The theme's colours: 4.5:1 or more against their theme's ground, light and dark."""

from __future__ import annotations

import pytest

from psoas_lib.ui.charts import contrast
from psoas_lib.ui.theme import CAMERA_COLOURS, COUNTDOWN_COLOURS, PHONE_CSS, THEME_CSS

#: The grounds: white (light); JupyterLab's darkest and Voila's dark card (dark).
LIGHT_GROUND, DARK_GROUNDS = "#ffffff", ("#111111", "#212121")


@pytest.mark.parametrize(
    ("name", "light", "dark"),
    [(f"countdown {k}", *v) for k, v in COUNTDOWN_COLOURS.items()]
    + [(f"camera {k}", *v) for k, v in CAMERA_COLOURS.items()],
)
def test_each_colour_reads_on_its_theme(name, light, dark):
    assert contrast(light, LIGHT_GROUND) >= 4.5, name
    for ground in DARK_GROUNDS:
        assert contrast(dark, ground) >= 4.5, (name, ground)


@pytest.mark.parametrize("state", ["live", "idle"])
def test_the_dark_theme_gives_the_camera_light_its_colour(state):
    assert f"--psoas-camera-{state}: {CAMERA_COLOURS[state][1]}" in THEME_CSS
    assert ".psoas-camera" in THEME_CSS


def test_a_wide_table_scrolls_in_its_own_box():
    rule = PHONE_CSS.split("table.psoas-table {", 1)[1].split("}", 1)[0]
    for part in ("display: block", "width: 0", "min-width: 100%", "overflow-x: auto"):
        assert part in rule
