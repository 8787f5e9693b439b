"""The workbook's pages and their parts, declared once: the notebooks, the app and the page
names in texts all read this list.

A :class:`Page` is one page of the app and the notebook that shows the same parts (a notebook
may show several pages: *My progress* then *Check my journal*); a :class:`Part` is one thing
on it, built by :mod:`psoas_lib.ui.parts` (``open_page(key).part(part_key)``). The app shows a
part under its ``heading``; a notebook puts its own words in a markdown cell above it instead.
A part with ``app=False`` is shown in the notebook only (the notebook map: the app has its
navigation bar; each chart as a plain figure to copy). This module holds data only, so that
every view can name a page (:func:`psoas_lib.ui.notebook.page_ref`) without importing them.

>>> page("run").title, [p.key for p in page("run").parts]
('Run a routine', ['player', 'builder'])
>>> [p.key for p in PAGES if p.nav][:3]
['home', 'start', 'check']
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PAGES", "Page", "Part", "page"]


@dataclass(frozen=True)
class Part:
    """One part of a page: its ``key`` (unique on its page), the app's ``heading`` above it
    (``""``: none, the part titles itself), whether the app shows it (``app``), and whether
    the app builds it just after the page is shown (``later``: a chart, slow to draw, or a
    part below a long one, so the page opens without waiting for it)."""

    key: str
    heading: str = ""
    app: bool = True
    later: bool = False


@dataclass(frozen=True)
class Page:
    """One page: its ``key``, its ``title`` (the navigation bar's button and the page's
    heading), the ``notebook`` that shows it in JupyterLab (``""``: the app only), what it is
    for (``about``, under the title in the app), the navigation bar's ``icon``, its ``parts``
    in order, whether the app's navigation bar offers it (``nav``) and whether the app shows
    its title above it (``titled``: the home page's welcome is its own)."""

    key: str
    title: str
    notebook: str
    about: str
    icon: str
    parts: tuple[Part, ...]
    nav: bool = True
    titled: bool = True

    def part(self, key: str) -> Part:
        """The part ``key`` of this page.

        >>> page("plan").part("editor").heading
        'Set your plan'
        """
        for found in self.parts:
            if found.key == key:
                return found
        known = ", ".join(p.key for p in self.parts)
        raise KeyError(f"page {self.key!r} has no part {key!r}; its parts: {known}")


#: Every page, in the order of the app's navigation bar.
PAGES: tuple[Page, ...] = (
    Page(
        "home",
        "Home",
        "",
        "",
        "home",
        (Part("home"),),
        titled=False,
    ),
    Page(
        "start",
        "Start here",
        "00_start_here.ipynb",
        "What the psoas is, why it matters, how to stay safe, and the exercises and routines.",
        "book",
        (
            Part("what-where"),
            Part("schematic", later=True),
            Part("why"),
            Part("signs"),
            Part("safety"),
            Part("when"),
            Part("exercises", "The exercises"),
            Part("routines", "The routines"),
            Part("data", "Your data"),
            Part("next", app=False),
        ),
    ),
    Page(
        "check",
        "Check yourself",
        "01_self_assessment.ipynb",
        "Tick the signs that sound familiar: the result and the suggested routine follow your "
        "ticks. Save adds the assessment to your journal. It guides you to the exercises; it "
        "is not a diagnosis.",
        "check-square",
        (
            Part("checklist"),
            Part("suggested", "Your suggested routine"),
            Part("scores", "Your scores over time", later=True),
        ),
    ),
    Page(
        "run",
        "Run a routine",
        "02_run_a_routine.ipynb",
        "Choose a routine, put the screen where you can see it from the mat and press Start. "
        "Sharp pain: stop at once. At the end, rate your tightness and Save.",
        "play",
        (
            Part("player"),
            Part("builder", "Build your own routine", later=True),
        ),
    ),
    Page(
        "progress",
        "My progress",
        "03_my_progress.ipynb",
        "Your weeks against the goal of 3 to 5 sessions, your streak and your tightness over "
        "time, from your own journal.",
        "line-chart",
        (
            Part("view"),
            Part("charts", app=False),
            Part("planned", "Planned against done"),
            Part("psfs", "Function scores"),
            Part("psfs-chart", later=True),
            Part("share", "Share with your physiotherapist"),
        ),
    ),
    Page(
        "plan",
        "My plan",
        "04_plan.ipynb",
        "Plan 3 to 5 sessions a week, see this week against it, and watch each exercise's "
        "dose rise gently.",
        "calendar",
        (
            Part("programme"),
            Part("editor", "Set your plan"),
            Part("week", "This week"),
            Part("player", "Run your next session", later=True),
            Part("levels", "Your levels", later=True),
            Part("export", "Put it in your calendar"),
        ),
    ),
    Page(
        "journal",
        "Check my journal",
        "03_my_progress.ipynb",
        "Every problem in your journal files, with the line and the fix; Repair keeps the "
        "original as a backup. Your journal as CSV or JSON files.",
        "wrench",
        (Part("check"),),
    ),
    Page(
        "coach",
        "Coach: your clients",
        "05_coach.ipynb",
        "For physiotherapists and coaches: the clients who shared with you, and a programme "
        "to hand out.",
        "users",
        (
            Part("clients"),
            Part("programme", "Hand out a programme"),
        ),
        nav=False,
    ),
)


def page(key: str) -> Page:
    """The page ``key``.

    >>> page("check").notebook
    '01_self_assessment.ipynb'
    """
    for found in PAGES:
        if found.key == key:
            return found
    raise KeyError(f"no page {key!r}; the pages: {', '.join(p.key for p in PAGES)}")
