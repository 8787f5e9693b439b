"""Phone-first in JupyterLab: every notebook's outputs at 390 x 844, 844 x 390 and 820 x 1180,
in JupyterLab's light and dark themes, and the charts in the theme.

One JupyterLab for the file (its own, on a synthetic half-year journal: the progress charts and
tables are drawn with data, and the session's other tests are not affected); each notebook is
opened and run once; then per theme (chosen as a person does, Settings > Theme) the page is
resized in place through the three sizes and the notebook's outputs are measured with
``phone_measure.js``: nothing past the right edge, no label cut, every control at least
44 x 44 px. axe-core finds no critical or serious violation in what the notebook shows, at
phone size, light and dark. Every chart shown is photographed: its ground follows the theme
(dark on dark), and its text is drawn at 4.5:1 or more against it.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from psoas_lib.journal.sample import write_synthetic_journal

from .conftest import NOTEBOOKS, LabServer, failing_violations, lab_notebook_root
from .test_pages import NOTEBOOK_PART, lab_theme
from .test_phone import ELSEWHERE, SIZES

PAGES = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
#: What the notebook's cells show (JupyterLab's own prompts, menus and editors are not ours).
OUTPUTS = f"{_PANEL} .jp-OutputArea-output"
#: Every chart a notebook shows (inline SVG, or a picture; figures such as the schematic are
#: drawn on their own light card by design and are not charts).
CHARTS = f"{_PANEL} .jp-OutputArea-output :is(svg.psoas-chart, img.psoas-chart)"
#: The notebooks that show charts (the self-assessment's scores, the progress charts).
CHARTED = ("01_", "03_")
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}
MEASURE = (Path(__file__).with_name("phone_measure.js")).read_text(encoding="utf-8")
#: Seconds each notebook took (open, run, two themes at three sizes), printed at the end.
TIMES: dict[str, float] = {}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """This file's JupyterLab, on a copy of notebooks/, with a synthetic journal."""
    work = tmp_path_factory.mktemp("lab-phone")
    home = work / "psoas-home"
    home.mkdir()
    write_synthetic_journal(home)
    server = LabServer(work, home, lab_notebook_root(work))
    try:
        server.start()
        yield server
    finally:
        server.stop()


def luminance(rgb: tuple[int, ...]) -> float:
    """WCAG relative luminance of an sRGB colour (0 black to 1 white).

    >>> round(luminance((255, 255, 255)), 3), round(luminance((0, 0, 0)), 3)
    (1.0, 0.0)
    """
    channels = [c / 255 for c in rgb[:3]]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _ratio(one: float, other: float) -> float:
    return max(one, other) / min(one, other)


def ground_and_ink(png: bytes) -> tuple[float, float]:
    """The luminance of an image's ground (its commonest colour) and the share of its pixels
    with a contrast of 4.5:1 or more against that ground (the text and axes)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = image.getcolors(maxcolors=image.width * image.height) or []
    ground = luminance(max(counts)[1])
    total = sum(n for n, _ in counts)
    g = ground + 0.05
    ink = sum(n for n, colour in counts if _ratio(luminance(colour) + 0.05, g) >= 4.5)
    return ground, ink / total


@pytest.mark.parametrize(
    ("ground", "ink", "share", "expected"),
    [
        # white card, 1 % black text: ground 1.0, contrast 21:1
        ((255, 255, 255), (0, 0, 0), 0.01, (1.0, 0.01)),
        # dark card #1e1e1e, 2 % text #e0e0e0 (13:1)
        ((30, 30, 30), (224, 224, 224), 0.02, (0.013, 0.02)),
        # dark card, 2 % text #333333: 1.3:1, no ink counts
        ((30, 30, 30), (51, 51, 51), 0.02, (0.013, 0.0)),
    ],
)
def test_ground_and_ink_reads_an_image(ground, ink, share, expected):
    from PIL import Image

    image = Image.new("RGB", (100, 100), ground)
    image.paste(ink, (0, 0, 100, round(100 * share)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    found = ground_and_ink(buffer.getvalue())
    assert found == pytest.approx(expected, abs=0.001)


def problems(page, where: str) -> list[str]:
    found = page.evaluate(MEASURE, OUTPUTS)
    small = [s for s in found["small"] if not s.startswith(ELSEWHERE)]
    return (
        [f"{where}: past the right edge: {e}" for e in found["past"]]
        + [f"{where}: under 44 x 44 px: {e}" for e in small]
        + [f"{where}: label cut: {e}" for e in found["cut"]]
    )


#: An SVG chart's ground (matplotlib's figure patch) and each text's fill, as drawn (the CSS
#: variables resolved), as "rgb(r, g, b)".
SVG_COLOURS_JS = """svg => ({
  ground: getComputedStyle(svg.querySelector('g[id^="patch_"] path')).fill,
  texts: [...svg.querySelectorAll('text')].map(t => [t.textContent, getComputedStyle(t).fill]),
})"""


def rgb(css: str) -> tuple[int, ...]:
    """``"rgb(30, 30, 30)"`` -> ``(30, 30, 30)``.

    >>> rgb("rgb(30, 30, 30)")
    (30, 30, 30)
    """
    return tuple(int(float(v)) for v in css[css.index("(") + 1 : css.index(")")].split(","))[:3]


def chart_problems(page, theme: str, where: str) -> list[str]:
    """Each chart's ground is the theme's (dark under 0.05 luminance, light over 0.8, from
    its picture); an SVG chart's every text has 4.5:1 against its ground (from the colours
    drawn), a picture has ink at 4.5:1 (at least 0.05 % of its pixels)."""
    found = []
    charts = page.locator(CHARTS)
    if where.startswith(CHARTED) and charts.count() == 0:
        found.append(f"{where}: no chart shown")
    for k in range(charts.count()):
        chart = charts.nth(k)
        box = chart.bounding_box()
        if not box or box["width"] < 100 or box["height"] < 40:
            continue  # an icon, not a chart
        ground, ink = ground_and_ink(chart.screenshot())
        name = (chart.get_attribute("aria-label") or chart.get_attribute("alt") or "")[:40]
        print(f"{where}: chart {name!r}: ground luminance {ground:.3f}, ink {ink:.2%}")
        if (theme == "dark" and ground > 0.05) or (theme == "light" and ground < 0.8):
            found.append(f"{where}: chart {name!r} ground luminance {ground:.2f} in {theme}")
        if chart.evaluate("el => el.tagName.toLowerCase() === 'svg'"):
            drawn = chart.evaluate(SVG_COLOURS_JS)
            card = luminance(rgb(drawn["ground"])) + 0.05
            for text, fill in drawn["texts"]:
                if text.strip() and _ratio(luminance(rgb(fill)) + 0.05, card) < 4.5:
                    found.append(
                        f"{where}: chart {name!r} text {text!r} {fill} on {drawn['ground']}"
                    )
        elif ink < 0.0005:
            found.append(f"{where}: chart {name!r} has {ink:.2%} of pixels at 4.5:1")
    return found


def run_all(nb) -> None:
    """Run All; once more when the cells stopped short (a press half lost on a loaded machine)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        nb.run_all(timeout=150_000)
    except PlaywrightTimeout:
        nb.run_all(timeout=150_000)


@pytest.mark.parametrize("name", PAGES)
def test_notebook_fits_a_phone_light_and_dark(page, open_notebook, name):
    started = time.monotonic()
    nb = open_notebook(f"notebooks/{name}")
    run_all(nb)
    page.wait_for_load_state("networkidle")
    # the file browser folded away, as a person on a phone does first (a tap on its tab)
    page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()
    found: list[str] = []
    try:
        for theme, label in THEMES.items():
            page.set_viewport_size({"width": 1280, "height": 900})  # the menu bar in full
            lab_theme(page, label)
            for width, height in SIZES:
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_timeout(300)  # one layout after the resize
                found += problems(page, f"{name} {theme} {width}x{height}")
            page.set_viewport_size({"width": 390, "height": 844})
            if name.startswith("02_"):  # the player's Full dose switch shows its label
                label = page.locator(f"{_PANEL} .widget-checkbox", has_text="Full dose").first
                box = label.locator(".widget-label-basic").bounding_box()
                if not box or box["width"] < 44 or box["height"] < 44:
                    found.append(f"{name} {theme}: the Full dose label is not shown: {box}")
            found += chart_problems(page, theme, f"{name} {theme}")
            found += [f"{name} {theme} axe: {v}" for v in failing_violations(page, NOTEBOOK_PART)]
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
        lab_theme(page, "JupyterLab Light")  # the theme is saved in the session's settings
    TIMES[name] = time.monotonic() - started
    print(f"{name}: {TIMES[name]:.1f} s")
    assert found == [], "\n".join(found)
