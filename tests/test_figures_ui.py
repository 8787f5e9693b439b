"""The figure widgets: the player's view in step with the timer, the catalog, the report."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from psoas_lib.ui import report
from psoas_lib.ui.catalog_browser import CatalogBrowser
from psoas_lib.ui.figure import FigureView
from tests.examples import example_sessions


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _redraws(view: FigureView) -> list[str]:
    seen: list[str] = []
    view.html.observe(lambda change: seen.append(change["new"]), names="value")
    return seen


def test_a_playing_figure_is_drawn_once_while_it_keeps_step_with_the_timer():
    clock = Clock()
    view = FigureView(clock=clock)
    seen = _redraws(view)
    view.show("psoas-march", "left", "set", 0.0, rep_s=4)
    for second in (1, 2, 3, 5):  # 4 s a repetition: the timer's progress matches the SVG's
        clock.now = 100.0 + second
        view.show("psoas-march", "left", "set", (second % 4) / 4, rep_s=4)
    assert len(seen) == 1 and 'dur="4s"' in seen[0]
    clock.now = 106.0  # the timer says 0.5, the animation is at 0.5: still in step
    view.show("psoas-march", "left", "set", 0.9, rep_s=4)  # but the timer jumped ahead
    assert len(seen) == 2 and 'begin="-3.6s"' in seen[1]


def test_pausing_stands_the_figure_still_and_a_pause_shows_the_next_start_pose():
    view = FigureView()
    view.show("warrior-one", "right", "hold", 0.5, paused=True)
    assert "<animate" not in view.html.value and "Paused" in view.caption.value
    assert "Warrior I, working side right: holding the pose" in view.html.value
    view.show("low-lunge", None, "rest", 0.3)
    root = ET.fromstring(view.html.value)
    title = root.find("{http://www.w3.org/2000/svg}title").text
    assert (
        title == "Low lunge (Anjaneyasana), working side left: "
        "kneeling on a cushion, front foot stepped forwards"
    )
    assert "Next: Low lunge" in view.caption.value


def test_an_unknown_exercise_is_a_key_error():
    with pytest.raises(KeyError):
        FigureView().show("no-such-move", "left", "hold", 0.0)


def test_the_catalog_browser_shows_the_chosen_exercises_figure_and_key_poses():
    browser = CatalogBrowser()
    browser.picker.value = "roll-up"
    assert "Roll-up, working side left" in browser.figure.animation.value
    assert browser.figure.strip.value.count("psoas-fig-panel") == 8  # its eight key poses
    assert browser.figure in browser.children[1].children


def test_the_report_shows_the_key_poses_of_the_exercises_done():
    page = report.report_html(example_sessions(), now="2026-03-05 09:00")
    assert "How the exercises are done" in page
    # the example journal did three exercises, so three strips (the charts are SVG too)
    assert page.count('class="psoas-figure"') == 3
    assert "Psoas march, working side left: key poses" in page
