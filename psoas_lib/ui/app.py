"""The app: one page with a home, a navigation bar and every part of the workbook.

``make app`` serves ``notebooks/app.ipynb`` with Voila, whose one call is :class:`App`: a
navigation bar (Home, Start here, Check yourself, Run a routine, My progress, My plan,
Check my journal) above the page chosen. The pages and their parts are the ones the notebooks
show, read from one declaration (:data:`psoas_lib.ui.pages.PAGES`, built by
:mod:`psoas_lib.ui.parts`). Each page is built the first time it is opened and kept, so a
routine running on one page keeps running while you look at another, and the pages follow
one another live (one kernel; :mod:`psoas_lib.events`). A page or part that needs a damaged
file shows its one-line message (file, line, fix) and the parts that do not need it still work.

>>> import tempfile
>>> app = App(home=tempfile.mkdtemp(), now="2026-03-04 12:00")
>>> [b.description for b in app.nav.buttons.values()][:3]
['Home', 'Start here', 'Check yourself']
>>> "Today at 18:30" in app.home_page.today.value  # the default plan: Mon, Wed, Fri, 18:30
True
>>> app.go("plan"); app.current
'plan'
>>> app.nav.buttons["home"].click(); app.current
'home'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape
from pathlib import Path

import ipywidgets as widgets

from psoas_lib.progress import Now
from psoas_lib.ui.home import WELCOME, HomePage, Proposal, propose
from psoas_lib.ui.live import later
from psoas_lib.ui.notebook import set_app_mode
from psoas_lib.ui.pages import PAGES, Page, page
from psoas_lib.ui.parts import OpenPage, as_widget, open_page, safe
from psoas_lib.ui.theme import phone_style

__all__ = ["TITLES", "WELCOME", "App", "HomePage", "NavBar", "Proposal", "propose"]

#: The app's pages in the order of the navigation bar.
TITLES = {p.key: p.title for p in PAGES if p.nav}


class NavBar(widgets.HBox):
    """One button a page; the current page's is highlighted. ``on_go(key)`` on a click."""

    def __init__(self, on_go: Callable[[str], None]) -> None:
        self.buttons: dict[str, widgets.Button] = {}
        for shown in (p for p in PAGES if p.nav):
            key, title = shown.key, shown.title
            button = widgets.Button(
                description=title,
                icon=shown.icon,
                tooltip=f"Go to {title}",
                layout=widgets.Layout(width="auto", min_height="44px"),
            )
            button.add_class("psoas-nav-button")
            button.add_class(f"psoas-nav-{key}")
            button.on_click(lambda _b, k=key: on_go(k))
            self.buttons[key] = button
        super().__init__(
            list(self.buttons.values()), layout=widgets.Layout(flex_flow="row wrap", grid_gap="4px")
        )
        self.add_class("psoas-nav")

    def mark(self, key: str) -> None:
        for k, button in self.buttons.items():
            button.button_style = "primary" if k == key else ""
            if k == key:
                button.add_class("psoas-nav-current")
            else:
                button.remove_class("psoas-nav-current")


def _heading(shown: Page) -> widgets.HTML:
    """The page's title and what it is for (nothing for a page that titles itself)."""
    text = (
        f"<h2>{escape(shown.title)}</h2>" + (f"<p>{escape(shown.about)}</p>" if shown.about else "")
        if shown.titled
        else ""
    )
    view = widgets.HTML(text)
    view.add_class(f"psoas-page-title-{shown.key}")
    return view


def _part_widget(opened: OpenPage, key: str) -> widgets.Widget:
    return as_widget(opened.part(key))


def page_view(opened: OpenPage) -> widgets.VBox:
    """A page as the app shows it: its title, then each of its app parts under its heading,
    each built on its own (one failing shows its message and leaves the rest)."""
    children: list[widgets.Widget] = [_heading(opened.page)]
    for part in opened.page.parts:
        if not part.app:
            continue
        if part.heading:
            children.append(widgets.HTML(f"<h3>{escape(part.heading)}</h3>"))
        build = partial(_part_widget, opened, part.key)
        if part.later:  # drawn once the page is on screen (at once outside a kernel)
            slot = widgets.VBox()
            slot.add_class(f"psoas-part-{opened.page.key}-{part.key}")
            later(partial(_fill, slot, build, opened.page.title))
            children.append(slot)
        else:
            children.append(safe(build, opened.page.title))
    return widgets.VBox(children)


def _fill(slot: widgets.VBox, build: Callable[[], widgets.Widget], what: str) -> None:
    slot.children = (safe(build, what),)


class App(widgets.VBox):
    """The navigation bar and the page shown; pages are built when first opened."""

    def __init__(self, home: Path | str | None = None, *, now: Now = None) -> None:
        set_app_mode(True)  # texts name pages, never notebooks, cells or terminals
        self.home, self.now = home, now
        self.nav = NavBar(self.go)
        self.body = widgets.VBox()
        self.body.add_class("psoas-app-page")
        self.pages: dict[str, widgets.Widget] = {}
        self.opened: dict[str, OpenPage] = {}
        self.current = ""
        super().__init__([self.nav, self.body, phone_style()])  # every page phone-first
        self.add_class("psoas-app")
        self.go("home")

    @property
    def home_page(self) -> HomePage:
        found: HomePage = self.opened["home"].part("home")
        return found

    def go(self, key: str) -> None:
        """Show the page ``key`` (building it the first time)."""
        if key not in self.pages:
            shown = page(key)

            def build() -> widgets.Widget:
                opened = self.opened[key] = open_page(key, self.home, now=self.now, go=self.go)
                return page_view(opened)

            self.pages[key] = safe(build, shown.title)
            self.pages[key].add_class(f"psoas-page-{key}")
        self.body.children = (self.pages[key],)
        self.current = key
        self.nav.mark(key)
