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
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets
import pandas as pd

from psoas_lib import events
from psoas_lib.content.catalog import Catalog
from psoas_lib.errors import PsoasError
from psoas_lib.progress import Now, local_now
from psoas_lib.ui.live import error_html, later, watched_home
from psoas_lib.ui.notebook import PAGES, set_app_mode
from psoas_lib.ui.theme import legible, phone_style

if TYPE_CHECKING:
    from psoas_lib.coaching.safety import Verdict
    from psoas_lib.content.routine import Routine
    from psoas_lib.plan.progression import Progression

__all__ = ["TITLES", "App", "HomePage", "NavBar", "Proposal", "propose"]

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


@dataclass(frozen=True)
class Proposal:
    """Today's (or the next) session as the home page proposes it: from the gated plan
    (:func:`~psoas_lib.plan.weekly.proposed_plan`), with the safety state's verdict on it.

    ``catalog`` is the catalog as written and ``progression`` the user's levels (the player
    doses it: its *Full dose* is then the catalog's); ``routine`` is the session at your
    levels without its held-out exercises, as it would run.
    """

    catalog: Catalog
    progression: Progression
    routine: Routine
    start: datetime
    today: bool
    verdict: Verdict
    assessed: bool
    errors: tuple[str, ...] = ()


def _instant(now: Now) -> datetime:
    """``now`` as an aware instant (a naive time is the computer's local time).

    >>> _instant("2026-03-04 12:00").tzinfo is not None
    True
    """
    if now is None:
        return datetime.now().astimezone()
    moment = pd.Timestamp(now).to_pydatetime()
    return moment if moment.tzinfo is not None else moment.astimezone()


def propose(home: Path | str | None = None, now: Now = None) -> Proposal:
    """What the home page offers at ``now``: the next session of the gated plan, asked of the
    safety state (:func:`psoas_lib.coaching.safety.verdict`, the one gate every player asks).

    >>> import tempfile
    >>> p = propose(tempfile.mkdtemp(), "2026-03-04 12:00")
    >>> p.routine.id, p.verdict.allowed, p.assessed
    ('strength-builder', True, False)
    """
    from psoas_lib.coaching.safety import read_state, without
    from psoas_lib.journal.reading import empty_frame
    from psoas_lib.journal.schema import SESSIONS
    from psoas_lib.journal.store import Journal
    from psoas_lib.plan.progression import dosed_catalog, replay_progression
    from psoas_lib.plan.weekly import PlanBlocked, default_plan, proposed_plan
    from psoas_lib.ui.plan import next_session

    errors: list[str] = []
    catalog, problem = _catalog(home)
    if problem:
        errors.append(problem)
    moment = _instant(now)
    blocked: Verdict | None = None
    try:
        plan = proposed_plan(catalog, home, now=moment)
    except PlanBlocked as exc:  # a red flag: the panel says why; the plan is only shown
        blocked, plan = exc.verdict, exc.plan or default_plan(catalog)
    except PsoasError as exc:
        errors.append(str(exc))
        plan = default_plan(catalog)
    journal = Journal(home)
    try:
        sessions = journal.sessions()
    except PsoasError as exc:
        errors.append(str(exc))
        sessions = empty_frame(SESSIONS)
    try:
        assessed = not journal.assessments().empty
    except PsoasError:
        assessed = True  # damaged, not missing: the safety state says so
    progression = replay_progression(sessions, catalog, beyond_top_dose=plan.beyond_top_dose)
    day, start = next_session(plan, now)
    verdict = read_state(home).verdict(catalog.routines[day.routine_id], moment)
    if blocked is not None and verdict.allowed:  # never looser than the plan's answer
        verdict = blocked
    levelled = dosed_catalog(catalog, progression).routines[day.routine_id]
    return Proposal(
        catalog=catalog,
        progression=progression,
        routine=without(levelled, verdict.held_out),
        start=start,
        today=start.date() == local_now(now).date(),
        verdict=verdict,
        assessed=assessed,
        errors=tuple(errors),
    )


class HomePage(widgets.VBox):
    """The welcome, today's (or the next) session at your levels with Start, and the player.

    The session comes from the gated plan and is asked of the safety state: under a red
    flag, a pain stop today or an exercise held out, the safety panel says why and the ways
    on, and Start shows only when the session may run. With no assessment yet, *Check
    yourself* is offered first (``on_check`` opens that page in the app).
    """

    def __init__(
        self,
        home: Path | str | None = None,
        *,
        now: Now = None,
        on_check: Callable[[], None] | None = None,
    ) -> None:
        from psoas_lib.ui.safety import SafetyPanel

        self.home, self.now = home, now
        self.routine_id: str | None = None
        self.proposal: Proposal | None = None
        self.welcome = widgets.HTML(WELCOME)
        self.today = widgets.HTML()
        self.today.add_class("psoas-home-today")
        self.check_first = widgets.HTML()
        self.check_first.add_class("psoas-home-check-first")
        self.check_button = widgets.Button(
            description="Check yourself first",
            icon="check-square",
            tooltip="Open the Check yourself page",
            layout=widgets.Layout(width="auto", min_height="44px"),
        )
        self.check_button.add_class("psoas-home-check")
        self.check_button.on_click(lambda _b: on_check() if on_check else None)
        self.check_box = widgets.VBox(
            [self.check_first, *([self.check_button] if on_check else [])]
        )
        self.safety = SafetyPanel(home, on_cleared=self.show, now=lambda: _instant(self.now))
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
        super().__init__(
            [self.welcome, self.today, self.check_box, self.safety, self.start_button, self.slot]
        )
        self.add_class("psoas-home")
        self.show()
        self._watch = events.observe(self._changed, home=watched_home(home))

    def _changed(self, _change: events.Change) -> None:
        later(self.show)

    def show(self) -> Proposal:
        """Today's session, or the next one, at your current levels, as the gate answers."""
        from psoas_lib.clock import format_clock
        from psoas_lib.ui.notebook import page_ref
        from psoas_lib.ui.psfs import psfs_due_html

        found = self.proposal = propose(self.home, self.now)
        routine, verdict = found.routine, found.verdict
        self.routine_id = routine.id
        start = found.start
        when = (
            f"Today at {start:%H:%M}" if found.today else f"Next: {start:%A %d %B} at {start:%H:%M}"
        )
        exercises = ", ".join(item.exercise.name for item in routine.items)
        session = (
            f"<p><b>{escape(when)}:</b> {escape(routine.name)}, "
            f"{format_clock(routine.total_seconds)} at your levels ({escape(exercises)}).</p>"
            if verdict.allowed
            else "<p><b>No session for now</b>: see why below, and the ways on.</p>"
        )
        self.today.value = (
            "".join(error_html(e) for e in found.errors) + "<h3>Your session</h3>" + session
        )
        self.check_first.value = (
            ""
            if found.assessed
            else "<p><b>New here? Check yourself first:</b> a short checklist of the signs "
            f"({page_ref('check')}) tells you which routine suits you and whether to see a "
            "professional before you exercise.</p>"
        )
        self.check_box.layout.display = "none" if found.assessed else "flex"
        self.today.value += psfs_due_html(self.home, _instant(self.now).date())
        self.safety.show(verdict if verdict.reasons else None)
        self.start_button.layout.display = "flex" if verdict.allowed else "none"
        return found

    def start(self) -> None:
        """Open the player on this session at your levels and start it (the player asks the
        safety state again: nothing runs that it refuses)."""
        from psoas_lib.ui.player import Player

        if self.player is not None and self.player.session.active:
            return  # one is under way: its own buttons pause or stop it
        found = self.show()
        if not found.verdict.allowed:
            return  # the safety panel says why and the ways on
        self.player = Player(
            found.routine.id, catalog=found.catalog, home=self.home, levels=found.progression
        )
        self.slot.children = (self.player,)
        self.player.start()  # a warm-up due or a refusal: the player brings it into view
        if self.player.session.state().started:  # the running player, in view
            self.player.reveal.show(
                "psoas-controls", f"{found.routine.name} started.", focus="button.psoas-pause"
            )


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
        page: HomePage = self.pages["home"].children[1]
        return page

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
        return widgets.VBox(
            [widgets.HTML(), HomePage(self.home, now=self.now, on_check=lambda: self.go("check"))]
        )

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
