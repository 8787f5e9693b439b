"""The player from the keyboard alone (Voila app), and Start in view in JupyterLab.

No click: a routine of static holds refuses Start until the warm-up is confirmed: the
question takes the focus, Tab reaches "I have already warmed up for 5 minutes", Enter
confirms; Tab reaches Start, Enter starts, and the focus stays in the player (Start is
disabled once running), so Space pauses at once; the focused control shows a ring of at
least 2 px; → skips, S stops and the log form comes.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from psoas_lib.coaching.cues import cue_script
from psoas_lib.content.catalog import load_catalog
from psoas_lib.plan.progression import dosed_catalog, replay_progression

from .conftest import option_labels

FOCUSED_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {inPlayer: el.closest('.psoas-player') !== null,
          classes: el.className || '', tag: el.tagName,
          ring: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth)};
}"""
STEP_JS = "() => ['.psoas-phase', '.psoas-exercise', '.psoas-side', '.psoas-next']" + (
    ".map(s => document.querySelector(s).textContent).join('|')"
)


def tab_to(page, css, presses=80, key="Tab"):
    """Press Tab (or ``key``, e.g. Shift+Tab) until the element matching ``css`` has the
    focus; its focus state."""
    for _ in range(presses):
        page.keyboard.press(key)
        if page.evaluate(f"() => document.activeElement?.matches({css!r}) ?? false"):
            return page.evaluate(FOCUSED_JS)
    raise AssertionError(f"{key} never reached {css} in {presses} presses")


def test_the_player_from_the_keyboard_alone(page, voila):
    page.goto(voila.url("02_run_a_routine.ipynb"))
    select = page.locator(".psoas-routine-picker select")
    expect(select).to_be_visible(timeout=60_000)
    page.wait_for_load_state("networkidle")
    # choose the routine from the keyboard too: focus the list, pick with the arrow keys
    labels = option_labels(select)
    tab_to(page, ".psoas-routine-picker select")
    # post-workout release: static holds with no dynamic warm-up at its start, so it asks
    # for the warm-up, which a keyboard user must be able to confirm
    target = next(i for i, t in enumerate(labels) if t.startswith("Post-workout release"))
    shown = select.evaluate("el => el.options[el.selectedIndex].text").replace("\xa0", " ")
    current = labels.index(shown)
    for _ in range(abs(target - current)):
        page.keyboard.press("ArrowDown" if target > current else "ArrowUp")
    # at the lowest levels (empty journal), by hand: get ready 10 + knee-to-chest 10 x 5 (50)
    # + rest 20 + kneeling 6 holds x 20 + 5 switches x 5 (145) + rest 15 + low lunge
    # 20 + 5 + 20 (45) + rest 20 + lying 20 + 5 + 20 (45) = 350 s = 5:50
    expect(page.locator(".psoas-total")).to_have_text("Total 5:50")

    focused = tab_to(page, "button.psoas-start")
    assert focused["ring"] >= 2, f"the focus ring on Start is {focused['ring']} px"
    page.keyboard.press("Enter")
    expect(page.locator(".psoas-status")).to_contain_text("Warm up first")
    expect(page.locator(".psoas-pause")).to_be_disabled()
    confirm = page.locator("button.psoas-warmed-up")
    # the question takes the focus (its first choice, Warm up first): Tab to the confirmation
    page.wait_for_function("() => document.activeElement?.matches('button.psoas-warm-up')")
    focused = tab_to(page, "button.psoas-warmed-up")
    assert focused["ring"] >= 2, (
        f"the focus ring on the warm-up confirmation is {focused['ring']} px"
    )
    page.keyboard.press("Enter")
    expect(confirm).to_be_hidden()

    focused = tab_to(page, "button.psoas-start")
    page.keyboard.press("Enter")
    pause = page.locator(".psoas-pause")
    expect(pause).to_be_enabled()
    expect(page.locator(".psoas-start")).to_be_disabled()
    page.wait_for_function("() => document.activeElement?.closest('.psoas-player') !== null")
    # a screen reader hears the step's start from the polite announcer, not every second
    catalog = load_catalog(user=False)
    levelled = dosed_catalog(catalog, replay_progression(None, catalog))
    first = cue_script(levelled.routines["post-workout-release"])[0]
    announcer = page.locator(".psoas-announcer")
    expect(announcer).to_have_attribute("aria-live", "polite")
    expect(announcer).to_have_text(first.text)
    expect(page.locator(".psoas-timer")).to_have_attribute("role", "timer")

    page.keyboard.press(" ")
    expect(pause).to_have_text(re.compile(r"^Resume\b"))
    page.keyboard.press(" ")
    expect(pause).to_have_text(re.compile(r"^Pause\b"))
    before = page.evaluate(STEP_JS)
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => ({STEP_JS})() !== {before!r}")
    assert page.evaluate(FOCUSED_JS)["inPlayer"]

    page.keyboard.press("s")  # S stops (Esc only leaves the focus view)
    expect(page.locator(".psoas-log")).to_be_visible()
    expect(page.locator(".psoas-log-summary")).to_contain_text("Log it?")
    focused = tab_to(page, "button.psoas-save")
    assert focused["ring"] >= 2, f"the focus ring on Save is {focused['ring']} px"
    page.keyboard.press("Enter")
    expect(page.locator(".psoas-saved")).to_have_text("Saved")


def test_start_is_in_view_once_a_routine_is_chosen_in_jupyterlab(open_notebook):
    nb = open_notebook("notebooks/02_run_a_routine.ipynb")
    nb.run_all()
    page = nb.page
    select = nb.widget("psoas-routine-picker").locator("select")
    labels = option_labels(select)
    select.select_option(index=next(i for i, t in enumerate(labels) if t.startswith("Desk")))
    # the picker scrolled to the top of the notebook's view, as a person reads down to it
    select.evaluate("el => el.scrollIntoView({block: 'start'})")
    start = nb.widget("psoas-start").bounding_box()
    height = page.viewport_size["height"]
    assert start is not None and start["y"] + start["height"] <= height, (start, height)
