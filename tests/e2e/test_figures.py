"""The exercise figure in the start-here catalog: it plays, pauses, and stands still for
people who ask for reduced motion. Saves screenshots of the figure under test-artifacts/."""

from __future__ import annotations

from playwright.sync_api import expect

from psoas_lib.content.catalog import load_catalog
from tests.e2e.conftest import ARTIFACTS

NOTEBOOK = "notebooks/00_start_here.ipynb"
POINTS_TEXT = (
    "el => Array.from(el.querySelector('.psoas-fig-anim .psoas-fig-leg').animatedPoints)"
    ".map(p => p.x.toFixed(1) + ',' + p.y.toFixed(1)).join(' ')"
)


def assert_moves(page, figure) -> None:
    """The SVG's clock runs and its working leg takes new poses (Chromium can take a moment
    after the figure is inserted before the first frames move: watched for up to 5 s)."""
    first = figure.evaluate(POINTS_TEXT)
    poses = set()
    for _ in range(10):
        page.wait_for_timeout(500)
        poses.add(figure.evaluate(POINTS_TEXT))
    assert figure.evaluate("el => el.getCurrentTime()") > 4.0
    assert poses - {first}, "the figure did not move"


def test_the_catalog_figure_plays_pauses_and_respects_reduced_motion(open_notebook, page):
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    figure = nb.widget("psoas-catalog-figure").locator("svg").first
    expect(figure).to_be_visible()
    figure.scroll_into_view_if_needed()

    # Playing: the clock of the SVG runs and the working leg moves.
    assert_moves(page, figure)
    ARTIFACTS.mkdir(exist_ok=True)
    nb.widget("psoas-catalog-figure").screenshot(path=str(ARTIFACTS / "figure-catalog.png"))
    page.screenshot(path=str(ARTIFACTS / "figure-catalog-page.png"))

    # The visible Pause button stops it; the label says Play.
    button = figure.locator(".psoas-fig-pause")
    expect(button).to_be_visible()
    button.click()
    assert figure.evaluate("el => el.animationsPaused()")
    expect(button).to_contain_text("Play")
    paused_pose = figure.evaluate(POINTS_TEXT)
    page.wait_for_timeout(600)
    assert figure.evaluate(POINTS_TEXT) == paused_pose

    # Another exercise: a new figure, named in its title.
    catalog = load_catalog()
    picker = nb.widget("psoas-catalog-picker").locator("select")
    label = next(
        t
        for t in picker.locator("option").all_inner_texts()
        if t.replace("\xa0", " ").endswith("Leg circles")
    )
    picker.select_option(label=label)
    title = nb.widget("psoas-catalog-figure").locator("svg title").first
    expect(title).to_have_text("Leg circles, working side left")
    assert catalog.exercises["leg-circles"].name == "Leg circles"

    # Reduced motion: the animation is hidden, the still start and end poses shown.
    page.emulate_media(reduced_motion="reduce")
    figure = nb.widget("psoas-catalog-figure").locator("svg").first
    display = "(el, css) => getComputedStyle(el.querySelector(css)).display"
    assert figure.evaluate(display, ".psoas-fig-anim") == "none"
    assert figure.evaluate(display, ".psoas-fig-pause") == "none"
    assert figure.evaluate(display, ".psoas-fig-still") == "inline"
    nb.widget("psoas-catalog-figure").screenshot(
        path=str(ARTIFACTS / "figure-catalog-reduced-motion.png")
    )


def test_the_catalog_figure_plays_in_voila(page, voila):
    page.goto(voila.url("00_start_here.ipynb"))
    figure = page.locator(".psoas-catalog-figure svg").first
    expect(figure).to_be_visible(timeout=60_000)
    figure.scroll_into_view_if_needed()
    assert_moves(page, figure)
    figure.locator(".psoas-fig-pause").click()
    assert figure.evaluate("el => el.animationsPaused()")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "figure-catalog-voila.png"))
