"""The app: one page with a home, a navigation bar and every part of the workbook.

``make app`` serves ``notebooks/app.ipynb`` with Voila, whose one call is :class:`App`: a
navigation bar (Home, Start here, Check yourself, Run a routine, My progress, My plan,
Check my journal) above the page chosen. Each page is built the first time it is opened and
kept, so a routine running on one page keeps running while you look at another, and the
pages follow one another live (one kernel; :mod:`psoas_lib.events`). The home page
says what the workbook is for, shows today's session at your levels with one **Start**
button, and leads to the rest. A page or part that needs a damaged file shows its one-line
message (file, line, fix) and the parts that do not need it still work.

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

import logging
from collections.abc import Callable
from html import escape
from pathlib import Path

import ipywidgets as widgets

from psoas_lib import events
from psoas_lib.content.catalog import Catalog
from psoas_lib.errors import PsoasError
from psoas_lib.progress import Now, local_now
from psoas_lib.ui.live import error_html, later, watched_home
from psoas_lib.ui.notebook import PAGES, set_app_mode
from psoas_lib.ui.theme import legible, phone_style

__all__ = ["TITLES", "App", "HomePage", "NavBar"]

#: The app's pages in the order of the navigation bar.
TITLES = {
    "home": "Home",
    **{key: title for key, (_notebook, title) in PAGES.items()},
    "journal": "Check my journal",
}
ICONS = {
    "home": "home",
    "start": "book",
    "check": "check-square",
    "run": "play",
    "progress": "line-chart",
    "plan": "calendar",
    "journal": "wrench",
}
WELCOME = (
    "<p>Stretch and strengthen your psoas and the other hip flexors: "
    "a short check of the signs, timed routines to do on the mat, and your progress over "
    "the weeks. Everything you record stays in your own data folder.</p>"
    "<p><i>A guide to exercises, not medical advice: warm up first, never bounce, stop at "
    "once on sharp or radiating pain, and see a professional if you have a hip or back "
    "injury.</i></p>"
)
_log = logging.getLogger(__name__)


class NavBar(widgets.HBox):
    """One button a page; the current page's is highlighted. ``on_go(key)`` on a click."""

    def __init__(self, on_go: Callable[[str], None]) -> None:
        self.buttons: dict[str, widgets.Button] = {}
        for key, title in TITLES.items():
            button = widgets.Button(
                description=title,
                icon=ICONS[key],
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


def _safe(build: Callable[[], widgets.Widget], what: str) -> widgets.Widget:
    """``build()``, or the one-line message of the file it could not read (never a
    traceback); an unexpected failure says so in one line too, and is logged."""
    try:
        return build()
    except PsoasError as exc:
        view = widgets.HTML(error_html(str(exc)))
    except Exception as exc:  # an app page never shows a traceback
        _log.exception("could not build %s", what)
        view = widgets.HTML(
            f'<p class="psoas-error" role="alert"><b>{escape(what)} could not be shown:</b> '
            f"{escape(type(exc).__name__)}: {escape(str(exc))}</p>"
        )
    view.add_class("psoas-friendly-error")
    return view


def _heading(key: str, about: str = "") -> widgets.HTML:
    text = f"<h2>{escape(TITLES[key])}</h2>" + (f"<p>{escape(about)}</p>" if about else "")
    view = widgets.HTML(text)
    view.add_class(f"psoas-page-title-{key}")
    return view


def _catalog(home: Path | str | None) -> tuple[Catalog, str]:
    """The catalog with the user's routines, or the presets and the message of the routine
    file that did not load."""
    from psoas_lib.content.catalog import load_catalog

    try:
        return load_catalog(home=home), ""
    except PsoasError as exc:
        return load_catalog(home=home, user=False), str(exc)


class HomePage(widgets.VBox):
    """The welcome, today's (or the next) session at your levels with Start, and the player."""

    def __init__(self, home: Path | str | None = None, *, now: Now = None) -> None:
        self.home, self.now = home, now
        self.routine_id: str | None = None
        self.welcome = widgets.HTML(WELCOME)
        self.today = widgets.HTML()
        self.today.add_class("psoas-home-today")
        self.start_button = widgets.Button(
            description="Start",
            icon="play",
            button_style="success",
            tooltip="Start this session now",
            layout=widgets.Layout(width="10em", min_height="44px"),
        )
        legible(self.start_button)
        self.start_button.add_class("psoas-home-start")
        self.start_button.on_click(lambda _b: self.start())
        self.slot = widgets.VBox()
        self.slot.add_class("psoas-home-player")
        self.player: widgets.Widget | None = None
        super().__init__([self.welcome, self.today, self.start_button, self.slot])
        self.add_class("psoas-home")
        self.show()
        self._watch = events.observe(self._changed, home=watched_home(home))

    def _changed(self, _change: events.Change) -> None:
        later(self.show)

    def _levelled(self):  # -> (catalog at your levels, routine id, start, day is today, errors)
        from psoas_lib.journal.reading import empty_frame
        from psoas_lib.journal.schema import SESSIONS
        from psoas_lib.journal.store import Journal
        from psoas_lib.plan.progression import levelled_catalog, replay_progression
        from psoas_lib.plan.weekly import current_plan, default_plan
        from psoas_lib.ui.plan import next_session

        errors: list[str] = []
        catalog, problem = _catalog(self.home)
        if problem:
            errors.append(problem)
        try:
            plan = current_plan(catalog, self.home)
        except PsoasError as exc:
            errors.append(str(exc))
            plan = default_plan(catalog)
        try:
            sessions = Journal(self.home).sessions()
        except PsoasError as exc:
            errors.append(str(exc))
            sessions = empty_frame(SESSIONS)
        progression = replay_progression(
            sessions,
            catalog,
            beyond_top_dose=plan.beyond_top_dose,
        )
        day, start = next_session(plan, self.now)
        today = start.date() == local_now(self.now).date()
        levelled = levelled_catalog(catalog, progression)
        return levelled, day.routine_id, start, today, errors

    def show(self) -> None:
        """Today's session, or the next one, at your current levels."""
        from psoas_lib.clock import format_clock

        catalog, routine_id, start, today, errors = self._levelled()
        routine = catalog.routines[routine_id]
        self.routine_id = routine_id
        when = f"Today at {start:%H:%M}" if today else f"Next: {start:%A %d %B} at {start:%H:%M}"
        exercises = ", ".join(item.exercise.name for item in routine.items)
        self.today.value = (
            "".join(error_html(e) for e in errors)
            + f"<h3>Your session</h3><p><b>{escape(when)}:</b> {escape(routine.name)}, "
            f"{format_clock(routine.total_seconds)} at your levels ({escape(exercises)}).</p>"
        )

    def start(self) -> None:
        """Open the player on this session at your levels and start it."""
        from psoas_lib.ui.player import Player

        catalog, routine_id, _start, _today, _errors = self._levelled()
        if self.player is not None and self.player.session.state().started:
            return  # one is under way: its own buttons pause or stop it
        self.player = Player(routine_id, catalog=catalog, home=self.home)
        self.slot.children = (self.player,)
        self.player.start()


class App(widgets.VBox):
    """The navigation bar and the page shown; pages are built when first opened."""

    def __init__(self, home: Path | str | None = None, *, now: Now = None) -> None:
        set_app_mode(True)  # texts name pages, never notebooks, cells or terminals
        self.home, self.now = home, now
        self.nav = NavBar(self.go)
        self.body = widgets.VBox()
        self.body.add_class("psoas-app-page")
        self.pages: dict[str, widgets.Widget] = {}
        self.current = ""
        self.builders: dict[str, Callable[[], widgets.Widget]] = {
            "home": self._home,
            "start": self._start_here,
            "check": self._check,
            "run": self._run,
            "progress": self._progress,
            "plan": self._plan,
            "journal": self._journal,
        }
        super().__init__([self.nav, self.body, phone_style()])  # every page phone-first
        self.add_class("psoas-app")
        self.go("home")

    @property
    def home_page(self) -> HomePage:
        return self.pages["home"].children[1]

    def go(self, key: str) -> None:
        """Show the page ``key`` (building it the first time)."""
        if key not in self.pages:
            self.pages[key] = _safe(self.builders[key], TITLES[key])
            self.pages[key].add_class(f"psoas-page-{key}")
        self.body.children = (self.pages[key],)
        self.current = key
        self.nav.mark(key)

    # ----------------------------------------------------------------- pages

    def _page(self, key: str, about: str, *parts: Callable[[], widgets.Widget]) -> widgets.VBox:
        """A page: its title, then each part built on its own (one failing leaves the rest)."""
        return widgets.VBox([_heading(key, about), *(_safe(p, TITLES[key]) for p in parts)])

    def _home(self) -> widgets.Widget:
        return widgets.VBox([widgets.HTML(), HomePage(self.home, now=self.now)])

    def _start_here(self) -> widgets.Widget:
        from psoas_lib.ui.catalog_browser import CatalogBrowser
        from psoas_lib.ui.guide import show_data_home, show_guide, show_routines, show_section
        from psoas_lib.ui.images import chart_image
        from psoas_lib.ui.schematic import psoas_schematic

        def html(text: str) -> widgets.HTML:
            return widgets.HTML(text)

        def schematic() -> widgets.Widget:
            return chart_image(psoas_schematic(), max_width="24em")  # with its alt text

        def routines() -> widgets.Widget:
            catalog, problem = _catalog(self.home)
            return html(
                (error_html(problem) if problem else "")
                + "<h3>The routines</h3>"
                + show_routines(catalog).data
            )

        return self._page(
            "start",
            "What the psoas is, why it matters, how to stay safe, and the exercises and routines.",
            lambda: html(show_section("what-where").data),
            schematic,
            lambda: html(show_guide("why", "benefits").data),
            lambda: html(show_section("signs").data + show_section("safety").data),
            lambda: html(show_guide("how-often", "before-after", "activities").data),
            lambda: html("<h3>The exercises</h3><p>Choose one to see its steps and dose.</p>"),
            CatalogBrowser,
            routines,
            lambda: html("<h3>Your data</h3>" + show_data_home(self._folder()).data),
        )

    def _folder(self) -> Path:
        return watched_home(self.home)

    def _check(self) -> widgets.Widget:
        from psoas_lib.ui.checklist import ChecklistWidget
        from psoas_lib.ui.live import SuggestedRoutine, live_assessment_chart

        catalog, problem = _catalog(self.home)
        checklist = ChecklistWidget(home=self.home, catalog=catalog)
        parts: list[widgets.Widget] = [
            _heading(
                "check",
                "Tick the signs that sound familiar: the result and the suggested routine "
                "follow your ticks. Save adds the assessment to your journal. It guides you "
                "to the exercises; it is not a diagnosis.",
            )
        ]
        if problem:
            parts.append(widgets.HTML(error_html(problem)))
        parts += [
            checklist,
            widgets.HTML("<h3>Your suggested routine</h3>"),
            SuggestedRoutine(checklist),
            widgets.HTML("<h3>Your scores over time</h3>"),
            live_assessment_chart(self.home),
        ]
        return widgets.VBox(parts)

    def _run(self) -> widgets.Widget:
        from psoas_lib.ui.player import Player
        from psoas_lib.ui.routine_builder import RoutineBuilder

        player = Player(home=self.home)  # a damaged routine file: it says so, presets run
        parts: list[widgets.Widget] = [
            _heading(
                "run",
                "Choose a routine, put the screen where you can see it from the mat and press "
                "Start. Sharp pain: stop at once. At the end, rate your tightness and Save.",
            )
        ]
        parts += [
            player,
            widgets.HTML("<h3>Build your own routine</h3>"),
            _safe(lambda: RoutineBuilder(on_save=player.add_routine), "The routine builder"),
        ]
        return widgets.VBox(parts)

    def _progress(self) -> widgets.Widget:
        from psoas_lib.ui.plan import live_planned_vs_done
        from psoas_lib.ui.progress import ProgressView
        from psoas_lib.ui.share import ShareView

        return self._page(
            "progress",
            "Your weeks against the goal of 3 to 5 sessions, your streak and your tightness "
            "over time, from your own journal.",
            lambda: ProgressView(self.home, now=self.now),
            lambda: widgets.HTML("<h3>Planned against done</h3>"),
            lambda: live_planned_vs_done(self.home),
            lambda: widgets.HTML("<h3>Share with your physiotherapist</h3>"),
            lambda: ShareView(self.home),
        )

    def _plan(self) -> widgets.Widget:
        from psoas_lib.ui.plan import PlanPage

        page = PlanPage(self.home, now=self.now)
        self._plan_page = page  # the page's parts observe the journal through it

        def title(text: str) -> widgets.HTML:
            return widgets.HTML(f"<h3>{escape(text)}</h3>")

        return widgets.VBox(
            [
                _heading(
                    "plan",
                    "Plan 3 to 5 sessions a week, see this week against it, and watch each "
                    "exercise's dose rise gently.",
                ),
                page.programme,
                title("Set your plan"),
                page.editor,
                title("This week"),
                page.week,
                title("Run your next session"),
                _safe(page.player, "The player"),
                title("Your levels"),
                page.levels,
                title("Put it in your calendar"),
                page.export,
            ]
        )

    def _journal(self) -> widgets.Widget:
        from psoas_lib.ui.journal_check import JournalCheck

        return self._page(
            "journal",
            "Every problem in your journal files, with the line and the fix; Repair keeps "
            "the original as a backup. Your journal as CSV or JSON files.",
            lambda: JournalCheck(self.home),
        )
