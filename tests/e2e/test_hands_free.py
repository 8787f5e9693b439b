"""Hands-free in a real browser: keys drive the player, and every cue is handed to speech.

Headless Chromium may have no voices, so the test reads the phrases the widget handed to
the browser's speech synthesis (its ``data-spoken`` record), not the sound.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from psoas_lib.coaching.cues import cue_script

from .test_run_routine import confirm_warmed_up, shortest_at_levels

NOTEBOOK = "notebooks/02_run_a_routine.ipynb"


def _spoken(page: Any, scope: str) -> list[str]:
    raw = page.locator(f"{scope} .psoas-handsfree").first.get_attribute("data-spoken")
    return json.loads(raw or "[]")


def _wait_spoken(page: Any, scope: str, text: str, timeout_ms: int = 5_000) -> None:
    helper = page.locator(f"{scope} .psoas-handsfree").first.element_handle()
    try:
        page.wait_for_function(
            "([el, text]) => JSON.parse(el.getAttribute('data-spoken') || '[]').includes(text)",
            arg=[helper, text],
            polling=50,
            timeout=timeout_ms,
        )
    except PlaywrightTimeout:
        raise AssertionError(f"{text!r} was not handed to speech: {_spoken(page, scope)}") from None


def _hands_free_flow(
    page: Any, scope: str, settled_text: Any, home: Path, *, start_with_mouse: bool = False
) -> None:
    """Run the shortest routine from the keyboard, after one click into the player.

    ``start_with_mouse``: press Start with the mouse instead (the button is then disabled
    and drops the focus: the keys must still reach the player).
    """
    shortest = shortest_at_levels(home)  # the player runs your levels
    script = [cue.text for cue in cue_script(shortest)]

    def w(css: str) -> Any:
        return page.locator(f"{scope} .{css}").first

    picker = w("psoas-routine-picker").locator("select")
    expect(picker).to_be_visible(timeout=60_000)
    label = confirm_warmed_up(page, scope)  # its static holds ask for a warm-up
    assert label.startswith(shortest.name + " ·")
    expect(w("psoas-total")).to_contain_text("Total")
    expect(w("psoas-handsfree-keys")).to_contain_text("Space")
    expect(w("psoas-pause")).to_contain_text("Space")  # the buttons show their keys

    countdown, pause = w("psoas-countdown"), w("psoas-pause")
    if start_with_mouse:
        w("psoas-start").click()
    else:
        w("psoas-total").click()  # focus the player, not a button
        page.keyboard.press("Space")  # Space starts
    expect(pause).to_be_enabled()
    first = countdown.inner_text()
    expect(countdown).not_to_have_text(first, timeout=5_000)
    _wait_spoken(page, scope, script[0])

    helper = w("psoas-handsfree")  # the screen is kept awake...
    expect(helper).to_have_attribute("data-wake", re.compile("held|unavailable|unsupported"))
    held = helper.get_attribute("data-wake") == "held"
    page.keyboard.press("Space")  # Space pauses
    expect(pause).to_have_text(re.compile(r"^Resume\b"))
    if held:  # ...and let go on pause
        expect(helper).to_have_attribute("data-wake", "released")
    else:  # or the player says so, once
        expect(w("psoas-handsfree-status")).to_contain_text("screen")
    # paused: after a tick already on its way, the countdown stays still for 2 s
    frozen = settled_text(countdown, 2_000, what="the countdown, paused,")

    page.keyboard.press("Space")  # Space resumes
    expect(pause).to_have_text(re.compile(r"^Pause\b"))
    expect(countdown).not_to_have_text(frozen, timeout=5_000)

    page.keyboard.press("ArrowRight")  # → skips to the first exercise
    _wait_spoken(page, scope, script[1])
    expect(w("psoas-cue")).to_have_text(script[1])  # spoken and shown: the same text

    pause.click()  # a click on a button, then keys:
    expect(pause).to_have_text(re.compile(r"^Resume\b"))
    page.keyboard.press("Space")  # one press, one toggle (not two)
    expect(pause).to_have_text(re.compile(r"^Pause\b"))
    assert re.match(r"Pause\b", settled_text(pause, 300, what="the Pause button")), "two toggles"

    page.keyboard.press("s")  # S stops: the log form shows
    expect(w("psoas-log")).to_be_visible(timeout=5_000)
    slider = w("psoas-tightness-before")  # the arrows belong to the sliders now
    slider.locator(".noUi-handle").first.focus()
    page.keyboard.press("ArrowRight")
    expect(slider.locator(".widget-readout")).to_have_text("0")
    spoken = _spoken(page, scope)
    assert spoken[:2] == script[:2], spoken


def test_hands_free_in_jupyterlab(open_notebook, lab, settled_text):
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    _hands_free_flow(nb.page, ".jp-NotebookPanel:visible", settled_text, lab.home)


def test_hands_free_in_voila(page, voila, settled_text):
    page.goto(voila.url("02_run_a_routine.ipynb"))
    _hands_free_flow(page, "body", settled_text, voila.home, start_with_mouse=True)
