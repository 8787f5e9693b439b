"""Answers in view (Voila app, notebook 02's player): whatever a press brings shows inside
the window, holds the focus and is said to screen readers, at 1280 x 900 and 390 x 844.

One flow per size: Start on a routine of static holds (the warm-up question), confirm and
Start, Stop (the end, with Save), Save, Start, the pain stop (the advice and the pain form),
then choosing another routine (a refusal: nothing more starts after a pain stop). Each
answer's parts must lie inside the viewport, the focus must be in the answer, and its words
must be in a live region (role=alert or role=status).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import VoilaServer, lab_notebook_root, option_labels

# Is each selector's (first visible) element wholly inside the viewport?
IN_VIEW_JS = """(selectors) => selectors.map((css) => {
  const el = [...document.querySelectorAll(css)].find((e) => e.getClientRects().length > 0);
  if (!el) return {css, found: false};
  const r = el.getBoundingClientRect();
  return {css, found: true, top: Math.round(r.top), bottom: Math.round(r.bottom),
          inside: r.top >= -1 && r.bottom <= innerHeight + 1 && r.height > 0};
})"""
FOCUS_IN_JS = "(css) => document.activeElement?.closest(css) !== null"
LIVE_JS = """(role) => [...document.querySelectorAll(`.psoas-reveal [role=${role}]`)]
  .map((e) => e.textContent).join(' ')"""


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """A Voila of this module's own: its pain stops and sessions stay out of other tests."""
    work = tmp_path_factory.mktemp("voila-answers")
    home = work / "psoas-home"
    home.mkdir()
    server = VoilaServer(work, home, lab_notebook_root(work) / "notebooks")
    try:
        server.start()
        yield server
    finally:
        server.stop()


def assert_in_view(page, answer: str, parts: list[str], role: str, words: str) -> None:
    """The answer (CSS class) is revealed: its parts inside the window, the focus in it,
    its words said in the live region of ``role``."""
    page.wait_for_function(
        "(css) => (document.querySelector('.psoas-reveal')?.dataset.revealed || '')"
        ".startsWith(css + '#')",
        arg=answer,
    )
    boxes = page.evaluate(IN_VIEW_JS, parts)
    size = page.viewport_size
    assert all(b["found"] and b["inside"] for b in boxes), (answer, size, boxes)
    assert page.evaluate(FOCUS_IN_JS, f".{answer}"), f"{answer}: the focus is elsewhere"
    page.wait_for_function(
        "([js, role, words]) => eval(js)(role).includes(words)", arg=[LIVE_JS, role, words]
    )


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)], ids=["1280x900", "390x844"])
def test_every_answer_is_in_view_focused_and_said(browser, voila, size):
    for old in voila.home.iterdir():  # a fresh journal for each size: no earlier pain stop
        if old.is_file():
            old.unlink()
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.goto(voila.url("02_run_a_routine.ipynb"))
        select = page.locator(".psoas-routine-picker select")
        expect(select).to_be_visible(timeout=60_000)
        labels = option_labels(select)
        select.select_option(
            index=next(i for i, t in enumerate(labels) if t.startswith("Post-workout release"))
        )
        expect(page.locator(".psoas-warm-up-note")).to_be_visible()

        page.locator(".psoas-start").click()  # static holds, no warm-up: the question
        assert_in_view(
            page,
            "psoas-warm-up-box",
            [".psoas-warm-up-box button.psoas-warm-up", ".psoas-warm-up-box .psoas-warmed-up"],
            "status",
            "Warm up first",
        )
        page.locator(".psoas-warmed-up").click()
        page.locator(".psoas-start").click()
        expect(page.locator(".psoas-pause")).to_be_enabled()

        page.locator(".psoas-stop").click()  # the end: the log form with Save
        assert_in_view(
            page, "psoas-log", [".psoas-log-summary", "button.psoas-save"], "status", "Log it?"
        )
        page.locator(".psoas-save").click()
        expect(page.locator(".psoas-saved")).to_have_text("Saved")

        page.locator(".psoas-start").click()
        expect(page.locator(".psoas-pause")).to_be_enabled()
        page.locator(".psoas-pain-stop").click()  # the advice, then the pain form
        assert_in_view(
            page,
            "psoas-safety",
            [".psoas-safety", ".psoas-pain-place select"],
            "alert",
            "Stopped for sharp pain",
        )

        select.select_option(index=labels.index(next(t for t in labels if "Desk reset" in t)))
        assert_in_view(  # refused: nothing more starts after a pain stop today
            page, "psoas-safety-panel", [".psoas-safety-reason"], "alert", "sharp pain"
        )
    finally:
        context.close()
