"""The focus view at four screen sizes, and the ordinary player on a phone (Voila app).

Everything is measured from the DOM: the countdown's height against the viewport's, every
visible control's box (at least 44 x 44 px, inside the right edge), and every label and
button holding its whole text (its content no wider than its box: nothing cut to "Pa…").
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import VoilaServer, lab_notebook_root, option_labels

VIEWPORTS = [(390, 844), (844, 390), (820, 1180), (1280, 800)]
NO_FULLSCREEN = "Element.prototype.requestFullscreen = undefined;"

# Boxes of what a person sees in the player: visible controls and texts.
MEASURE_JS = """() => {
  const root = document.querySelector('.psoas-player');
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const box = (el) => {
    const r = el.getBoundingClientRect();
    const text = el.innerText || el.getAttribute('aria-label') || el.className;
    return {text: text.trim().slice(0, 40),
            left: r.left, right: r.right, width: r.width, height: r.height,
            cut: el.scrollWidth > el.clientWidth + 1};
  };
  // a checkbox inside its label is pressed through the label: the label is its target
  const target = (el) => (el.type === 'checkbox' && el.closest('label')) || el;
  const controls = [...root.querySelectorAll('button, select, input, textarea, [role=slider]')]
      .filter(visible).map(target).map(box);
  const texts = [...root.querySelectorAll('.widget-label, button')].filter(visible).map(box);
  return {controls, texts, pageWidth: document.documentElement.scrollWidth,
          width: innerWidth, height: innerHeight};
}"""

# Where the countdown's digits sit within its column.
CENTRED_JS = """() => {
  const label = document.querySelector('.psoas-countdown');
  const range = document.createRange();
  range.selectNodeContents(label);
  const text = range.getBoundingClientRect();
  const column = document.querySelector('.psoas-stage-text').getBoundingClientRect();
  return {text: text.left + text.width / 2, column: column.left + column.width / 2,
          height: label.getBoundingClientRect().height};
}"""


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """A Voila of this module's own: the sessions these tests leave unfinished must not
    show up as "Not finished" offers on the other tests' pages."""
    work = tmp_path_factory.mktemp("voila-focus")
    home = work / "psoas-home"
    home.mkdir()
    server = VoilaServer(work, home, lab_notebook_root(work) / "notebooks")
    try:
        server.start()
        yield server
    finally:
        server.stop()


def open_player(browser, voila, width, height, init_script=None, routine="Desk reset"):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(30_000)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.goto(voila.url("02_run_a_routine.ipynb"))
    expect(page.locator(".psoas-routine-picker select")).to_be_visible(timeout=60_000)
    select = page.locator(".psoas-routine-picker select")
    labels = option_labels(select)
    select.select_option(index=next(i for i, t in enumerate(labels) if t.startswith(routine)))
    return context, page


def assert_fits(measured, what):
    width = measured["width"]
    assert measured["pageWidth"] <= width, f"{what}: the page is {measured['pageWidth']} px wide"
    for c in measured["controls"]:
        assert c["width"] >= 44 and c["height"] >= 44, f"{what}: control too small {c}"
        assert c["left"] >= 0 and c["right"] <= width + 0.5, f"{what}: past the edge {c}"
    for t in measured["texts"]:
        assert not t["cut"], f"{what}: text cut {t}"
        assert t["right"] <= width + 0.5, f"{what}: text past the right edge {t}"


@pytest.mark.parametrize(
    ("size", "init_script"),
    [(size, None) for size in VIEWPORTS] + [((390, 844), NO_FULLSCREEN)],
    ids=[f"{w}x{h}" for w, h in VIEWPORTS] + ["390x844-no-fullscreen-api"],
)
def test_focus_view_fits_and_shows_what_matters(browser, voila, size, init_script):
    width, height = size
    # post-workout release: knee-to-chest, then the kneeling stretch (left side first);
    # its static holds ask for the warm-up, so confirm it first
    context, page = open_player(browser, voila, width, height, init_script, "Post-workout release")
    try:
        confirm = page.locator(".psoas-warmed-up")
        confirm.click()
        expect(confirm).to_be_hidden()
        page.locator(".psoas-start").click()
        expect(page.locator(".psoas-pause")).to_be_enabled()
        toggle = page.locator(".psoas-focus-button")
        toggle.click()
        expect(toggle).to_have_text("Leave focus view")
        mode = page.locator(".psoas-focus-toggle").get_attribute("data-focus")
        assert mode == ("page" if init_script else "fullscreen")
        page.locator(".psoas-pause").click()  # paused: nothing moves while we measure
        expect(page.locator(".psoas-pause")).to_have_text(re.compile(r"^Resume\b"))
        # paused, skip get ready -> knee-to-chest (repetitions) -> rest -> the first hold
        for phase in ("Repetitions", re.compile(r"^Rest"), "Hold"):
            page.locator(".psoas-skip").click()
            expect(page.locator(".psoas-phase")).to_have_text(phase)
        expect(page.locator(".psoas-pause")).to_have_text(re.compile(r"^Resume\b"))

        for hidden in (".psoas-routine-picker", ".psoas-plan", ".psoas-routine-time"):
            expect(page.locator(hidden).first).to_be_hidden()
        expect(page.locator(".psoas-exercise")).to_have_text("Kneeling hip-flexor (psoas) stretch")
        # in the hold itself (not its "Next: left knee down, ..." before it): the left side
        expect(page.locator(".psoas-legs")).to_have_text("Left knee down, right foot forward")
        expect(page.locator(".psoas-next")).to_contain_text("Next:")
        expect(page.locator(".psoas-player-figure svg").first).to_be_visible()
        for css in ("psoas-pause", "psoas-skip", "psoas-back", "psoas-stop", "psoas-pain-stop"):
            expect(page.locator(f".{css}")).to_be_visible()

        centred = page.evaluate(CENTRED_JS)
        assert centred["height"] >= height / 4, centred
        assert abs(centred["text"] - centred["column"]) <= 4, centred
        assert_fits(page.evaluate(MEASURE_JS), f"focus view at {width}x{height}")

        toggle.click()
        expect(toggle).to_have_text("Focus view")
        expect(page.locator(".psoas-routine-picker")).to_be_visible()
        assert page.evaluate("document.activeElement.closest('.psoas-player') !== null")
    finally:
        context.close()


def test_the_ordinary_player_fits_a_phone(browser, voila):
    context, page = open_player(browser, voila, 390, 844)
    try:
        assert_fits(page.evaluate(MEASURE_JS), "the player at 390x844")
        page.locator(".psoas-start").click()
        expect(page.locator(".psoas-pause")).to_be_enabled()
        assert_fits(page.evaluate(MEASURE_JS), "the running player at 390x844")
    finally:
        context.close()


def test_esc_leaves_the_focus_view_and_the_warm_up_choices_show_in_it(browser, voila):
    # post-workout release: static holds, no warm-up logged, so Start asks for one
    context, page = open_player(browser, voila, 1280, 800, routine="Post-workout release")
    try:
        toggle = page.locator(".psoas-focus-button")
        toggle.click()
        expect(toggle).to_have_text("Leave focus view")
        page.locator(".psoas-start").click()
        expect(page.locator(".psoas-status")).to_contain_text("Warm up first")
        # the question's two answers are there, in the focus view, and work
        expect(page.locator(".psoas-warm-up")).to_be_visible()
        confirm = page.locator(".psoas-warmed-up")
        expect(confirm).to_be_visible()
        assert page.evaluate("document.querySelector('.psoas-focus-on') !== null")
        confirm.click()
        expect(confirm).to_be_hidden()
        page.locator(".psoas-start").click()
        pause = page.locator(".psoas-pause")
        expect(pause).to_be_enabled()

        page.keyboard.press("Escape")  # out of the focus view, and nothing else
        expect(toggle).to_have_text("Focus view")
        assert page.evaluate("document.querySelector('.psoas-focus-on') === null")
        expect(page.locator(".psoas-routine-picker")).to_be_visible()
        expect(pause).to_be_enabled()  # still running: not stopped
        expect(page.locator(".psoas-log")).to_be_hidden()
        countdown = page.locator(".psoas-countdown")
        shown = countdown.inner_text()
        expect(countdown).not_to_have_text(shown, timeout=5_000)  # it counts on

        page.locator(".psoas-player").focus()
        page.keyboard.press("Escape")  # outside the focus view Esc does nothing either
        expect(pause).to_be_enabled()
        expect(page.locator(".psoas-log")).to_be_hidden()
        page.keyboard.press("s")  # Stop keeps its own key
        expect(page.locator(".psoas-log")).to_be_visible()
    finally:
        context.close()
